"""The CV in a browser: printed to A4 by Chromium, each example artist's fits two pages or
fewer, headed by the name and contact, with no navigation; on screen it reads at phone and
desktop width, as does the artist page with its statement (screenshots to look at)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ARTISTS = ["bekzat-ayumi", "bakhyt-morel", "bakhyt-kalejs"]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}


@pytest.mark.parametrize("slug", ARTISTS)
def test_each_example_cv_prints_on_two_a4_pages_or_fewer_without_navigation(
    browser: Any, served_site: str, artifacts: Path, slug: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{served_site}/artists/{slug}/cv/", wait_until="networkidle")
        page.emulate_media(media="print")
        assert not page.locator(".site-header").is_visible()
        assert not page.locator(".site-footer").is_visible()
        top = page.locator("main").bounding_box()
        name = page.locator("h1.cv__name")
        assert name.is_visible() and top is not None
        box = name.bounding_box()
        assert box is not None and box["y"] - top["y"] < 60  # the name heads the first page
        assert page.locator(".cv__contact a").first.is_visible()
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        (artifacts / f"cv-{slug}.pdf").write_bytes(pdf)
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
        assert 1 <= pages <= 2, (slug, pages)
    finally:
        page.close()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("path", ["/artists/bekzat-ayumi/cv/", "/artists/bekzat-ayumi/"])
def test_the_cv_and_the_statement_read_on_screen(
    browser: Any, served_site: str, artifacts: Path, width: str, path: str
) -> None:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    try:
        page.goto(served_site + path, wait_until="networkidle")
        shown = page.locator(".cv" if path.endswith("/cv/") else ".statement")
        assert shown.is_visible()
        box = shown.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= w  # no scrolling
        assert page.evaluate("document.documentElement.scrollWidth") <= w
        name = "cv" if path.endswith("/cv/") else "artist-statement"
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
    finally:
        context.close()
