"""Write the site into a temporary folder and swap it into place only when all of it is there."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from generator.errors import OutputError

MARKER = ".showcase-build"
MARKER_TEXT = "This folder is built by showcase. It is replaced on every build.\n"


def check_output(output: Path, source: Path) -> None:
    """Refuse an output folder that a build must not replace."""
    output = output.resolve()
    source = source.resolve()
    home = Path.home().resolve()
    if output == source or source.is_relative_to(output):
        raise OutputError(
            f"refusing to build into {output}: it holds the project itself",
            hint="choose a folder of its own, such as 'site/'",
        )
    if output in (home, Path(output.anchor)):
        raise OutputError(
            f"refusing to build into {output}", hint="choose a folder of its own, such as 'site/'"
        )
    for kept in ("content", "templates", "static"):
        if output.is_relative_to(source / kept):
            raise OutputError(
                f"refusing to build into {output}: it is inside {kept}/",
                hint="choose a folder beside them, such as 'site/'",
            )
    if output.exists() and not output.is_dir():
        raise OutputError(
            f"{output} exists and is not a folder", hint="remove it or choose another --output"
        )
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise OutputError(
            f"refusing to replace {output}: it was not made by showcase (no {MARKER} file)",
            hint="empty it yourself or choose another --output; nothing was deleted",
        )


def write_site(output: Path, files: Mapping[str, bytes], copies: Mapping[str, Path]) -> int:
    """Write ``files`` (path → bytes) and ``copies`` (path → source file) as the new site."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    retired = sorted(output.parent.glob(f".{output.name}.old-*"))
    if not output.exists() and retired and (retired[-1] / MARKER).is_file():
        # A build was killed between moving the old site aside and moving the new one in.
        retired.pop().rename(output)
    for leftover in sorted(output.parent.glob(f".{output.name}.new-*")) + retired:
        _remove_own(leftover)  # from a build that was killed before it finished
    staging = output.with_name(f".{output.name}.new-{os.getpid()}")
    staging.mkdir()
    try:
        for rel in sorted(files):
            target = _inside(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[rel])
        for rel in sorted(copies):
            target = _inside(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copies[rel], target)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, output)
    return len(files) + len(copies)


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is; the old site stays whole until the new one is in."""
    retired = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.is_dir() and not output.is_symlink() and _exchange(staging, output):
        _remove_own(staging)  # now the old site
        return
    if output.exists():
        output.rename(retired)
    staging.rename(output)  # a kill just before this is undone by the next build
    _remove_own(retired)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step where the system can (Linux); False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(done == 0)


def _remove_own(folder: Path) -> None:
    """Delete a staging or retired folder of a build: they are named by the writer alone."""
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)


def _inside(root: Path, rel: str) -> Path:
    target = (root / rel).resolve()
    if not target.is_relative_to(root.resolve()) or Path(rel).is_absolute():
        raise OutputError(f"refusing to write {rel!r} outside the output folder")
    return target


def update_site(
    output: Path,
    files: Mapping[str, bytes],
    copies: Mapping[str, Path],
    keep: set[str],
    previous: set[str],
) -> list[str]:
    """Bring a folder this process owns up to date in place; returns the paths written.

    ``files`` are rendered pages that changed, ``copies`` every file to copy (copied only
    when size or modification time differ), ``keep`` the pages that did not change, and
    ``previous`` everything the last update wrote: what is no longer wanted is deleted.
    """
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for rel in sorted(files):
        target = _inside(output, rel)
        if target.is_file() and target.read_bytes() == files[rel]:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(files[rel])
        os.replace(temporary, target)  # a reader sees the old page or the new one, never half
        written.append(rel)
    for rel in sorted(copies):
        target = _inside(output, rel)
        source = copies[rel].stat()
        if target.is_file():
            current = target.stat()
            if (current.st_size, current.st_mtime_ns) == (source.st_size, source.st_mtime_ns):
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(copies[rel], target)
        written.append(rel)
    wanted = set(files) | set(copies) | keep
    for rel in sorted(previous - wanted):
        stale = _inside(output, rel)
        if stale.is_file():
            stale.unlink()
    (output / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return written
