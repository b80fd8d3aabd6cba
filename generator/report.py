"""BuildReport: what a build wrote, how long it took, and what to tell the user about it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.content.model import Site

# What a build that failed left in its output folder, as the build itself knows it.
KEPT = "kept"  # the site that was there is as it was: nothing was swapped, or all undone
NOTHING = "nothing"  # there was no site, and none was written
WRITTEN = "written"  # the new site is in place; what failed came after
BROKEN = "broken"  # an update could not be undone in full


def left_behind(output: Path, left: str) -> str:
    """The end of a failed build's message: what became of ``output``, from ``left``."""
    if left == KEPT:
        return "; the previous site was left as it was."
    if left == WRITTEN:
        return f"; the new site was written to {output}."
    if left == BROKEN:
        return f"; {output} could not be put back as it was: build again to repair it."
    return f"; nothing was written to {output}."


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
    # A noun for each draft the build left out (``Site.left_out``).
    drafts: tuple[str, ...] = ()

    @classmethod
    def up_to_date(
        cls, output: Path, paths: Collection[str], files: Collection[str], seconds: float
    ) -> BuildReport:
        """The report of a build that found nothing changed since the one that wrote ``paths``
        (the pages and feeds it rendered) and ``files`` (all it wrote)."""
        pages = count_pages(paths)
        return cls(output, pages, images=0, files=len(files), seconds=seconds, unchanged=True)

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

    def left_out(self, command: str) -> str:
        """How many drafts were left out and how ``command`` shows them, or '' for none."""
        return drafts_left_out(self.drafts, command)

    def privacy(self) -> str:
        """What was kept out of the published images, or '' when there was nothing."""
        parts = [
            f"{what} from {count} image{'s' if count != 1 else ''}"
            for what, count in self.removed
            if count
        ]
        return "Removed " + ", ".join(parts) + "." if parts else ""


def drafts_left_out(nouns: Collection[str], command: str) -> str:
    """'2 drafts left out (an artist and a series): COMMAND --drafts shows them', or ''."""
    if not nouns:
        return ""
    counts = {noun: 0 for noun in nouns}  # in the order the kinds come
    for noun in nouns:
        counts[noun] += 1
    parts = [
        (f"an {noun}" if noun[0] in "aeiou" else f"a {noun}")
        if count == 1
        else f"{count} {noun if noun.endswith('s') else noun + 's'}"
        for noun, count in counts.items()
    ]
    total = len(nouns)
    return (
        f"{total} draft{'s' if total != 1 else ''} left out ({' and '.join(parts)}): "
        f"{command} --drafts shows {'them' if total != 1 else 'it'}"
    )


def count_pages(paths: Collection[str]) -> int:
    """How many of the written ``paths`` are HTML pages."""
    return sum(1 for path in paths if path.endswith(".html"))


def artists_without_series(site: Site) -> list[str]:
    """A warning for each artist whose card shows no work: it builds, but a visitor notices."""
    return [
        f"{artist.source}: {artist.name} has no series, so their card shows no work"
        for artist in site.artists
        if not site.series_of(artist)
    ]
