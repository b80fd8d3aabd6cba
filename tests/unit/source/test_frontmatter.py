from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.source.frontmatter import parse_frontmatter
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
