"""The offline gazetteer: places looked up by name, and countries' boxes for swapped coordinates.

The data are GeoNames' (CC BY 4.0), reduced by ``gazetteer_build``. Both files are read only
when asked: the places when a place is given without coordinates, the countries (a small
file) when a place with coordinates names its country.
"""

from __future__ import annotations

import difflib
import functools
import lzma
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
            f"{self.name}, {self.country_name()} (about {self.population:,} people) "
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
class _Table:
    """The places file read into columns, with the rows each folded name leads to."""

    names: list[str]
    countries: list[str]
    lats: list[str]
    lons: list[str]
    populations: list[str]
    own: dict[str, list[int]]  # a place's own name (folded) -> its rows
    alternate: dict[str, list[int]]  # an alternate name (folded) -> the rows having it

    def found(self, row: int) -> Found:
        return Found(
            self.names[row],
            self.countries[row],
            float(self.lats[row]),
            float(self.lons[row]),
            int(self.populations[row]),
        )


def _index(keys: list[str], table: dict[str, list[int]]) -> None:
    for row, cell in enumerate(keys):
        for key in cell.split("|") if cell else ():
            table.setdefault(key, []).append(row)


@functools.cache
def _table() -> _Table:
    """The places, read once when a place is first looked up (about 0.3 s)."""
    text = lzma.decompress(PLACES_FILE.read_bytes()).decode("utf-8")
    columns: dict[str, list[str]] = {}
    for block in text.split("## ")[1:]:
        heading, _, cells = block.partition("\n")
        columns[heading] = cells.split("\n")[:-1]
    own: dict[str, list[int]] = {}
    # Names are folded column-wide in one pass (fold_text keeps the lines): far faster than
    # folding 170,000 names one by one.
    _index(fold_text("\n".join(columns["name"])).split("\n"), own)
    _index(columns["own"], own)
    alternate: dict[str, list[int]] = {}
    _index(columns["alternate"], alternate)
    return _Table(
        columns["name"],
        columns["country"],
        columns["lat"],
        columns["lon"],
        columns["population"],
        own,
        alternate,
    )


def lookup(name: str, iso: str | None) -> list[Found]:
    """The places called ``name`` (in ``iso``'s country if given), largest first.

    A place's own name wins over another place's alternate name: "Moscow" is the city, not
    every village some language calls Moskva.
    """
    key = fold(name)
    if not key:
        return []
    table = _table()
    for index in (table.own, table.alternate):
        rows = [r for r in index.get(key, ()) if iso is None or table.countries[r] == iso]
        if rows:
            found = {r: table.found(r) for r in rows}.values()
            return sorted(found, key=lambda p: (-p.population, p.lat, p.lon, p.name))
    return []


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
    table = _table()
    pool: dict[str, str] = {}
    for index in (table.own, table.alternate):
        for folded, rows in index.items():
            if folded[:1] != key[:1] or folded in pool:
                continue
            kept = [r for r in rows if iso is None or table.countries[r] == iso]
            if kept:
                pool[folded] = table.names[kept[0]]
    close = difflib.get_close_matches(key, sorted(pool), n=5, cutoff=0.75)
    return list(dict.fromkeys(pool[k] for k in close))
