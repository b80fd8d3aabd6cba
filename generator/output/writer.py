"""Write the site into a temporary folder and swap it into place only when all of it is there."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import stat
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.errors import OutputError, SiteError, from_os_error
from generator.output.folders import check_inside, join_inside, make_folder

MARKER = ".showcase-build"
MARKER_TEXT = "This folder is built by showcase. It is replaced on every build.\n"
# Inside a folder beside the output while a build writes the new site into it; a folder
# holding it (or MARKER) is the only kind a later build removes.
STAGING_MARKER = ".showcase-staging"
STAGING_TEXT = "This is a staging folder of showcase, made by a build"


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
    it (pages rendered straight to disk); if it raises, nothing is swapped in. A disk that
    refuses (full, read-only…) raises OutputError, with the old site left as it was.
    """
    output = output.resolve()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        recover(output)
        staging = _make_staging(output)
    except OSError as exc:
        raise cannot_write(exc, output) from exc
    try:
        if fill is not None:
            fill(staging)
        made: set[str] = set()
        for rel in sorted(files):
            write_file(staging, rel, files[rel], made)
        for rel in sorted(copies):
            link_or_copy(copies[rel], join_inside(staging, rel))
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        (staging / STAGING_MARKER).unlink()  # proven by MARKER from here on
        _swap(staging, output)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            _remove_own(staging)
        if isinstance(exc, OSError):
            raise cannot_write(exc, output) from exc
        raise
    return len(files) + len(copies)


def cannot_write(exc: OSError, output: Path) -> SiteError:
    """A refusal of the disk while writing ``output``, as a message that says what to do."""
    return from_os_error(exc, f"cannot write the site into {output}", kind=OutputError)


def _make_staging(output: Path) -> Path:
    """A new folder beside ``output``, marked as this process's staging folder before use."""
    staging = output.with_name(f".{output.name}.new-{os.getpid()}")
    staging.mkdir()
    try:
        (staging / STAGING_MARKER).write_text(
            f"{STAGING_TEXT} for {output.name} (process {os.getpid()})\n", encoding="utf-8"
        )
    except BaseException:  # the disk is full, say: the folder just made goes again
        with contextlib.suppress(OSError):
            (staging / STAGING_MARKER).unlink(missing_ok=True)
            staging.rmdir()
        raise
    return staging


def recover(output: Path) -> None:
    """Tidy up after a build that was killed: put the old site back, remove half-made ones.

    Only folders proven to be showcase's are touched: named ``.<output>.new-<pid>`` or
    ``.<output>.old-<pid>`` after a process that is no longer running, and holding a marker
    (the staging marker, or the built site's). Anything else beside the output is left alone.
    """
    try:
        found = _leftovers(output)
    except FileNotFoundError:
        return
    retired = [folder for kind, folder in found if kind == "old" and _holds(folder, MARKER)]
    if retired and not os.path.lexists(output):
        # A build was killed between moving the old site aside and moving the new one in.
        back = retired[-1]
        back.rename(output)
        found.remove(("old", back))
    for _, folder in found:
        if _holds(folder, STAGING_MARKER) or _holds(folder, MARKER):
            _remove_own(folder)
        else:  # killed between making the folder and marking it: empty, so nothing is lost
            with contextlib.suppress(OSError):
                folder.rmdir()


def _leftovers(output: Path) -> list[tuple[str, Path]]:
    """("new" or "old", folder) for each folder named as a build's, of no running build."""
    prefix = f".{output.name}."
    found = []
    with os.scandir(output.parent) as entries:
        for entry in entries:
            if not entry.name.startswith(prefix):
                continue
            kind, dash, pid = entry.name[len(prefix) :].partition("-")
            if kind not in ("new", "old") or not dash or not (pid.isascii() and pid.isdigit()):
                continue
            if entry.is_dir(follow_symlinks=False) and not _running(int(pid)):
                found.append((kind, Path(entry.path)))
    return sorted(found)


def _running(pid: int) -> bool:
    """Whether ``pid`` is another process that is running (a build at work on its folder)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True
    except (OSError, OverflowError, ValueError):
        return False
    return True


def _holds(folder: Path, marker: str) -> bool:
    """Whether ``folder`` holds ``marker`` as a file of its own (not a link to one)."""
    try:
        return stat.S_ISREG(os.lstat(folder / marker).st_mode)
    except OSError:
        return False


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is; the old site stays whole until the new one is in."""
    if output.is_dir() and not output.is_symlink() and _exchange(staging, output):
        old = staging  # now the old site, proven by its marker
    else:
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        if os.path.lexists(output):
            output.rename(old)
        try:
            staging.rename(output)  # a kill just before this is undone by the next build
        except BaseException:
            if os.path.lexists(old):
                old.rename(output)
            raise
    # The new site is in; an old one that cannot be removed now is removed by the next build.
    with contextlib.suppress(OSError):
        if os.path.isdir(old) and not os.path.islink(old):
            _remove_own(old)


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
    """Delete a staging or retired folder of a build, its markers last.

    A deletion cut short (a kill, a failing disk) leaves a folder still proven to be
    showcase's, so the next build can finish it.
    """
    with os.scandir(folder) as entries:
        for entry in list(entries):
            if entry.name in (MARKER, STAGING_MARKER):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    for marker in (MARKER, STAGING_MARKER):
        (folder / marker).unlink(missing_ok=True)
    folder.rmdir()


def write_file(root: Path, rel: str, data: bytes, made: set[str] | None = None) -> tuple[int, int]:
    """Write one file of a fresh staging folder, making its folders as needed.

    Returns the file's size and modification time (ns), as the build records them.
    ``made`` remembers the folders already made by this process, so that writing thousands
    of pages costs one system call to make each folder and four to write and measure each
    file.
    """
    target = os.path.join(root, check_inside(rel))
    folder = os.path.dirname(target)
    if made is None or folder not in made:
        make_folder(folder, set() if made is None else made)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)
    # After closing: a network file system may set the time when the file is flushed.
    info = os.stat(target)
    return info.st_size, info.st_mtime_ns


def write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to the open file ``fd`` (a write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def link_or_copy(source: Path, target: Path) -> None:
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
