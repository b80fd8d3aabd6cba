"""A work's year: a plain year, a range or an approximate year."""

from __future__ import annotations

import pickle

import pytest

from generator.content.years import Year, parse_year


def test_a_plain_year_stays_a_plain_int() -> None:
    assert type(parse_year(2021)) is int and parse_year(2021) == 2021
    assert type(parse_year("2021")) is int and parse_year("2021") == 2021


@pytest.mark.parametrize(
    ("written", "first", "last", "circa", "text"),
    [
        ("2023–2024", 2023, 2024, False, "2023–2024"),
        ("2023-2024", 2023, 2024, False, "2023–2024"),
        ("2023-24", 2023, 2024, False, "2023–24"),
        ("c. 1990", 1990, 1990, True, "c. 1990"),
        ("circa 1990", 1990, 1990, True, "circa 1990"),
        ("c. 1990 - 95", 1990, 1995, True, "c. 1990–95"),
    ],
)
def test_ranges_and_approximate_years_keep_their_text(
    written: str, first: int, last: int, circa: bool, text: str
) -> None:
    year = parse_year(written)
    assert isinstance(year, Year)
    assert (int(year), year.last, year.circa, str(year), f"{year}") == (
        first,
        last,
        circa,
        text,
        text,
    )


def test_a_year_sorts_by_its_first_year_and_survives_pickling() -> None:
    years = [parse_year("2023-24"), parse_year(2019), parse_year("c. 2020")]
    assert [int(y) for y in sorted(years)] == [2019, 2020, 2023]
    year = parse_year("2023-24")
    assert repr(pickle.loads(pickle.dumps(year))) == repr(year)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("last year", "must be a year, a range of years or an approximate year"),
        ("2024-2023", "must end after it starts"),
        (
            "2023-22",
            "ends before it starts (got '2023-22'): a two-digit end year is in the "
            "start's century; write 2022–2023 or 2023–2024",
        ),
        ("1999-01", "write 1901–1999 or 1999–2001"),
        ("2023-23", "ends before it starts (got '2023-23')"),
        (3100, "must be between 1000 and 2999"),
        ("2023-3100", "must be between 1000 and 2999"),
        (True, "must be a year"),
        (2023.5, "must be a year"),
    ],
)
def test_what_is_not_a_year_says_why(written: object, message: str) -> None:
    result = parse_year(written)
    assert isinstance(result, str) and message in result
