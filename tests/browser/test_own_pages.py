"""The About page of the example site (a page of one's own): WCAG 2.2 AA in both schemes,
the menu entry that leads to it, and screenshots at phone and desktop width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_accessibility import SETTLED, describe, violations_on
from tests.browser.test_accessibility import axe as axe  # the fixture, shared

ABOUT = "/about/"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_about_page_is_accessible_and_in_the_menu(
    browser: Any, served_site: str, axe: Any, artifacts: Path, viewport: str, scheme: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(served_site + "/", wait_until="networkidle")
        link = page.locator(".site-nav a", has_text="About")
        assert link.get_attribute("href") == ABOUT
        page.goto(served_site + ABOUT, wait_until="networkidle")
        assert page.locator("h1").inner_text() == "About"
        assert page.locator(".site-nav a[aria-current=page]").inner_text() == "About"
        page.evaluate(SETTLED)
        page.screenshot(path=str(artifacts / f"about-{viewport}-{scheme}.png"), full_page=True)
        violations = violations_on(axe, page)
    finally:
        context.close()
    assert not violations, f"axe found on the About page ({scheme}):" + describe(violations)
