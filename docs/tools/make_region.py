"""Derive generator/data/region.geojson (Kazakhstan and its neighbours) from Natural Earth 1:110m.

Run by hand from the project root, inside the project's virtualenv (it needs ``pyshp``)::

    .venv/bin/python docs/tools/make_region.py

The public-domain Natural Earth 1:110m countries travel inside the geopandas 0.14.4 wheel, so the
script downloads that wheel (without its dependencies) into a temporary folder, reads the shapefile
straight out of the zip, clips every country to the region's box, simplifies and rounds the rings,
and writes a small, deterministic GeoJSON file. geopandas itself is never installed or imported.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shapefile  # type: ignore[import-untyped]

WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
# west, south, east, north: Kazakhstan, the Caspian, the Caucasus, Central Asia, Xinjiang
BBOX = (36.0, 34.0, 100.0, 58.0)
TOLERANCE = 0.05  # degrees, for Douglas-Peucker
DECIMALS = 2  # about a kilometre, far below a pixel of the site's maps
NO_ISO = "-99"
SOURCE = "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com."
OUT = Path(__file__).resolve().parents[2] / "generator" / "data" / "region.geojson"

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]
Box = tuple[float, float, float, float]


def download_wheel(dest: Path) -> Path:
    """Download the geopandas wheel (no dependencies) into ``dest`` and return its path."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "--dest",
        str(dest),
        WHEEL,
    ]
    subprocess.run(command, check=True)
    wheels = sorted(dest.glob("geopandas-*.whl"))
    if not wheels:
        raise SystemExit(f"pip did not leave a geopandas wheel in {dest}")
    return wheels[0]


def read_countries(wheel: Path) -> list[tuple[str, str, list[Polygon]]]:
    """Read ``(name, iso_a3, polygons)`` for every country of the shapefile inside ``wheel``."""
    with zipfile.ZipFile(wheel) as archive:
        parts = {ext: io.BytesIO(archive.read(f"{MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = archive.read(f"{MEMBER}.cpg").decode("ascii").strip() or "utf-8"
    reader = shapefile.Reader(
        shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding=encoding
    )
    countries = []
    for item in reader.iterShapeRecords():
        geometry = item.shape.__geo_interface__
        if geometry["type"] == "Polygon":
            polygons = [geometry["coordinates"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = list(geometry["coordinates"])
        else:
            continue
        rings = [[[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in polygons]
        countries.append((str(item.record["name"]), str(item.record["iso_a3"]), rings))
    return countries


def open_ring(ring: Sequence[Point]) -> Ring:
    """The ring without its repeated closing point."""
    points = list(ring)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def clip_ring(ring: Ring, box: Box) -> Ring:
    """Clip an open ring to ``box`` (Sutherland-Hodgman against its four sides)."""
    west, south, east, north = box
    points = ring
    for axis, bound, keep_above in (
        (0, west, True),
        (0, east, False),
        (1, south, True),
        (1, north, False),
    ):
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for current in points:
            current_in = _inside(current, axis, bound, keep_above)
            if current_in != _inside(previous, axis, bound, keep_above):
                result.append(_crossing(previous, current, axis, bound))
            if current_in:
                result.append(current)
            previous = current
        points = result
    return points


def _inside(p: Point, axis: int, bound: float, keep_above: bool) -> bool:
    """Whether ``p`` lies on the kept side of the line ``axis == bound``."""
    return p[axis] >= bound if keep_above else p[axis] <= bound


def _crossing(a: Point, b: Point, axis: int, bound: float) -> Point:
    """Where segment ``a``-``b`` crosses the line ``axis == bound``."""
    t = (bound - a[axis]) / (b[axis] - a[axis])
    x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
    return (bound, y) if axis == 0 else (x, bound)


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    """Planar distance from ``p`` to the segment ``a``-``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def simplify_line(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker on an open polyline; both ends are kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker on an open ring, split at the point farthest from its first point."""
    if len(ring) < 4:
        return list(ring)
    start = ring[0]
    far = max(
        range(len(ring)), key=lambda i: math.hypot(ring[i][0] - start[0], ring[i][1] - start[1])
    )
    one = simplify_line(ring[: far + 1], tolerance)
    two = simplify_line([*ring[far:], start], tolerance)
    return one[:-1] + two[:-1]


def signed_area(ring: Ring) -> float:
    """Shoelace area of an open ring; positive when counter-clockwise."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def tidy(ring: Ring) -> Ring:
    """Round, drop repeated and collinear points; an empty list if nothing of area is left."""
    points: Ring = []
    for x, y in ring:
        p = (round(x, DECIMALS) + 0.0, round(y, DECIMALS) + 0.0)
        if not points or points[-1] != p:
            points.append(p)
    while len(points) > 1 and points[0] == points[-1]:
        points.pop()
    changed = True
    while changed and len(points) >= 3:
        changed = False
        for i in range(len(points)):
            a, b, c = points[i - 1], points[i], points[(i + 1) % len(points)]
            if (b[0] - a[0]) * (c[1] - a[1]) == (c[0] - a[0]) * (b[1] - a[1]):
                del points[i]
                changed = True
                break
    if len(points) < 3 or abs(signed_area(points)) < 10.0 ** (-2 * DECIMALS):
        return []
    return points


def process_polygon(polygon: Polygon, box: Box) -> list[list[list[float]]]:
    """Clip, simplify, tidy and orient one polygon (exterior counter-clockwise, holes clockwise)."""
    rings: list[list[list[float]]] = []
    for index, raw in enumerate(polygon):
        ring = tidy(simplify_ring(clip_ring(open_ring(raw), box), TOLERANCE))
        if not ring:
            if index == 0:
                return []
            continue
        if (signed_area(ring) > 0) != (index == 0):
            ring.reverse()
        rings.append([[x, y] for x, y in [*ring, ring[0]]])
    return rings


def intersects(polygons: list[Polygon], box: Box) -> bool:
    """Whether any exterior ring's bounding box overlaps ``box``."""
    west, south, east, north = box
    for polygon in polygons:
        xs = [x for x, _ in polygon[0]]
        ys = [y for _, y in polygon[0]]
        if min(xs) < east and max(xs) > west and min(ys) < north and max(ys) > south:
            return True
    return False


def sort_key(name: str, iso_a3: str) -> tuple[str, str]:
    """Order by ISO code, falling back on the name where Natural Earth has none ("-99")."""
    return (iso_a3 if iso_a3 != NO_ISO else name, name)


def build(countries: list[tuple[str, str, list[Polygon]]], box: Box) -> dict[str, Any]:
    """The GeoJSON FeatureCollection of every country that keeps some area inside ``box``."""
    features = []
    for name, iso_a3, polygons in sorted(countries, key=lambda c: sort_key(c[0], c[1])):
        if not intersects(polygons, box):
            continue
        kept = [rings for rings in (process_polygon(p, box) for p in polygons) if rings]
        if not kept:
            continue
        kept.sort(key=lambda rings: (-abs(signed_area([(x, y) for x, y in rings[0]])), rings[0]))
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "iso_a3": iso_a3},
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    return {"type": "FeatureCollection", "bbox": list(box), "source": SOURCE, "features": features}


def main(argv: Sequence[str] | None = None) -> int:
    """Download, derive and write the region file; print its size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default: {OUT})")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        countries = read_countries(download_wheel(Path(tmp)))
    collection = build(countries, BBOX)
    text = json.dumps(collection, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    names = ", ".join(f["properties"]["name"] for f in collection["features"])
    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes): {names}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
