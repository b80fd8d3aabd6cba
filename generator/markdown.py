"""Markdown to HTML, with a deliberately small set of extensions."""

from __future__ import annotations

import markdown as _markdown

# Typographic quotes and dashes, footnotes, tables and {: attributes } are what stories use;
# each extension costs time on every page, so the list stays short.
EXTENSIONS = ("smarty", "footnotes", "tables", "attr_list", "sane_lists")


class MarkdownRenderer:
    """One reusable converter; ``render`` resets it between documents."""

    def __init__(self) -> None:
        self._md = _markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")

    def render(self, text: str) -> str:
        """Convert one Markdown document to an HTML fragment."""
        html: str = self._md.reset().convert(text)
        return html
