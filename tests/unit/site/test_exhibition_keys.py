"""An exhibition keeps its name (its anchor, its .ics file, its calendar UID) through
corrections, and two exhibitions never share one."""

from __future__ import annotations

import datetime
from dataclasses import replace

from generator.content.model import Exhibition
from generator.site.exhibitions import showing_key

SALON = Exhibition(
    title="Spring Salon",
    venue="Kasteev Museum",
    start=datetime.date(2026, 3, 1),
    end=datetime.date(2026, 3, 30),
)


def test_correcting_the_venue_or_the_closing_day_keeps_the_key() -> None:
    key = showing_key(SALON)
    assert key.startswith("spring-salon-")
    assert showing_key(replace(SALON, venue="Kasteev State Museum of Arts")) == key
    assert showing_key(replace(SALON, end=datetime.date(2026, 4, 12))) == key
    assert showing_key(replace(SALON, title="Spring  salon")) == key  # case and spacing


def test_another_year_or_title_is_another_exhibition() -> None:
    key = showing_key(SALON)
    next_year = replace(SALON, start=datetime.date(2027, 3, 1), end=datetime.date(2027, 3, 30))
    assert showing_key(next_year) != key
    assert showing_key(replace(SALON, title="Autumn Salon")) != key


def test_two_of_one_title_and_year_are_told_apart_by_venue_and_dates() -> None:
    other = replace(SALON, venue="Esentai Gallery", start=datetime.date(2026, 9, 1), end=None)
    assert showing_key(other) == showing_key(SALON)  # so showings() names them in full
    assert showing_key(other, whole=True) != showing_key(SALON, whole=True)
