from __future__ import annotations

from generator.source.fields import Fields, Problems
from generator.source.frontmatter import parse_frontmatter


def read(text: str) -> tuple[Fields, Problems]:
    doc = parse_frontmatter(text, "content/artists/x.md")
    problems = Problems("content/artists/x.md")
    return Fields(doc.data, doc.marks, problems), problems


def test_a_missing_required_field_is_reported_at_its_mapping() -> None:
    fields, problems = read("---\nname: A\n---\n")
    fields.text("discipline")
    [error] = problems.errors
    assert "'discipline' is required" in error.message
    assert error.line == 2


def test_out_of_range_values_name_the_field_and_its_line() -> None:
    fields, problems = read("---\nhometown:\n  name: X\n  lat: 200\n---\n")
    hometown = fields.mapping("hometown")
    assert hometown is not None
    hometown.number("lat", low=-90, high=90)
    [error] = problems.errors
    assert str(error) == (
        "content/artists/x.md:4:8: 'hometown.lat' must be between -90 and 90 (got 200)"
    )


def test_unknown_keys_suggest_the_closest_known_one() -> None:
    fields, problems = read("---\nnmae: A\n---\n")
    fields.check_keys(("name", "slug"))
    [error] = problems.errors
    assert error.message == "unknown key 'nmae'"
    assert error.hint == "did you mean 'name'?"


def test_wrong_types_are_reported_not_coerced() -> None:
    fields, problems = read("---\nweight: heavy\ndraft: maybe\nyear: 1999.5\n---\n")
    fields.integer("weight", low=0, high=10)
    fields.flag("draft")
    fields.integer("year", low=1000, high=2999)
    assert [e.line for e in problems.errors] == [2, 3, 4]


def test_lists_of_mappings_report_items_by_number_from_one() -> None:
    fields, problems = read("---\nworks:\n  - title: A\n  - just text\n---\n")
    items = list(fields.mappings("works"))
    assert len(items) == 1
    [error] = problems.errors
    assert error.message == "work 2 must be a set of 'key: value' fields"
    assert error.line == 4


def test_fields_of_a_work_are_named_by_its_number_and_title() -> None:
    fields, problems = read(
        "---\nworks:\n  - title: Steppe\n  - title: Dune at noon\n    year: 2020\n"
        "  - year: 2021\n---\n"
    )
    for work in fields.mappings("works"):
        work.text("alt")
    assert [e.message for e in problems.errors] == [
        "work 1, 'Steppe': 'alt' is required",
        "work 2, 'Dune at noon': 'alt' is required",
        "work 3: 'alt' is required",
    ]


def test_places_are_named_by_number_and_name_nested_fields_inside_them() -> None:
    fields, problems = read(
        "---\nplaces:\n  - name: Almaty\n  - name: Balkhash\n    lat: 300\n"
        "    extra:\n      deep: 1\n---\n"
    )
    *_, second = fields.mappings("places")
    second.number("lat", low=-90, high=90)
    extra = second.mapping("extra")
    assert extra is not None
    extra.text("missing")
    assert [e.message for e in problems.errors] == [
        "place 2, 'Balkhash': 'lat' must be between -90 and 90 (got 300)",
        "place 2, 'Balkhash': 'extra.missing' is required",
    ]


def test_a_choice_is_read_in_any_case_and_a_mistype_gets_the_closest() -> None:
    fields, problems = read("---\nstatus: Sold\nvisibility: UNLISTED\nkind: Groop\n---\n")
    assert fields.choice("status", ("available", "sold")) == "sold"
    assert fields.choice("visibility", ("public", "unlisted"), default="public") == "unlisted"
    assert fields.choice("kind", ("solo", "group"), otherwise="leave it out") == ""
    assert fields.choice("price", ("a", "b"), default="a") == "a"  # absent: the default
    [error] = problems.errors
    assert error.message == "'kind' must be one of solo, group (got 'Groop')"
    assert (error.line, error.column) == (4, 7)
    assert error.hint == "did you mean 'group'?"


def test_a_choice_with_nothing_close_gets_the_fallback_hint() -> None:
    fields, problems = read("---\nkind: painting\n---\n")
    fields.choice("kind", ("solo", "group"), otherwise="leave 'kind' out if none fits")
    [error] = problems.errors
    assert error.hint == "leave 'kind' out if none fits"
