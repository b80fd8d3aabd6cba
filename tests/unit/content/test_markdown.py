"""Stories in Markdown: CommonMark with typography, tables and footnotes, and nothing kept."""

from __future__ import annotations

import resource
import time

import pytest

from generator.config import HtmlMode
from generator.content.markdown import MAX_NESTING, MarkdownRenderer, NestingTooDeep

STORY = """He said "it's done" -- twice... and left.

| Year | Work |
|------|------|
| 2024 | *Steppe* |

A note[^1] and <span class="kept">raw HTML</span>.

[^1]: The footnote.

~~Struck~~ and https://example.org/.
"""


def test_a_story_gets_typography_tables_footnotes_and_links() -> None:
    html = MarkdownRenderer().render(STORY)
    assert "<p>He said “it’s done” – twice… and left.</p>" in html
    assert "<table>" in html and "<td><em>Steppe</em></td>" in html
    assert 'href="#fn-1"' in html and "The footnote." in html
    assert "<del>Struck</del>" in html
    assert '<a href="https://example.org/">https://example.org/</a>' in html
    assert '<span class="kept">raw HTML</span>' in html


def test_sanitize_mode_drops_scripts_and_handlers_but_keeps_markup() -> None:
    text = 'Hi <em onclick="steal()">there</em><script>alert(1)</script> [x](javascript:alert(1))'
    html = MarkdownRenderer("sanitize").render(text)
    assert "<em>there</em>" in html
    assert "onclick" not in html and "<script" not in html and "javascript:" not in html


def test_rendering_many_stories_keeps_no_memory() -> None:
    renderer = MarkdownRenderer()
    story = STORY * 20  # about 6 KB, as long stories are
    renderer.render(story)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(3000):
        renderer.render(story)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 20_000  # each story's syntax tree and HTML are freed (leaking: ~200 MB)


DEEP_STORIES = {
    "quotes": "> " * 100_000 + "too deep\n",  # 200 KB, as in the report
    "lists": "".join("  " * level + "- item\n" for level in range(40)) * 100,
    "html blocks": "<div>\n" * 40_000,
    "inline html": "Some " + "<span>" * 40_000 + "text",
    "hidden end tags": '<div title="</div>"><!-- </div> --><style></div></style>' * 4_000,
}


@pytest.mark.parametrize("mode", ["trust", "sanitize"])
@pytest.mark.parametrize("name", sorted(DEEP_STORIES))
def test_nesting_too_deep_is_refused_quickly_in_both_modes(mode: HtmlMode, name: str) -> None:
    renderer = MarkdownRenderer(mode)
    # CPU time of this process: other processes' load on the machine does not count.
    started = time.process_time()
    with pytest.raises(NestingTooDeep) as raised:
        renderer.render(DEEP_STORIES[name])
    assert time.process_time() - started < 0.5  # refused, not sanitised for minutes
    assert f"nested more than {MAX_NESTING} deep" in raised.value.message
    assert raised.value.hint


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Intro.\n\nMore.\n" + "> " * 70 + "deep\n", 4),
        ("Intro.\n\n" + "".join("> " * depth + "x\n" for depth in range(1, 80)), 66),
        ("Intro.\n\n" + "<div>\n" * 80, 67),
        ("Intro.\n\nA paragraph\nwith " + "<em>" * 80 + "x", 4),
    ],
)
def test_nesting_too_deep_names_the_line_where_it_passes_the_limit(text: str, line: int) -> None:
    with pytest.raises(NestingTooDeep) as raised:
        MarkdownRenderer().render(text)
    assert raised.value.line == line


def test_nesting_as_deep_as_real_stories_go_is_kept() -> None:
    quotes = "> " * 20 + "a quote within quotes\n\n"
    lists = "".join("  " * level + "- item\n" for level in range(12))
    html = "<div>" * 20 + "<p>x<p>y" * 100 + "<br>" * 100 + "</div>" * 20
    for mode in ("trust", "sanitize"):
        rendered = MarkdownRenderer(mode).render(quotes + lists + "\n" + html)
        assert rendered.count("<blockquote>") == 20 and rendered.count("<li>") == 12
