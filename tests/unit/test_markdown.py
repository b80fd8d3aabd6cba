"""Stories in Markdown: CommonMark with typography, tables and footnotes, and nothing kept."""

from __future__ import annotations

import resource

from generator.markdown import MarkdownRenderer

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
