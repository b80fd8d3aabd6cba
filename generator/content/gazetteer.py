"""The offline gazetteer: places looked up by name, and countries' boxes for swapped coordinates.

The data are GeoNames' (CC BY 4.0), reduced by ``gazetteer_build``. Both files are read only
when asked: the places when a place is given without coordinates, the countries (a small
file) when a place with coordinates names its country.
"""

from __future__ import annotations

import difflib
import functools
import gzip
from dataclasses import dataclass

from generator.content.gazetteer_build import COUNTRIES_FILE, PLACES_FILE, fold


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
    """A place of the gazetteer; ``country`` is its ISO code."""

    name: str
    country: str
    lat: float
    lon: float
    population: int

    def country_name(self) -> str:
        """The English name of the place's country (its code if the country is not listed)."""
        known = country(self.country)
        return known.name if known else self.country

    def describe(self) -> str:
        """One line naming the place so that a person can tell it from others."""
        return (
            f"{self.name}, {self.country_name()} ({self.population:,} people) "
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


@functools.cache
def _text() -> str:
    """The places file, whose looked-up names are stored folded: none is folded when loading."""
    return gzip.decompress(PLACES_FILE.read_bytes()).decode("utf-8")


def _rows_with(key: str) -> list[str]:
    """The rows holding ``key`` (folded) as one of their names, each once."""
    text = _text()
    starts: dict[int, None] = {}
    at = text.find(key)
    while at >= 0:
        end = at + len(key)
        if text[at - 1 : at] in ("\t", "|") and text[end : end + 1] in ("\t", "|"):
            starts[text.rfind("\n", 0, at) + 1] = None
        at = text.find(key, end)
    return [text[start : text.find("\n", start)] for start in starts]


def _parse(line: str) -> tuple[Found, list[str], list[str]]:
    """The place of a row, its own names folded and its alternate names folded."""
    name, own, alternates, code, lat, lon, population = line.split("\t")
    found = Found(name, code, float(lat), float(lon), int(population))
    return found, own.split("|"), alternates.split("|") if alternates else []


def lookup(name: str, iso: str | None) -> list[Found]:
    """The places called ``name`` (in ``iso``'s country if given), largest first.

    A place's own name wins over another place's alternate name: "Moscow" is the city, not
    every village some language calls Moskva.
    """
    key = fold(name)
    if not key:
        return []
    own: list[Found] = []
    other: list[Found] = []
    for line in _rows_with(key):
        found, names, alternates = _parse(line)
        if iso is not None and found.country != iso:
            continue
        if key in names:
            own.append(found)
        elif key in alternates:
            other.append(found)
    return sorted(own or other, key=lambda p: (-p.population, p.lat, p.lon))


DOMINANCE = 10  # a place this many times larger than the next of the same name is the one meant


def best(found: list[Found]) -> Found | None:
    """The one place meant among ``found`` (largest first): the only one, or a dominant one."""
    if len(found) == 1:
        return found[0]
    if len(found) > 1 and found[0].population >= DOMINANCE * max(found[1].population, 1):
        return found[0]
    return None


def close_names(name: str, iso: str | None) -> list[str]:
    """Names of places (in ``iso``'s country if given) close to ``name``."""
    key = fold(name)
    pool: dict[str, str] = {}
    code = iso.casefold() if iso else None
    for line in _text().split("\n"):
        if line.startswith("#") or not line:
            continue
        cells = line.split("\t")
        if code is not None and cells[3].casefold() != code:
            continue
        for folded in (*cells[1].split("|"), *cells[2].split("|")):
            if folded[:1] == key[:1] and folded not in pool:
                pool[folded] = cells[0]
    close = difflib.get_close_matches(key, sorted(pool), n=5, cutoff=0.75)
    return list(dict.fromkeys(pool[k] for k in close))
