"""Works for sale, built: the facts on work pages, the three price modes (no amount leaks in
'hide'), offers in JSON-LD, status marks, the price list, and check's warnings."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from generator.authoring.check import check_site
from tests.editing import build, edit

AKTYBEK = "content/series/the-people-of-aktybek.md"
SITE = "site"
HARVEST = f"{SITE}/gallery/the-people-of-aktybek/harvest-at-first-light/index.html"
SERIES = f"{SITE}/gallery/the-people-of-aktybek/index.html"
PRICES = f"{SITE}/artists/bekzat-ayumi/prices/index.html"
# The example site's amounts, as any output could write them.
AMOUNTS = ("450000", "450,000", "450 000", "450\xa0000", "520000", "520,000", "480000", "1250000")
# The same amounts as a currency format writes them, and the currency itself.
FORMATTED = (
    *(
        f"{millions}{space}{thousands}{space}000".lstrip(space)
        for millions, thousands in (("", "450"), ("", "520"), ("", "480"), ("1", "250"))
        for space in (",", " ", "\xa0", "\u202f", ".")
    ),
    *("KZT", "₸", "Price on request", ">Price<"),
)


def page(project: Path, name: str) -> str:
    return (project / name).read_text(encoding="utf-8")


def structured(html: str) -> dict[str, Any]:
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    result: dict[str, Any] = json.loads(data)
    return result


def test_a_work_page_shows_its_sale_facts(project: Path, image_cache: Path) -> None:
    code, output = build(project, image_cache)
    assert code == 0, output
    html = page(project, HARVEST)
    assert "<dt>Edition</dt><dd>3/10, edition of 10 + 2 AP</dd>" in html
    assert "<dt>Inventory</dt><dd>BA-2016-01</dd>" in html
    assert '<dt>Status</dt><dd class="work__status">Available</dd>' in html
    assert '<dt>Price</dt><dd class="work__price">KZT\xa0450,000</dd>' in html


def test_offers_follow_the_status(project: Path, image_cache: Path) -> None:
    code, output = build(project, image_cache)
    assert code == 0, output
    folder = "site/gallery/the-people-of-aktybek"
    harvest = structured(page(project, f"{folder}/harvest-at-first-light/index.html"))
    assert harvest["offers"] == {
        "@type": "Offer",
        "price": "450000",
        "priceCurrency": "KZT",
        "availability": "https://schema.org/InStock",
        "url": "https://example.org/gallery/the-people-of-aktybek/harvest-at-first-light/",
    }
    horses = structured(page(project, f"{folder}/horses-at-grazing/index.html"))
    assert horses["offers"]["availability"] == "https://schema.org/Reserved"
    # No price, or not for sale: no Offer.
    for slug in ("the-hay-cart", "dawn-over-the-steppe", "tending-the-yurt"):
        assert "offers" not in structured(page(project, f"{folder}/{slug}/index.html")), slug


def test_a_sold_work_with_a_price_is_offered_as_sold_out(project: Path, image_cache: Path) -> None:
    edit(project, AKTYBEK, "    status: sold\n", "    status: sold\n    price: 300000\n")
    code, output = build(project, image_cache)
    assert code == 0, output
    html = page(project, "site/gallery/the-people-of-aktybek/tending-the-yurt/index.html")
    assert structured(html)["offers"]["availability"] == "https://schema.org/SoldOut"


def test_on_request_says_so_and_shows_no_amount(project: Path, image_cache: Path) -> None:
    edit(project, "site.yaml", "prices: show\n", "prices: on-request\n")
    code, output = build(project, image_cache)
    assert code == 0, output
    html = page(project, HARVEST)
    assert '<dd class="work__price">Price on request</dd>' in html
    assert "offers" not in structured(html)
    assert "Price on request" in page(project, PRICES)
    for amount in AMOUNTS:
        assert amount not in html


def test_hide_leaves_no_amount_in_any_output_file(project: Path, image_cache: Path) -> None:
    edit(project, "site.yaml", "prices: show\n", "prices: hide\n")
    code, output = build(project, image_cache)
    assert code == 0, output
    files = [p for p in (project / SITE).rglob("*") if p.is_file()]
    assert len(files) > 50
    for path in files:
        if path.suffix in (".jpg", ".webp", ".avif", ".png"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for amount in AMOUNTS + FORMATTED:
            assert amount not in text, (path, amount)
        assert '"offers"' not in text, path
    html = page(project, PRICES)
    assert "<th" in html and ">Price</th>" not in html
    assert "<title>List of works — Bekzat Ayumi" in html and "Price list" not in html


def test_a_site_without_sale_data_has_no_price_list(tiny_project: Path, image_cache: Path) -> None:
    code, output = build(tiny_project, image_cache)
    assert code == 0, output
    artists = [p for p in (tiny_project / SITE / "artists").iterdir() if p.is_dir()]
    assert artists
    assert not any((artist / "prices").exists() for artist in artists)


def test_a_price_without_any_currency_is_a_located_error(project: Path, image_cache: Path) -> None:
    edit(project, "site.yaml", "currency: KZT\n", "")
    code, output = build(project, image_cache)
    assert code == 1
    assert f"{AKTYBEK}:" in output
    assert "the price of 'Harvest at First Light' has no currency" in output
    assert "currency: KZT" in output and "Traceback" not in output


def test_an_unknown_site_currency_is_a_located_error(project: Path, image_cache: Path) -> None:
    edit(project, "site.yaml", "currency: KZT\n", "currency: XYZ\n")
    code, output = build(project, image_cache)
    assert code == 1
    assert "site.yaml:" in output and "not an ISO 4217 currency code (got 'XYZ')" in output
    assert "Traceback" not in output


def test_an_unknown_prices_mode_suggests_the_closest(project: Path, image_cache: Path) -> None:
    edit(project, "site.yaml", "prices: show\n", "prices: shwo\n")
    code, output = build(project, image_cache)
    assert code == 1
    assert "'prices' must be one of show, on-request, hide" in output
    assert "did you mean 'show'?" in output


def test_a_mistyped_status_in_a_series_is_located(project: Path, image_cache: Path) -> None:
    edit(project, AKTYBEK, "    status: reserved\n", "    status: gone\n")
    code, output = build(project, image_cache)
    assert code == 1
    assert re.search(
        re.escape(AKTYBEK) + r":\d+:\d+: work 3, 'Horses at Grazing': 'status'", output
    )
    assert "(got 'gone')" in output and "Traceback" not in output


def test_the_series_page_marks_sold_and_reserved_works_with_words(
    project: Path, image_cache: Path
) -> None:
    code, output = build(project, image_cache)
    assert code == 0, output
    html = page(project, SERIES)
    assert (
        '<span class="sale-mark sale-mark--sold"><span class="sale-mark__dot" aria-hidden="true">'
        '</span><span class="sale-mark__text">Sold</span></span>'
    ) in html
    assert '<span class="sale-mark__text">Reserved</span>' in html
    assert 'data-status="sold" data-status-label="Sold"' in html
    assert html.count("sale-mark__dot") == 2  # the private collection's is not marked


def test_the_price_list_is_printable_unlisted_and_complete(
    project: Path, image_cache: Path
) -> None:
    code, output = build(project, image_cache)
    assert code == 0, output
    html = page(project, PRICES)
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html
    assert html.count("<tr>") == 7  # the header row and six works
    assert "Harvest at First Light" in html and "3/10, edition of 10 + 2 AP" in html
    assert "KZT\xa0450,000" in html and "(BA-2016-01)" in html and "Private collection" in html
    assert '<body class="page-prices">' in html
    sitemap = page(project, f"{SITE}/sitemap.xml")
    assert "/prices/" not in sitemap
    assert "/prices/" not in page(project, f"{SITE}/feed.xml")
    [css] = (project / SITE / "css").glob("site.*.css")
    style = css.read_text(encoding="utf-8")
    assert "@page price-list" in style and "size: A4" in style
    assert "display: table-header-group" in style


def test_check_warns_about_duplicate_inventory_and_sold_prices(
    project: Path, image_cache: Path
) -> None:
    edit(project, AKTYBEK, "inventory: BA-2018-02\n", "inventory: BA-2016-01\n")
    edit(project, AKTYBEK, "    status: sold\n", "    status: sold\n    price: 300000\n")
    report = check_site(project, cache_dir=image_cache)
    found = {(f.kind, f.file, f.line): f.message for f in report.warnings}
    [inventory] = [m for (kind, _, _), m in found.items() if kind == "inventory"]
    assert "'Tending the Yurt' has the inventory number 'BA-2016-01'" in inventory
    assert f"'Harvest at First Light' ({AKTYBEK}:" in inventory
    [(_, file, line)] = [key for key in found if key[0] == "sold-price"]
    assert file == AKTYBEK and line is not None


def test_check_warns_about_an_available_work_nobody_can_be_asked_about(
    project: Path, image_cache: Path
) -> None:
    text = (project / "site.yaml").read_text(encoding="utf-8")
    start = text.index("\ncontact:\n") + 1
    end = text.index("\nmap:\n")
    (project / "site.yaml").write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    # Bekzat Ayumi's own contact is links alone, no way to ask: her works are warned about
    # too, until she gives a phone of her own.
    report = check_site(project, cache_dir=image_cache)
    found = [f for f in report.warnings if f.kind == "no-contact"]
    assert "Spice Stall" in [f.message.split("'")[1] for f in found] and len(found) > 1
    artist = "content/artists/bekzat-ayumi.md"
    edit(project, artist, "contact:", "contact:\n  phone: +7 700 000 00 00")
    report = check_site(project, cache_dir=image_cache)
    found = [f for f in report.warnings if f.kind == "no-contact"]
    titles = sorted(f.message.split("'")[1] for f in found)
    assert titles == ["Spice Stall"]
    assert all(f.file.startswith("content/series/") and f.line for f in found)
    assert all("add 'contact:'" in f.message for f in found)
