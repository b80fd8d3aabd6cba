"""A work's year as an artist writes it: ``2021``, a range (``2023–2024``, ``2023-24``) or
``c. 1990``.

A plain year stays a plain ``int``. Any other is a ``Year``: still the first year as an
``int`` (works sort and compare by it, and structured data dates the work by it), shown as
written, with an en dash between the years of a range.
"""

from __future__ import annotations

import re
from typing import Any

LOW, HIGH = 1000, 2999

_CIRCA = r"(?P<circa>(?:c|ca|circa)\.?\s*)?"
_YEAR_TEXT = re.compile(_CIRCA + r"(?P<first>\d{4})(?:\s*[-–—/]\s*(?P<last>\d{2}|\d{4}))?", re.I)


class Year(int):
    """A first year, with the last year of a range, whether it is approximate, and its text."""

    last: int
    circa: bool
    text: str

    def __new__(
        cls, first: int, last: int | None = None, circa: bool = False, text: str = ""
    ) -> Year:
        year = super().__new__(cls, first)
        object.__setattr__(year, "last", first if last is None else last)
        object.__setattr__(year, "circa", circa)
        object.__setattr__(year, "text", text or str(first))
        return year

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Year cannot be changed ({name})")

    def __getnewargs__(self) -> tuple[int, int, bool, str]:  # type: ignore[override]
        return int(self), self.last, self.circa, self.text

    def __reduce__(self) -> tuple[Any, ...]:
        return Year, self.__getnewargs__()

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return (
            format(self.text, spec)
            if not spec or spec.startswith(("<", ">", "^"))
            else (format(int(self), spec))
        )

    def __repr__(self) -> str:
        return f"Year({int(self)}, {self.last}, circa={self.circa}, text={self.text!r})"


def parse_year(value: object) -> int | str:
    """The year ``value`` says, or a message saying why it is not one.

    Returns an ``int`` for a plain year and a ``Year`` for a range or an approximate year.
    """
    if isinstance(value, bool):
        return f"must be a year (got {value!r})"
    if isinstance(value, int):
        return value if LOW <= value <= HIGH else f"must be between {LOW} and {HIGH} (got {value})"
    if not isinstance(value, str):
        return f"must be a year (got {value!r})"
    written = " ".join(value.split())
    match = _YEAR_TEXT.fullmatch(written)
    if match is None:
        return f"must be a year, a range of years or an approximate year (got {value!r})"
    first = int(match["first"])
    last_text = match["last"]
    if last_text is None:
        last = first
    elif len(last_text) == 2:  # 2023-24: the century of the first year
        last = first // 100 * 100 + int(last_text)
        if last <= first:  # 2023-22 is a slip, not 2023–2122; 1999-01 is ambiguous
            return _ends_before(value, first, last)
    else:
        last = int(last_text)
    for year in (first, last):
        if not LOW <= year <= HIGH:
            return f"must be between {LOW} and {HIGH} (got {value!r})"
    if last_text is not None and last <= first:
        return f"must end after it starts (got {value!r})"
    circa = match["circa"] is not None
    if not circa and last == first:
        return first
    text = re.sub(r"(?<=\d)\s*[-–—/]\s*(?=\d)", "–", written)
    return Year(first, last, circa, text)


def _ends_before(value: str, first: int, last: int) -> str:
    """Why ``first``-``last`` (a two-digit end at or before the start) is refused, with fixes."""
    after = last + 100 if first % 100 >= 90 else first + 1  # 1999-01: 1999–2001
    fixes = [f"{last}–{first}", f"{first}–{after}"] if last < first else [str(first)]
    return (
        f"ends before it starts (got {value!r}): a two-digit end year is in the start's "
        f"century; write {' or '.join(fixes)}"
    )
