"""The press pages pass axe at WCAG 2.2 AA in both schemes, and read on a phone and a desktop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import build
from tests.browser.test_accessibility import axe, describe, violations_on
from tests.integration.test_press_kit import press_project
from tests.sitecheck import serve_folder

pytestmark = pytest.mark.browser
__all__ = ["axe"]  # the fixture, shared with the accessibility tests

PRESS_PAGES = ["/artists/aliya-nurlan/press/", "/artists/timur-sadykov/press/"]


@pytest.fixture(scope="module")
def press_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The press fixture site (statement, CV, credits, a press_bio), served on loopback."""
    root = tmp_path_factory.mktemp("press-browser")
    build(press_project(root / "project"), root / "site", cache_dir=root / "cache")
    with serve_folder(root / "site") as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PRESS_PAGES)
def test_press_page_has_no_wcag_violations(
    browser: Any, press_site: str, axe: Any, path: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(press_site + path, wait_until="networkidle")
        violations = violations_on(axe, page)
    finally:
        context.close()
    assert not violations, f"axe found on {path} ({scheme} scheme):" + describe(violations)


@pytest.mark.parametrize("width", [390, 1280])
def test_press_page_fits_the_screen_with_the_download_near_the_top(
    browser: Any, press_site: str, artifacts: Path, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(press_site + PRESS_PAGES[0], wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than a {width} px screen"
        download = page.locator(".press__download-link").bounding_box()
        assert download is not None and download["y"] + download["height"] < 900
        if width > 1000:  # the CV sits beside the texts, not under them
            texts = page.locator(".press__texts").bounding_box()
            cv = page.locator(".press__cv").bounding_box()
            assert texts is not None and cv is not None and cv["x"] > texts["x"] + texts["width"]
        page.screenshot(path=str(artifacts / f"press-{width}.png"), full_page=True)
    finally:
        page.close()
