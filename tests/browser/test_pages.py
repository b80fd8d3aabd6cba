"""Every page kind loads cleanly in Chromium at a phone and a desktop width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "artist": "/artists/bekzat-ayumi/",
    "cv": "/artists/bekzat-ayumi/cv/",
    "gallery": "/gallery/",
    "series": "/gallery/steppe-awakening/",
    "work": "/gallery/the-people-of-aktybek/",
    "map": "/map/",
    "not-found": "/404.html",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}


def first_work_url(page: Any) -> str:
    href: str = page.locator(".works-grid__link").first.get_attribute("href")
    return href


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_loads_without_errors(
    browser: Any, served_site: str, artifacts: Path, kind: str, viewport: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    path = PAGES[kind]
    if kind == "work":  # the work page is reached the way a visitor reaches it
        page.goto(served_site + path, wait_until="networkidle")
        path = first_work_url(page)
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 and not r.url.endswith("/404.html")
            else None
        ),
    )
    page.goto(served_site + path, wait_until="networkidle")
    if kind == "map":
        page.wait_for_selector(".leaflet-container")
    page.screenshot(path=str(artifacts / f"{kind}-{viewport}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert problems == []
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"


def test_every_image_on_a_series_page_loads(browser: Any, served_site: str) -> None:
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(served_site + "/gallery/the-people-of-aktybek/", wait_until="networkidle")
    for image in page.locator("img.art").all():
        image.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    widths = page.eval_on_selector_all("img.art", "imgs => imgs.map(i => i.naturalWidth)")
    page.close()
    assert widths and all(width > 0 for width in widths)


def test_the_map_works_without_javascript(browser: Any, served_site: str, artifacts: Path) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(served_site + "/map/")
    assert page.locator("svg.atlas__svg").is_visible()
    assert page.locator("#pin-bakhyt-kalejs").count() == 1
    page.screenshot(path=str(artifacts / "map-no-javascript.png"), full_page=True)
    page.locator("a#pin-bekzat-ayumi").click()
    page.wait_for_url("**/artists/bekzat-ayumi/")
    context.close()


def test_keyboard_users_can_skip_to_the_content(browser: Any, served_site: str) -> None:
    page = browser.new_page()
    page.goto(served_site + "/artists/bakhyt-morel/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_the_interactive_map_opens_an_artist_card(
    browser: Any, served_site: str, artifacts: Path
) -> None:
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(served_site + "/map/", wait_until="networkidle")
    assert not page.locator("svg.atlas__svg").is_visible()  # the static map gave way
    page.locator("path.map-marker--bekzat-ayumi").click(force=True)
    card = page.locator(".leaflet-popup-content")
    card.wait_for()
    assert card.locator("a.popup__name").inner_text() == "Bekzat Ayumi"
    assert card.locator("img.popup__image").evaluate("img => img.complete && img.naturalWidth") > 0
    page.wait_for_timeout(500)  # the popup fades in and the map pans to show it
    page.screenshot(path=str(artifacts / "map-popup.png"))
    card.locator("a.popup__name").click()
    page.wait_for_url("**/artists/bekzat-ayumi/")
    page.close()
