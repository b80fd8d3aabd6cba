"""The page reader (content/pages/<slug>.md) and ``visibility``, as series and works share it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.content.markdown import MarkdownRenderer
from generator.content.model import OwnPage, Site
from generator.content.pages import read_page, read_unlisted
from generator.content.reading import Disk, Reading
from generator.source.fields import Fields, Problems
from generator.source.frontmatter import parse_frontmatter

PATH = "content/pages/about.md"


def read(text: str, name: str = "about.md") -> tuple[OwnPage, list[str]]:
    document = parse_frontmatter(text, PATH)
    fields = Fields(document.data, document.marks, Problems(PATH))
    reading = Reading(MarkdownRenderer("trust"), Disk(), fingerprinted=False)
    page = read_page(fields, document, Path("/p/content/pages") / name, reading)
    return page, [f"{e.line}: {e} / {e.hint}" for e in fields.problems.errors]


def test_a_page_reads_its_keys_and_renders_its_markdown() -> None:
    page, problems = read(
        "---\ntitle: About us\nsummary: Who.\nmenu: 3\nupdated: 2026-01-02\n---\nWe *paint*.\n"
    )
    assert problems == []
    assert (page.slug, page.title, page.summary, page.menu, page.unlisted) == (
        "about",
        "About us",
        "Who.",
        3,
        False,
    )
    assert "<em>paint</em>" in page.body_html
    assert str(page.updated) == "2026-01-02" and page.source == PATH


def test_the_slug_is_the_file_name_unless_given() -> None:
    assert read("---\ntitle: A\n---\n", "Our Story.md")[0].slug == "our-story"
    assert read("---\ntitle: A\nslug: press\n---\n")[0].slug == "press"


def test_without_menu_a_page_is_in_no_menu_and_menu_zero_is_a_place() -> None:
    assert read("---\ntitle: A\n---\n")[0].menu is None
    assert read("---\ntitle: A\nmenu: 0\n---\n")[0].menu == 0


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("unlsted", "did you mean 'unlisted'?"),
        ("pubic", "did you mean 'public'?"),
        (
            "secret",
            "write 'visibility: unlisted' to leave it out of every list, or remove the line",
        ),
    ],
)
def test_an_unknown_visibility_is_located_with_a_hint(value: str, hint: str) -> None:
    document = parse_frontmatter(f"---\ntitle: A\nvisibility: {value}\n---\n", PATH)
    fields = Fields(document.data, document.marks, Problems(PATH))
    read_unlisted(fields)
    (error,) = fields.problems.errors
    assert (error.path, error.line, error.hint) == (PATH, 3, hint)
    assert f"'visibility' must be one of public, unlisted (got '{value}')" in str(error)


def test_visibility_defaults_to_public() -> None:
    problems = Problems("x.md")
    assert read_unlisted(Fields({}, {}, problems)) is False
    assert read_unlisted(Fields({"visibility": "unlisted"}, {}, problems)) is True
    assert problems.errors == []


def test_the_menu_holds_listed_pages_by_number_then_title() -> None:
    def own(slug: str, menu: int | None, unlisted: bool = False) -> OwnPage:
        return OwnPage(slug, slug.title(), "", f"{slug}.md", menu=menu, unlisted=unlisted)

    pages = (own("zeta", 1), own("alpha", 1), own("cv", 0), own("none", None), own("hid", 0, True))
    site = Site(
        config=SiteConfig(title="T", description="", base_url="https://example.org/"),
        root=Path("/p"),
        artists=(),
        series=(),
        pages=pages,
    )
    assert [p.slug for p in site.menu()] == ["cv", "alpha", "zeta"]
    assert site.page("hid") is pages[4] and site.page("nope") is None
