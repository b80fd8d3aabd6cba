"""SVG path data of the maps: country outlines and the graticule, projected into a frame and
clipped to it."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.map.projection import MAX_ABS_LAT, XY, MapFrame, Rect
from generator.map.region import Region

FOCUS_ISO = "KAZ"
# Outlines are clipped to the viewport grown by this much, so clipped edges fall out of sight.
CLIP_MARGIN_PX = 4.0


def _fmt(value: float) -> str:
    """A pixel coordinate with one decimal, never ``-0.0``."""
    return f"{round(value, 1) + 0.0:.1f}"


@dataclass(frozen=True, slots=True)
class CountryShape:
    """A country's outline as SVG path data in frame pixels (fill it with ``evenodd``)."""

    name: str
    iso_a3: str
    d: str
    focus: bool


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
