"""Write the site into a temporary folder and swap it into place only when all of it is there."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
from collections.abc import Callable, Mapping
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


def write_site(
    output: Path,
    files: Mapping[str, bytes],
    copies: Mapping[str, Path],
    fill: Callable[[Path], None] | None = None,
) -> int:
    """Write ``files`` (path → bytes) and ``copies`` (path → source file) as the new site.

    ``fill``, when given, is called with the staging folder first, to write more files into
    it (pages rendered straight to disk); if it raises, nothing is swapped in.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    recover(output)
    staging = output.with_name(f".{output.name}.new-{os.getpid()}")
    staging.mkdir()
    try:
        if fill is not None:
            fill(staging)
        made: set[str] = set()
        for rel in sorted(files):
            write_file(staging, rel, files[rel], made)
        for rel in sorted(copies):
            _link_or_copy(copies[rel], _inside(staging, rel))
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, output)
    return len(files) + len(copies)


def recover(output: Path) -> None:
    """Tidy up after a build that was killed: put the old site back, remove half-made ones."""
    if not output.parent.is_dir():
        return
    retired = sorted(output.parent.glob(f".{output.name}.old-*"))
    if not output.exists() and retired and (retired[-1] / MARKER).is_file():
        # A build was killed between moving the old site aside and moving the new one in.
        retired.pop().rename(output)
    for leftover in sorted(output.parent.glob(f".{output.name}.new-*")) + retired:
        _remove_own(leftover)  # from a build that was killed before it finished


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


def write_file(root: Path, rel: str, data: bytes, made: set[str] | None = None) -> tuple[int, int]:
    """Write one file of a fresh staging folder, making its folders as needed.

    Returns the file's size and modification time (ns), as the build records them.
    ``made`` remembers the folders already made by this process, so that writing thousands
    of pages costs one system call to make each folder and four to write and measure each
    file.
    """
    target = os.path.join(root, _checked(rel))
    folder = os.path.dirname(target)
    if made is None or folder not in made:
        _make_folder(folder, set() if made is None else made)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    # After closing: a network file system may set the time when the file is flushed.
    stat = os.stat(target)
    return stat.st_size, stat.st_mtime_ns


def _make_folder(folder: str, made: set[str]) -> None:
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
        _make_folder(parent, made)
        _make_folder(folder, made)
        return
    except FileExistsError:  # by this worker's other batches, or another worker
        if not os.path.isdir(folder):
            raise
    made.add(folder)


def _prune(folder: Path, output: Path) -> None:
    """Remove folders left empty by deleted pages, up to the output folder."""
    while folder != output and folder.is_relative_to(output):
        try:
            folder.rmdir()
        except OSError:  # not empty (or already gone)
            return
        folder = folder.parent


def _link_or_copy(source: Path, target: Path) -> None:
    """Copy a file, keeping its modification time; as a hard link where the file system can.

    Images come from the build's cache and may number tens of thousands: a link costs no
    space and a fraction of a copy's time. Files are replaced, never written through, so a
    link never lets a change to the site reach the cache or the other way round.
    """
    for attempt in range(2):
        try:
            os.link(source, target)
            return
        except FileNotFoundError:
            if attempt:  # the source itself is missing: let copying say so
                break
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError:  # another file system, or links not supported
            break
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def _inside(root: Path, rel: str) -> Path:
    """``root / rel``, refusing any ``rel`` that could lead out of ``root``."""
    return root / _checked(rel)


def _checked(rel: str) -> str:
    """``rel``, if it is a relative path that stays inside the folder it is joined to.

    The check is on the path's parts, not on the disk: the files a build writes are named by
    the build (from slugs already checked), and this stays cheap for thousands of them.
    """
    if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel:
        raise OutputError(f"refusing to write {rel!r} outside the output folder")
    if "." in rel and any(part in ("..", ".") for part in rel.split("/")):
        raise OutputError(f"refusing to write {rel!r} outside the output folder")
    return rel


def write_files(output: Path, files: Mapping[str, bytes]) -> dict[str, bytes | None]:
    """Write the ``files`` that differ, in place; returns what they held before (None: absent)."""
    before: dict[str, bytes | None] = {}
    for rel in sorted(files):
        target = _inside(output, rel)
        old = target.read_bytes() if target.is_file() else None
        if old == files[rel]:
            continue
        before[rel] = old
        _replace(target, files[rel])
    return before


def restore_files(output: Path, before: Mapping[str, bytes | None]) -> None:
    """Put back what ``write_files`` replaced."""
    for rel, old in before.items():
        target = _inside(output, rel)
        if old is None:
            target.unlink(missing_ok=True)
        else:
            _replace(target, old)


def _replace(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)  # a reader sees the old page or the new one, never half


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
    written = list(write_files(output, files))
    for rel in sorted(copies):
        target = _inside(output, rel)
        source = copies[rel].stat()
        if target.is_file():
            current = target.stat()
            if (current.st_size, current.st_mtime_ns) == (source.st_size, source.st_mtime_ns):
                continue
        temporary = target.with_name(f".{target.name}.tmp")
        _link_or_copy(copies[rel], temporary)
        os.replace(temporary, target)  # never written through: it may be a link to the cache
        written.append(rel)
    wanted = set(files) | set(copies) | keep
    for rel in sorted(previous - wanted):
        stale = _inside(output, rel)
        if stale.is_file():
            stale.unlink()
            _prune(stale.parent, output)
    if not (output / MARKER).is_file():
        (output / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return written
