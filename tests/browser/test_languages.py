"""The example site in English, Russian and Kazakh: no axe violations on the home, an
artist, a work and the map page of each language, the scripts' words in the language, the
language menu by keyboard, and screenshots at phone width of the pages whose longer words
could break the layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_accessibility import SETTLED, WCAG_TAGS, describe

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "ru", "kk"]
FOLDERS = {"en": "", "ru": "/ru", "kk": "/kk"}
PAGES = {
    "home": "/",
    "artist": "/artists/bekzat-ayumi/",
    "work": "/gallery/the-people-of-aktybek/horses-at-grazing/",
    "map": "/map/",
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
# What the map's script says in each language (its label comes from the page).
MAP_LABEL = {
    "en": "Interactive map of the artists’ hometowns",
    "ru": "Интерактивная карта родных городов художников",
    "kk": "Суретшілердің туған қалаларының интерактивті картасы",
}
LIGHTBOX_STATUS = {"en": ", 1 of 6", "ru": ", 1 из 6", "kk": ", 1 (барлығы 6)"}
PREVIOUS_WORK = {"en": "Previous work", "ru": "Предыдущая работа", "kk": "Алдыңғы жұмыс"}


@pytest.fixture(scope="module", params=LANGUAGES)
def served(request: pytest.FixtureRequest, served_site: str) -> Iterator[tuple[str, str]]:
    """The example site's pages in one language: (language, the URL of its folder)."""
    code = request.param
    yield code, served_site + FOLDERS[code]


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def open_page(browser: Any, url: str, viewport: dict[str, int]) -> tuple[Any, Any]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if url.endswith("/map/"):
        page.wait_for_selector(".leaflet-container")
    page.evaluate(SETTLED)
    return context, page


@pytest.mark.parametrize("kind", list(PAGES))
def test_a_translated_page_has_no_wcag_violations(
    browser: Any, served: tuple[str, str], axe: Any, kind: str
) -> None:
    code, url = served
    context, page = open_page(browser, url + PAGES[kind], DESKTOP)
    try:
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations"],
            },
        )
        violations = results.response["violations"]
    finally:
        context.close()
    assert not violations, f"axe found on {kind} ({code}):" + describe(violations)


def test_the_scripts_speak_the_pages_language(browser: Any, served: tuple[str, str]) -> None:
    code, url = served
    context, page = open_page(browser, url + "/map/", DESKTOP)
    try:
        label = page.locator(".atlas__leaflet").get_attribute("aria-label")
        page.goto(url + "/gallery/bazaar-colours/", wait_until="networkidle")
        page.locator(".works-grid__link").first.click()
        page.wait_for_selector("dialog.lightbox[open]")
        status = page.locator("[data-lightbox-status]").text_content()
        previous = page.locator(".lightbox__prev").get_attribute("aria-label")
    finally:
        context.close()
    assert label == MAP_LABEL[code]
    assert status is not None and status.endswith(LIGHTBOX_STATUS[code])
    assert previous == PREVIOUS_WORK[code]


def test_the_language_menu_works_by_keyboard(browser: Any, served_site: str) -> None:
    context, page = open_page(browser, served_site + PAGES["artist"], DESKTOP)
    try:
        # Tab from the top of the page until the Russian link has the focus, then Enter.
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.getAttribute('hreflang')") == "ru":
                break
        focused = page.evaluate(
            "() => [document.activeElement.textContent, getComputedStyle("
            "document.activeElement).outlineStyle]"
        )
        page.keyboard.press("Enter")
        page.wait_for_url("**/ru/artists/bekzat-ayumi/")
        lang = page.evaluate("() => document.documentElement.lang")
        current = page.locator(".language-menu [aria-current]").text_content()
    finally:
        context.close()
    assert focused[0] == "Русский" and focused[1] != "none"  # a visible focus
    assert lang == "ru" and current == "Русский"


@pytest.mark.parametrize("kind", ["home", "artist", "map"])
def test_phone_width_screenshots_without_overflow(
    browser: Any, served: tuple[str, str], artifacts: Path, kind: str
) -> None:
    code, url = served
    context, page = open_page(browser, url + PAGES[kind], PHONE)
    try:
        page.screenshot(path=str(artifacts / f"language-{code}-{kind}-390.png"), full_page=True)
        # Longer words must wrap, not push the page sideways.
        wide = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('h1, h2, nav a, .pager__link, button, '
                  + '.section-title, .explore__name, .artist__links a')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.textContent.trim().slice(0, 40))"""
        )
    finally:
        context.close()
    assert wide <= 0, f"the {kind} page ({code}) scrolls sideways by {wide}px"
    assert overflowing == [], f"on the {kind} page ({code})"
