"""The example site in Russian and Kazakh: no axe violations on the home, an artist, a work
and the map page, the scripts' words in the language, and screenshots at phone width of the
pages whose longer words could break the layout."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import BuildReport, build, layout
from tests.browser.test_accessibility import SETTLED, WCAG_TAGS, describe
from tests.conftest import ROOT
from tests.sitecheck import serve_folder

pytestmark = pytest.mark.browser

LANGUAGES = ["ru", "kk"]
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
    "ru": "Интерактивная карта родных городов художников",
    "kk": "Суретшілердің туған қалаларының интерактивті картасы",
}
LIGHTBOX_STATUS = {"ru": ", 1 из 6", "kk": ", 1 (барлығы 6)"}


def translated_build(target: Path, code: str, image_cache: Path) -> BuildReport:
    shutil.copytree(ROOT / "content", target / "content")
    settings = (ROOT / layout.CONFIG_FILE).read_text(encoding="utf-8")
    (target / layout.CONFIG_FILE).write_text(
        settings.replace("\nlanguage: en\n", f"\nlanguage: {code}\n"), encoding="utf-8"
    )
    return build(target, target / "site", cache_dir=image_cache)


@pytest.fixture(scope="module", params=LANGUAGES)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, image_cache: Path
) -> Iterator[tuple[str, str]]:
    """The example site built in one language, on a free loopback port: (language, URL)."""
    code = request.param
    report = translated_build(tmp_path_factory.mktemp(f"site-{code}"), code, image_cache)
    with serve_folder(report.output) as url:
        yield code, url


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
    assert previous == {"ru": "Предыдущая работа", "kk": "Алдыңғы жұмыс"}[code]


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
