"""What a publish target is given (a Job) and what it returns (a PublishPlan)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class PublishPlan:
    """What a publish adds, changes and removes at its destination (site-relative paths)."""

    destination: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    dry_run: bool = False

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """``12 added, 3 changed, 1 removed``."""
        return f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed"

    def lines(self) -> list[str]:
        """One line per path, marked ``+`` added, ``~`` changed, ``-`` removed."""
        return [
            f"  {mark} {path}"
            for mark, paths in (("+", self.added), ("~", self.changed), ("-", self.removed))
            for path in paths
        ]


@dataclass(frozen=True, slots=True)
class Job:
    """A built site to publish, and how carefully."""

    site: Path
    files: tuple[str, ...]
    dry_run: bool = False
    force: bool = False
    allow_mass_delete: bool = False
    max_delete: float = 0.5
    report: Callable[[str], None] = print
