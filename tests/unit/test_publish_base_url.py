"""The base URL a publish builds for: loopback addresses, GitHub's addresses, the order."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import DEFAULT_BASE_URL, is_loopback
from generator.errors import PublishError
from generator.publish.base_url import (
    built_base_url,
    github_pages_url,
    resolve_base_url,
    static_cname,
)


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
    ],
)
def test_other_remotes_give_no_address(remote: str) -> None:
    assert github_pages_url(remote) is None


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
    with pytest.raises(PublishError) as caught:
        resolve_base_url("rsync", None, DEFAULT_BASE_URL, remote_target=True)
    assert "'base_url: https://YOUR-DOMAIN/'" in str(caught.value.hint)


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
    (tmp_path / "static/CNAME").write_text("https://art.example.org/\n", encoding="utf-8")
    assert static_cname(tmp_path) == ""
