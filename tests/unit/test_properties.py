"""Properties that hold for any input: parsers fail only with their own errors, never crash."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.map.projection import MapFrame, region_frame
from generator.map.region import load_region
from generator.source.frontmatter import parse_frontmatter
from generator.source.slugs import is_valid_slug, slugify

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


# Front-matter as people write it, and near misses: the simple parser must read each one as
# PyYAML does, marks included, or leave it to PyYAML.
plain_values = st.sampled_from(
    [
        "Almaty",
        "Bakhyt Kalējs",
        "Бахыт",
        "“Steppe Awakening”",
        "O'Brien",
        "a, b (c)",
        "é",
        '"quoted: text"',
        "'single'",
        "https://example.org/a?b=c&d",
        "a:b",
        '""',
        "''",
        "42",
        "-7",
        "0",
        "3.14",
        "-0.5",
        "2024-02-29",
        "2017–2022",
        "80 × 120 cm",
        "true",
        "False",
        "yes",
        "NO",
        "on",
        "Off",
        "null",
        "~",
    ]
)
tricky_values = st.sampled_from(
    [
        '"with \\" escape"',
        "'it''s'",
        "007",
        "08",
        "0123",
        "1.0e+3",
        "0x1F",
        "1_000",
        ".5",
        "1e3",
        "1:20",
        "12:30",
        "2023-02-29",
        "2024-2-9",
        "3rd",
        "3 e",
        "tRUE",
        "y",
        "n",
        "a: b",
        "a:",
        "a :b",
        "1:2 pm",
        "http:",
        "a #b",
        "#c",
        "[a]",
        "{a: 1}",
        "&x a",
        "*x",
        "!tag a",
        "| block",
        "> fold",
        "-",
        "- a",
        "?",
        "@a",
        "`a`",
        "%a",
        "a\u2028b",
        "a\x85b",
        "a ",
        " a",
        "\ufeffa",
        "\x07",
        "\\u00e9",
        "a\tb",
    ]
)
any_value = st.one_of(plain_values, tricky_values, st.text(max_size=12))
keys = st.sampled_from(
    ["name", "title", "lat", "hometown", "works", "a-b", "_x", "on", "yes", "Null", "y", "1"]
)
nodes = st.recursive(
    plain_values,
    lambda inner: (
        st.lists(inner, min_size=1, max_size=3)
        | st.dictionaries(keys, inner, min_size=1, max_size=4)
    ),
    max_leaves=12,
)


def _yaml_lines(node: object, indent: int, compact: bool) -> list[str]:
    """``node`` written as block YAML at ``indent``, the way people write front-matter."""
    pad = " " * indent
    if isinstance(node, dict):
        out = []
        for key, value in node.items():
            if isinstance(value, dict | list):
                deeper = indent if isinstance(value, list) and compact else indent + 2
                out += [f"{pad}{key}:", *_yaml_lines(value, deeper, compact)]
            else:
                out.append(f"{pad}{key}: {value}")
        return out
    if isinstance(node, list):
        out = []
        for item in node:
            inner = _yaml_lines(item, indent + 2, compact)
            if isinstance(item, dict | list) and inner:
                out += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
            else:
                out.append(f"{pad}- {item}")
        return out
    return [f"{pad}{node}"]


documents = st.builds(
    lambda top, compact, blank: "\n".join(_yaml_lines(top, 0, compact)) + blank,
    st.dictionaries(keys, nodes, min_size=1, max_size=5),
    st.booleans(),
    st.sampled_from(["", "\n", "\n\n"]),
)
# One value, as a field, an item or an item's field: each odd value gets its own chance.
one_value = st.builds(
    lambda key, value, form: form.format(key=key, value=value),
    keys,
    any_value,
    st.sampled_from(["{key}: {value}", "{key}:\n  - {value}", "{key}:\n- x: {value}\n  y: 1"]),
)


def _typed(value: object) -> object:
    """``value`` with every type spelled out (True == 1 == 1.0 in Python, not in YAML)."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _agrees_with_pyyaml(text: str) -> bool:
    """Whether the simple parser read ``text`` (else PyYAML does); if it did, it agrees."""
    import yaml

    from generator.source import quickyaml
    from generator.source.frontmatter import _collect_marks, _loader_class

    simple = quickyaml.parse(text, 2)
    if simple is None:
        return False
    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError) as error:
        pytest.fail(f"the simple parser read what PyYAML refuses ({error}): {text!r}")
    finally:
        loader.dispose()
    marks: dict[object, object] = {}
    _collect_marks(node, (), marks, 2)  # type: ignore[arg-type]
    assert _typed(simple[0]) == _typed(data), text
    assert simple[1] == marks, text
    return True


@settings(max_examples=1_000)
@given(documents | one_value)
def test_the_simple_front_matter_parser_agrees_with_pyyaml(text: str) -> None:
    _agrees_with_pyyaml(text)


@pytest.mark.parametrize("value", [*plain_values.elements, *tricky_values.elements])
@pytest.mark.parametrize("form", ["k: {}", "k:\n- {}", "k:\n  - j: {}\n    i: 1"])
def test_the_simple_parser_reads_each_kind_of_value_as_pyyaml_does(value: str, form: str) -> None:
    read = _agrees_with_pyyaml(form.format(value))
    if value in plain_values.elements:  # what people write: never left to PyYAML
        assert read, form.format(value)


# Layouts the simple parser reads, and the ones it must leave to PyYAML (misread otherwise).
READ = ["a:\n- b\nc: d", "a:\n  b:\n  - c\n  d: e", "a: b\n\n\nc: d"]
LEFT = [
    "a:\nb: c",
    "a: b\n  c: d",
    "a: b\n  c",
    "a:\n  - b\n  c",
    "a:\n  - b\n    c",
    "a:\n  b: c\n d: e",
    "a:\n    - b\n  c: d",
    "a:\n  - b: c\n    d: e\n  - f: g\n   h: i",
    "a:\n  - b: c\n  d: e",
    "- a\n- b",
    "a: 1\na: 2",
    "  a: 1\nb: 2",
    "a: 1\n- b",
]


@pytest.mark.parametrize("text", READ + LEFT)
def test_the_simple_parser_reads_each_layout_as_pyyaml_does(text: str) -> None:
    assert _agrees_with_pyyaml(text) == (text in READ)
