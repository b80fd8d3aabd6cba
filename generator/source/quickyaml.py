"""The fast YAML subset: most front-matter, read as PyYAML reads it, in 40% of the time.

What it buys, measured: parsing the front-matter of the 3,000 content files of the
1,000-artist bench workload (``bench/showcase_scale.py``'s corpus; best of 5) takes 0.19 s
with this subset against 0.49 s with PyYAML's C loader alone: 2.5 times faster, 0.3 s off
every cold load of that site (the load stage is about 1.2 s there, on one core).

What it reads: keys, nested keys, lists of items, and one-line quoted or plain values, with the
marks (line and column) of every value. Anything else (a comment, a tab, a multi-line or
flow value, an anchor, a word YAML 1.1 reads as a boolean in another case...) makes
``parse`` return None, and the caller reads the document with PyYAML: the fallback is per
document, and a document the subset reads gives exactly what PyYAML gives, marks included
(``tests/unit/test_properties.py`` checks this on generated documents).

Its check at start-up: the first time it is asked, it reads a sample of every form it accepts
both ways; if the installed PyYAML reads any of it differently (a new YAML version, say), the
subset turns itself off for the process and PyYAML reads everything.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from generator.source.marks import KeyPath, Mark

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
# YAML 1.1 reads these plain words as booleans or null; as keys, or in another case, they go to
# PyYAML.
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("null", "Null", "NULL"), None),
}
_SPECIAL_WORDS = frozenset(word.lower() for word in _WORDS) | {"y", "n", "~"}
# A plain value that can only be a string: it starts with a letter and holds nothing that
# YAML would read as a comment, a key, a flow collection or a line break.
# Written as what is left out (a class of what is let in, astral planes included, takes
# milliseconds to compile): control characters, YAML's indicators, and what YAML counts as a
# line break or refuses (NEL, the Unicode separators, a byte order mark, surrogates).
_NOT_UNICODE = r"\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
_TEXT = rf"[^\x00-\x1f\x7f-\x9f#<>\[\\\]`{{|}}{_NOT_UNICODE}]*"
# A plain value starts with a letter: any character of the text but ASCII other than letters.
_PLAIN = re.compile(rf"[^\x00-\x40\x5b-\x60\x7b-\x9f{_NOT_UNICODE}]" + _TEXT)
# A plain value that starts with a digit is a number or a date only if every character can be
# part of one (the int, float and timestamp forms of YAML 1.1); "2017–2022" or "80 × 120 cm"
# has a character that cannot, so it is text.
_NUMERIC = frozenset("0123456789_-+.:abcdefABCDEFxXoObBtTzZiInN \t")
_DIGIT_FIRST = re.compile(r"[0-9]" + _TEXT)
_QUOTED = re.compile(
    rf'"[^"\\\x00-\x08\x0b-\x1f\x7f-\x9f{_NOT_UNICODE}]*"|\'[^\'\x00-\x08\x0b-\x1f\x7f-\x9f{_NOT_UNICODE}]*\''
)
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SIMPLE_MAX_LINES = 1_000
_MAX_SIMPLE_DEPTH = 16


class _NotSimple(Exception):
    """The text uses more YAML than the simple parser reads."""


def parse(text: str, first_line: int) -> tuple[Any, dict[KeyPath, Mark]] | None:
    """The data and marks of ``text``, or None when PyYAML has to read it.

    ``first_line`` is the file's line number of the text's first line, for the marks.
    """
    global _trusted
    if _trusted is None:
        _trusted = _agrees_with_pyyaml()
    return _Parser.parse(text, first_line) if _trusted else None


@dataclass(slots=True)
class _Parser:
    # One entry per item marker ('- ') and per line's content: (line index, column, text).
    entries: list[tuple[int, int, str | None]]
    first_line: int
    marks: dict[KeyPath, Mark]
    pos: int = 0

    @classmethod
    def parse(cls, text: str, first_line: int) -> tuple[Any, dict[KeyPath, Mark]] | None:
        """The data and marks of ``text``, or None when it is more than the subset."""
        if "\t" in text or "#" in text or "\r" in text:
            return None
        entries: list[tuple[int, int, str | None]] = []
        lines = text.split("\n")
        if len(lines) > _SIMPLE_MAX_LINES:
            return None
        for index, line in enumerate(lines):
            content = line.lstrip(" ")
            if not content:
                continue
            if content != content.rstrip():
                return None
            column = len(line) - len(content)
            while content.startswith("- "):  # an item marker; its node follows on the line
                entries.append((index, column, None))
                column += 2
                content = content[2:]
                if content.startswith(" "):
                    return None
            if content in ("-", "---", "...") or content.startswith("%"):
                return None
            entries.append((index, column, content))
        if not entries:
            return None
        parser = cls(entries, first_line, {})
        try:
            data = parser._node((), entries[0][1], 0)
        except _NotSimple:
            return None
        if parser.pos != len(entries) or not isinstance(data, dict):
            return None
        return data, parser.marks

    def _mark(self, key: KeyPath, entry: tuple[int, int, str | None]) -> None:
        self.marks[key] = Mark(self.first_line + entry[0], entry[1] + 1)

    def _node(self, key: KeyPath, column: int, depth: int) -> Any:
        if depth > _MAX_SIMPLE_DEPTH:
            raise _NotSimple
        entry = self.entries[self.pos]
        self._mark(key, entry)
        if entry[2] is None:
            return self._sequence(key, column, depth)
        return self._mapping(key, column, depth)

    def _sequence(self, key: KeyPath, column: int, depth: int) -> list[Any]:
        items: list[Any] = []
        entries = self.entries
        while self.pos < len(entries):
            _, at, text = entries[self.pos]
            if at != column or text is not None:
                break
            self.pos += 1
            content = entries[self.pos]
            path = (*key, len(items))
            if content[2] is not None and _KEY.match(content[2]) is None:
                self._mark(path, content)
                items.append(_scalar(content[2]))
                self.pos += 1
            else:
                items.append(self._node(path, content[1], depth + 1))
        return items

    def _mapping(self, key: KeyPath, column: int, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        entries = self.entries
        while self.pos < len(entries):
            line, at, text = entries[self.pos]
            if at != column or text is None:
                if at > column:
                    raise _NotSimple
                break
            match = _KEY.match(text)
            if match is None:
                raise _NotSimple
            name = match.group(1)
            # A key written twice goes to PyYAML's path, which reports it with both lines.
            if name.lower() in _SPECIAL_WORDS or name in mapping:
                raise _NotSimple
            path = (*key, name)
            rest = text[match.end() :]
            self.pos += 1
            if rest:
                self._mark(path, (line, at + match.end(), rest))
                mapping[name] = _scalar(rest)
                continue
            if self.pos == len(entries):
                raise _NotSimple  # a key with no value is null
            _, below, inner = entries[self.pos]
            if below > column or (below == column and inner is None):
                mapping[name] = self._node(path, below, depth + 1)
            else:
                raise _NotSimple
        return mapping


def _scalar(text: str) -> Any:
    """The value of a one-line scalar, as PyYAML's safe loader builds it."""
    first = text[0]
    if first in "\"'":
        if _QUOTED.fullmatch(text) is None:
            raise _NotSimple
        return text[1:-1]
    if ": " in text or text.endswith(":"):  # a colon ends a plain value before a space
        raise _NotSimple
    if _PLAIN.fullmatch(text) is not None:
        if text in _WORDS:
            return _WORDS[text]
        if text.lower() in _SPECIAL_WORDS:
            raise _NotSimple
        return text
    if _INT.fullmatch(text) is not None:
        return int(text)
    if _FLOAT.fullmatch(text) is not None:
        return float(text)
    date = _DATE.fullmatch(text)
    if date is not None:
        try:
            return datetime.date(int(date[1]), int(date[2]), int(date[3]))
        except ValueError:
            raise _NotSimple from None
    if _DIGIT_FIRST.fullmatch(text) is not None and not _NUMERIC.issuperset(text):
        return text
    if text == "~":
        return None
    raise _NotSimple


# Every form the subset accepts, once: the start-up check reads it both ways.
_SAMPLE = """\
name: Bakhyt Morel
quoted: "Almaty: the south"
single: '2017–2022'
number: 42
negative: -7
decimal: 43.25
date: 2024-05-01
flag: true
shut: Off
nothing: ~
null_word: null
measure: 80 × 120 cm
range: 2017–2022
hometown:
  name: Almaty
  lat: 43.2567
works:
  - title: One
    year: 2019
  - - nested
    - 1
  - plain item
"""
_trusted: bool | None = None  # whether the installed PyYAML reads the sample as the subset does


def _agrees_with_pyyaml() -> bool:
    """Whether the subset and the installed PyYAML read ``_SAMPLE`` to the same typed data."""
    import yaml

    simple = _Parser.parse(_SAMPLE, 1)
    try:
        reference = yaml.load(_SAMPLE, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return False
    return simple is not None and _typed(simple[0]) == _typed(reference)


def _typed(value: object) -> object:
    """``value`` with every type spelled out (True == 1 == 1.0 in Python, not in YAML)."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)
