"""One rule for every file a build reads: followed through its links, it is in the project.

A story, a template, a static file or ``site.yaml`` linked to a file elsewhere on the disk
would publish that file; each reader asks :func:`outside` before it opens anything.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import SiteError

HINT = "copy the file into the project instead of linking it"


def outside(path: Path | str, root: Path | str) -> str | None:
    """Where ``path`` really is when that is outside ``root`` (links followed), else None."""
    return Confined(root).outside(path)


class Confined:
    """:func:`outside` for the many files of one folder tree, read in one pass (a build's
    content files): the real path of the root and of each folder is found once, and a
    file's own is looked up only when the file itself is a link (one ``lstat``).

    Make one per pass: a folder that becomes a link later is seen by the next one.
    """

    def __init__(self, root: Path | str) -> None:
        self._top = os.path.realpath(root).rstrip(os.sep) + os.sep
        self._folders: dict[str, str] = {}

    def outside(self, path: Path | str) -> str | None:
        """Where ``path`` really is when that is outside the root (links followed), else None."""
        head, name = os.path.split(os.fspath(path))
        folder = self._folders.get(head)
        if folder is None:
            folder = self._folders[head] = os.path.realpath(head)
        real = os.path.join(folder, name)
        if name in ("", ".", "..") or os.path.islink(real):
            real = os.path.realpath(path)
        if real.startswith(self._top) or real + os.sep == self._top:
            return None
        return real


def linked_out(shown: str, real: str, kind: type[SiteError]) -> SiteError:
    """The error for a file ``shown`` (as the author names it) that leads to ``real``."""
    return kind(f"this file leads outside the project (to {real})", path=shown, hint=HINT)
