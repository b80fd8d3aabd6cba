"""Map projection and geometry for the inline SVG maps drawn at build time."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.layout import CITIES_FILE, REGION_FILE

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180.0
CENTRAL_MERIDIAN = 68.0
STANDARD_PARALLELS = (45.0, 52.0)
FOCUS_ISO = "KAZ"
# The frames stay this far inside the region's box, so the cut edges of the data are never seen.
FRAME_INSET_DEG = 0.5
# Outlines are clipped to the viewport grown by this much, so clipped edges fall out of sight.
CLIP_MARGIN_PX = 4.0
MAX_ABS_LAT = 89.9  # the conic sends one pole to infinity

LonLat = tuple[float, float]
XY = tuple[float, float]
Box = tuple[float, float, float, float]
Rect = tuple[float, float, float, float]


def check_coordinates(lat: float, lon: float) -> None:
    """Raise ValueError unless ``lat`` is within -90..90 and ``lon`` within -180..180."""
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"latitude {lat!r} is outside -90..90")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"longitude {lon!r} is outside -180..180")


def _wrap(degrees: float) -> float:
    """A longitude difference folded into -180..180."""
    return (degrees + 180.0) % 360.0 - 180.0


def _fmt(value: float) -> str:
    """A pixel coordinate with one decimal, never ``-0.0``."""
    return f"{round(value, 1) + 0.0:.1f}"


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


@dataclass(frozen=True, slots=True)
class CountryShape:
    """A country's outline as SVG path data in frame pixels (fill it with ``evenodd``)."""

    name: str
    iso_a3: str
    d: str
    focus: bool


@dataclass(frozen=True, slots=True)
class Conic:
    """A spherical Lambert conformal conic projection, in kilometres, x east and y north."""

    lon0: float = CENTRAL_MERIDIAN
    lat1: float = STANDARD_PARALLELS[0]
    lat2: float = STANDARD_PARALLELS[1]
    n: float = field(init=False, repr=False, compare=False)
    rho_f: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Derive the cone constant and the radius factor from the standard parallels."""
        if not (0.0 < self.lat1 < 90.0 and 0.0 < self.lat2 < 90.0):
            raise ValueError("standard parallels must both lie in the northern hemisphere")
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        if math.isclose(p1, p2):
            n = math.sin(p1)
        else:
            n = math.log(math.cos(p1) / math.cos(p2)) / math.log(_t(p2) / _t(p1))
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "rho_f", EARTH_RADIUS_KM * math.cos(p1) * math.pow(_t(p1), n) / n)

    def rho(self, lat: float) -> float:
        """Distance in km from the cone's apex to the parallel ``lat``."""
        phi = math.radians(max(-MAX_ABS_LAT, min(MAX_ABS_LAT, lat)))
        return self.rho_f / math.pow(_t(phi), self.n)

    def forward(self, lat: float, lon: float) -> XY:
        """Projected (x, y) in km of a point; the apex is the origin."""
        theta = self.n * math.radians(_wrap(lon - self.lon0))
        rho = self.rho(lat)
        return (rho * math.sin(theta), -rho * math.cos(theta))

    def inverse(self, x: float, y: float) -> LonLat:
        """The (lat, lon) in degrees of a projected point."""
        rho = math.hypot(x, y)
        theta = math.atan2(x, -y)
        lat = math.degrees(2.0 * math.atan((self.rho_f / rho) ** (1.0 / self.n)) - math.pi / 2)
        return (lat, _wrap(self.lon0 + math.degrees(theta / self.n)))

    def scale_factor(self, lat: float) -> float:
        """How much the projection stretches distances at ``lat`` (1 on the standard parallels)."""
        phi = math.radians(max(-MAX_ABS_LAT, min(MAX_ABS_LAT, lat)))
        return self.n * self.rho(lat) / (EARTH_RADIUS_KM * math.cos(phi))


def _t(phi: float) -> float:
    """tan(pi/4 + phi/2), the conformal latitude term."""
    return math.tan(math.pi / 4.0 + phi / 2.0)


@dataclass(frozen=True, slots=True)
class MapFrame:
    """A conic projection (Lambert conformal, centred on Kazakhstan) fitted into a viewport."""

    width: int
    height: int
    scale: float  # pixels per projected kilometre
    left: float  # projected x (km) of the viewport's left edge
    top: float  # projected y (km) of the viewport's top edge
    conic: Conic = field(default_factory=Conic)

    def project(self, lat: float, lon: float) -> XY:
        """SVG pixel (x, y), y down, rounded to 0.1 px; raise ValueError for impossible input."""
        check_coordinates(lat, lon)
        x, y = self._pixel(lat, lon)
        return (round(x, 1) + 0.0, round(y, 1) + 0.0)

    def unproject(self, x: float, y: float) -> LonLat:
        """The (lat, lon) in degrees shown at SVG pixel (x, y)."""
        return self.conic.inverse(self.left + x / self.scale, self.top - y / self.scale)

    def contains(self, lat: float, lon: float, margin: float = 2.0) -> bool:
        """Whether the point lands inside the viewport, at least ``margin`` px from every edge."""
        check_coordinates(lat, lon)
        x, y = self._pixel(lat, lon)
        return margin <= x <= self.width - margin and margin <= y <= self.height - margin

    def km_to_px(self, km: float, lat: float) -> float:
        """Pixels that ``km`` of ground cover around latitude ``lat``, rounded to 0.1 px."""
        check_coordinates(lat, 0.0)
        if km < 0 or not math.isfinite(km):
            raise ValueError(f"distance {km!r} km must be a finite number of at least 0")
        return round(km * self.conic.scale_factor(lat) * self.scale, 1) + 0.0

    @property
    def view_box(self) -> str:
        """The SVG ``viewBox`` of the frame."""
        return f"0 0 {self.width} {self.height}"

    def _pixel(self, lat: float, lon: float) -> XY:
        """Unrounded, unchecked SVG pixel of a point."""
        x, y = self.conic.forward(lat, lon)
        return ((x - self.left) * self.scale, (self.top - y) * self.scale)


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


def inscribed_rect(box: Box, conic: Conic) -> Rect:
    """The widest projected rectangle (x0, x1, y0, y1 in km) inside the projection of ``box``."""
    west, south, east, north = box
    if not (west < conic.lon0 < east and -MAX_ABS_LAT < south < north <= MAX_ABS_LAT):
        raise ValueError(f"box {box} must straddle the central meridian {conic.lon0}")
    angles = (conic.n * math.radians(conic.lon0 - west), conic.n * math.radians(east - conic.lon0))
    if max(angles) >= math.pi / 2:
        raise ValueError(f"box {box} is too wide for the conic projection")
    rho_north, rho_south = conic.rho(north), conic.rho(south)
    x0 = -rho_north * math.tan(angles[0])
    x1 = rho_north * math.tan(angles[1])
    reach = rho_south**2 - max(x0 * x0, x1 * x1)
    if reach <= rho_north**2:
        raise ValueError(f"box {box} is too flat to hold a rectangle")
    return (x0, x1, -math.sqrt(reach), -rho_north)


def _inset(box: Box, by: float) -> Box:
    """``box`` shrunk by ``by`` degrees on every side."""
    west, south, east, north = box
    return (west + by, south + by, east - by, north - by)


def _view_rect(region: Region, conic: Conic) -> Rect:
    """The projected rectangle the region's data covers completely."""
    return inscribed_rect(_inset(region.bbox, FRAME_INSET_DEG), conic)


def region_frame(region: Region, width: int = 1000) -> MapFrame:
    """The frame of the whole region: the widest rectangle its data fills, ``width`` px wide."""
    if width <= 0:
        raise ValueError(f"width {width} must be positive")
    conic = Conic()
    x0, x1, y0, y1 = _view_rect(region, conic)
    height = max(1, round(width * (y1 - y0) / (x1 - x0)))
    scale = max(width / (x1 - x0), height / (y1 - y0))  # cover, so no blank strip is left
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    return MapFrame(
        width=width,
        height=height,
        scale=scale,
        left=cx - width / 2.0 / scale,
        top=cy + height / 2.0 / scale,
        conic=conic,
    )


def locator_frame(
    region: Region,
    lat: float,
    lon: float,
    width: int = 320,
    span_deg: float = 14.0,
    height: int | None = None,
) -> MapFrame:
    """A frame ``span_deg`` degrees of arc across centred on the point, slid inside the data."""
    check_coordinates(lat, lon)
    if width <= 0 or (height is not None and height <= 0):
        raise ValueError("a locator frame needs a positive width and height")
    if not span_deg > 0:
        raise ValueError(f"span {span_deg!r} must be a positive number of degrees")
    height = round(width * 0.75) if height is None else height
    conic = Conic()
    scale = width / (span_deg * KM_PER_DEGREE * conic.scale_factor(lat))
    half_w, half_h = width / 2.0 / scale, height / 2.0 / scale
    cx, cy = conic.forward(lat, lon)
    x0, x1, y0, y1 = _view_rect(region, conic)
    # Near the region's edge the frame slides inwards (the point goes off centre) so it shows no
    # blank; points beyond the region get nothing to slide towards and stay centred.
    if x0 <= cx <= x1 and y0 <= cy <= y1:
        cx = _slide(cx, half_w, x0, x1)
        cy = _slide(cy, half_h, y0, y1)
    return MapFrame(
        width=width, height=height, scale=scale, left=cx - half_w, top=cy + half_h, conic=conic
    )


def _slide(centre: float, half: float, low: float, high: float) -> float:
    """Move a window's centre so the window stays within ``low..high`` (centred if it cannot)."""
    if high - low <= 2.0 * half:
        return (low + high) / 2.0
    return min(max(centre, low + half), high - half)


def country_shapes(region: Region, frame: MapFrame) -> tuple[CountryShape, ...]:
    """Every country visible in the frame as SVG path data, clipped to it, sorted by name."""
    project = _projector(frame)
    clip = (
        -CLIP_MARGIN_PX,
        -CLIP_MARGIN_PX,
        frame.width + CLIP_MARGIN_PX,
        frame.height + CLIP_MARGIN_PX,
    )
    shapes = []
    for country in region.countries:
        parts = []
        for ring in country.rings:
            points = [project(lon, lat) for lon, lat in ring]
            d = _ring_path(points, clip)
            if d:
                parts.append(d)
        if parts:
            shapes.append(
                CountryShape(
                    name=country.name,
                    iso_a3=country.iso_a3,
                    d="".join(parts),
                    focus=country.iso_a3 == FOCUS_ISO,
                )
            )
    return tuple(sorted(shapes, key=lambda s: (s.name, s.iso_a3)))


def graticule(region: Region, frame: MapFrame, step_deg: float = 5.0) -> str:
    """SVG path data of the meridians and parallels every ``step_deg`` degrees within the region."""
    if not step_deg > 0:
        raise ValueError(f"step {step_deg!r} must be a positive number of degrees")
    west, south, east, north = region.bbox
    project = _projector(frame)
    clip = (0.0, 0.0, float(frame.width), float(frame.height))
    lines: list[list[XY]] = []
    for lon in _multiples(west, east, step_deg):
        lines.append([project(lon, lat) for lat in _samples(south, north)])
    for lat in _multiples(south, north, step_deg):
        lines.append([project(lon, lat) for lon in _samples(west, east)])
    return "".join(_polyline_path(line, clip) for line in lines)


def _multiples(low: float, high: float, step: float) -> list[float]:
    """The multiples of ``step`` strictly inside ``low..high``."""
    first = math.floor(low / step) + 1
    values = [k * step for k in range(first, math.ceil(high / step))]
    return [round(v, 6) for v in values if low < v < high]


def _samples(low: float, high: float, step: float = 1.0) -> list[float]:
    """``low`` to ``high`` inclusive in steps of about ``step`` degrees."""
    count = max(1, math.ceil((high - low) / step))
    return [low + (high - low) * i / count for i in range(count + 1)]


def _projector(frame: MapFrame) -> Callable[[float, float], XY]:
    """A fast (lon, lat) to unrounded pixel function for trusted data."""
    n, rho_f = frame.conic.n, frame.conic.rho_f
    lon0, left, top, scale = frame.conic.lon0, frame.left, frame.top, frame.scale
    quarter, to_rad, limit = math.pi / 4.0, math.pi / 180.0, MAX_ABS_LAT

    def project(lon: float, lat: float) -> XY:
        theta = n * ((lon - lon0 + 180.0) % 360.0 - 180.0) * to_rad
        phi = max(-limit, min(limit, lat)) * to_rad
        rho = rho_f / math.pow(math.tan(quarter + phi / 2.0), n)
        return ((rho * math.sin(theta) - left) * scale, (top + rho * math.cos(theta)) * scale)

    return project


def _ring_path(points: Sequence[XY], clip: Rect) -> str:
    """``M..L..Z`` for one closed ring clipped to ``clip``, or "" if nothing of it is left."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, y0, x1, y1 = clip
    if max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1:
        return ""
    if min(xs) < x0 or max(xs) > x1 or min(ys) < y0 or max(ys) > y1:
        points = clip_polygon(points, clip)
    texts = _dedupe(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
    if len(texts) < 3:
        return ""
    return "M" + "L".join(texts) + "Z"


def _dedupe(texts: Iterable[str]) -> list[str]:
    """Formatted points with consecutive repeats (and a repeated first point) dropped."""
    kept: list[str] = []
    for text in texts:
        if not kept or kept[-1] != text:
            kept.append(text)
    while len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
    return kept


def clip_polygon(points: Sequence[XY], rect: Rect) -> list[XY]:
    """Sutherland-Hodgman clip of a closed ring to ``rect`` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = rect
    result = list(points)
    for axis, bound, keep_above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not result:
            break
        source, result = result, []
        previous = source[-1]
        previous_in = (previous[axis] >= bound) == keep_above or previous[axis] == bound
        for current in source:
            current_in = (current[axis] >= bound) == keep_above or current[axis] == bound
            if current_in != previous_in:
                result.append(_crossing(previous, current, axis, bound))
            if current_in:
                result.append(current)
            previous, previous_in = current, current_in
    return result


def _crossing(a: XY, b: XY, axis: int, bound: float) -> XY:
    """Where segment ``a``-``b`` meets the line ``axis == bound``."""
    t = (bound - a[axis]) / (b[axis] - a[axis])
    x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
    return (bound, y) if axis == 0 else (x, bound)


def _polyline_path(points: Sequence[XY], rect: Rect) -> str:
    """``M..L..`` for the pieces of an open polyline inside ``rect`` (Liang-Barsky per segment)."""
    runs: list[list[XY]] = []
    for a, b in itertools.pairwise(points):
        piece = _clip_segment(a, b, rect)
        if piece is None:
            continue
        start, end = piece
        if runs and runs[-1][-1] == start:
            runs[-1].append(end)
        else:
            runs.append([start, end])
    parts = []
    for run in runs:
        texts = _dedupe(f"{_fmt(x)},{_fmt(y)}" for x, y in run)
        if len(texts) >= 2:
            parts.append("M" + "L".join(texts))
    return "".join(parts)


def _clip_segment(a: XY, b: XY, rect: Rect) -> tuple[XY, XY] | None:
    """The part of segment ``a``-``b`` inside ``rect``, or None."""
    x0, y0, x1, y1 = rect
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0.0:
            if q < 0.0:
                return None
            continue
        r = q / p
        if p < 0.0:
            low = max(low, r)
        else:
            high = min(high, r)
        if low > high:
            return None
    start = a if low == 0.0 else (a[0] + low * dx, a[1] + low * dy)
    end = b if high == 1.0 else (a[0] + high * dx, a[1] + high * dy)
    return (start, end)
