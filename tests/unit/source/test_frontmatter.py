from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.source import quickyaml
from generator.source.frontmatter import load_yaml_document, parse_frontmatter
from generator.source.marks import Mark

PATH = "content/artists/x.md"


def test_splits_fields_from_the_body() -> None:
    doc = parse_frontmatter("---\nname: Bakhyt Morel\n---\nA story.\n", PATH)
    assert doc.data == {"name": "Bakhyt Morel"}
    assert doc.body == "A story.\n"
    assert doc.body_line == 4


def test_keeps_the_line_and_column_of_every_value() -> None:
    doc = parse_frontmatter("---\nname: A\nhometown:\n  lat: 43.25\n---\n", PATH)
    assert doc.marks[("name",)] == Mark(2, 7)
    assert doc.marks[("hometown", "lat")] == Mark(4, 8)


def test_accepts_a_byte_order_mark_and_windows_line_endings() -> None:
    doc = parse_frontmatter("\ufeff---\r\nname: A\r\n---\r\nText\r\n", PATH)
    assert doc.data == {"name": "A"}
    assert doc.body == "Text\n"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("", "empty", 1),
        ("Just a story.\n", "does not start with front-matter", 1),
        ("---\nname: A\nA story with no closing fence.\n", "never closed", 1),
        ("---\nname: A\n  bad: indent\n---\n", "invalid YAML", 3),
        ("---\n- a\n- b\n---\n", "is a list", 2),
        ("---\njust a scalar\n---\n", "single value", 2),
        ("---\nname: A\ndate: 2026-02-30\n---\n", "day is out of range", 3),
        ("---\nname: A\nplaces:\n  - when: 2026-13-01\n---\n", "month must be in", 4),
    ],
)
def test_malformed_front_matter_names_the_line(text: str, message: str, line: int) -> None:
    with pytest.raises(ContentError) as caught:
        parse_frontmatter(text, PATH)
    assert message in caught.value.message
    assert caught.value.path == PATH
    assert caught.value.line == line


def test_tabs_get_a_hint_about_indentation() -> None:
    with pytest.raises(ContentError) as caught:
        parse_frontmatter("---\nhometown:\n\tlat: 1\n---\n", PATH)
    assert caught.value.hint is not None and "tab" in caught.value.hint


def test_an_unquoted_colon_gets_a_hint_about_quotes() -> None:
    with pytest.raises(ContentError) as caught:
        parse_frontmatter("---\nsummary: Note: it breaks\n---\n", PATH)
    assert caught.value.line == 2
    assert caught.value.hint is not None and "quotes" in caught.value.hint


def test_the_line_of_an_impossible_date_is_named_with_its_column() -> None:
    with pytest.raises(ContentError) as caught:
        parse_frontmatter("---\nname: A\ndate: 2026-02-30\n---\n", PATH)
    assert (caught.value.line, caught.value.column) == (3, 7)
    assert caught.value.hint is not None and "YYYY-MM-DD" in caught.value.hint


def test_lists_nested_too_deep_are_refused_however_short_the_file() -> None:
    nested = "k:\n  " + "- " * 70 + "x\n"  # 150 characters, no brackets, 70 levels
    with pytest.raises(ContentError) as caught:
        parse_frontmatter(f"---\n{nested}---\n", PATH)
    assert "nests more than 64 levels" in caught.value.message


def test_a_key_written_twice_is_an_error_naming_both_lines() -> None:
    with pytest.raises(ContentError) as caught:
        parse_frontmatter("---\nname: Bakhyt\ndiscipline: painting\nname: Other\n---\n", PATH)
    error = caught.value
    assert error.message == "'name' is written twice, on lines 2 and 4"
    assert (error.line, error.column) == (4, 1)
    assert error.hint is not None and "delete the other" in error.hint


def test_a_key_written_twice_inside_a_work_is_an_error() -> None:
    text = "---\nworks:\n  - title: A\n    image: a.jpg\n    title: B\n---\n"
    with pytest.raises(ContentError, match="'title' is written twice, on lines 3 and 5"):
        parse_frontmatter(text, PATH)


def test_a_key_written_twice_in_site_yaml_is_an_error() -> None:
    with pytest.raises(ContentError, match="'title' is written twice, on lines 1 and 3"):
        load_yaml_document("title: A\nlanguage: en\ntitle: B\n", "site.yaml")


def test_unindented_hometown_fields_are_explained_not_silently_taken_as_the_name() -> None:
    text = (
        "---\nname: Bakhyt Morel\nhometown:\nname: Almaty\ncountry: Kazakhstan\n"
        "lat: 43.2\nlon: 76.9\n---\n"
    )
    with pytest.raises(ContentError) as caught:
        parse_frontmatter(text, PATH)
    error = caught.value
    assert error.line == 4
    assert "'name' is written twice (lines 2 and 4)" in error.message
    assert "under 'hometown:' on line 3 are not indented" in error.message
    assert error.hint is not None
    assert "indent the lines under 'hometown:' by two spaces, as '  name: Almaty'" in error.hint


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        (  # an over-indented image: under a work
            "---\ntitle: S\nworks:\n  - title: A\n      image: a.jpg\n    alt: x\n---\n",
            5,
            "line 5 is indented by 6 spaces, the lines around it by 4: indent it like them",
        ),
        (  # a key less deep than its siblings
            "---\nhometown:\n    name: A\n  lat: 3\n---\n",
            4,
            "line 4 is indented by 2 spaces, the lines around it by 4: indent it like them",
        ),
        (  # a key one space deeper than its siblings
            "---\nhometown:\n  name: A\n   lat: 3\n---\n",
            4,
            "line 4 is indented by 3 spaces, the lines around it by 2: indent it like them",
        ),
    ],
)
def test_a_mapping_error_from_indentation_gets_an_indentation_hint(
    text: str, line: int, hint: str
) -> None:
    with pytest.raises(ContentError) as caught:
        parse_frontmatter(text, PATH)
    assert caught.value.line == line
    assert caught.value.hint == hint


def test_the_fast_path_leaves_duplicate_keys_to_the_checked_path() -> None:
    assert quickyaml.parse("name: A\nname: B\n", 1) is None
    assert quickyaml.parse("works:\n  - title: A\n    title: B\n", 1) is None


def test_the_first_key_written_twice_in_the_file_is_the_one_reported() -> None:
    text = "---\nhometown:\n  name: A\n  name: B\nworks:\n  - title: X\n    title: Y\n---\n"
    with pytest.raises(ContentError, match="'name' is written twice, on lines 3 and 4"):
        parse_frontmatter(text, PATH)


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        (
            "---\ntitle: A\nyear:2020\nmedium: oil\n---\n",
            3,
            "there is no space after the colon in line 3",
            "put a space after the colon in line 3: 'year: 2020'",
        ),
        (
            "---\nworks:\n  - title: A\n  -title: Brick\n---\n",
            4,
            "there is no space after the '-' in line 4",
            "put a space after '-' in line 4: '  - title: Brick'",
        ),
        (
            '---\ntitle: A\nmedium: "Oil on linen\nyear: 2020\nsize: big\n---\n',
            3,
            "the quote opened on line 3 is not closed",
            'end the value with a closing " on line 3',
        ),
    ],
)
def test_a_typing_slip_is_named_on_the_line_it_was_typed(
    text: str, line: int, message: str, hint: str
) -> None:
    with pytest.raises(ContentError) as caught:
        parse_frontmatter(text, PATH)
    assert caught.value.line == line
    assert message in str(caught.value)
    assert caught.value.hint == hint
    assert "quotes" not in caught.value.hint


def test_an_unquoted_colon_after_a_link_still_gets_the_quotes_hint() -> None:
    with pytest.raises(ContentError) as caught:
        parse_frontmatter("---\nsite: https://example.org\nsummary: Note: it breaks\n---\n", PATH)
    assert caught.value.line == 3
    assert caught.value.hint is not None and "quotes" in caught.value.hint


def test_a_link_glued_to_its_key_gets_the_space_hint() -> None:
    with pytest.raises(ContentError) as caught:
        parse_frontmatter("---\nwebsite:https://example.org\nyear: 2020\n---\n", PATH)
    assert caught.value.line == 2
    assert caught.value.hint == (
        "put a space after the colon in line 2: 'website: https://example.org'"
    )
