"""Sale facts in a browser: a work page of each status at phone and desktop width, light and
dark (screenshots to look at), and the lightbox's status mark, built from DOM nodes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SERIES = "/gallery/the-people-of-aktybek/"
# A work page of each of the six statuses.
WORKS = {
    "available": f"{SERIES}harvest-at-first-light/",
    "sold": f"{SERIES}tending-the-yurt/",
    "reserved": f"{SERIES}horses-at-grazing/",
    "private-collection": f"{SERIES}dawn-over-the-steppe/",
    "not-for-sale": "/gallery/steppe-awakening/rose-horizon/",
    "on-loan": "/gallery/steppe-awakening/golden-grass/",
}
LABELS = {
    "private-collection": "Private collection",
    "not-for-sale": "Not for sale",
    "on-loan": "On loan",
}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("status", list(WORKS))
def test_a_work_page_shows_its_status_at_every_width(
    browser: Any, served_site: str, artifacts: Path, status: str, width: str, scheme: str
) -> None:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(f"{served_site}{WORKS[status]}", wait_until="networkidle")
        facts = page.locator(".work__facts")
        facts.scroll_into_view_if_needed()
        assert facts.is_visible()
        label = page.locator(".work__status").inner_text()
        assert label == LABELS.get(status, status.capitalize())
        box = facts.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= w + 1
        price = page.locator(".work__price")
        if status in ("available", "reserved"):
            assert price.inner_text().startswith("KZT")
        else:
            assert price.count() == 0
        page.screenshot(path=str(artifacts / f"sale-{status}-{width}-{scheme}.png"))
    finally:
        context.close()


def test_the_lightbox_marks_a_sold_work_with_words(browser: Any, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(served_site + SERIES + "#tending-the-yurt", wait_until="networkidle")
        page.wait_for_selector("dialog.lightbox[open]")
        mark = page.locator(".lightbox__meta .sale-mark--sold")
        assert mark.count() == 1
        assert mark.locator(".sale-mark__text").text_content() == "Sold"
        assert mark.locator(".sale-mark__dot").get_attribute("aria-hidden") == "true"
        page.keyboard.press("ArrowRight")  # Horses at Grazing, reserved
        page.wait_for_function(
            "() => document.querySelector('[data-lightbox-title]').textContent"
            " === 'Horses at Grazing'"
        )
        assert page.locator(".lightbox__meta .sale-mark--reserved").count() == 1
        page.keyboard.press("ArrowRight")  # Under the Shangyraq, available: no mark
        page.wait_for_function(
            "() => document.querySelector('[data-lightbox-title]').textContent"
            " === 'Under the Shangyraq'"
        )
        assert page.locator(".lightbox__meta .sale-mark").count() == 0
    finally:
        context.close()
