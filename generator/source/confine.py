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
    real = os.path.realpath(path)
    top = os.path.realpath(root)
    if real == top or real.startswith(top.rstrip(os.sep) + os.sep):
        return None
    return real


def linked_out(shown: str, real: str, kind: type[SiteError]) -> SiteError:
    """The error for a file ``shown`` (as the author names it) that leads to ``real``."""
    return kind(f"this file leads outside the project (to {real})", path=shown, hint=HINT)
