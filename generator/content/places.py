"""Places of an artist: a hometown or a place of the story, with coordinates or by name.

A place with ``lat`` and ``lon`` is read as written (decimal or degrees-minutes-seconds, see
``source/coordinates``) and, if its country is known, checked for swapped coordinates. A
place without them is looked up by name in the offline gazetteer; the hometown may also be
written in short, ``hometown: Balkhash, Kazakhstan``.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.content import gazetteer
from generator.content.model import Artist, Place
from generator.source.coordinates import (
    COORDINATES_HINT,
    FIND_HINT,
    CoordinateError,
    parse_coordinate,
)
from generator.source.fields import Fields

PLACE_KEYS = ("name", "region", "country", "lat", "lon", "approximate", "radius_km", "reason")
HOMETOWN_KEYS = tuple(key for key in PLACE_KEYS if key != "reason")  # a hometown needs no reason
DEFAULT_RADIUS_KM = 60.0
NOWHERE = Place(name="", country="", lat=0.0, lon=0.0)
_LIMITS = {"lat": 90.0, "lon": 180.0}


class PlaceLookupError(ValueError):
    """A name the gazetteer cannot turn into one place; the hint says what to write."""

    def __init__(
        self,
        message: str,
        hint: str,
        candidates: tuple[gazetteer.Found, ...] = (),
        close: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.candidates = candidates  # the places of that name, when there are several
        self.close = close  # names like it, when there is none


def read_hometown(fields: Fields) -> Place:
    """The artist's ``hometown``: a mapping, or the short form 'Name, Country'."""
    value = fields.data.get("hometown")
    if isinstance(value, str) and value.strip():
        return _short_hometown(fields, value)
    if isinstance(value, list) and value and all(isinstance(v, (str, int, float)) for v in value):
        fields.problems.add(
            "'hometown' must be a set of 'key: value' fields, not a list",
            fields.mark("hometown"),
            "write these lines instead:\n  hometown:\n"
            + "\n".join(
                f"    {key}: {item}" for key, item in zip(("name", "country"), value, strict=False)
            )
            + (
                "\n  or in one line: hometown: " + ", ".join(map(str, value))
                if len(value) <= 2
                else ""
            ),
        )
        return NOWHERE
    hometown = fields.mapping("hometown")
    return read_place(hometown, HOMETOWN_KEYS) if hometown else NOWHERE


def _short_hometown(fields: Fields, value: str) -> Place:
    """``hometown: Balkhash, Kazakhstan``, looked up; a position written so is explained."""
    parts = [part.strip() for part in value.split(",")]
    if _is_position(parts):
        lat, lon = (
            parts if len(parts) == 2 else (f"{parts[0]}.{parts[1]}", f"{parts[2]}.{parts[3]}")
        )
        fields.problems.add(
            f"'hometown' looks like a position ({value.strip()}), which needs its own lines",
            fields.mark("hometown"),
            "write these lines instead, with the town's name:\n  hometown:\n"
            f"    name: <town>\n    lat: {lat}\n    lon: {lon}",
        )
        return NOWHERE
    name, country = split_short_form(value)
    if not name:
        fields.problems.add(
            f"'hometown' has no town name before the comma (got {value.strip()!r})",
            fields.mark("hometown"),
            "write the town's name first, for example: hometown: Balkhash, Kazakhstan",
        )
        return NOWHERE
    try:
        found = find_place(name, country)
    except PlaceLookupError as exc:
        fields.problems.add(f"'hometown': {exc.message}", fields.mark("hometown"), exc.hint)
        return NOWHERE
    return Place(name=name, country=country or found.country_name(), lat=found.lat, lon=found.lon)


def _is_position(parts: list[str]) -> bool:
    """Whether the comma-separated ``parts`` are two coordinates (or four, decimal commas)."""
    if len(parts) == 4 and all(part.isdigit() for part in parts):
        return True
    if len(parts) != 2:
        return False
    try:
        parse_coordinate(parts[0], "lat")
        parse_coordinate(parts[1], "lon")
    except CoordinateError:
        return False
    return True


def split_short_form(text: str) -> tuple[str, str]:
    """'Balkhash, Kazakhstan' as its name and country; 'Balkhash' as its name and "".

    ', Kazakhstan' has an empty name: ("", "Kazakhstan").
    """
    name, comma, country = (part.strip() for part in text.rpartition(","))
    return (name, country) if comma else (country, "")


def read_place(fields: Fields, keys: tuple[str, ...] = PLACE_KEYS) -> Place:
    """One place's fields (``keys`` allowed), looked up by name when it has no coordinates."""
    if _split_at_decimal_comma(fields):
        return NOWHERE
    fields.check_keys(keys)
    approximate = fields.flag("approximate")
    name = fields.text("name")
    country = fields.text("country", required=False)
    has_lat, has_lon = (fields.data.get(k) is not None for k in ("lat", "lon"))
    if not has_lat and not has_lon and name:
        lat, lon, found = _looked_up(fields, name, country)
        country = country or found
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


def read_city(fields: Fields) -> Place | None:
    """Where an entry of an artist's record took place: its ``city`` and ``country``, looked
    up like a hometown, or placed by ``lat`` and ``lon`` where the gazetteer does not know it;
    None for an entry without a city."""
    city = fields.text("city", required=False)
    country = fields.text("country", required=False)
    has_lat, has_lon = (fields.data.get(k) is not None for k in ("lat", "lon"))
    if has_lat or has_lon:
        if not city:
            fields.problems.add(
                f"{fields.label('city')} is required with 'lat' and 'lon'",
                fields.mark("lat" if has_lat else "lon"),
                "add 'city: <name>': the map names the place by it",
            )
        lat, lon = _coordinate(fields, "lat"), _coordinate(fields, "lon")
        if has_lat and has_lon and country:
            _check_swapped(fields, lat, lon, country)
        return Place(name=city, country=country, lat=lat, lon=lon)
    if not city:
        return None
    try:
        found = find_place(city, country)
    except PlaceLookupError as exc:
        fields.problems.add(
            f"{fields.label('city')}: {exc.message}",
            fields.mark("city"),
            f"{exc.hint}; or give the place's 'lat' and 'lon'",
        )
        return None
    return Place(name=city, country=country or found.country_name(), lat=found.lat, lon=found.lon)


def _split_at_decimal_comma(fields: Fields) -> bool:
    """Whether YAML split ``lat: 43,2973`` inside ``{…}`` into ``lat: 43`` and a key '2973'.

    Reported with the three ways to write it; the place is then not read further.
    """
    keys = list(fields.data)
    split = [
        (keys[i - 1], fields.data[keys[i - 1]], key)
        for i, key in enumerate(keys)
        if i
        and isinstance(key, (str, int))
        and str(key).isdigit()
        and fields.data[key] is None
        and isinstance(fields.data[keys[i - 1]], int)
    ]
    if not split:
        return False
    written = ", ".join(f"{key}: {whole},{part}" for key, whole, part in split)
    points = "\n".join(f"    {key}: {whole}.{part}" for key, whole, part in split)
    quoted = ", ".join(f"{key}: '{whole},{part}'" for key, whole, part in split)
    fields.problems.add(
        f"{fields.label(str(split[0][0]))}: the decimal comma in {written} splits the "
        "{…} at the comma (YAML reads a new key after each comma)",
        fields.mark(str(split[0][0])),
        f"write a decimal point, {{…, {', '.join(f'{k}: {w}.{p}' for k, w, p in split)}}}, "
        f"or put the value in quotes, {{…, {quoted}}}, or write one key per line:\n{points}",
    )
    return True


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
    within = f"{fields.item}: " if fields.item else ""
    name = fields.name("lat").rsplit(".", 1)[0] if not fields.item else ""
    owner = f"'{name}': " if name else ""
    fields.problems.add(
        f"{within}{owner}'lat' and 'lon' look swapped: "
        f"lat {lat:g}, lon {lon:g} is outside {known.name}, the other way round is inside",
        fields.mark("lat"),
        f"write these two lines instead:\n    lat: {lon:g}\n    lon: {lat:g}",
    )


def _looked_up(fields: Fields, name: str, country: str) -> tuple[float, float, str]:
    """The place's coordinates and its country's English name, found by name."""
    try:
        found = find_place(name, country)
    except PlaceLookupError as exc:
        fields.problems.add(f"{fields.label('name')}: {exc.message}", fields.mark("name"), exc.hint)
        return 0.0, 0.0, ""
    return found.lat, found.lon, found.country_name()


def _holds(country: str, lat: float, lon: float) -> bool:
    known = gazetteer.country(country)
    return known is not None and known.contains(lat, lon)


def place_warnings(artists: Iterable[Artist]) -> list[tuple[str, str]]:
    """``(file, message)`` for each hometown or place whose point may not be in its country."""
    found = []
    for artist in artists:
        for place in (artist.hometown, *artist.places):
            warning = place_warning(place)
            if warning:
                found.append((artist.source, warning))
    return found


def place_warning(place: Place) -> str:
    """Why ``place``'s coordinates may be wrong for its country, or "".

    Not an error: borders and country names vary (the country is free text, possibly in
    Kazakh or Russian). A point well outside the box of the country it names, or a country
    name showcase does not know, is worth a look. Only the small countries file is read.
    """
    if not place.country or (place.lat, place.lon) == (0.0, 0.0):
        return ""
    known = gazetteer.country(place.country)
    at = f"lat {place.lat:g}, lon {place.lon:g}"
    if known is None:
        close = gazetteer.close_countries(place.country)
        around = [name for name in close if _holds(name, place.lat, place.lon)]
        close = around or close
        maybe = f" (did you mean {' or '.join(close)}?)" if close else ""
        return (
            f"'{place.name}': showcase does not know the country '{place.country}'{maybe}, "
            f"so it cannot check that {at} lies in it"
        )
    if known.contains(place.lat, place.lon):
        return ""
    return (
        f"'{place.name}' at {at} lies outside {known.name}: check the signs and the "
        "hemisphere letters (N/S, E/W) of 'lat' and 'lon'"
    )


def _lines(name: str, country: str, lat: float | str, lon: float | str) -> str:
    country_line = f"\n    country: {country}" if country else ""
    return f"\n    name: {name}{country_line}\n    lat: {lat}\n    lon: {lon}"


def find_place(name: str, country: str) -> gazetteer.Found:
    """The one place of the gazetteer called ``name`` in ``country`` (any if empty).

    The rule: a place whose own name is ``name`` wins over places that merely have it as an
    alternate name; among those left, the only one, or one of at least ``gazetteer.DOMINANCE``
    times the people of the next ("New York, US" is New York City, not York, Nebraska).
    Otherwise the candidates are listed.
    """
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
    meant = gazetteer.best(found)
    if meant is not None:
        return meant
    if not found:
        close = gazetteer.close_names(name, iso)
        return_hint = f"did you mean {', '.join(close)}? " if close else ""
        raise PlaceLookupError(
            f"'{name}'{where} is not in showcase's list of places (those of 1,000 people or more)",
            return_hint
            + "check the spelling, or write its position:"
            + _lines(name, country, "<number>", "<number>")
            + f"\n  {COORDINATES_HINT}",
            close=tuple(close),
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
        + _lines(name, country or best.country_name(), f"{best.lat:g}", f"{best.lon:g}"),
        candidates=tuple(found),
    )
