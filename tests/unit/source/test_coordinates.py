"""Latitudes and longitudes as people write them."""

from __future__ import annotations

import pytest

from generator.source.coordinates import CoordinateError, parse_coordinate

DMS = 46 + 50 / 60 + 53 / 3600


@pytest.mark.parametrize(
    ("text", "axis", "expected"),
    [
        ("46°50′53″N", "lat", DMS),
        ("46°50'53\"N", "lat", DMS),
        ("46 50 53 N", "lat", DMS),
        ("46 50 53 n", "lat", DMS),
        ("N 46°50′53″", "lat", DMS),
        ("46°50′53″S", "lat", -DMS),
        ("46°50.88′N", "lat", 46.848),
        ("46,848", "lat", 46.848),
        ("-46,848", "lat", -46.848),
        ("+46.848", "lat", 46.848),
        ("74°58′55″E", "lon", 74 + 58 / 60 + 55 / 3600),
        ("74.98 w", "lon", -74.98),
        (46.848, "lat", 46.848),
        (-120, "lon", -120.0),
    ],
)
def test_every_written_form_gives_signed_decimal_degrees(
    text: object, axis: str, expected: float
) -> None:
    assert parse_coordinate(text, axis) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "axis", "says"),
    [
        ("somewhere", "lat", "must be a number of degrees"),
        ("46 50 53 E", "lat", "right way round"),
        ("74 58 N", "lon", "right way round"),
        ("-46 50 S", "lat", "both a sign and 'S'"),
        ("46 61 N", "lat", "60 or more"),
        ("46.5 30 N", "lat", "fraction before minutes"),
        ("1,2,3", "lat", "must be a number"),
        (True, "lat", "must be a number"),
    ],
)
def test_unreadable_values_say_what_is_wrong(text: object, axis: str, says: str) -> None:
    with pytest.raises(CoordinateError, match=says):
        parse_coordinate(text, axis)
