"""Latitudes and longitudes as people write them: decimal degrees, or degrees, minutes, seconds.

Accepted: ``46.848``, ``-46.848``, ``46,848`` (a decimal comma), ``46°50′53″N``,
``46°50'53"N``, ``46 50 53 N``, ``46°50.88′N``, ``N 46°50′53″``, with the hemisphere letter in
either case. North and east are positive; a hemisphere letter and a minus sign together are
refused, since one of them would be ignored.
"""

from __future__ import annotations

import re

COORDINATES_HINT = (
    "to find a place's coordinates, right-click it in OpenStreetMap or Google Maps and copy "
    "the two numbers (the first is lat, the second lon)"
)
FIND_HINT = COORDINATES_HINT + (
    "; or write only its name and country and showcase looks the place up"
)

_HEMISPHERES = {"lat": {"N": 1, "S": -1}, "lon": {"E": 1, "W": -1}}
_MARKS = str.maketrans(
    {
        "º": "°",
        "˚": "°",
        "′": "'",
        "’": "'",
        "‘": "'",
        "´": "'",
        "`": "'",
        "″": '"',
        "”": '"',
        "“": '"',
        "−": "-",
        "–": "-",
    }
)
_NUMBER = r"\d+(?:\.\d+)?"
_SHAPE = re.compile(
    rf"""^(?P<sign>[+-]?)\s*
    (?P<deg>{_NUMBER})\s*(?:°|\s|$)\s*
    (?:(?P<min>{_NUMBER})\s*(?:'|\s|$)\s*)?
    (?:(?P<sec>{_NUMBER})\s*(?:"|''|\s|$)\s*)?$""",
    re.VERBOSE,
)


class CoordinateError(ValueError):
    """A latitude or longitude that cannot be read; the message says what is wrong."""


def parse_coordinate(value: object, axis: str) -> float:
    """The value of ``lat`` or ``lon`` (``axis``) in signed decimal degrees.

    Range checks are the caller's; this reads the number and its hemisphere only.
    """
    if isinstance(value, bool):
        raise CoordinateError(f"must be a number of degrees (got {value!r})")
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str) or not value.strip():
        raise CoordinateError(f"must be a number of degrees (got {value!r})")
    text = value.translate(_MARKS).strip().upper()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if sum(c.isalpha() for c in text) > 1:
        raise CoordinateError(f"must be a number of degrees (got {value!r})")
    hemisphere = 1
    letters = _HEMISPHERES[axis]
    others = _HEMISPHERES["lon" if axis == "lat" else "lat"]
    for end in (text[-1:], text[:1]):
        if end in others:
            raise CoordinateError(
                f"'{end}' belongs to a {'longitude' if axis == 'lat' else 'latitude'} "
                f"(got {value!r}): are lat and lon the right way round?"
            )
        if end in letters:
            hemisphere = letters[end]
            text = (text[:-1] if text.endswith(end) else text[1:]).strip()
            break
    else:
        end = ""
    match = _SHAPE.match(text)
    if match is None:
        raise CoordinateError(f"must be a number of degrees (got {value!r})")
    if end and match["sign"]:
        raise CoordinateError(
            f"has both a sign and '{end}' (got {value!r}); write one of them, "
            f"for example {text.lstrip('+-').strip()} {end}"
        )
    minutes = float(match["min"] or 0)
    seconds = float(match["sec"] or 0)
    if minutes >= 60 or seconds >= 60:
        raise CoordinateError(f"has minutes or seconds of 60 or more (got {value!r})")
    if (match["min"] and "." in match["deg"]) or (match["sec"] and "." in (match["min"] or "")):
        raise CoordinateError(
            f"has a fraction before minutes or seconds (got {value!r}); "
            "write 46°50.88′ or 46°50′53″, not both"
        )
    degrees = float(match["deg"]) + minutes / 60 + seconds / 3600
    sign = -1 if match["sign"] == "-" else 1
    return sign * hemisphere * degrees
