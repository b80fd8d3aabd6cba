"""Read typed fields out of parsed YAML, collecting located errors instead of raising."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterator
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

    def mark(self, key: str | int | None = None) -> Mark:
        """Where ``key`` (or this mapping itself) stands in the file."""
        path = self.prefix if key is None else (*self.prefix, key)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), Mark(1, 1))

    def name(self, key: str | int) -> str:
        """The dotted name of a field, as the author would write it."""
        parts = [*self.prefix, key]
        text = ""
        for part in parts:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text

    def check_keys(self, allowed: tuple[str, ...]) -> None:
        """Report keys this mapping does not know, suggesting the closest known one."""
        for key in self.data:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(allowed)}"
            self.problems.add(f"unknown key '{self.name(key)}'", self.mark(key), hint)

    def _get(self, key: str, required: bool, kind: str) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.problems.add(
                    f"'{self.name(key)}' is required",
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
            self.problems.add(f"'{self.name(key)}' must be text", self.mark(key))
            return default
        text = str(value).strip()
        if not text and required:
            self.problems.add(f"'{self.name(key)}' must not be empty", self.mark(key))
        return text

    def number(
        self, key: str, *, low: float, high: float, required: bool = True, default: float = 0.0
    ) -> float:
        """A number between ``low`` and ``high`` inclusive."""
        value = self._get(key, required, "number")
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problems.add(
                f"'{self.name(key)}' must be a number (got {value!r})", self.mark(key)
            )
            return default
        if not low <= value <= high:
            self.problems.add(
                f"'{self.name(key)}' must be between {low:g} and {high:g} (got {value:g})",
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
                f"'{self.name(key)}' must be a whole number (got {value!r})", self.mark(key)
            )
            return default
        if not low <= value <= high:
            self.problems.add(
                f"'{self.name(key)}' must be between {low} and {high} (got {value})",
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
            f"'{self.name(key)}' must be a date like 2024-05-31 (got {value!r})", self.mark(key)
        )
        return None

    def flag(self, key: str, *, default: bool = False) -> bool:
        """A yes/no value."""
        value = self.data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problems.add(
                f"'{self.name(key)}' must be true or false (got {value!r})", self.mark(key)
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
                f"'{self.name(key)}' must be a set of 'key: value' fields", self.mark(key)
            )
            return None
        return Fields(value, self.marks, self.problems, (*self.prefix, key))

    def mappings(self, key: str, *, required: bool = False) -> Iterator[Fields]:
        """Each mapping of a list of mappings."""
        value = self._get(key, required, "list")
        if value is _MISSING:
            return
        if not isinstance(value, list):
            self.problems.add(f"'{self.name(key)}' must be a list ('- ' items)", self.mark(key))
            return
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield Fields(item, self.marks, self.problems, (*self.prefix, key, index))
            else:
                items = Fields({}, self.marks, self.problems, (*self.prefix, key))
                self.problems.add(
                    f"'{items.name(index)}' must be a set of 'key: value' fields",
                    items.mark(index),
                )
