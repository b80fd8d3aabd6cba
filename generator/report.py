"""BuildReport: what a build wrote, how long it took, and what to tell the user about it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote, and how long it took."""

    output: Path
    pages: int
    images: int
    files: int
    seconds: float
    warnings: tuple[str, ...] = ()
    encoded: int = 0
    removed: tuple[tuple[str, int], ...] = ()
    rendered: tuple[str, ...] = ()
    unchanged: bool = False
    # Each planned page's URL and the content file it shows (``Page.source``), for check.
    sources: tuple[tuple[str, str], ...] = ()

    def summary(self) -> str:
        """One line for the terminal."""
        if self.unchanged:
            return (
                f"Nothing changed: {self.pages} pages ({self.files} files) are up to date "
                f"({self.seconds:.2f} s) → {self.output}"
            )
        return (
            f"Built {self.pages} pages and {self.images} images "
            f"({self.files} files, {self.encoded} images encoded) in {self.seconds:.2f} s "
            f"→ {self.output}"
        )

    def privacy(self) -> str:
        """What was kept out of the published images, or '' when there was nothing."""
        parts = [
            f"{what} from {count} image{'s' if count != 1 else ''}"
            for what, count in self.removed
            if count
        ]
        return "Removed " + ", ".join(parts) + "." if parts else ""
