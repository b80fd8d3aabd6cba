"""A language writes dates, numbers and prices as CLDR has them, and fills its placeholders."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from generator.language import N_, english, language_for

NBSP = "\u00a0"
NNBSP = "\u202f"  # CLDR's narrow no-break space, before 'г.' and after a year in Kazakh
DAY = datetime.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "December 2, 2026"),
        ("ru", f"2 декабря 2026{NNBSP}г."),
        ("kk", f"2026{NNBSP}ж. 2 желтоқсан"),
    ],
)
def test_a_day_in_full_is_written_as_the_language_writes_it(code: str, expected: str) -> None:
    assert language_for(code).long_date(DAY) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ru", f"3—30 мар. 2025{NNBSP}г."),
        ("kk", f"2025{NNBSP}ж. 3–30 нау."),
        ("de", "3.–30. März 2025"),
    ],
)
def test_a_span_of_days_names_their_month_and_year_once(code: str, expected: str) -> None:
    start, end = datetime.date(2025, 3, 3), datetime.date(2025, 3, 30)
    assert language_for(code).date_range(start, end) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", f"KZT{NBSP}450,000"),
        ("ru", f"450{NBSP}000{NBSP}KZT"),
        ("kk", f"450{NBSP}000{NBSP}₸"),
    ],
)
def test_a_price_is_written_in_the_languages_currency_format(code: str, expected: str) -> None:
    assert language_for(code).price(Decimal(450000), "KZT") == expected


def test_a_price_with_cents_keeps_them() -> None:
    assert language_for("ru").price(Decimal("1200.5"), "EUR") == f"1{NBSP}200,50{NBSP}€"


@pytest.mark.parametrize(
    ("code", "number", "fixed"),
    [("en", "3,000", "43.26"), ("ru", f"3{NBSP}000", "43,26"), ("kk", f"3{NBSP}000", "43,26")],
)
def test_numbers_take_the_languages_grouping_and_decimal_sign(
    code: str, number: str, fixed: str
) -> None:
    language = language_for(code)
    assert language.number(3000) == number
    assert language.fixed(43.2567) == fixed


def test_without_a_catalogue_the_words_stay_english_and_placeholders_are_filled() -> None:
    russian = language_for("ru")  # its dates and numbers, none of the theme's words
    assert russian.gettext("Gallery") == "Gallery"
    assert russian.gettext("Press kit — %(name)s", name="Anna") == "Press kit — Anna"
    assert russian.ngettext("%(num)s work", "%(num)s works", 1000) == f"1{NBSP}000 works"


def test_a_list_of_names_ends_with_and() -> None:
    assert english().join(["Anna"]) == "Anna"
    assert english().join(["Anna", "Dana"]) == "Anna and Dana"
    assert english().join(["Anna", "Bakhyt", "Dana"]) == "Anna, Bakhyt and Dana"


def test_each_language_is_named_in_itself() -> None:
    assert [language_for(c).name for c in ("en", "ru", "kk")] == ["English", "Русский", "Қазақша"]
    assert language_for("de").name == "Deutsch"


def test_a_language_babel_does_not_know_writes_as_english() -> None:
    assert language_for("xx-unknown").long_date(DAY) == "December 2, 2026"


def test_the_marker_returns_its_string_untouched() -> None:
    assert N_("Sold") == "Sold"
