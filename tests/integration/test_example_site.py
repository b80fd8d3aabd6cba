"""The example site builds into a complete, linked, deterministic site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import BuildReport, build
from generator.source.frontmatter import parse_frontmatter
from tests.conftest import ROOT
from tests.sitecheck import broken_references, page_text, tree_digest

ARTISTS = ("bakhyt-morel", "bekzat-ayumi", "bakhyt-kalejs")
SERIES = {"the-people-of-aktybek": "bekzat-ayumi", "steppe-awakening": "bakhyt-kalejs"}
SEEDS = ROOT.parent / "shared" / "seeds"


def story_paragraphs(slug: str) -> list[str]:
    text = (ROOT / "content" / "artists" / f"{slug}.md").read_text(encoding="utf-8")
    body = parse_frontmatter(text, slug).body
    return [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]


def plain_quotes(text: str) -> str:
    """Undo typographic quotes, so a story can be compared with its source text."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


def test_every_page_kind_is_written(example_build: BuildReport) -> None:
    site = example_build.output
    expected = [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "gallery/index.html",
        "map/index.html",
        "map/region.geojson",
        ".showcase-build",
    ]
    expected += [f"artists/{slug}/index.html" for slug in ARTISTS]
    expected += [f"gallery/{slug}/index.html" for slug in SERIES]
    for rel in expected:
        assert (site / rel).is_file(), rel


def test_every_series_has_four_to_eight_works_each_with_a_page(
    example_build: BuildReport,
) -> None:
    site = example_build.output
    series_pages = sorted((site / "gallery").glob("*/index.html"))
    assert len(series_pages) >= 3
    for page in series_pages:
        works = sorted(page.parent.glob("*/index.html"))
        assert 4 <= len(works) <= 8, page


def test_each_story_appears_word_for_word_on_its_artist_page(
    example_build: BuildReport,
) -> None:
    for slug in ARTISTS:
        text = plain_quotes(page_text(example_build.output / "artists" / slug / "index.html"))
        for paragraph in story_paragraphs(slug):
            assert paragraph in text, f"{slug}: {paragraph[:60]}…"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the original stories are not beside the repo")
def test_the_stories_are_the_original_texts() -> None:
    for seed, slug in zip(sorted(SEEDS.glob("*.txt")), ARTISTS, strict=True):
        original = seed.read_text(encoding="utf-8")
        if slug == "bakhyt-kalejs":  # the seed opens with two paragraphs that are not the story
            original = original[original.index("Bakhyt Kalējs was a young artist") :]
        paragraphs = [" ".join(p.split()) for p in original.split("\n\n") if p.strip()]
        assert story_paragraphs(slug) == paragraphs


def test_every_internal_link_and_asset_resolves(example_build: BuildReport) -> None:
    assert broken_references(example_build.output) == []


def test_the_site_loads_nothing_from_another_host(example_build: BuildReport) -> None:
    for page in example_build.output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        sources = re.findall(r'<(\w+)\s[^>]*?(?:src|href)="(https?://[^"]+)"', html)
        # Links (<a>) may lead elsewhere, to the artists' profiles: they load nothing.
        external = [s for tag, s in sources if tag != "a" and "example.org" not in s]
        assert external == [], page


def test_a_second_build_is_byte_identical(example_build: BuildReport, tmp_path: Path) -> None:
    again = build(ROOT, tmp_path / "again", cache_dir=tmp_path / "fresh-cache")
    assert tree_digest(again.output) == tree_digest(example_build.output)


def test_the_example_builds_without_warnings(example_build: BuildReport) -> None:
    assert example_build.warnings == ()


def test_artwork_files_stay_small() -> None:
    images = [
        p for p in (ROOT / "content" / "series").rglob("*") if p.is_file() and p.suffix != ".md"
    ]
    assert images
    assert all(p.stat().st_size <= 200_000 for p in images)
    assert sum(p.stat().st_size for p in images) < 5_000_000


def test_published_images_carry_authorship_and_nothing_else(example_build: BuildReport) -> None:
    from PIL import Image

    from generator.source.imagefile import exif_text

    files = sorted((example_build.output / "media").rglob("*.*"))
    assert {p.suffix for p in files} == {".avif", ".webp", ".jpg"}
    for path in files:
        with Image.open(path) as image:
            exif = image.getexif()
            assert set(exif) <= {0x013B, 0x8298}, path  # Artist, Copyright
            assert exif_text(exif[0x8298]) == "© The artists. All rights reserved.", path
            assert exif_text(exif[0x013B]) in ("Bakhyt Morel", "Bekzat Ayumi", "Bakhyt Kalējs")
            assert not image.info.get("xmp"), path


def test_work_pages_share_a_jpeg_derivative_in_link_previews(example_build: BuildReport) -> None:
    works = sorted((example_build.output / "gallery").glob("*/*/index.html"))
    assert len(works) == 18
    for page in works:
        html = page.read_text(encoding="utf-8")
        for tag in ("og:image", "twitter:image"):
            match = re.search(rf'<meta (?:property|name)="{tag}" content="([^"]+)">', html)
            assert match, (page, tag)
            url = match.group(1)
            assert url.startswith("https://example.org/media/") and url.endswith(".jpg")
            assert (example_build.output / url.removeprefix("https://example.org/")).is_file()


def test_the_report_counts_pages_and_images(example_build: BuildReport) -> None:
    html_files = list(example_build.output.rglob("*.html"))
    assert example_build.pages == len(html_files)
    assert example_build.images >= 12
    assert "pages" in example_build.summary() and "images" in example_build.summary()


def test_sitemap_lists_every_page_but_the_404(example_build: BuildReport) -> None:
    sitemap = (example_build.output / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://example.org/" in locs
    assert "https://example.org/map/" in locs
    assert not any("404" in loc for loc in locs)
    price_lists = len(list(example_build.output.glob("artists/*/prices/index.html")))
    assert price_lists == 3  # unlisted: not in the sitemap
    assert "https://example.org/press/" not in locs  # content/pages/press.md is unlisted
    # In each of the three languages, every page but the price lists and the press page;
    # the 404 page is the site's, once.
    assert len(locs) == example_build.pages - 1 - 3 * (price_lists + 1)
    assert sitemap.count("<lastmod>2026-") == len(locs)  # dates come from the front-matter
    robots = (example_build.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/sitemap.xml" in robots


def test_the_map_page_draws_every_hometown_without_javascript(
    example_build: BuildReport,
) -> None:
    html = (example_build.output / "map" / "index.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    for slug in ARTISTS:
        assert f'id="pin-{slug}"' in svg
    assert svg.count('class="map-approx"') == 2  # Aktybek and Zhenis are approximate
    assert "Made with Natural Earth" in html
    assert "Paris" in page_text(example_build.output / "map" / "index.html")


def test_a_base_url_with_a_sub_path_prefixes_every_link(tmp_path: Path, image_cache: Path) -> None:
    report = build(
        ROOT, tmp_path / "site", base_url="https://user.github.io/showcase/", cache_dir=image_cache
    )
    assert broken_references(report.output, base_path="/showcase/") == []
    home = (report.output / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="/showcase/css/site\.[0-9a-f]{10}\.css"', home)
    assert '<link rel="canonical" href="https://user.github.io/showcase/">' in home
    sitemap = (report.output / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert all(
        loc.startswith("https://user.github.io/showcase/")
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    )
    feed = (report.output / "feed.xml").read_text(encoding="utf-8")
    assert all(
        href.startswith("https://user.github.io/showcase/")
        for href in re.findall(r'href="([^"]+)"', feed)
    )
    robots = (report.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://user.github.io/showcase/sitemap.xml" in robots


def test_pagers_name_the_neighbouring_works_and_artists(example_build: BuildReport) -> None:
    site = example_build.output
    work = (site / "gallery/steppe-awakening/golden-grass/index.html").read_text("utf-8")
    artist = (site / "artists/bekzat-ayumi/index.html").read_text("utf-8")
    titles = re.findall(r'class="pager__title">([^<]*)<', work)
    assert titles == ["Steppe at First Light", "Dusk over the Rolling Hills"]
    assert re.findall(r'class="pager__title">([^<]*)<', artist) == ["Bakhyt Morel", "Bakhyt Kalējs"]
