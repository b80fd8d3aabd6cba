"""The region the maps show: the countries around Kazakhstan and the reference cities,
read from the data files shipped with the package."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.layout import CITIES_FILE, REGION_FILE
from generator.map.projection import Box, LonLat, check_coordinates


@dataclass(frozen=True, slots=True)
class GeoPoint:
    """A named place on the globe, in degrees."""

    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class City(GeoPoint):
    """A reference city drawn for orientation on the maps."""

    country: str
    capital: bool


@dataclass(frozen=True, slots=True)
class Country:
    """One country of the region: its rings in (lon, lat), exteriors and holes alike."""

    name: str
    iso_a3: str
    rings: tuple[tuple[LonLat, ...], ...]


@dataclass(frozen=True, slots=True)
class Region:
    """The countries around Kazakhstan, as cut to ``bbox`` (west, south, east, north)."""

    countries: tuple[Country, ...]
    bbox: Box
    source: str


def parse_region(text: str) -> Region:
    """Parse the region GeoJSON; raise ValueError if it is not a FeatureCollection of polygons."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValueError("the region file is not a GeoJSON FeatureCollection")
    bbox = data.get("bbox")
    if not isinstance(bbox, list) or len(bbox) != 4:
        raise ValueError("the region file has no [west, south, east, north] bbox")
    west, south, east, north = (float(v) for v in bbox)
    countries = tuple(
        sorted(
            (_country(feature) for feature in data.get("features", [])),
            key=lambda c: (c.name, c.iso_a3),
        )
    )
    return Region(countries=countries, bbox=(west, south, east, north), source=str(data["source"]))


def _country(feature: dict[str, Any]) -> Country:
    """One GeoJSON feature as a Country, rings without their closing point."""
    properties = feature.get("properties") or {}
    geometry = feature.get("geometry") or {}
    kind, coordinates = geometry.get("type"), geometry.get("coordinates", [])
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = coordinates
    else:
        raise ValueError(f"feature {properties.get('name')!r} is a {kind}, not a polygon")
    rings = []
    for polygon in polygons:
        for ring in polygon:
            points = tuple((float(lon), float(lat)) for lon, lat in ring)
            if len(points) > 1 and points[0] == points[-1]:
                points = points[:-1]
            if len(points) >= 3:
                rings.append(points)
    return Country(
        name=str(properties["name"]), iso_a3=str(properties["iso_a3"]), rings=tuple(rings)
    )


def load_region() -> Region:
    """The region shipped with the package (Natural Earth 1:110m, cut around Kazakhstan)."""
    text = REGION_FILE.read_text(encoding="utf-8")
    return parse_region(text)


def parse_cities(text: str) -> tuple[City, ...]:
    """Parse a JSON list of ``{name, country, lat, lon, capital}`` into cities sorted by name."""
    rows = json.loads(text)
    cities = []
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        check_coordinates(lat, lon)
        cities.append(
            City(
                name=str(row["name"]),
                lat=lat,
                lon=lon,
                country=str(row["country"]),
                capital=bool(row["capital"]),
            )
        )
    return tuple(sorted(cities, key=lambda c: (c.name, c.country)))


def reference_cities() -> tuple[City, ...]:
    """The reference cities shipped with the package, sorted by name."""
    text = CITIES_FILE.read_text(encoding="utf-8")
    return parse_cities(text)
