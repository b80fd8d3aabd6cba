"""The map projection: a Lambert conformal conic centred on Kazakhstan, and frames cut from it.

The maps are drawn in three steps, one module each: ``region`` reads the shipped countries
and cities, ``projection`` (here) turns degrees into a frame's pixels, and ``drawing`` makes
the SVG path data of the outlines and the graticule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.map.region import Region

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180.0
CENTRAL_MERIDIAN = 68.0
STANDARD_PARALLELS = (45.0, 52.0)
# The frames stay this far inside the region's box, so the cut edges of the data are never seen.
FRAME_INSET_DEG = 0.5
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
