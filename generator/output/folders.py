"""Tidy a built or published folder: remove the folders that deleted files left empty."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

# A folder below the root, opened to reach the next one: never through a link.
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def prune(folder: Path, root: Path) -> None:
    """Remove ``folder`` and then each parent while it is empty, up to ``root`` (kept).

    Never follows a link: each folder on the way is opened from its parent without
    following one, so a link inside ``root`` stops the pruning instead of leading it to a
    folder elsewhere, and a link where a folder was expected is left alone. A ``folder``
    that is not below ``root``, missing or not empty ends it quietly.
    """
    try:
        parts = folder.relative_to(root).parts
    except ValueError:
        return
    if not parts or any(part in ("..", ".") for part in parts):
        return
    try:
        fds = [os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)]
    except OSError:  # the root itself is gone: nothing to tidy
        return
    try:
        for part in parts[:-1]:
            try:
                fds.append(os.open(part, _FOLDER, dir_fd=fds[-1]))
            except OSError:  # missing, a link or a file: nothing of ours below it
                return
        for depth in range(len(parts), 0, -1):
            try:
                os.rmdir(parts[depth - 1], dir_fd=fds[depth - 1])
            except OSError:  # not empty, already gone, or a link (rmdir never follows one)
                return
    finally:
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)
