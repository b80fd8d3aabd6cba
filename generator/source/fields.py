"""Read typed fields out of parsed YAML, collecting located errors instead of raising."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.errors import ContentError, SiteError
from generator.source.marks import KeyPath, Mark

_MISSING = object()


@dataclass(slots=True)
class Problems:
    """The errors found so far in one file."""

    path: str
    kind: type[SiteError] = ContentError
    errors: list[SiteError] = field(default_factory=list)
    # The lines of the file's front-matter as typed, where a message needs more than YAML's
    # values tell (``FrontMatter.lines``); empty when the values have no file.
    lines: tuple[str, ...] = ()

    def add(self, message: str, mark: Mark, hint: str | None = None) -> None:
        """Record an error at ``mark``."""
        self.errors.append(
            self.kind(message, path=self.path, line=mark.line, column=mark.column, hint=hint)
        )


@dataclass(slots=True)
class Fields:
    """A mapping of YAML values with its location, read one typed field at a time."""

    data: dict[str, Any]
    marks: dict[KeyPath, Mark]
    problems: Problems
    prefix: KeyPath = ()
    # The list item this mapping is, or is inside of, as an author counts it ("work 3, 'Dune
    # at noon'"), and how much of ``prefix`` leads to that item.
    item: str = ""
    item_depth: int = 0

    def mark(self, key: str | int | None = None) -> Mark:
        """Where ``key`` (or this mapping itself) stands in the file."""
        path = self.prefix if key is None else (*self.prefix, key)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), Mark(1, 1))

    def name(self, key: str | int) -> str:
        """The dotted path of a field from the top of the file (``works[2].alt``)."""
        return _dotted((*self.prefix, key))

    def label(self, key: str | int) -> str:
        """A field as messages name it: ``'hometown.lat'``, ``work 3, 'Dune at noon': 'alt'``.

        List items are counted from 1 and named by their title (or name), as an author
        counts them; a field of an item is named inside it.
        """
        if not self.item:
            return f"'{self.name(key)}'"
        return f"{self.item}: '{_dotted((*self.prefix[self.item_depth :], key))}'"

    def check_keys(self, allowed: tuple[str, ...]) -> None:
        """Report keys this mapping does not know, suggesting the closest known one."""
        for key in self.data:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(allowed)}"
            within = f"{self.item}: " if self.item else ""
            name = _dotted((*self.prefix[self.item_depth :], key))
            self.problems.add(f"{within}unknown key '{name}'", self.mark(key), hint)

    def _get(self, key: str, required: bool, kind: str) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.problems.add(
                    f"{self.label(key)} is required",
                    self.mark(),
                    f"add a line '{key}: <{kind}>'",
                )
            return _MISSING
        return value

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        """A non-empty string; numbers are accepted and written as text."""
        value = self._get(key, required, "text")
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problems.add(f"{self.label(key)} must be text", self.mark(key))
            return default
        text = str(value).strip()
        if not text and required:
            self.problems.add(f"{self.label(key)} must not be empty", self.mark(key))
        return text

    def choice(
        self, key: str, choices: Collection[str], *, default: str = "", otherwise: str = ""
    ) -> str:
        """One of ``choices``, written in any case ('Sold' is 'sold'); ``default`` when the key
        is absent or wrong. A wrong value is a problem naming the choices; its hint is the
        closest one as a did-you-mean, or else ``otherwise``."""
        written = self.text(key, required=False)
        value = written.lower()
        if not value:
            return default
        if value in choices:
            return value
        close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
        self.problems.add(
            f"{self.label(key)} must be one of {', '.join(choices)} (got {written!r})",
            self.mark(key),
            f"did you mean '{close[0]}'?" if close else otherwise or None,
        )
        return default

    def number(
        self, key: str, *, low: float, high: float, required: bool = True, default: float = 0.0
    ) -> float:
        """A number between ``low`` and ``high`` inclusive."""
        value = self._get(key, required, "number")
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problems.add(f"{self.label(key)} must be a number (got {value!r})", self.mark(key))
            return default
        if not low <= value <= high:
            self.problems.add(
                f"{self.label(key)} must be between {low:g} and {high:g} (got {value:g})",
                self.mark(key),
            )
            return default
        return float(value)

    def integer(
        self, key: str, *, low: int, high: int, required: bool = True, default: int = 0
    ) -> int:
        """A whole number between ``low`` and ``high`` inclusive."""
        value = self._get(key, required, "whole number")
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.add(
                f"{self.label(key)} must be a whole number (got {value!r})", self.mark(key)
            )
            return default
        if not low <= value <= high:
            self.problems.add(
                f"{self.label(key)} must be between {low} and {high} (got {value})",
                self.mark(key),
            )
            return default
        return value

    def date(self, key: str) -> datetime.date | None:
        """An optional calendar date, written as YYYY-MM-DD."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        self.problems.add(
            f"{self.label(key)} must be a date like 2024-05-31 (got {value!r})", self.mark(key)
        )
        return None

    def flag(self, key: str, *, default: bool = False) -> bool:
        """A yes/no value."""
        value = self.data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problems.add(
                f"{self.label(key)} must be true or false (got {value!r})", self.mark(key)
            )
            return default
        return value

    def mapping(self, key: str, *, required: bool = True) -> Fields | None:
        """A nested mapping, read with the same location tracking."""
        value = self._get(key, required, "fields")
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.problems.add(
                f"{self.label(key)} must be a set of 'key: value' fields", self.mark(key)
            )
            return None
        return Fields(
            value, self.marks, self.problems, (*self.prefix, key), self.item, self.item_depth
        )

    def mappings(self, key: str, *, required: bool = False) -> Iterator[Fields]:
        """Each mapping of a list of mappings."""
        value = self._get(key, required, "list")
        if value is _MISSING:
            return
        if not isinstance(value, list):
            self.problems.add(f"{self.label(key)} must be a list ('- ' items)", self.mark(key))
            return
        for index, item in enumerate(value):
            path = (*self.prefix, key, index)
            label = item_label(key, index, item)
            if self.item:  # a list inside an item: "work 3, 'Dune at noon': view 2"
                label = f"{self.item}: {label}"
            if isinstance(item, dict):
                yield Fields(item, self.marks, self.problems, path, label, len(path))
            else:
                self.problems.add(
                    f"{label} must be a set of 'key: value' fields",
                    Fields({}, self.marks, self.problems, path).mark(),
                    "write its fields as 'key: value' lines, the first one after '- '",
                )


# Lists whose items are not named by dropping the list's final 's'.
_SINGULAR = {"residencies": "residency", "press": "press item", "education": "education"}


def item_label(key: str, index: int, item: object) -> str:
    """How an author names the item ``index`` of the list ``key``: "work 3, 'Dune at noon'".

    Counted from 1, by the singular of the list's name, with the item's title (or name)
    when it has one.
    """
    label = f"{_SINGULAR.get(key) or key.removesuffix('s')} {index + 1}"
    if isinstance(item, dict):
        title = next(
            (item[k] for k in ("title", "name") if isinstance(item.get(k), str) and item[k]), ""
        )
        if title.strip():
            label += f", '{title.strip()}'"
    return label


def _dotted(parts: KeyPath) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
