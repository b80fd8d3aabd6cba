"""iCalendar text as RFC 5545 wants it: escaped values and lines folded at 75 octets."""

from __future__ import annotations

import icalendar

from generator.site.ical import escape, fold


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
