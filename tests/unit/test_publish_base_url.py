"""The base URL a publish builds for: loopback addresses, GitHub's addresses, the order."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import DEFAULT_BASE_URL, is_loopback
from generator.errors import PublishError
from generator.publish.base_url import (
    built_base_url,
    built_portable,
    domain_problem,
    github_pages_url,
    resolve_base_url,
    static_cname,
)
from generator.publish.github_pages import pages_cname


@pytest.mark.parametrize(
    "url",
    [
        DEFAULT_BASE_URL,
        "http://LOCALHOST:4000/site/",
        "http://127.0.0.1:8000/",
        "http://127.1.2.3/",
        "http://[::1]:8000/",
        "http://0.0.0.0:8000/",
        "http://[::]/",
        "http://my-site.localhost/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost./",
    ],
)
def test_loopback_addresses_are_recognised(url: str) -> None:
    assert is_loopback(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "https://user.github.io/showcase/",
        "http://192.168.1.10/",
        "http://128.0.0.1/",
        "https://localhost.example.org/",
        "https://notlocalhost/",
        "http://[2001:db8::1]/",
    ],
)
def test_other_addresses_are_not_loopback(url: str) -> None:
    assert not is_loopback(url)


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:Painter/my-site.git", "https://painter.github.io/my-site/"),
        ("git@github.com:painter/my-site", "https://painter.github.io/my-site/"),
        ("https://github.com/painter/my-site.git", "https://painter.github.io/my-site/"),
        ("https://github.com/painter/my-site", "https://painter.github.io/my-site/"),
        ("https://github.com/painter/my-site/", "https://painter.github.io/my-site/"),
        ("https://token@github.com/painter/my.site.git", "https://painter.github.io/my.site/"),
        ("ssh://git@github.com/painter/my-site.git", "https://painter.github.io/my-site/"),
        ("ssh://git@github.com:22/painter/my-site.git", "https://painter.github.io/my-site/"),
        ("git@github.com:painter/painter.github.io.git", "https://painter.github.io/"),
        ("https://github.com/Painter/Painter.github.io", "https://painter.github.io/"),
    ],
)
def test_a_github_remote_gives_its_pages_address(remote: str, url: str) -> None:
    assert github_pages_url(remote) == url


@pytest.mark.parametrize(
    "remote",
    [
        "/srv/git/site.git",
        "git@gitlab.com:painter/my-site.git",
        "https://github.com/painter",
        "https://github.com/painter/my-site/tree/main",
        "https://github.com.evil.example/painter/my-site.git",
        "https://notgithub.com/painter/my-site.git",
        # Letters that only Unicode case folding makes ASCII: 'ſ' (s) and the Kelvin sign (K).
        "git@github.com:u\u017fer/repo.git",
        "git@github.com:painter/\u212arepo.git",
        "https://github.com/u/.git",
        "git@github.com:u/.git",
        "git@github.com:u/..",
        "git@github.com:u/...git",
        "git@github.com:-painter/my-site.git",
        "git@github.com:painter-/my-site.git",
        "git@github.com:pain--ter/my-site.git",
        f"git@github.com:{'a' * 40}/my-site.git",
        "git@github.com:painter/my site.git",
        'git@github.com:painter/my-site"x.git',
    ],
)
def test_other_remotes_give_no_address(remote: str) -> None:
    assert github_pages_url(remote) is None


def test_github_names_at_their_limits_still_give_an_address() -> None:
    owner = "a" * 39
    assert github_pages_url(f"git@github.com:{owner}/x.git") == f"https://{owner}.github.io/x/"
    assert (
        github_pages_url("git@github.com:p-a-i-n-t/x.git.git")
        == "https://p-a-i-n-t.github.io/x.git/"
    )
    assert github_pages_url("git@GitHub.COM:painter/_.-x") == "https://painter.github.io/_.-x/"


def test_the_command_line_wins_and_is_made_to_end_with_a_slash() -> None:
    chosen = resolve_base_url(
        "github-pages",
        "https://art.example.org/portfolio",
        "https://example.org/",
        remote_target=True,
        remote="git@github.com:painter/my-site.git",
    )
    assert chosen.url == "https://art.example.org/portfolio/"
    assert chosen.line() == "Base URL: https://art.example.org/portfolio/ (from --base-url)"


def test_site_yaml_wins_over_inference_unless_it_is_loopback() -> None:
    remote = "git@github.com:painter/my-site.git"
    kept = resolve_base_url(
        "github-pages", None, "https://example.org/", remote_target=True, remote=remote
    )
    assert (kept.url, kept.origin) == ("https://example.org/", "from site.yaml")
    inferred = resolve_base_url(
        "github-pages", None, DEFAULT_BASE_URL, remote_target=True, remote=remote
    )
    assert inferred.url == "https://painter.github.io/my-site/"
    assert remote in inferred.origin


def test_a_custom_domain_wins_over_the_repository() -> None:
    chosen = resolve_base_url(
        "github-pages",
        None,
        DEFAULT_BASE_URL,
        remote_target=True,
        remote="git@github.com:painter/my-site.git",
        cname="art.example.org",
    )
    assert chosen.url == "https://art.example.org/"
    assert "art.example.org" in chosen.origin


def test_without_a_way_to_infer_it_the_publish_stops_with_the_line_to_write() -> None:
    with pytest.raises(PublishError) as caught:
        resolve_base_url(
            "github-pages", None, DEFAULT_BASE_URL, remote_target=True, remote="/srv/site.git"
        )
    assert caught.value.path == "site.yaml"
    assert "'base_url: https://USER.github.io/REPOSITORY/'" in str(caught.value.hint)
    assert "--base-url" in str(caught.value.hint)
    assert "site.yaml sets 'base_url: http://localhost:8000/', this computer's" in str(caught.value)
    with pytest.raises(PublishError) as caught:
        resolve_base_url("rsync", None, DEFAULT_BASE_URL, remote_target=True, written=False)
    assert "'base_url: https://YOUR-DOMAIN/'" in str(caught.value.hint)
    assert "site.yaml sets no base_url, so the site would be built for http://localhost:8000/" in (
        str(caught.value)
    )


@pytest.mark.parametrize("given", ["http://127.0.0.1:8000/", "http://localhost/"])
def test_a_loopback_base_url_on_the_command_line_is_refused_for_a_server(given: str) -> None:
    with pytest.raises(PublishError, match="points at this computer"):
        resolve_base_url("rsync", given, "https://example.org/", remote_target=True)


def test_a_base_url_on_the_command_line_must_be_a_full_url() -> None:
    with pytest.raises(PublishError, match="full http"):
        resolve_base_url("directory", "example.org", DEFAULT_BASE_URL, remote_target=False)


def test_a_local_folder_may_keep_a_loopback_address() -> None:
    chosen = resolve_base_url("directory", None, DEFAULT_BASE_URL, remote_target=False)
    assert chosen.url == DEFAULT_BASE_URL


def test_the_base_url_a_folder_was_built_for_is_read_from_robots_or_the_sitemap(
    tmp_path: Path,
) -> None:
    assert built_base_url(tmp_path) is None
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://art.example.org/</loc></url></urlset>", encoding="utf-8"
    )
    assert built_base_url(tmp_path) == "https://art.example.org/"
    (tmp_path / "robots.txt").write_text(
        "User-agent: *\n\nSitemap: http://localhost:8000/sub/sitemap.xml\n", encoding="utf-8"
    )
    assert built_base_url(tmp_path) == "http://localhost:8000/sub/"


def test_a_cname_file_in_static_names_the_domain(tmp_path: Path) -> None:
    assert static_cname(tmp_path) == ""
    (tmp_path / "static").mkdir()
    (tmp_path / "static/CNAME").write_text("art.example.org\n", encoding="utf-8")
    assert static_cname(tmp_path) == "art.example.org"
    (tmp_path / "static/CNAME").write_text("\n  art.example.org.  \n", encoding="utf-8")
    assert static_cname(tmp_path) == "art.example.org."
    (tmp_path / "static/CNAME").write_text("\n\n", encoding="utf-8")
    assert static_cname(tmp_path) == ""


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('evil.com"onmouseover=alert(1)x<b>\n', 1),
        ("\nart.example.org/portfolio\n", 2),
        ("art example org\n", 1),
        ("localhost\n", 1),
        ("caf\u00e9.example\n", 1),
        ("-art.example.org\n", 1),
        ("art..example.org\n", 1),
    ],
)
def test_a_cname_file_that_is_not_a_domain_is_refused_with_its_file_and_line(
    tmp_path: Path, text: str, line: int
) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static/CNAME").write_text(text, encoding="utf-8")
    with pytest.raises(PublishError, match="bare domain name") as caught:
        static_cname(tmp_path)
    assert (caught.value.path, caught.value.line) == ("static/CNAME", line)
    assert "write just the domain" in str(caught.value.hint)


def test_a_cname_file_with_an_address_is_told_to_hold_just_its_domain(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static/CNAME").write_text("http://art.example.org\n", encoding="utf-8")
    with pytest.raises(PublishError, match="an address, not a domain name") as caught:
        static_cname(tmp_path)
    assert "write just the domain, art.example.org," in str(caught.value.hint)
    (tmp_path / "static/CNAME").write_bytes(b"\xff\xfe")
    with pytest.raises(PublishError, match="not UTF-8") as caught:
        static_cname(tmp_path)
    assert caught.value.path == "static/CNAME"


@pytest.mark.parametrize(
    "domain", ["art.example.org", "art.example.org.", "xn--caf-dma.example", "a-b.c9.example"]
)
def test_a_bare_domain_passes_the_one_domain_rule(domain: str) -> None:
    assert domain_problem(domain) is None


def test_cname_and_the_cname_file_share_the_domain_rule() -> None:
    with pytest.raises(PublishError, match="an address, not a domain name") as caught:
        pages_cname("https://art.example.org/", "")
    assert "write just the domain, art.example.org," in str(caught.value.hint)
    with pytest.raises(PublishError, match=r"'publish\.cname' in site\.yaml"):
        pages_cname(None, "evil.com<b>")
    assert pages_cname(None, "art.example.org") == "art.example.org"


def _site(folder: Path, head: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(
        f"<!doctype html><html><head>{head}</head><body>"
        '<a href="notes.html">an author\'s relative link</a></body></html>',
        encoding="utf-8",
    )
    return folder


def test_a_portable_build_is_told_by_its_relative_stylesheet_link(tmp_path: Path) -> None:
    assert not built_portable(tmp_path)  # no page: nothing says so
    served = _site(
        tmp_path / "served",
        '<link rel="canonical" href="https://example.org/">'
        '<link rel="stylesheet" href="/sub/css/site.css">',
    )
    assert not built_portable(served)
    portable = _site(
        tmp_path / "portable",
        '<link rel="canonical" href="https://example.org/"><link rel=stylesheet href=css/site.css>',
    )
    assert built_portable(portable)
