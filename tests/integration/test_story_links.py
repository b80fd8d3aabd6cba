"""Links written in stories and series descriptions reach their pages on every kind of build:
under a sub-path base URL, opened from disk (portable), and after the base URL changes."""

from __future__ import annotations

import re
from pathlib import Path

from generator import build
from generator.authoring.check import check_site
from tests.sitecheck import tree_digest

STORY_LINKS = (
    "\n\nSee [her series](/gallery/small-hours/), [the map](/map/#pin-dana-sadyk) and "
    '<a href="/gallery/">the gallery</a>; [a friend](https://other.example/) and '
    "[mail](mailto:dana@example.org) stay as they are.\n"
)
DESCRIPTION_LINK = "\n\nPainted by [Dana Sadyk](/artists/dana-sadyk/).\n"
ARTIST_PAGE = "artists/dana-sadyk/index.html"
SERIES_PAGE = "gallery/small-hours/index.html"


def _with_story_links(project: Path, base_url: str = "https://example.org/") -> Path:
    artist = project / "content/artists/dana-sadyk.md"
    artist.write_text(artist.read_text(encoding="utf-8") + STORY_LINKS, encoding="utf-8")
    series = project / "content/series/small-hours.md"
    series.write_text(series.read_text(encoding="utf-8") + DESCRIPTION_LINK, encoding="utf-8")
    _set_base_url(project, base_url)
    return project


def _set_base_url(project: Path, base_url: str) -> None:
    settings = project / "site.yaml"
    text = re.sub(r"(?m)^base_url: .*$", f"base_url: {base_url}", settings.read_text("utf-8"))
    settings.write_text(text, encoding="utf-8")


def _hrefs(page: Path) -> list[str]:
    return re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8"))


def test_story_links_follow_a_sub_path_base_url(tiny_project: Path, own_cache: Path) -> None:
    project = _with_story_links(tiny_project, "https://user.github.io/repo/")
    output = build(project, project / "site", cache_dir=own_cache).output
    artist = _hrefs(output / ARTIST_PAGE)
    assert "/repo/gallery/small-hours/" in artist
    assert "/repo/map/#pin-dana-sadyk" in artist
    assert "/repo/gallery/" in artist
    assert "/gallery/small-hours/" not in artist
    assert "https://other.example/" in artist
    assert "mailto:dana@example.org" in artist
    assert "/repo/artists/dana-sadyk/" in _hrefs(output / SERIES_PAGE)
    for href in ("/repo/gallery/small-hours/", "/repo/artists/dana-sadyk/", "/repo/map/"):
        assert (output / href.removeprefix("/repo/") / "index.html").is_file()


def test_story_links_of_a_portable_build_name_files_that_exist(
    tiny_project: Path, own_cache: Path
) -> None:
    project = _with_story_links(tiny_project)
    output = build(project, project / "site", cache_dir=own_cache, portable=True).output
    artist = output / ARTIST_PAGE
    links = _hrefs(artist)
    assert "../../gallery/small-hours/index.html" in links
    assert "../../map/index.html#pin-dana-sadyk" in links
    assert "../../gallery/index.html" in links
    for link in ("../../gallery/small-hours/index.html", "../../gallery/index.html"):
        assert (artist.parent / link).resolve().is_file()
    series = output / SERIES_PAGE
    assert "../../artists/dana-sadyk/index.html" in _hrefs(series)
    assert (series.parent / "../../artists/dana-sadyk/index.html").resolve().is_file()


def test_changing_the_base_url_updates_story_links_as_a_fresh_build_would(
    tiny_project: Path, own_cache: Path, tmp_path: Path
) -> None:
    project = _with_story_links(tiny_project)
    output = project / "site"
    build(project, output, cache_dir=own_cache)
    assert "/gallery/small-hours/" in _hrefs(output / ARTIST_PAGE)
    _set_base_url(project, "https://example.org/sub/")
    build(project, output, cache_dir=own_cache)
    assert "/sub/gallery/small-hours/" in _hrefs(output / ARTIST_PAGE)
    fresh = build(project, tmp_path / "fresh", cache_dir=own_cache, fresh=True).output
    assert tree_digest(output) == tree_digest(fresh)


def test_check_reports_a_story_link_to_a_page_that_does_not_exist(
    tiny_project: Path, own_cache: Path
) -> None:
    project = _with_story_links(tiny_project, "https://user.github.io/repo/")
    artist = project / "content/artists/dana-sadyk.md"
    artist.write_text(
        artist.read_text(encoding="utf-8") + "\nAnd [a lost one](/gallery/no-such-series/).\n",
        encoding="utf-8",
    )
    report = check_site(project, cache_dir=own_cache)
    lost = [f for f in report.errors if "no-such-series" in f.message]
    assert len(lost) == 1, report.lines()
    assert "points nowhere" in lost[0].message
    assert lost[0].file == "content/artists/dana-sadyk.md"
    assert lost[0].line is not None
    assert not [f for f in report.errors if "small-hours" in f.message], report.lines()
