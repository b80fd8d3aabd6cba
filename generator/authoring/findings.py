"""A finding of ``showcase check``: what kind, what is wrong, and where."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: what kind, what is wrong, and where (a file and line, or a page URL)."""

    kind: str
    message: str
    file: str
    line: int | None = None
    # The language it is about (a missing translation): the report groups findings by it.
    language: str = ""

    @property
    def location(self) -> str:
        """``file:line``, or the file (or page URL) alone when no line is known."""
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def as_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data."""
        found = {"file": self.file, "line": self.line, "message": self.message, "kind": self.kind}
        return {**found, "language": self.language} if self.language else found


def line_of(path: Path, pattern: str) -> int | None:
    """The number of the first line of ``path`` that ``pattern`` matches, if any."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    found = re.compile(pattern)
    return next((n for n, line in enumerate(lines, start=1) if found.search(line)), None)
