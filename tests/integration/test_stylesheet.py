"""The theme's stylesheet closes every block it opens.

A browser reads a block left open to the end of the file: an ``@media print {`` without its
``}`` silently moves every rule after it onto paper, which no build or check reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

STYLESHEETS = sorted((ROOT / "static").rglob("*.css"))
# Comments and quoted strings may hold braces that open nothing.
NOT_CODE = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.S)


def unclosed(css: str) -> list[int]:
    """The lines of the blocks ``css`` opens and never closes, and of any stray ``}``."""
    code = NOT_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), css)
    opened: list[int] = []
    stray: list[int] = []
    for number, line in enumerate(code.splitlines(), start=1):
        for char in line:
            if char == "{":
                opened.append(number)
            elif char == "}":
                if opened:
                    opened.pop()
                else:
                    stray.append(number)
    return opened + stray


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_block_of_the_stylesheet_is_closed(path: Path) -> None:
    assert unclosed(path.read_text(encoding="utf-8")) == [], path


def test_an_unclosed_media_query_is_found_at_its_line() -> None:
    css = "/* { */\na::after { content: '{'; }\n@media print {\n  .a { color: red; }\n.b { }\n"
    assert unclosed(css) == [3]
