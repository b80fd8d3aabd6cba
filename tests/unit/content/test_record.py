"""The artist's record: a statement and a CV read from front-matter, every mistake reported at
its file and line with what to write."""

from __future__ import annotations

import datetime

import pytest

from generator.content.markdown import MarkdownRenderer
from generator.content.model import CV, Dated
from generator.content.record import read_cv, read_statement
from generator.source.fields import Fields, Problems
from generator.source.frontmatter import parse_frontmatter


def read(text: str) -> tuple[CV, str, list[str]]:
    """The CV and statement of an artist file whose front-matter is ``text``, and the problems."""
    document = parse_frontmatter(f"---\nname: Mira\n{text}---\nStory.\n", "content/artists/mira.md")
    fields = Fields(document.data, document.marks, Problems("content/artists/mira.md"))
    statement = read_statement(fields, MarkdownRenderer())
    return read_cv(fields), statement, [str(error) for error in fields.problems.errors]


def test_a_full_record_is_read() -> None:
    cv, statement, problems = read(
        "statement: |\n"
        "  I paint the *wind*.\n"
        "cv:\n"
        "  exhibitions:\n"
        "    - title: Steppe Light\n"
        "      venue: Kasteyev State Museum of Arts\n"
        "      city: Almaty\n"
        "      country: Kazakhstan\n"
        "      kind: solo\n"
        "      start: 2024-03-01\n"
        "      end: 2024-04-15\n"
        "      url: https://example.org/steppe-light\n"
        "    - title: Undated show\n"
        "  education:\n"
        "    - title: BFA, painting\n"
        "      institution: Kazakh National Academy of Arts\n"
        "      year: 2015\n"
        "  residencies:\n"
        "    - title: Summer residency\n"
        "  press:\n"
        "    - title: The wind painter\n"
        "      publication: Steppe Review\n"
        "      date: 2024-05-02\n"
        "      quote: Quiet, insistent work.\n"
    )
    assert problems == []
    assert statement == "<p>I paint the <em>wind</em>.</p>\n"
    first, undated = cv.exhibitions
    assert (first.title, first.kind, first.years) == ("Steppe Light", "solo", "2024")
    assert first.start == datetime.date(2024, 3, 1) and first.end == datetime.date(2024, 4, 15)
    assert first.place is not None and first.place.name == "Almaty"
    assert abs(first.place.lat - 43.25) < 0.1 and abs(first.place.lon - 76.95) < 0.1
    assert undated.years == "" and undated.place is None
    assert cv.education[0].institution == "Kazakh National Academy of Arts"
    assert cv.residencies[0].title == "Summer residency"
    assert cv.press[0].date == datetime.date(2024, 5, 2)
    assert bool(cv) and not bool(CV())


def test_a_place_the_gazetteer_does_not_know_can_be_given_by_coordinates() -> None:
    cv, _, problems = read(
        "cv:\n  exhibitions:\n    - title: Yurt show\n      city: Zhailau camp\n"
        "      lat: 43.1\n      lon: 77.2\n"
    )
    assert problems == []
    place = cv.exhibitions[0].place
    assert place is not None and (place.name, place.lat, place.lon) == ("Zhailau camp", 43.1, 77.2)


@pytest.mark.parametrize("written", ["Solo", "SOLO", " solo "])
def test_an_exhibitions_kind_is_read_in_any_case(written: str) -> None:
    cv, _, problems = read(f"cv:\n  exhibitions:\n    - title: Dunes\n      kind: {written}\n")
    assert problems == []
    assert cv.exhibitions[0].kind == "solo"


def test_a_mistyped_kind_in_capitals_is_told_the_one_meant() -> None:
    _, _, problems = read("cv:\n  exhibitions:\n    - title: Dunes\n      kind: Groop\n")
    assert problems == [
        "content/artists/mira.md:6:13: exhibition 1, 'Dunes': 'kind' must be one of solo, group, "
        "fair, screening (got 'Groop')\n  hint: did you mean 'group'?"
    ]


def test_each_mistake_is_named_by_entry_and_line() -> None:
    _, _, problems = read(
        "cv:\n"
        "  exhibitons: []\n"
        "  exhibitions:\n"
        "    - title: Dunes\n"
        "      kind: sollo\n"
        "      start: 2024-05-01\n"
        "      end: 2024-04-01\n"
        "      url: example.org/dunes\n"
        "    - venue: Nowhere\n"
        "  residencies:\n"
        "    - title: Spring\n"
        "      end: 2020-01-01\n"
        "  press:\n"
        "    - title: Review\n"
        "      date: May 2024\n"
    )
    assert problems == [
        "content/artists/mira.md:4:15: unknown key 'cv.exhibitons'\n"
        "  hint: did you mean 'exhibitions'?",
        "content/artists/mira.md:9:12: exhibition 1, 'Dunes': 'end' (2024-04-01) is before its "
        "start (2024-05-01)\n  hint: swap the two dates, or correct the one mistyped",
        "content/artists/mira.md:7:13: exhibition 1, 'Dunes': 'kind' must be one of solo, group, "
        "fair, screening (got 'sollo')\n  hint: did you mean 'solo'?",
        "content/artists/mira.md:10:12: exhibition 1, 'Dunes': 'url' must be a web address "
        "starting with https:// (got 'example.org/dunes')\n"
        "  hint: write it in full, such as 'url: https://example.org/dunes'",
        "content/artists/mira.md:11:7: exhibition 2: 'title' is required\n"
        "  hint: add a line 'title: <text>'",
        "content/artists/mira.md:14:12: residency 1, 'Spring': 'end' needs a 'start' date\n"
        "  hint: add 'start: YYYY-MM-DD' (the opening day), or write only 'year:'",
        "content/artists/mira.md:17:13: press item 1, 'Review': 'date' must be a date like "
        "2024-05-31 (got 'May 2024')",
    ]


def test_an_unknown_city_says_how_to_place_it() -> None:
    _, _, problems = read("cv:\n  exhibitions:\n    - title: X\n      city: Qqqxxz\n")
    assert len(problems) == 1
    assert "content/artists/mira.md:6:13: exhibition 1, 'X': 'city'" in problems[0]
    assert "'lat' and 'lon'" in problems[0]


def test_entries_sort_newest_first_and_undated_last() -> None:
    entries = [
        Dated(year=2019),
        Dated(),
        Dated(start=datetime.date(2021, 5, 1), end=datetime.date(2022, 1, 10)),
        Dated(start=datetime.date(2021, 6, 1)),
    ]
    ordered = sorted(entries, key=Dated.newest_first)
    assert [entry.years for entry in ordered] == ["2021–2022", "2021", "2019", ""]


def test_a_span_of_years_is_told_to_be_written_as_start_and_end() -> None:
    _, _, problems = read("cv:\n  awards:\n    - title: Grant\n      year: 2019-2021\n")
    assert problems == [
        "content/artists/mira.md:6:13: award 1, 'Grant': 'year' is one year, not a span "
        "(got '2019-2021')\n  hint: for an entry over several years write "
        "'start: YYYY-MM-DD' and 'end: YYYY-MM-DD'"
    ]


def test_a_link_that_is_not_to_a_web_page_is_refused() -> None:
    _, _, problems = read("cv:\n  press:\n    - title: Review\n      url: javascript:alert(1)\n")
    assert problems == [
        "content/artists/mira.md:6:12: press item 1, 'Review': 'url' must be a web address "
        "starting with https:// (got 'javascript:alert(1)')\n"
        "  hint: link to a web page, by its https:// address"
    ]


@pytest.mark.parametrize(
    "url",
    [
        '"https://example.org/show\\r\\nATTACH:https://evil.example/x"',  # a calendar property
        '"https://example.org/a show"',
        "https://",
    ],
)
def test_an_address_with_a_space_a_line_break_or_no_host_is_refused(url: str) -> None:
    cv, _, problems = read(f"cv:\n  exhibitions:\n    - title: Dunes\n      url: {url}\n")
    assert len(problems) == 1 and "'url' is not a whole web address" in problems[0]
    assert "without spaces" in problems[0]
    assert cv.exhibitions[0].url == ""
