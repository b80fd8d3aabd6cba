"""The hometown map's projection and geometry."""

from __future__ import annotations

import math
import re

import pytest

from generator.map import drawing
from generator.map import projection as geo
from generator.map import region as regions

R = 6371.0088
ALMATY = (43.2525, 76.9115)
ASTANA = (51.1694, 71.4491)
KARAGANDA = (49.8019, 73.1021)
NOVOSIBIRSK = (55.0415, 82.9346)
PARIS = (48.8566, 2.3522)

PATH = re.compile(r"^(M-?\d+\.\d,-?\d+\.\d(L-?\d+\.\d,-?\d+\.\d){2,}Z)+$")


def cone() -> tuple[float, float]:
    """Snyder's n and F (eqs. 15-3, 15-2) for standard parallels 45 and 52 degrees north."""
    p1, p2 = math.radians(45.0), math.radians(52.0)
    n = math.log(math.cos(p1) / math.cos(p2)) / math.log(t(p2) / t(p1))
    return n, math.cos(p1) * math.pow(t(p1), n) / n


def t(phi: float) -> float:
    """tan(pi/4 + phi/2)."""
    return math.tan(math.pi / 4 + phi / 2)


def rho(lat: float) -> float:
    """Snyder's rho (eq. 15-1) on a sphere of radius R."""
    n, f = cone()
    return R * f / math.pow(t(math.radians(lat)), n)


def lambert(lat: float, lon: float) -> tuple[float, float]:
    """Snyder's spherical Lambert conformal conic (eqs. 14-1, 14-2), lon0 68, y north."""
    n, _ = cone()
    theta = n * math.radians(lon - 68.0)
    rho0 = rho(48.0)  # any origin latitude: it cancels out of every difference
    return rho(lat) * math.sin(theta), rho0 - rho(lat) * math.cos(theta)


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` away from (lat, lon) along a great circle with initial ``bearing``."""
    phi, lam, b, d = math.radians(lat), math.radians(lon), math.radians(bearing), km / R
    phi2 = math.asin(math.sin(phi) * math.cos(d) + math.cos(phi) * math.sin(d) * math.cos(b))
    lam2 = lam + math.atan2(
        math.sin(b) * math.sin(d) * math.cos(phi), math.cos(d) - math.sin(phi) * math.sin(phi2)
    )
    return math.degrees(phi2), math.degrees(lam2)


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance between two (lat, lon) points."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R * math.asin(math.sqrt(h))


def rings_of(d: str) -> list[list[tuple[float, float]]]:
    """The rings of ``M..L..Z`` path data as lists of points."""
    return [
        [(float(x), float(y)) for x, y in (pair.split(",") for pair in body.split("L"))]
        for body in re.findall(r"M([^Z]+)Z", d)
    ]


def inside(point: tuple[float, float], rings: list[list[tuple[float, float]]]) -> bool:
    """Even-odd point-in-polygon test over all rings."""
    x, y = point
    crossings = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings = not crossings
    return crossings


@pytest.fixture(scope="module")
def region() -> regions.Region:
    return regions.load_region()


@pytest.fixture(scope="module")
def frame(region: regions.Region) -> geo.MapFrame:
    return geo.region_frame(region, width=1000)


@pytest.fixture(scope="module")
def kazakhstan(region: regions.Region, frame: geo.MapFrame) -> drawing.CountryShape:
    return next(s for s in drawing.country_shapes(region, frame) if s.iso_a3 == "KAZ")


class TestProjection:
    def test_almaty_lands_where_the_textbook_formula_puts_it(
        self, region: regions.Region, frame: geo.MapFrame
    ) -> None:
        # The region frame is the widest rectangle inside the region's box inset by half a degree:
        # its top edge touches the northern parallel on the central meridian, and its top corners
        # sit where that edge meets the western and eastern meridians.
        west, _, east, north = (
            v + s for v, s in zip(region.bbox, (0.5, 0.5, -0.5, -0.5), strict=True)
        )
        n, _ = cone()
        x_west = -rho(north) * math.tan(n * math.radians(68.0 - west))
        x_east = rho(north) * math.tan(n * math.radians(east - 68.0))
        scale = frame.width / (x_east - x_west)
        _, top = lambert(north, 68.0)
        x, y = lambert(*ALMATY)
        expected = (scale * (x - x_west), scale * (top - y))

        got = frame.project(*ALMATY)

        assert got == pytest.approx(expected, abs=1.0)

    def test_offsets_between_cities_follow_the_textbook_formula(self, frame: geo.MapFrame) -> None:
        (ax, ay), (bx, by) = lambert(*ASTANA), lambert(*ALMATY)
        (px, py), (qx, qy) = frame.project(*ASTANA), frame.project(*ALMATY)

        assert qx - px == pytest.approx(frame.scale * (bx - ax), abs=0.15)
        assert qy - py == pytest.approx(-frame.scale * (by - ay), abs=0.15)

    def test_east_is_right_and_north_is_up(self, frame: geo.MapFrame) -> None:
        along_parallel = [frame.project(48.0, lon)[0] for lon in range(48, 88, 2)]
        along_meridian = [
            frame.project(lat, lon)[1] for lon in (52, 68, 84) for lat in range(38, 56)
        ]

        assert along_parallel == sorted(along_parallel)
        assert len(set(along_parallel)) == len(along_parallel)
        for start in range(0, len(along_meridian), 18):
            column = along_meridian[start : start + 18]
            assert column == sorted(column, reverse=True)
            assert len(set(column)) == len(column)

    def test_unproject_inverts_project(self, frame: geo.MapFrame) -> None:
        x, y = frame.project(*KARAGANDA)

        assert frame.unproject(x, y) == pytest.approx(KARAGANDA, abs=0.01)

    def test_the_standard_parallels_are_true_to_scale(self, frame: geo.MapFrame) -> None:
        for lat in (45.0, 52.0):
            assert frame.km_to_px(1000, lat) == pytest.approx(1000 * frame.scale, abs=0.1)
        assert frame.km_to_px(1000, 48.5) < 1000 * frame.scale

    @pytest.mark.parametrize("bearing", [0.0, 90.0, 225.0])
    def test_km_to_px_matches_the_pixels_between_points_100_km_apart(
        self, frame: geo.MapFrame, bearing: float
    ) -> None:
        far = destination(*ALMATY, bearing, 100.0)
        assert great_circle_km(ALMATY, far) == pytest.approx(100.0, rel=1e-6)
        (x1, y1), (x2, y2) = frame.project(*ALMATY), frame.project(*far)

        radius = frame.km_to_px(100.0, ALMATY[0])

        assert radius > 10
        assert math.hypot(x2 - x1, y2 - y1) == pytest.approx(radius, rel=0.02)

    @pytest.mark.parametrize(
        ("lat", "lon"),
        [(90.5, 70.0), (-91.0, 70.0), (45.0, 180.5), (45.0, -181.0), (math.nan, 0.0)],
    )
    def test_impossible_coordinates_raise(
        self, region: regions.Region, frame: geo.MapFrame, lat: float, lon: float
    ) -> None:
        with pytest.raises(ValueError, match=r"latitude|longitude"):
            frame.project(lat, lon)
        with pytest.raises(ValueError, match=r"latitude|longitude"):
            frame.contains(lat, lon)
        with pytest.raises(ValueError, match=r"latitude|longitude"):
            geo.locator_frame(region, lat, lon)

    def test_invalid_latitude_in_km_to_px_raises(self, frame: geo.MapFrame) -> None:
        with pytest.raises(ValueError, match="latitude"):
            frame.km_to_px(10.0, 95.0)


class TestRegionFrame:
    def test_view_box_and_landscape_shape(self, frame: geo.MapFrame) -> None:
        assert frame.width == 1000
        assert 450 < frame.height < 700
        assert frame.view_box == f"0 0 1000 {frame.height}"

    def test_height_follows_the_width(self, region: regions.Region, frame: geo.MapFrame) -> None:
        small = geo.region_frame(region, width=500)

        assert small.height == pytest.approx(frame.height / 2, abs=1)
        assert small.project(*ALMATY) == pytest.approx(
            tuple(v / 2 for v in frame.project(*ALMATY)), abs=1.0
        )

    def test_the_whole_viewport_lies_within_the_data(
        self, region: regions.Region, frame: geo.MapFrame
    ) -> None:
        west, south, east, north = region.bbox
        for x in (0, frame.width / 2, frame.width):
            for y in (0, frame.height / 2, frame.height):
                lat, lon = frame.unproject(x, y)
                assert south < lat < north
                assert west < lon < east

    def test_contains_the_home_region_but_not_paris(self, frame: geo.MapFrame) -> None:
        assert frame.contains(*ALMATY)
        assert frame.contains(*ASTANA)
        assert not frame.contains(*PARIS)
        assert not frame.contains(-33.8688, 151.2093)  # Sydney

    def test_contains_keeps_a_margin_from_the_edges(self, frame: geo.MapFrame) -> None:
        lat, lon = frame.unproject(1.0, frame.height / 2)

        assert not frame.contains(lat, lon)
        assert frame.contains(lat, lon, margin=0.0)

    def test_width_must_be_positive(self, region: regions.Region) -> None:
        with pytest.raises(ValueError, match="width"):
            geo.region_frame(region, width=0)


class TestCountryShapes:
    def test_deterministic_sorted_and_well_formed(
        self, region: regions.Region, frame: geo.MapFrame
    ) -> None:
        shapes = drawing.country_shapes(region, frame)

        again = drawing.country_shapes(regions.load_region(), geo.region_frame(region, 1000))
        assert shapes == again
        assert [s.name for s in shapes] == sorted(s.name for s in shapes)
        for shape in shapes:
            assert PATH.match(shape.d), shape.name

    def test_kazakhstan_is_the_only_focus(
        self, region: regions.Region, frame: geo.MapFrame
    ) -> None:
        shapes = drawing.country_shapes(region, frame)

        assert [s.name for s in shapes if s.focus] == ["Kazakhstan"]
        names = {s.name for s in shapes}
        expected = {"Kyrgyzstan", "Uzbekistan", "Turkmenistan", "Russia", "China", "Azerbaijan"}
        assert expected <= names

    def test_outlines_are_clipped_to_the_viewport(
        self, region: regions.Region, frame: geo.MapFrame
    ) -> None:
        margin = drawing.CLIP_MARGIN_PX + 0.05
        for shape in drawing.country_shapes(region, frame):
            for ring in rings_of(shape.d):
                for x, y in ring:
                    assert -margin <= x <= frame.width + margin
                    assert -margin <= y <= frame.height + margin

    def test_countries_wholly_outside_are_left_out(self, region: regions.Region) -> None:
        names = {s.name for s in drawing.country_shapes(region, geo.locator_frame(region, *ASTANA))}

        assert "Kazakhstan" in names
        assert "Iran" not in names
        assert "Turkey" not in names

    def test_almaty_and_astana_lie_inside_kazakhstan(
        self, frame: geo.MapFrame, kazakhstan: drawing.CountryShape
    ) -> None:
        rings = rings_of(kazakhstan.d)

        assert inside(frame.project(*ALMATY), rings)
        assert inside(frame.project(*ASTANA), rings)

    def test_reference_cities_lie_inside_kazakhstan_exactly_when_they_are_kazakh(
        self, frame: geo.MapFrame, kazakhstan: drawing.CountryShape
    ) -> None:
        rings = rings_of(kazakhstan.d)
        for city in regions.reference_cities():
            assert inside(frame.project(city.lat, city.lon), rings) == (
                city.country == "Kazakhstan"
            ), city.name

    def test_the_caspian_sea_is_nobodys_land(
        self, region: regions.Region, frame: geo.MapFrame
    ) -> None:
        caspian = frame.project(42.0, 50.5)

        for shape in drawing.country_shapes(region, frame):
            assert not inside(caspian, rings_of(shape.d)), shape.name

    def test_graticule_lines_stay_in_the_viewport(
        self, region: regions.Region, frame: geo.MapFrame
    ) -> None:
        d = drawing.graticule(region, frame)

        assert d.startswith("M")
        assert d == drawing.graticule(region, frame)
        numbers = [float(v) for v in re.findall(r"-?\d+\.\d", d)]
        assert all(-0.05 <= v <= frame.width + 0.05 for v in numbers[0::2])
        assert all(-0.05 <= v <= frame.height + 0.05 for v in numbers[1::2])


class TestLocatorFrame:
    def test_centres_the_point(self, region: regions.Region) -> None:
        locator = geo.locator_frame(region, *KARAGANDA)

        assert (locator.width, locator.height) == (320, 240)
        assert locator.view_box == "0 0 320 240"
        assert locator.project(*KARAGANDA) == pytest.approx((160.0, 120.0), abs=0.1)

    def test_spans_the_requested_degrees_of_arc(self, region: regions.Region) -> None:
        locator = geo.locator_frame(region, *KARAGANDA, width=400, span_deg=10.0)
        west = locator.unproject(0, locator.height / 2)
        east = locator.unproject(locator.width, locator.height / 2)

        assert great_circle_km(west, east) == pytest.approx(10.0 * geo.KM_PER_DEGREE, rel=0.01)

    def test_slides_inwards_near_the_edge_of_the_data(self, region: regions.Region) -> None:
        locator = geo.locator_frame(region, *NOVOSIBIRSK)
        west, south, east, north = region.bbox

        assert locator.contains(*NOVOSIBIRSK)
        assert locator.project(*NOVOSIBIRSK)[1] < 120.0
        for x in (0, locator.width):
            for y in (0, locator.height):
                lat, lon = locator.unproject(x, y)
                assert south < lat < north
                assert west < lon < east

    def test_a_point_beyond_the_region_stays_centred(self, region: regions.Region) -> None:
        locator = geo.locator_frame(region, *PARIS)

        assert locator.project(*PARIS) == pytest.approx((160.0, 120.0), abs=0.1)
        assert drawing.country_shapes(region, locator) == ()

    def test_span_must_be_positive(self, region: regions.Region) -> None:
        with pytest.raises(ValueError, match="span"):
            geo.locator_frame(region, *ASTANA, span_deg=0.0)


class TestData:
    def test_region_credits_natural_earth(self, region: regions.Region) -> None:
        assert region.source.startswith("Made with Natural Earth.")
        west, south, east, north = region.bbox
        assert west < 46.5 and east > 87.4 and south < 40.5 and north > 55.5  # all of Kazakhstan

    def test_region_countries_are_sorted_and_named(self, region: regions.Region) -> None:
        names = [c.name for c in region.countries]

        assert names == sorted(names)
        assert all(c.rings for c in region.countries)
        assert "KAZ" in {c.iso_a3 for c in region.countries}

    def test_reference_cities(self, frame: geo.MapFrame) -> None:
        cities = regions.reference_cities()

        assert 8 <= len(cities) <= 14
        assert [c.name for c in cities] == sorted(c.name for c in cities)
        assert {c.name for c in cities if c.capital} >= {"Astana", "Bishkek", "Tashkent"}
        assert all(frame.contains(c.lat, c.lon) for c in cities)
        almaty = next(c for c in cities if c.name == "Almaty")
        assert (almaty.lat, almaty.lon) == ALMATY
        assert not almaty.capital

    def test_parse_region_rejects_other_geojson(self) -> None:
        with pytest.raises(ValueError, match="FeatureCollection"):
            regions.parse_region('{"type": "Feature"}')
