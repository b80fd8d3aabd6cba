"""The exhibitions page in Chromium: axe at WCAG 2.2 AA in both schemes, and screenshots at
phone and desktop widths, of tests/fixtures/exhibitions built as on 15 June 2025."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import build
from tests.browser.test_accessibility import axe, describe, violations_on
from tests.conftest import FIXTURES
from tests.sitecheck import serve_folder

pytestmark = pytest.mark.browser
__all__ = ["axe"]  # the fixture, shared with the other pages' audit

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def exhibitions_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("exhibitions")
    project = root / "project"
    shutil.copytree(FIXTURES / "exhibitions", project)
    report = build(
        project, root / "site", cache_dir=root / "cache", today=datetime.date(2025, 6, 15)
    )
    with serve_folder(report.output) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_exhibitions_page_has_no_wcag_violations(
    browser: Any, exhibitions_site: str, axe: Any, scheme: str
) -> None:
    context = browser.new_context(viewport=WIDTHS["desktop"], color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(exhibitions_site + "/exhibitions/", wait_until="networkidle")
        violations = violations_on(axe, page)
    finally:
        context.close()
    assert not violations, f"axe found ({scheme} scheme):" + describe(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_exhibitions_page_fits_and_is_photographed(
    browser: Any, exhibitions_site: str, artifacts: Path, width: str, scheme: str
) -> None:
    context = browser.new_context(viewport=WIDTHS[width], color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(exhibitions_site + "/exhibitions/", wait_until="networkidle")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width} width"
        page.screenshot(path=str(artifacts / f"exhibitions-{width}-{scheme}.png"), full_page=True)
        page.goto(exhibitions_site + "/artists/dana-sadyk/", wait_until="networkidle")
        page.locator(".locator").screenshot(
            path=str(artifacts / f"exhibitions-locator-{width}-{scheme}.png")
        )
    finally:
        context.close()
