"""A site built for this computer's address is never published to a server: `init` writes no
such address, `publish` infers the real one, takes `--base-url`, or stops and says what to do.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.authoring.preview import preview
from generator.cli import cli
from generator.config import DEFAULT_BASE_URL, load_config

GITHUB = "git@github.com:Painter/my-site.git"


def git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=Someone", "-c", "user.email=someone@example.org"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


class _Canonical(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "canonical":
            self.href = found.get("href") or ""


def canonical(page: str) -> str:
    """The page's canonical link, minified or not."""
    parser = _Canonical()
    parser.feed(page)
    assert parser.href, page[:500]
    return parser.href


@pytest.fixture
def unset(tiny_project: Path) -> Path:
    """The tiny site with no base_url in its site.yaml, as init writes it."""
    settings = tiny_project / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "base_url: https://example.org/\n" in text
    settings.write_text(text.replace("base_url: https://example.org/\n", ""), encoding="utf-8")
    return tiny_project


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    repository = tmp_path / "site.git"
    git("init", "-q", "--bare", str(repository), cwd=tmp_path)
    return repository


@pytest.fixture
def github(bare: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``GITHUB`` stands for the local bare repository, as git's url.insteadOf makes it."""
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", f"url.{bare}.insteadOf")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", GITHUB)
    return bare


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def branches(repository: Path) -> str:
    return git("branch", "--list", cwd=repository)


def test_init_writes_no_localhost_and_explains_base_url(tmp_path: Path) -> None:
    code, output = run("init", str(tmp_path / "new"))
    assert code == 0, output
    text = (tmp_path / "new/site.yaml").read_text(encoding="utf-8")
    assert "localhost" not in text and "127.0.0.1" not in text
    assert "\n# base_url: https://" in text and "\nbase_url:" not in text
    assert "GitHub Pages:    base_url: https://your-name.github.io/my-site/" in text
    assert "your own domain: base_url: https://art.example.org/" in text
    assert load_config(tmp_path / "new").base_url == DEFAULT_BASE_URL


def test_a_site_without_base_url_builds_with_a_note_and_serves_at_the_preview_address(
    unset: Path, image_cache: Path
) -> None:
    result = CliRunner().invoke(cli, ["build", "-s", str(unset), "--cache-dir", str(image_cache)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower() and "Traceback" not in result.output
    # One note, not an error: what the links point at, and what to set before a server.
    note = result.stderr
    assert note.count("note: ") == 1, note
    assert f"built for {DEFAULT_BASE_URL}, this computer's address" in note
    assert "canonical links, sitemap and feed" in note and "fine for looking at it" in note
    assert "'base_url: https://YOUR-DOMAIN/'" in note and "--base-url https://" in note
    assert "note" not in result.stdout
    # The folder records what it was built for: robots.txt names the sitemap's address.
    assert f"Sitemap: {DEFAULT_BASE_URL}sitemap.xml" in (unset / "site/robots.txt").read_text(
        encoding="utf-8"
    )
    code, output = run("build", "-q", "-s", str(unset), "--cache-dir", str(image_cache))
    assert (code, output) == (0, "")  # --quiet hides it
    said: list[str] = []
    running = preview(unset, port=0, cache_dir=image_cache, report=said.append)
    try:
        page = (running.server.root / "index.html").read_text(encoding="utf-8")
        assert canonical(page) == running.url
    finally:
        running.shutdown()
    assert not [line for line in said if "note" in line or "base_url" in line]


@pytest.mark.parametrize(
    ("settings", "args", "noted"),
    [
        ("base_url: http://127.0.0.1:4000/sub/\n", (), "http://127.0.0.1:4000/sub/"),
        (
            "",
            ("--base-url", "http://localhost:9000"),
            "http://localhost:9000/, this computer's address (from --base-url",
        ),
        ("", ("--base-url", "https://art.example.org/"), None),
        ("base_url: https://art.example.org/\n", (), None),
    ],
)
def test_build_notes_a_loopback_base_url_and_no_other(
    unset: Path, image_cache: Path, settings: str, args: tuple[str, ...], noted: str | None
) -> None:
    yaml = unset / "site.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + settings, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", "-s", str(unset), "--cache-dir", str(image_cache), *args]
    )
    assert result.exit_code == 0, result.output
    if noted is None:
        assert result.stderr == ""
    else:
        assert f"note: the site is built for {noted}" in result.stderr


def test_github_pages_infers_the_address_from_the_origin_remote(
    unset: Path, image_cache: Path, github: Path
) -> None:
    git("init", "-q", "-b", "main", cwd=unset)
    git("remote", "add", "origin", GITHUB, cwd=unset)
    code, output = run("publish", "github-pages", "-s", str(unset), "--cache-dir", str(image_cache))
    assert code == 0, output
    assert (
        f"Base URL: https://painter.github.io/my-site/ (from the GitHub repository {GITHUB})"
        in (output)
    )
    home = git("show", "gh-pages:index.html", cwd=github)
    assert canonical(home) == "https://painter.github.io/my-site/"
    assert re.search(r'href="?/my-site/css/', home)  # under the sub-path: the stylesheet loads
    sitemap = git("show", "gh-pages:sitemap.xml", cwd=github)
    assert "localhost" not in sitemap and "https://painter.github.io/my-site/" in sitemap


def test_github_pages_takes_the_domain_of_a_cname_file(
    unset: Path, image_cache: Path, bare: Path
) -> None:
    (unset / "static").mkdir()
    (unset / "static/CNAME").write_text("art.example.org\n", encoding="utf-8")
    code, output = run(
        *("publish", "github-pages", "--remote", str(bare)),
        *("-s", str(unset), "--cache-dir", str(image_cache)),
    )
    assert code == 0, output
    assert "Base URL: https://art.example.org/ (from the custom domain art.example.org)" in output
    assert canonical(git("show", "gh-pages:index.html", cwd=bare)) == "https://art.example.org/"


@pytest.mark.parametrize("target", ["github-pages", "rsync"])
def test_a_server_is_refused_a_loopback_address_with_the_line_to_write(
    unset: Path, image_cache: Path, bare: Path, tmp_path: Path, target: str
) -> None:
    where = ["--remote", str(bare)] if target == "github-pages" else [str(tmp_path / "www")]
    code, output = run("publish", target, *where, "-s", str(unset), "--cache-dir", str(image_cache))
    assert code == 1
    assert "Traceback" not in output
    assert "site.yaml" in output and "this computer's address" in output
    line = (
        "https://USER.github.io/REPOSITORY/" if target == "github-pages" else "https://YOUR-DOMAIN/"
    )
    assert f"'base_url: {line}'" in output and f"--base-url {line}" in output
    assert branches(bare) == "" and not (tmp_path / "www").exists()  # nothing changed


def test_a_loopback_base_url_in_site_yaml_is_replaced_by_the_command_line(
    unset: Path, image_cache: Path, bare: Path
) -> None:
    settings = unset / "site.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "base_url: http://127.0.0.1:8000/\n",
        encoding="utf-8",
    )
    code, output = run(
        *(
            "publish",
            "github-pages",
            "--remote",
            str(bare),
            "--base-url",
            "https://art.example.org",
        ),
        *("-s", str(unset), "--cache-dir", str(image_cache)),
    )
    assert code == 0, output
    assert "Base URL: https://art.example.org/ (from --base-url)" in output
    assert canonical(git("show", "gh-pages:index.html", cwd=bare)) == "https://art.example.org/"
    code, output = run(
        *("publish", "github-pages", "--remote", str(bare), "--base-url", "http://localhost/"),
        *("-s", str(unset), "--cache-dir", str(image_cache)),
    )
    assert code == 1 and "points at this computer" in output


def test_a_local_folder_is_published_with_a_warning(
    unset: Path, image_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    result = CliRunner().invoke(
        cli,
        ["publish", "directory", str(www), "-s", str(unset), "--cache-dir", str(image_cache)],
    )
    assert result.exit_code == 0, result.output
    assert (
        f"Base URL: {DEFAULT_BASE_URL} (the default: site.yaml sets no base_url)" in result.stdout
    )
    assert "pass --base-url URL with the address it is served at" in result.stderr
    assert "'showcase build --portable -o DIR' instead of publishing" in result.stderr
    assert canonical((www / "index.html").read_text(encoding="utf-8")) == DEFAULT_BASE_URL


def test_no_build_of_a_site_built_for_loopback_is_refused_for_a_server(
    unset: Path, image_cache: Path, bare: Path, tmp_path: Path
) -> None:
    code, output = run("build", "-q", "-s", str(unset), "--cache-dir", str(image_cache))
    assert code == 0, output
    code, output = run(
        *("publish", "github-pages", "--no-build", "--remote", str(bare)), "-s", str(unset)
    )
    assert code == 1 and "Traceback" not in output
    assert f"was built for {DEFAULT_BASE_URL}" in output
    assert "publish without --no-build" in output and "showcase build --base-url" in output
    assert branches(bare) == ""
    code, output = run(
        *("publish", "directory", str(tmp_path / "www"), "--no-build"), "-s", str(unset)
    )
    assert code == 0, output
    assert f"Base URL: {DEFAULT_BASE_URL} (the one site/ was built for)" in output


def test_no_build_publishes_a_site_built_for_its_address(
    unset: Path, image_cache: Path, bare: Path
) -> None:
    code, output = run(
        *("build", "-q", "--base-url", "https://art.example.org/"),
        *("-s", str(unset), "--cache-dir", str(image_cache)),
    )
    assert code == 0, output
    code, output = run(
        *("publish", "github-pages", "--no-build", "--remote", str(bare)), "-s", str(unset)
    )
    assert code == 0, output
    assert "Base URL: https://art.example.org/ (the one site/ was built for)" in output
    code, output = run(
        *("publish", "github-pages", "--no-build", "--remote", str(bare)),
        *("--base-url", "https://other.example.org/", "-s", str(unset)),
    )
    assert code == 1 and "not for --base-url https://other.example.org/" in output


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ('evil.com"onmouseover=alert(1)x<b>\n', "for example art.example.org"),
        ("http://art.example.org\n", "write just the domain, art.example.org,"),
    ],
)
def test_a_cname_file_that_is_not_a_domain_stops_the_publish(
    unset: Path, image_cache: Path, bare: Path, text: str, wanted: str
) -> None:
    (unset / "static").mkdir()
    (unset / "static/CNAME").write_text(text, encoding="utf-8")
    code, output = run(
        *("publish", "github-pages", "--remote", str(bare)),
        *("-s", str(unset), "--cache-dir", str(image_cache)),
    )
    assert code == 1 and "Traceback" not in output
    assert "static/CNAME:1: " in output and "bare domain name" in output
    assert wanted in output and "Base URL" not in output
    assert branches(bare) == ""  # nothing published


def test_a_portable_build_is_refused_for_a_server_and_taken_by_a_folder(
    unset: Path, image_cache: Path, bare: Path, tmp_path: Path
) -> None:
    code, output = run(
        *("build", "-q", "--portable", "--base-url", "https://art.example.org/"),
        *("-s", str(unset), "--cache-dir", str(image_cache)),
    )
    assert code == 0, output
    for target, where in (("github-pages", ["--remote", str(bare)]), ("rsync", ["x:/www"])):
        code, output = run("publish", target, "--no-build", *where, "-s", str(unset))
        assert code == 1 and "Traceback" not in output
        assert "built with 'showcase build --portable'" in output
        assert "without --portable" in output and "publish without --no-build" in output
    assert branches(bare) == ""
    www = tmp_path / "www"
    code, output = run("publish", "directory", str(www), "--no-build", "-s", str(unset))
    assert code == 0, output
    assert (www / "index.html").is_file()
    assert "site/ was built with 'showcase build --portable': the copy opens from disk" in output
    assert "this computer's address" not in output
    # Built again for the web, the same site/ is published.
    code, output = run(
        *("build", "-q", "--base-url", "https://art.example.org/"),
        *("-s", str(unset), "--cache-dir", str(image_cache)),
    )
    assert code == 0, output
    code, output = run(
        *("publish", "github-pages", "--no-build", "--remote", str(bare)), "-s", str(unset)
    )
    assert code == 0, output
    assert re.search(r'href="?/css/', git("show", "gh-pages:index.html", cwd=bare))
