"""Markdown to HTML, with a deliberately small set of extensions."""

from __future__ import annotations

from typing import Literal

import markdown as _markdown
import nh3

# Typographic quotes and dashes, footnotes, tables and {: attributes } are what stories use;
# each extension costs time on every page, so the list stays short.
EXTENSIONS = ("smarty", "footnotes", "tables", "attr_list", "sane_lists")

HtmlMode = Literal["trust", "sanitize"]
HTML_MODES: tuple[HtmlMode, ...] = ("trust", "sanitize")

# What a sanitised story keeps: nh3's safe defaults, plus the ids, classes and titles that
# footnotes and {: attributes } write. Scripts, styles, event handlers (onclick=…) and
# javascript: links are dropped.
_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir"},
}


class MarkdownRenderer:
    """One reusable converter; ``render`` resets it between documents.

    ``mode`` is the site's ``markdown_html`` setting: "trust" passes HTML written in a story
    through as it is, "sanitize" removes anything that could run code in the reader's browser.
    """

    def __init__(self, mode: HtmlMode = "trust") -> None:
        self._md = _markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
        self.mode: HtmlMode = mode

    def render(self, text: str) -> str:
        """Convert one Markdown document to an HTML fragment."""
        html: str = self._md.reset().convert(text)
        if self.mode == "sanitize":
            html = nh3.clean(
                html,
                attributes=_ATTRIBUTES,
                link_rel=None,
                clean_content_tags={"script", "style"},
            )
        return html
