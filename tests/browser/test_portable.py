"""A portable build (`showcase build --portable`) opened from disk: file://, no server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import BuildReport, build
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

IMAGES_LOADED = """async () => {
    const images = [...document.querySelectorAll('img')];
    await Promise.all(images.map(img => {
        img.loading = 'eager';
        return img.decode().catch(() => null);
    }));
    return images.map(img => ({src: img.currentSrc, width: img.naturalWidth}));
}"""


@pytest.fixture(scope="module")
def portable_site(tmp_path_factory: pytest.TempPathFactory, image_cache: Path) -> BuildReport:
    """The example site built to be opened from disk."""
    output = tmp_path_factory.mktemp("portable") / "site"
    return build(ROOT, output, cache_dir=image_cache, portable=True)


@pytest.fixture
def visit(browser: Any, portable_site: BuildReport) -> Iterator[tuple[Any, list[str], str]]:
    """A page on the portable site, the errors it meets, and the site's file:// address."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    yield page, problems, portable_site.output.as_uri()
    context.close()


def test_the_stylesheet_applies_from_disk(visit: tuple[Any, list[str], str]) -> None:
    page, problems, root = visit
    page.goto(root + "/index.html", wait_until="load")
    # site.css gives the skip link a position of its own and the body its font; without it,
    # both are the browser's defaults.
    skip = page.eval_on_selector(".skip-link", "a => getComputedStyle(a).position")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert skip == "absolute"
    assert "Times New Roman" not in font
    assert problems == []


@pytest.mark.parametrize(
    "path",
    [
        "/gallery/steppe-awakening/index.html",
        "/gallery/steppe-awakening/steppe-at-first-light/index.html",
    ],
)
def test_every_image_loads_from_disk(visit: tuple[Any, list[str], str], path: str) -> None:
    page, problems, root = visit
    page.goto(root + path, wait_until="load")
    images = page.evaluate(IMAGES_LOADED)
    assert images
    assert [image for image in images if image["width"] == 0] == []
    assert all(image["src"].startswith("file://") for image in images)
    assert problems == []


def test_links_lead_from_page_to_page(visit: tuple[Any, list[str], str], artifacts: Path) -> None:
    page, problems, root = visit
    page.goto(root + "/index.html", wait_until="load")
    page.click(".artist-card__link >> nth=0")
    assert page.url.endswith("/index.html") and "/artists/" in page.url
    artist = page.locator("h1").first.inner_text()
    page.click("a[href*='gallery/'][href$='/index.html'] >> nth=-1")  # one of their series
    assert "/gallery/" in page.url
    assert page.locator(".eyebrow a", has_text=artist).count() == 1
    page.click(".works-grid__title a >> nth=0")  # opens the lightbox, which links to the page
    page.click("dialog.lightbox[open] [data-lightbox-link]")
    page.wait_for_load_state("load")
    assert page.url[len(root) :].count("/") == 4  # /gallery/series/work/index.html
    assert page.locator("body.page-work h1.work__title").count() == 1
    page.screenshot(path=str(artifacts / "portable-work.png"), full_page=False)
    page.click(".eyebrow a >> nth=1")  # back to the artist
    assert page.locator("h1").first.inner_text() == artist
    # The locator map's base, an SVG drawn under the pin, loads from its relative address.
    width = page.eval_on_selector(
        ".locator image",
        """image => new Promise(done => {
            const probe = new Image();
            probe.onload = () => done(probe.naturalWidth);
            probe.onerror = () => done(0);
            probe.src = new URL(image.getAttribute('href'), document.baseURI).href;
        })""",
    )
    assert width > 0
    page.click(".locator__caption a")  # the map, at their pin
    assert page.url.endswith("/map/index.html#pin-" + page.url.rsplit("#pin-", 1)[-1])
    assert page.locator("h1").inner_text() == "Hometown map"
    assert problems == []


def test_a_link_written_in_markdown_opens_its_page(visit: tuple[Any, list[str], str]) -> None:
    page, problems, root = visit
    page.goto(root + "/about/index.html", wait_until="load")
    # content/pages/about.md writes [Bazaar Colours](/gallery/bazaar-colours/): from disk,
    # a root-relative link would lead to file:///gallery/.
    link = page.locator(".prose a", has_text="Bazaar Colours")
    assert link.get_attribute("href") == "../gallery/bazaar-colours/index.html"
    with page.expect_navigation():
        link.click()
    assert page.url == root + "/gallery/bazaar-colours/index.html"
    assert page.locator("h1").first.inner_text() == "Bazaar Colours"
    assert problems == []


def test_the_map_draws_from_disk(visit: tuple[Any, list[str], str], artifacts: Path) -> None:
    page, problems, root = visit
    page.goto(root + "/map/index.html", wait_until="load")
    page.wait_for_selector("#atlas-map.is-interactive .leaflet-overlay-pane path")
    markers = page.locator(".leaflet-overlay-pane path.map-marker")
    assert markers.count() == 3  # a pin per artist
    assert page.locator(".map-tooltip").count() == 3
    page.screenshot(path=str(artifacts / "portable-map.png"), full_page=False)
    # A pin's popup links to the artist's page, which opens.
    markers.first.click(force=True)
    link = page.locator(".leaflet-popup a.popup__name")
    assert link.get_attribute("href").startswith("../artists/")
    assert (
        page.locator(".leaflet-popup img").evaluate(
            "img => img.decode().then(() => img.naturalWidth)"
        )
        > 0
    )
    with page.expect_navigation():
        link.click()
    assert "/artists/" in page.url and page.url.endswith("/index.html")
    assert problems == []
