"""Where a value stands in a source file: the line and column every located error names."""

from __future__ import annotations

from dataclasses import dataclass

# The keys and list indexes that lead from a document's top to one of its values.
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column in the source file."""

    line: int
    column: int
