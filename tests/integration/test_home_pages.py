"""A collective of many artists: the home page and the gallery list them a page at a time."""

from __future__ import annotations

import re
from pathlib import Path

from generator import BuildReport, build
from tests.sitecheck import broken_references, json_ld


def add_artists(project: Path, count: int) -> None:
    template = (project / "content/artists/bakhyt-morel.md").read_text(encoding="utf-8")
    for n in range(count):
        text = template.replace("name: Bakhyt Morel", f"name: Guest Artist {n:02d}")
        text = text.replace("weight: 10", f"weight: {100 + n}")
        (project / f"content/artists/guest-{n:02d}.md").write_text(text, encoding="utf-8")


def cards(page: Path) -> int:
    return page.read_text(encoding="utf-8").count('<li class="artist-card">')


def test_a_long_list_of_artists_is_split_in_pages_that_link_to_each_other(
    project: Path, image_cache: Path, tmp_path: Path
) -> None:
    add_artists(project, 27)  # 30 artists: 24 on the home page, 6 on the next
    report = build(project, tmp_path / "site", cache_dir=image_cache)
    site = report.output
    assert cards(site / "index.html") == 24
    assert cards(site / "page/2/index.html") == 6
    assert not (site / "page/3").exists()
    first = (site / "index.html").read_text(encoding="utf-8")
    second = (site / "page/2/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="/page/2/" rel="next"', first)
    assert re.search(r'href="/#artists" rel="prev"', second)
    assert "page 2 of 2" in second and "<h1" in second
    assert "<loc>https://example.org/page/2/</loc>" in (site / "sitemap.xml").read_text("utf-8")
    assert broken_references(site) == []


def test_a_few_artists_stay_on_one_page_without_a_pager(example_build: BuildReport) -> None:
    home = (example_build.output / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Pages of artists"' not in home
    assert not (example_build.output / "page").exists()


def test_the_number_of_artists_per_page_is_a_setting(
    project: Path, image_cache: Path, tmp_path: Path
) -> None:
    add_artists(project, 2)  # 5 artists
    with (project / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("\nartists_per_page: 2\n")
    site = build(project, tmp_path / "site", cache_dir=image_cache).output
    assert [cards(site / p) for p in ("index.html", "page/2/index.html", "page/3/index.html")] == [
        2,
        2,
        1,
    ]


def test_the_gallery_is_split_in_pages_of_artists_too(
    project: Path, image_cache: Path, tmp_path: Path
) -> None:
    with (project / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("\nartists_per_page: 2\n")  # three artists, each with a series
    site = build(project, tmp_path / "site", cache_dir=image_cache).output
    first = (site / "gallery/index.html").read_text(encoding="utf-8")
    second = (site / "gallery/page/2/index.html").read_text(encoding="utf-8")
    assert not (site / "gallery/page/3").exists()
    groups = [page.count('<section class="gallery-group') for page in (first, second)]
    assert groups == [2, 1]
    assert re.search(r'href="/gallery/page/2/" rel="next"', first)
    assert re.search(r'href="/gallery/" rel="prev"', second)
    assert "<title>Gallery, page 2 · " in second and "page 2 of 2" in second
    # Shared on social media, a page shows the cover of its own first series.
    shown = re.search(r'class="series-card__link" href="/gallery/([^/]+)/"', second)
    assert shown is not None
    assert re.search(rf'<meta property="og:image" content="[^"]*/media/{shown[1]}/', second)
    # Each page's structured data lists the series that page shows.
    pages = [json_ld(site / "gallery/index.html"), json_ld(site / "gallery/page/2/index.html")]
    listed = [len(page["hasPart"]) for page in pages]  # type: ignore[arg-type]
    series = [p for p in (project / "content/series").glob("*.md") if p.suffixes == [".md"]]
    assert sum(listed) == len(series)  # not counting their translations
    assert pages[1]["url"] == "https://example.org/gallery/page/2/"
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/gallery/page/2/</loc>" in sitemap
    assert broken_references(site) == []


def test_a_gallery_on_one_page_has_no_pager(example_build: BuildReport) -> None:
    gallery = (example_build.output / "gallery/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Pages of the gallery"' not in gallery
    assert not (example_build.output / "gallery/page").exists()
