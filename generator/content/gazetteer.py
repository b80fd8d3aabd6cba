"""The offline gazetteer: places looked up by name, and countries' boxes for swapped coordinates.

The data are GeoNames' (CC BY 4.0), reduced by ``gazetteer_build``. Both files are read only
when asked: the places when a place is given without coordinates, the countries (a small
file) when a place with coordinates names its country.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import gzip
import re
from dataclasses import dataclass

from generator.content.gazetteer_build import COUNTRIES_FILE, PLACES_FILE, fold, fold_text


@dataclass(frozen=True, slots=True)
class Country:
    """A country: its ISO code, English name and the box around its places."""

    iso: str
    iso3: str
    name: str
    south: float
    north: float
    west: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies within the box around the country's places."""
        return self.south <= lat <= self.north and self.west <= lon <= self.east


@dataclass(frozen=True, slots=True)
class Found:
    """A place of the gazetteer."""

    name: str
    country: str
    region: str
    lat: float
    lon: float
    population: int

    def describe(self) -> str:
        """One line naming the place so that a person can tell it from others."""
        region = f", region {self.region}" if self.region else ""
        return (
            f"{self.name} ({self.country}{region}, {self.population:,} people) "
            f"at lat {self.lat:g}, lon {self.lon:g}"
        )


@functools.cache
def countries() -> dict[str, Country]:
    """Every country by its folded ISO code, ISO3 code and English name."""
    table: dict[str, Country] = {}
    for line in COUNTRIES_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        iso, iso3, name, south, north, west, east = line.split("\t")
        country = Country(iso, iso3, name, float(south), float(north), float(west), float(east))
        for key in (iso, iso3, name):
            table[fold(key)] = country
    return table


def country(text: str) -> Country | None:
    """The country ``text`` names (ISO code or English name, any case), if any."""
    return countries().get(fold(text))


def close_countries(text: str) -> list[str]:
    """English country names close to ``text``."""
    names = sorted({c.name for c in countries().values()})
    folded = {fold(n): n for n in names}
    return [folded[k] for k in difflib.get_close_matches(fold(text), list(folded), n=3)]


@dataclass(frozen=True, slots=True)
class _Data:
    lines: list[str]  # the file's rows
    folded: str  # the same rows folded, line for line
    starts: list[int]  # where each row of ``folded`` starts


@functools.cache
def _data() -> _Data:
    text = gzip.decompress(PLACES_FILE.read_bytes()).decode("utf-8")
    folded = fold_text(text)
    starts = [0, *(m.end() for m in re.finditer("\n", folded))]
    return _Data(text.split("\n"), folded, starts)


def _rows_with(data: _Data, key: str) -> list[int]:
    """The rows whose folded text holds ``key`` as a whole cell or alternate name."""
    rows: set[int] = set()
    text = data.folded
    at = text.find(key)
    while at >= 0:
        end = at + len(key)
        if text[at - 1 : at] in ("\t", "|", "\n") and text[end : end + 1] in ("\t", "|"):
            rows.add(bisect.bisect_right(data.starts, at) - 1)
        at = text.find(key, end)
    return sorted(rows)


def _parse(line: str) -> tuple[Found, list[str], list[str]]:
    """The place of a row, its own names folded and its alternate names folded."""
    name, ascii, alts, code, region, lat, lon, population = line.split("\t")
    found = Found(name, code, region, float(lat), float(lon), int(population))
    own = [fold(name), fold(ascii)] if ascii else [fold(name)]
    return found, own, [fold(a) for a in alts.split("|")] if alts else []


def lookup(name: str, iso: str | None) -> list[Found]:
    """The places called ``name`` (in ``iso``'s country if given), largest first.

    A place's own name wins over another place's alternate name: "Moscow" is the city, not
    every village some language calls Moskva.
    """
    key = fold(name)
    if not key:
        return []
    data = _data()
    rows = _rows_with(data, key)
    own: list[Found] = []
    other: list[Found] = []
    for row in rows:
        found, names, alternates = _parse(data.lines[row])
        if iso is not None and found.country != iso:
            continue
        if key in names:
            own.append(found)
        elif key in alternates:
            other.append(found)
    return sorted(own or other, key=lambda p: (-p.population, p.lat, p.lon))


def close_names(name: str, iso: str | None) -> list[str]:
    """Names of places (in ``iso``'s country if given) close to ``name``."""
    key = fold(name)
    data = _data()
    pool: dict[str, str] = {}
    code = iso.casefold() if iso else None
    for row, line in enumerate(data.folded.split("\n")):
        if line.startswith("#") or not line:
            continue
        cells = line.split("\t")
        if code is not None and cells[3] != code:
            continue
        for folded in (cells[0], cells[1], *cells[2].split("|")):
            if folded[:1] == key[:1] and folded not in pool:
                pool[folded] = data.lines[row].split("\t")[0]
    close = difflib.get_close_matches(key, sorted(pool), n=5, cutoff=0.75)
    return list(dict.fromkeys(pool[k] for k in close))
