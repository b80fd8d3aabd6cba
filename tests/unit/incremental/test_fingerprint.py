"""Fingerprints: equal page data, equal digests; any difference, another digest."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

import pytest
from markupsafe import Markup

from generator.incremental.fingerprint import Fingerprints


@dataclass(frozen=True)
class Place:
    name: str
    lat: float


@dataclass(frozen=True)
class Person:
    name: str
    home: Place
    works: tuple[str, ...] = ()
    cache: list[int] = field(default_factory=list, compare=False)


PERSON = Person("Bakhyt Kalējs", Place("Zhenis", 51.05), ("Dawn", "Dusk"))


def test_equal_values_give_equal_digests_in_separate_runs() -> None:
    copy = Person("Bakhyt Kalējs", Place("Zhenis", 51.05), ("Dawn", "Dusk"))
    assert Fingerprints().of(PERSON) == Fingerprints().of(copy)
    assert Fingerprints().of({"b": 1, "a": [PERSON]}) == Fingerprints().of({"a": [copy], "b": 1})


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("1", 1),
        (1, 1.0),
        (1, True),
        (["a,b"], ["a", "b"]),
        (["1:a"], ["a"]),
        ({"a": "b"}, {"a:b": ""}),
        ("<b>", Markup("<b>")),
        ("x", PurePosixPath("x")),
        (datetime.date(2026, 1, 2), "2026-01-02"),
        ((), ""),
        (None, "None"),
        (PERSON, replace(PERSON, home=Place("Zhenis", 51.06))),
        (PERSON, replace(PERSON, works=("Dawn",))),
    ],
)
def test_different_values_give_different_digests(one: object, other: object) -> None:
    assert Fingerprints().of(one) != Fingerprints().of(other)


def test_fields_left_out_of_comparison_are_left_out_of_the_digest() -> None:
    assert Fingerprints().of(replace(PERSON, cache=[1, 2])) == Fingerprints().of(PERSON)


def test_an_object_seen_in_an_earlier_build_keeps_its_digest() -> None:
    earlier = Fingerprints()
    digest = earlier.of(PERSON)
    later = Fingerprints(earlier)
    assert later.of(PERSON) == digest
    assert later.of([PERSON]) == Fingerprints().of([PERSON])
