"""Properties that hold for any input: parsers fail only with their own errors, never crash."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.frontmatter import parse_frontmatter
from generator.geo import MapFrame, load_region, region_frame
from generator.urls import is_valid_slug, slugify

# No example database: nothing is written into the working tree.
settings.register_profile("showcase", database=None)
settings.load_profile("showcase")

FRAME: MapFrame = region_frame(load_region())

yaml_ish = st.lists(
    st.sampled_from(
        ["---", "\n", ": ", "- ", "&a ", "*a", "[", "]", "{", "}", '"', "'", "\t", "  ", "#", "|"]
    )
    | st.text(max_size=8),
    max_size=40,
).map("".join)


@settings(max_examples=300)
@given(st.text() | yaml_ish | yaml_ish.map(lambda body: f"---\n{body}\n---\n"))
def test_parse_frontmatter_raises_only_content_errors(text: str) -> None:
    try:
        doc = parse_frontmatter(text, "content/artists/x.md")
    except ContentError as error:
        assert error.path == "content/artists/x.md"
        assert error.line is not None and error.line >= 1
    else:
        assert isinstance(doc.data, dict)


@settings(max_examples=300)
@given(st.text())
def test_slugify_returns_a_valid_slug_or_nothing(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or is_valid_slug(slug)


latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)


@given(latitudes, longitudes)
def test_projection_of_any_real_place_is_finite(lat: float, lon: float) -> None:
    x, y = FRAME.project(lat, lon)
    assert math.isfinite(x) and math.isfinite(y)


outside = st.one_of(
    st.tuples(
        st.floats(allow_nan=True).filter(lambda v: not -90 <= v <= 90),
        st.floats(allow_nan=True),
    ),
    st.tuples(latitudes, st.floats(allow_nan=True).filter(lambda v: not -180 <= v <= 180)),
)


@given(outside)
def test_projection_outside_the_range_raises_value_error(point: tuple[float, float]) -> None:
    with pytest.raises(ValueError):
        FRAME.project(*point)


@given(st.integers(min_value=1, max_value=5000))
def test_region_frame_of_any_width_is_finite(width: int) -> None:
    frame = region_frame(load_region(), width)
    assert frame.width == width and frame.height >= 1
    assert all(math.isfinite(v) for v in (frame.scale, frame.left, frame.top))
