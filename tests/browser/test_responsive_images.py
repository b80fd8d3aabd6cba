"""In a real browser, pages load the modern formats at the size they are shown at."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2},
    "desktop": {"viewport": {"width": 1440, "height": 900}, "device_scale_factor": 1},
}
MEASURE = """imgs => imgs.map(img => ({
    src: img.currentSrc,
    shown: img.getBoundingClientRect().width * devicePixelRatio,
    available: img.parentElement.querySelector('source').srcset.split(',')
        .map(part => parseInt(part.trim().split(' ')[1]))
}))"""


@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/gallery/",
        "/gallery/the-people-of-aktybek/",
        "/artists/bakhyt-kalejs/",
        "/gallery/steppe-awakening/golden-grass/",
        "/gallery/bazaar-colours/spice-stall/",
    ],
)
def test_images_come_as_avif_no_larger_than_shown(
    browser: Any, served_site: str, screen: str, path: str
) -> None:
    context = browser.new_context(**SCREENS[screen])
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url) if r.resource_type == "image" else None)
    page.goto(served_site + path, wait_until="networkidle")
    for image in page.locator("img.art").all():
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode().catch(() => null)")
    page.wait_for_load_state("networkidle")
    measured = page.eval_on_selector_all("img.art", MEASURE)
    context.close()
    assert measured
    media = [url for url in requested if "/media/" in url]
    assert media and all(url.endswith(".avif") for url in media), media
    for image in measured:
        chosen = int(re.search(r"-(\d+)\.avif$", image["src"]).group(1))
        enough = [w for w in sorted(image["available"]) if w >= image["shown"] - 1]
        needed = enough[0] if enough else max(image["available"])
        assert chosen <= needed, f"{image['src']} is shown {image['shown']:.0f} px wide"
