"""iCalendar text as RFC 5545 wants it: escaped values and lines folded at 75 octets."""

from __future__ import annotations

import datetime

import icalendar

from generator import layout
from generator.content.model import Exhibition
from generator.render.catalogue import load_language
from generator.site.exhibitions import Showing
from generator.site.ical import calendar_text, escape, fold
from generator.urls import UrlBuilder
from tests.unit.site.test_contact import ARTIST


def test_commas_semicolons_backslashes_and_newlines_are_escaped() -> None:
    assert escape("Light, Dark; Both\\Neither\nAfter") == (
        "Light\\, Dark\\; Both\\\\Neither\\nAfter"
    )


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    value = "Жеңіс, " * 30  # two octets a letter: a fold may not fall inside one
    line = fold(f"SUMMARY:{escape(value)}")
    parts = line.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    for part in parts:
        part.encode().decode()  # each line is whole UTF-8
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\n")
    assert str(event["SUMMARY"]) == value


def test_short_lines_are_left_alone() -> None:
    assert fold("VERSION:2.0") == "VERSION:2.0"


def test_an_events_description_is_in_the_builds_language() -> None:
    russian, _ = load_language("ru", [layout.default_theme() / layout.TEMPLATES_DIR])
    exhibition = Exhibition(title="Степь", kind="solo", start=datetime.date(2026, 5, 1))
    showing = Showing(exhibition, (ARTIST,), "stepp")
    text = calendar_text((showing,), "Выставки", UrlBuilder("https://example.org/", {}), russian)
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]) == (
        f"Персональная выставка — {ARTIST.name}.\nПодробнее: https://example.org/exhibitions/#stepp"
    )
