"""Hostile or careless input: alias bombs, any script, HTML in content, output folders, kills."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import build
from generator.cli import cli
from generator.errors import ContentError, OutputError
from generator.output.ownership import OWNER_MARKER, RETIRED, marker_text
from generator.output.writer import write_site
from generator.source.frontmatter import parse_frontmatter
from generator.source.slugs import is_valid_slug
from tests.sitecheck import tree_digest

ROOT = Path(__file__).resolve().parents[2]

BILLION_LAUGHS = """---
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
---
A story.
"""


def run(*args: str, cache: Path | None = None) -> tuple[int, str]:
    env = {"SHOWCASE_CACHE_DIR": str(cache)} if cache else None
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.output + (result.stderr or "")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- YAML alias bombs ------------------------------------------------------------------------


def test_a_billion_laughs_is_refused_quickly_with_its_line() -> None:
    started = time.perf_counter()
    with pytest.raises(ContentError) as caught:
        parse_frontmatter(BILLION_LAUGHS, "content/artists/x.md")
    # Not a speed figure (those are in bench/): expanded, the bomb would take hours and all
    # the memory; refused, it takes milliseconds, so a bound this loose still tells them apart.
    assert time.perf_counter() - started < 30
    assert "aliases" in caught.value.message
    assert caught.value.line == 10  # the 'i:' line, whose value expands to 9⁹ items


def test_a_recursive_alias_is_refused() -> None:
    with pytest.raises(ContentError):
        parse_frontmatter("---\nname: &a [*a]\n---\n", "content/artists/x.md")


def test_a_few_aliases_are_still_allowed() -> None:
    doc = parse_frontmatter("---\na: &p {lat: 1}\nb: *p\n---\n", "content/artists/x.md")
    assert doc.data["b"] == {"lat": 1}


def test_an_alias_bomb_in_content_fails_the_build_with_file_and_line(
    project: Path, image_cache: Path
) -> None:
    (project / "content/artists/bomb.md").write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    code, output = run("build", "--source", str(project), "-q", cache=image_cache)
    assert code == 1, output
    assert "content/artists/bomb.md:10:" in output
    assert "Traceback" not in output
    assert time.perf_counter() - started < 120  # refused, not expanded (see above)


# --- names in any script ---------------------------------------------------------------------


def test_names_in_any_script_get_sensible_urls(project: Path, own_cache: Path) -> None:
    artists = project / "content/artists"
    template = (artists / "bakhyt-kalejs.md").read_text(encoding="utf-8")
    for path in artists.glob("*.md"):
        path.unlink()
    names = {
        "Бекзат Аюми": "bekzat-ayumi",
        "Жеңіс Сейіт": "zhengis-seyit",
        "Bakhyt Kalējs": "bakhyt-kalejs",
        "محمد علي": "mhmd-ly",
    }
    for name in names:
        # A file named as the artist is, in any script: its address is made from that name.
        text = template.replace("name: Bakhyt Kalējs", f"name: {name}")
        (artists / f"{name}.md").write_text(text, encoding="utf-8")
    for series in (project / "content/series").glob("*.md"):
        text = series.read_text(encoding="utf-8")
        series.write_text(
            "\n".join(
                "artist: bakhyt-kalejs" if row.startswith("artist:") else row
                for row in text.split("\n")
            ),
            encoding="utf-8",
        )
    report = build(project, project / "site", cache_dir=own_cache)
    for name, slug in names.items():
        assert is_valid_slug(slug)
        page = project / "site/artists" / slug / "index.html"
        assert page.is_file(), f"no page for {name}"
        assert name in page.read_text(encoding="utf-8")
    assert report.pages > 0


# --- HTML in content -------------------------------------------------------------------------


def test_html_in_front_matter_is_shown_as_text(project: Path, own_cache: Path) -> None:
    artist = project / "content/artists/bakhyt-kalejs.md"
    replace_in(artist, "summary: A painter", "summary: <script>alert(1)</script> <b>A</b> painter")
    build(project, project / "site", cache_dir=own_cache)
    for page in ("artists/bakhyt-kalejs/index.html", "index.html"):
        html = (project / "site" / page).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page
        assert "<script>alert(1)" not in html, page
        assert "<b>A</b>" not in html, page
    for page in (project / "site").rglob("*.html"):
        assert "<script>alert(1)" not in page.read_text(encoding="utf-8"), page


STORY_HTML = (
    '\nShe paints <em>kept</em> and <span onclick="steal()">this</span>.\n\n'
    "<script>alert(2)</script>\n"
)


def story_page(project: Path, cache: Path, mode: str | None) -> str:
    if mode is not None:
        with (project / "site.yaml").open("a", encoding="utf-8") as settings:
            settings.write(f"\nmarkdown_html: {mode}\n")
    with (project / "content/artists/bakhyt-kalejs.md").open("a", encoding="utf-8") as story:
        story.write(STORY_HTML)
    build(project, project / "site", cache_dir=cache)
    return (project / "site/artists/bakhyt-kalejs/index.html").read_text(encoding="utf-8")


def test_sanitize_removes_scripts_and_handlers_from_stories(project: Path, own_cache: Path) -> None:
    html = story_page(project, own_cache, "sanitize")
    assert "<em>kept</em>" in html
    assert "alert(2)" not in html
    assert "onclick" not in html and "steal()" not in html


@pytest.mark.parametrize("mode", ["trust", None])
def test_trust_keeps_the_authors_html(project: Path, own_cache: Path, mode: str | None) -> None:
    html = story_page(project, own_cache, mode)
    assert "<em>kept</em>" in html
    assert "<script>alert(2)</script>" in html
    assert 'onclick="steal()"' in html


def test_an_unknown_markdown_html_mode_is_refused(project: Path, image_cache: Path) -> None:
    with (project / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("\nmarkdown_html: maybe\n")
    code, output = run("build", "--source", str(project), "-q", cache=image_cache)
    assert code == 1
    assert "site.yaml:" in output and "'markdown_html' must be one of trust, sanitize" in output


# --- output folders --------------------------------------------------------------------------


def test_the_home_folder_is_refused_as_output(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert Path.home() == home
    code, output = run("build", "--source", str(project), "--output", str(home))
    assert code == 1
    assert f"refusing to build into {home.resolve()}" in output
    assert list(home.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "project"]


def test_the_root_folder_is_refused_before_anything_is_touched(project: Path) -> None:
    before = sorted(os.listdir("/"))
    code, output = run("build", "--source", str(project), "--output", "/")
    assert code == 1
    assert "refusing to build into /" in output
    assert sorted(os.listdir("/")) == before
    assert not (project / ".showcase-cache").exists()


def test_the_content_folder_is_refused_as_output(project: Path) -> None:
    code, output = run("build", "--source", str(project), "--output", str(project / "content"))
    assert code == 1
    assert "it is inside content/" in output


# --- builds killed part-way ------------------------------------------------------------------


def start_build(project: Path, cache: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--source", str(project), "-q"],
        cwd=ROOT,
        env={**os.environ, "SHOWCASE_CACHE_DIR": str(cache)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site.*"))


def assert_recovers(project: Path, before: dict[str, str], cache: Path) -> None:
    assert tree_digest(project / "site") == before, "the previous site was changed"
    code, output = run("build", "--source", str(project), "-q", cache=cache)
    assert code == 0, output
    assert leftovers(project) == []
    assert (project / "site/index.html").is_file()


@pytest.mark.parametrize(
    ("sig", "delay"), [(signal.SIGKILL, 1.5), (signal.SIGKILL, 4.0), (signal.SIGINT, 2.0)]
)
def test_a_killed_build_leaves_the_previous_site_whole(
    project: Path, image_cache: Path, tmp_path: Path, sig: signal.Signals, delay: float
) -> None:
    build(project, project / "site", cache_dir=image_cache)
    before = tree_digest(project / "site")
    process = start_build(project, tmp_path / "empty-cache")  # encodes every image: slow
    time.sleep(delay)
    assert process.poll() is None, "the build finished before it could be stopped"
    process.send_signal(sig)
    process.wait(timeout=30)
    assert_recovers(project, before, image_cache)


def test_a_build_killed_while_writing_the_new_site_leaves_the_old_one(
    project: Path, image_cache: Path, tmp_path: Path
) -> None:
    build(project, project / "site", cache_dir=image_cache)
    before = tree_digest(project / "site")
    process = start_build(project, tmp_path / "empty-cache")
    deadline = time.monotonic() + 60
    while process.poll() is None and not leftovers(project) and time.monotonic() < deadline:
        time.sleep(0.001)
    process.kill()
    process.wait(timeout=30)
    if leftovers(project):  # caught while the new site was being written
        assert any(name.startswith(".site.new-") for name in leftovers(project))
    assert_recovers(project, before, image_cache)


def test_a_site_moved_aside_by_a_killed_build_is_put_back(project: Path, image_cache: Path) -> None:
    """A kill between moving the old site aside and the new one in (where no atomic swap)."""
    build(project, project / "site", cache_dir=image_cache)
    before = tree_digest(project / "site")
    retired = project / ".site.old-99999-ab"
    (project / "site").rename(retired)
    (retired / OWNER_MARKER).write_text(marker_text(RETIRED, retired.name, 99999, "ab"), "utf-8")
    (project / ".site.new-99999-ab").mkdir()  # killed before it was marked: empty
    with pytest.raises(OutputError):  # the next build fails too, after putting the site back
        write_site(project / "site", {"index.html": b"new"}, {"x": project / "no-such-file"})
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []
