"""Places of an artist: a hometown or a place of the story, with coordinates or by name.

A place with ``lat`` and ``lon`` is read as written (decimal or degrees-minutes-seconds, see
``source/coordinates``) and, if its country is known, checked for swapped coordinates. A
place without them is looked up by name in the offline gazetteer; the hometown may also be
written in short, ``hometown: Balkhash, Kazakhstan``.
"""

from __future__ import annotations

from generator.content import gazetteer
from generator.content.model import Place
from generator.source.coordinates import (
    COORDINATES_HINT,
    FIND_HINT,
    CoordinateError,
    parse_coordinate,
)
from generator.source.fields import Fields

PLACE_KEYS = ("name", "region", "country", "lat", "lon", "approximate", "radius_km", "reason")
DEFAULT_RADIUS_KM = 60.0
NOWHERE = Place(name="", country="", lat=0.0, lon=0.0)
_LIMITS = {"lat": 90.0, "lon": 180.0}


class PlaceLookupError(ValueError):
    """A name the gazetteer cannot turn into one place; the hint says what to write."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def read_hometown(fields: Fields) -> Place:
    """The artist's ``hometown``: a mapping, or the short form 'Name, Country'."""
    value = fields.data.get("hometown")
    if isinstance(value, str) and value.strip():
        name, country = split_short_form(value)
        try:
            lat, lon = locate(name, country)
        except PlaceLookupError as exc:
            fields.problems.add(f"'hometown': {exc.message}", fields.mark("hometown"), exc.hint)
            return NOWHERE
        return Place(name=name, country=country, lat=lat, lon=lon)
    hometown = fields.mapping("hometown")
    return read_place(hometown) if hometown else NOWHERE


def split_short_form(text: str) -> tuple[str, str]:
    """'Balkhash, Kazakhstan' as its name and country; 'Balkhash' as its name and ""."""
    name, _, country = (part.strip() for part in text.rpartition(","))
    return (name, country) if name else (country, "")


def read_place(fields: Fields) -> Place:
    """One place's fields, looked up by name when it has no coordinates."""
    fields.check_keys(PLACE_KEYS)
    approximate = fields.flag("approximate")
    name = fields.text("name")
    country = fields.text("country", required=False)
    has_lat, has_lon = (fields.data.get(k) is not None for k in ("lat", "lon"))
    if not has_lat and not has_lon and name:
        lat, lon = _looked_up(fields, name, country)
    else:
        lat, lon = _coordinate(fields, "lat"), _coordinate(fields, "lon")
        if has_lat and has_lon and country:
            _check_swapped(fields, lat, lon, country)
    return Place(
        name=name,
        country=country,
        region=fields.text("region", required=False),
        lat=lat,
        lon=lon,
        reason=fields.text("reason", required=False),
        approximate=approximate,
        radius_km=fields.number(
            "radius_km", low=1, high=2000, required=False, default=DEFAULT_RADIUS_KM
        )
        if approximate
        else 0.0,
    )


def _coordinate(fields: Fields, key: str) -> float:
    value = fields.data.get(key)
    if value is None:
        fields.problems.add(f"{fields.label(key)} is required", fields.mark(), FIND_HINT)
        return 0.0
    try:
        number = parse_coordinate(value, key)
    except CoordinateError as exc:
        fields.problems.add(f"{fields.label(key)} {exc}", fields.mark(key), FIND_HINT)
        return 0.0
    limit = _LIMITS[key]
    if not -limit <= number <= limit:
        fields.problems.add(
            f"{fields.label(key)} must be between {-limit:g} and {limit:g} (got {number:g})",
            fields.mark(key),
            FIND_HINT,
        )
        return 0.0
    return number


def _check_swapped(fields: Fields, lat: float, lon: float, country: str) -> None:
    known = gazetteer.country(country)
    if known is None or known.contains(lat, lon) or not known.contains(lon, lat):
        return
    fields.problems.add(
        f"{fields.label('lat')} and {fields.label('lon')} look swapped: "
        f"lat {lat:g}, lon {lon:g} is outside {known.name}, the other way round is inside",
        fields.mark("lat"),
        f"write these two lines instead:\n    lat: {lon:g}\n    lon: {lat:g}",
    )


def _looked_up(fields: Fields, name: str, country: str) -> tuple[float, float]:
    try:
        return locate(name, country)
    except PlaceLookupError as exc:
        fields.problems.add(f"{fields.label('name')}: {exc.message}", fields.mark("name"), exc.hint)
        return 0.0, 0.0


def _lines(name: str, country: str, lat: float | str, lon: float | str) -> str:
    country_line = f"\n    country: {country}" if country else ""
    return f"\n    name: {name}{country_line}\n    lat: {lat}\n    lon: {lon}"


def locate(name: str, country: str) -> tuple[float, float]:
    """The coordinates of the one place called ``name`` in ``country`` (any if empty)."""
    found = find_place(name, country)
    return found.lat, found.lon


def find_place(name: str, country: str) -> gazetteer.Found:
    """The one place of the gazetteer called ``name`` in ``country`` (any if empty)."""
    iso = None
    if country:
        known = gazetteer.country(country)
        if known is None:
            close = gazetteer.close_countries(country)
            raise PlaceLookupError(
                f"no country called '{country}' is known",
                (f"did you mean {' or '.join(close)}? " if close else "")
                + "write its English name or its two-letter code (KZ), or write the place's "
                "position:"
                + _lines(name, country, "<number>", "<number>")
                + f"\n  {COORDINATES_HINT}",
            )
        iso = known.iso
    found = gazetteer.lookup(name, iso)
    where = f" in {country}" if country else ""
    if len(found) == 1:
        return found[0]
    if not found:
        close = gazetteer.close_names(name, iso)
        return_hint = f"did you mean {', '.join(close)}? " if close else ""
        raise PlaceLookupError(
            f"'{name}'{where} is not in showcase's list of places (those of 1,000 people or more)",
            return_hint
            + "check the spelling, or write its position:"
            + _lines(name, country, "<number>", "<number>")
            + f"\n  {COORDINATES_HINT}",
        )
    shown = found[:8]
    more = f"\n    … and {len(found) - len(shown)} more" if len(found) > len(shown) else ""
    best = shown[0]
    raise PlaceLookupError(
        f"{len(found)} places are called '{name}'{where}",
        "they are:\n    "
        + "\n    ".join(p.describe() for p in shown)
        + more
        + "\n  write the one you mean with its position, for example:"
        + _lines(name, country or best.country, f"{best.lat:g}", f"{best.lon:g}"),
    )
