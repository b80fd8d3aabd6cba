"""The price list in a browser: printed to A4 by Chromium it fits about twenty works a page,
and on screen it reads at phone and desktop width (screenshots to look at)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import build
from tests.sitecheck import serve_folder

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PRICES = "/artists/bekzat-ayumi/prices/"
ROWS = 40
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}


@pytest.fixture(scope="module")
def many_works(tmp_path_factory: pytest.TempPathFactory, image_cache: Path) -> Iterator[str]:
    """The example site with an artist of forty works, served; yields its base URL."""
    project = tmp_path_factory.mktemp("many-works")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy2(ROOT / "site.yaml", project / "site.yaml")
    series = project / "content/series/the-people-of-aktybek.md"
    text = series.read_text(encoding="utf-8")
    head, works, body = re.match(r"(?s)(.*?works:\n)(.*?)(---\n.*)", text).groups()  # type: ignore[union-attr]
    items = re.split(r"(?m)^(?=  - title: )", works)[1:]
    extra = [
        re.sub(r"(?m)^(  - title: )(.*)$", rf"\g<1>\g<2> {n}", item).replace(
            "inventory: BA-", f"inventory: BA{n}-"
        )
        for n in range(2, ROWS // len(items) + 2)
        for item in items
    ]
    series.write_text(head + works + "".join(extra) + body, encoding="utf-8")
    report = build(project, project / "site", cache_dir=image_cache)
    with serve_folder(report.output) as url:
        yield url


def test_the_printed_price_list_fits_about_twenty_works_an_a4_page(
    browser: Any, many_works: str, artifacts: Path
) -> None:
    page = browser.new_page()
    try:
        page.goto(many_works + PRICES, wait_until="networkidle")
        rows = page.locator(".price-list tbody tr").count()
        assert rows >= ROWS
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        (artifacts / "price-list-print.pdf").write_bytes(pdf)
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
        assert pages >= 1
        assert rows / pages >= 18, (rows, pages)
    finally:
        page.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_price_list_reads_on_screen(
    browser: Any, served_site: str, artifacts: Path, width: str
) -> None:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    try:
        page.goto(served_site + PRICES, wait_until="networkidle")
        table = page.locator(".price-list")
        assert table.is_visible()
        box = table.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= w  # no scrolling
        price = page.locator(".price-list tbody tr").first.locator(".price-list__price")
        assert price.is_visible() and "450,000" in price.inner_text()
        page.screenshot(path=str(artifacts / f"price-list-{width}.png"), full_page=True)
    finally:
        context.close()
