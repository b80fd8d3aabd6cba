"""Paths and folders inside an output: safe joins, making folders fast, pruning empty ones."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from generator.errors import OutputError
from generator.output.ownership import CLOEXEC, NO_FOLLOW

# A folder, opened to reach the next one below it: never through a link (where the system
# has these flags: Windows has neither, nor folders opened by descriptor).
_DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | CLOEXEC
_FOLDER = _DIRECTORY | NO_FOLLOW
_BY_DESCRIPTOR = {os.open, os.rmdir} <= os.supports_dir_fd


def prune(folder: Path, root: Path, *, root_fd: int | None = None) -> None:
    """Remove ``folder`` and then each parent while it is empty, up to ``root`` (kept).

    Never follows a link: each folder on the way is opened from its parent without
    following one, so a link inside ``root`` stops the pruning instead of leading it to a
    folder elsewhere, and a link where a folder was expected is left alone. A ``folder``
    that is not below ``root``, missing or not empty ends it quietly. ``root_fd``, when
    given, is ``root`` already open (publish holds its destination open, not followed),
    used instead of opening ``root`` again by its path.
    """
    try:
        parts = folder.relative_to(root).parts
    except ValueError:
        return
    if not parts or any(part in ("..", ".") for part in parts):
        return
    if not _BY_DESCRIPTOR:
        _prune_by_path(root, parts)
        return
    try:
        fds = [os.dup(root_fd) if root_fd is not None else os.open(root, _DIRECTORY)]
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


def _prune_by_path(root: Path, parts: tuple[str, ...]) -> None:
    """``prune`` where folders cannot be opened (Windows): stop at anything but a folder."""
    for depth in range(len(parts), 0, -1):
        folder = root.joinpath(*parts[:depth])
        try:
            if any(os.path.islink(root.joinpath(*parts[:up])) for up in range(1, depth + 1)):
                return
            os.rmdir(folder)
        except OSError:
            return


def join_inside(root: Path, rel: str) -> Path:
    """``root / rel``, refusing any ``rel`` that could lead out of ``root``."""
    return root / check_inside(rel)


def check_inside(rel: str) -> str:
    """``rel``, if it is a relative path that stays inside the folder it is joined to.

    The check is on the path's parts, not on the disk: the files a build writes are named by
    the build (from slugs already checked), and this stays cheap for thousands of them.
    """
    if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel:
        raise OutputError(f"refusing to write {rel!r} outside the output folder")
    if "." in rel and any(part in ("..", ".") for part in rel.split("/")):
        raise OutputError(f"refusing to write {rel!r} outside the output folder")
    return rel


def make_folder(folder: str, made: set[str]) -> None:
    """Make ``folder`` and any missing parents, trying the folder itself first.

    Unlike ``os.makedirs``, which looks at the parent before making each folder, a folder
    whose parent is there (most of them) costs one system call.
    """
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        parent = os.path.dirname(folder)
        if parent == folder:
            raise
        make_folder(parent, made)
        make_folder(folder, made)
        return
    except FileExistsError:  # by this worker's other batches, or another worker
        if not os.path.isdir(folder):
            raise
    made.add(folder)
