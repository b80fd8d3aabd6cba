"""A work's sale facts: status, price, edition and inventory read with located errors, and
prices shown in the site language's currency format (CLDR through Babel)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator.config import SiteConfig
from generator.content.model import Edition, Price, Work
from generator.content.sale import (
    format_edition,
    format_price,
    offered_price,
    read_edition,
    read_price,
    read_status,
    shown_price,
)
from generator.source.fields import Fields, Problems
from generator.source.frontmatter import parse_frontmatter
from generator.source.marks import Mark


def fields(data: dict[str, Any]) -> Fields:
    marks = {(key,): Mark(7, 5) for key in data}
    return Fields(data, marks, Problems("content/series/x.md"))


def messages(item: Fields) -> list[str]:
    return [str(error) for error in item.problems.errors]


def work(status: str = "", price: Price | None = None) -> Work:
    return Work(
        slug="w",
        title="W",
        year=2020,
        medium="Oil",
        alt="A",
        image=Path("w.jpg"),
        series_slug="s",
        status=status,
        price=price,
    )


def config(prices: str = "show", language: str = "en", currency: str = "KZT") -> SiteConfig:
    return SiteConfig(
        title="T",
        description="D",
        base_url="https://example.org/",
        language=language,
        currency=currency,
        prices=prices,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "status",
    ["available", "reserved", "sold", "not-for-sale", "on-loan", "private-collection"],
)
def test_every_status_is_read(status: str) -> None:
    item = fields({"status": status})
    assert read_status(item) == status
    assert messages(item) == []


def test_a_mistyped_status_is_a_located_error_listing_the_statuses_and_the_closest() -> None:
    item = fields({"status": "avialable"})
    assert read_status(item) == ""
    [message] = messages(item)
    assert message.startswith("content/series/x.md:7:5:")
    assert "available, reserved, sold, not-for-sale, on-loan, private-collection" in message
    assert "did you mean 'available'?" in message


def test_an_unknown_status_lists_the_valid_ones() -> None:
    item = fields({"status": "gone"})
    read_status(item)
    [message] = messages(item)
    assert "(got 'gone')" in message and "private-collection" in message


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        (450000, Decimal(450000)),
        (1200.5, Decimal("1200.5")),
        ("450 000", Decimal(450000)),
        ("1 200,50", Decimal("1200.50")),
        ("1,200.50", Decimal("1200.50")),
        ("1.250.000", Decimal(1250000)),
    ],
)
def test_a_price_is_an_amount_in_the_site_currency(value: object, amount: Decimal) -> None:
    item = fields({"price": value})
    assert read_price(item) == Price(amount, "")
    assert messages(item) == []


def test_a_price_may_name_its_currency() -> None:
    item = fields({"price": {"amount": 1200, "currency": "eur"}})
    assert read_price(item) == Price(Decimal(1200), "EUR")


def test_a_price_in_an_unknown_currency_suggests_the_closest() -> None:
    item = fields({"price": {"amount": 1200, "currency": "EUT"}})
    assert read_price(item) is None
    [message] = messages(item)
    assert "not an ISO 4217 currency code" in message
    assert "did you mean 'EUR'?" in message


@pytest.mark.parametrize("value", ["about 400", "₸450000", -5, True, "1,2,3"])
def test_what_is_not_an_amount_is_a_located_error(value: object) -> None:
    item = fields({"price": value})
    assert read_price(item) is None
    [message] = messages(item)
    assert "content/series/x.md:7:5:" in message and "must be an amount" in message


def test_an_edition_is_read_and_shown_as_number_of_size_with_proofs() -> None:
    item = fields({"edition": {"size": 10, "proofs": 2, "number": 3}})
    edition = read_edition(item)
    assert edition == Edition(10, 2, 3)
    assert format_edition(edition) == "3/10, edition of 10 + 2 AP"
    assert format_edition(Edition(5)) == "Edition of 5"


def test_an_edition_number_over_its_size_is_an_error() -> None:
    item = fields({"edition": {"size": 10, "number": 12}})
    read_edition(item)
    [message] = messages(item)
    assert "more than the edition's size (10)" in message


def test_an_edition_key_typo_is_told_the_closest_key() -> None:
    item = fields({"edition": {"size": 10, "proof": 2}})
    read_edition(item)
    assert any("did you mean 'proofs'?" in m for m in messages(item))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "KZT\xa0450,000"),
        ("ru", "450\xa0000\xa0KZT"),
        ("kk", "450\xa0000\xa0₸"),
    ],
)
def test_prices_are_written_as_the_site_language_writes_them(language: str, expected: str) -> None:
    assert format_price(Decimal(450000), "KZT", language) == expected


def test_a_price_with_cents_keeps_them() -> None:
    assert format_price(Decimal("1200.5"), "USD", "en") == "$1,200.50"
    assert format_price(Decimal("1200.5"), "EUR", "ru") == "1\xa0200,50\xa0€"


def test_show_shows_amounts_and_price_on_request_for_available_works_without_one() -> None:
    priced = work("available", Price(Decimal(450000), ""))
    assert shown_price(priced, config("show")) == "KZT\xa0450,000"
    assert offered_price(priced, config("show")) == Price(Decimal(450000), "")
    assert shown_price(work("available"), config("show")) == "Price on request"
    assert shown_price(work("not-for-sale", Price(Decimal(1), "")), config("show")) == ""


def test_on_request_shows_no_amount() -> None:
    priced = work("available", Price(Decimal(450000), ""))
    assert shown_price(priced, config("on-request")) == "Price on request"
    assert offered_price(priced, config("on-request")) is None
    assert shown_price(work("sold", Price(Decimal(1), "")), config("on-request")) == ""


def test_hide_shows_nothing_of_prices() -> None:
    priced = work("available", Price(Decimal(450000), ""))
    assert shown_price(priced, config("hide")) == ""
    assert offered_price(priced, config("hide")) is None


def test_sold_and_private_works_may_not_be_enquired_about() -> None:
    assert work("available").enquirable and work("reserved").enquirable and work().enquirable
    assert not work("sold").enquirable
    assert not work("private-collection").enquirable


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.200", Decimal(1200)),
        ("1.200.000", Decimal(1200000)),
        ('"1.200"', Decimal(1200)),
        ("1.20", Decimal("1.20")),
        ("1200.50  # a comment", Decimal("1200.50")),
        ("{amount: 1.200, currency: EUR}", Decimal(1200)),
    ],
)
def test_a_point_groups_thousands_as_typed_even_where_yaml_reads_a_float(
    typed: str, amount: Decimal
) -> None:
    document = parse_frontmatter(f"---\ntitle: X\nprice: {typed}\n---\n", "x.md")
    item = Fields(document.data, document.marks, Problems("x.md", lines=document.lines))
    price = read_price(item)
    assert price is not None and price.amount == amount
    assert messages(item) == []


@pytest.mark.parametrize(
    ("currency", "language", "expected"),
    [
        ("USD", "en", "$450,000"),
        ("EUR", "en", "€1,200.50"),
        ("KZT", "en", "KZT\xa01,200.50"),
        ("USD", "ru", "1\xa0200,50\xa0$"),
    ],
)
def test_a_code_is_parted_from_the_digits_and_a_sign_is_not(
    currency: str, language: str, expected: str
) -> None:
    amount = Decimal(450000) if expected.endswith("000") else Decimal("1200.5")
    assert format_price(amount, currency, language) == expected


@pytest.mark.parametrize(("typed", "meant"), [("KTZ", "KZT"), ("EUT", "EUR"), ("UDS", "USD")])
def test_a_currency_with_letters_swapped_or_one_wrong_suggests_the_code_meant(
    typed: str, meant: str
) -> None:
    item = fields({"price": {"amount": 1200, "currency": typed}})
    assert read_price(item) is None
    [message] = messages(item)
    assert f"did you mean '{meant}'?" in message


def test_a_status_slip_is_told_the_closest_and_always_the_list() -> None:
    item = fields({"status": "avialable"})
    read_status(item)
    [message] = messages(item)
    assert "did you mean 'available'?" in message and "not-for-sale, on-loan" in message
    item = fields({"status": "gone"})
    read_status(item)
    [message] = messages(item)
    assert "did you mean" not in message and "available, reserved, sold" in message


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("450 000 KZT", "did you mean 'price: 450 000'?"),
        ("₸450000", "did you mean 'price: 450000'?"),
        ("on request", "leave 'price' out"),
        ("cheap", "450000, 450 000 or 1 200,50"),
    ],
)
def test_a_price_that_is_not_an_amount_is_told_what_to_write(value: str, hint: str) -> None:
    item = fields({"price": value})
    assert read_price(item) is None
    [message] = messages(item)
    assert hint in message and "450000, 450 000 or 1 200,50" in message
