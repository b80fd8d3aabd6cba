"""Write the site into a temporary folder and swap it into place only when all of it is there."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.errors import OutputError, SiteError, from_os_error
from generator.layout import INPUT_DIRS
from generator.output.folders import check_inside, join_inside, make_folder
from generator.output.ownership import (
    CLOEXEC,
    OWNER_MARKER,
    RETIRED,
    STAGING,
    ended,
    folder_owner,
    mark,
    marker_text,
    new_token,
    owner,
)
from generator.output.scratch import signals_deferred

# In every built site: says the folder may be replaced by the next build. It proves nothing
# about a folder beside the output (every copy of a site holds it): only the ownership
# marker, written into staging and retired folders alone, does.
MARKER = ".showcase-build"
MARKER_TEXT = "This folder is built by showcase. It is replaced on every build.\n"
# A staging folder's name, as made by _make_staging: .<output>.new-<pid>-<token>.
_STAGING_NAME = re.compile(r"\.(?P<output>.+)\.new-(?P<pid>[0-9]+)-(?P<token>[0-9a-f]+)")


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
    for kept in INPUT_DIRS:
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
        _swap(staging, output)
    except BaseException as exc:
        # A second stop signal (a closed terminal often sends two) waits until it is gone.
        with signals_deferred(), contextlib.suppress(OSError):
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
    token = new_token()
    staging = output.with_name(f".{output.name}.new-{os.getpid()}-{token}")
    staging.mkdir()
    try:
        mark(staging, STAGING, token=token)
    except BaseException:  # the disk is full, say: the folder just made goes again
        with contextlib.suppress(OSError):
            (staging / OWNER_MARKER).unlink(missing_ok=True)
            staging.rmdir()
        raise
    return staging


def recover(output: Path) -> None:
    """Tidy up after a build that was killed: put the old site back, remove half-made ones.

    Only folders proven to be showcase's are touched: beside the output, marked as a staging
    folder or a retired site of it under their very name, by a process that is no longer
    running (or by this one). Anything else beside the output, such as a dated copy of the
    site, is left alone: never deleted, never put in the site's place.
    """
    prefix = f".{output.name}."
    try:
        with os.scandir(output.parent) as entries:
            names = sorted(entry.name for entry in entries if entry.name.startswith(prefix))
    except FileNotFoundError:
        return
    retired: list[tuple[float, Path]] = []
    found: list[Path] = []
    for name in names:
        folder = output.with_name(name)
        for kind in (STAGING, RETIRED):
            made = folder_owner(folder, kind)
            if made is not None and ended(made[0]):
                found.append(folder)
                if kind == RETIRED:
                    retired.append((os.lstat(folder / OWNER_MARKER).st_mtime, folder))
                break
        else:
            _remove_unmarked_staging(folder, output)
    if retired and not os.path.lexists(output):
        # A build was killed between moving the old site aside and moving the new one in.
        back = max(retired)[1]
        back.rename(output)
        found.remove(back)
    _drop_marker(output)
    for folder in found:
        _remove_own(folder)


def _remove_unmarked_staging(folder: Path, output: Path) -> None:
    """Remove a staging folder of ``output`` killed while being marked: it holds nothing
    but the start of the marker its name (``.<output>.new-<pid>-<token>``) calls for."""
    match = _STAGING_NAME.fullmatch(folder.name)
    if not match or match["output"] != output.name or not ended(int(match["pid"])):
        return
    expected = marker_text(STAGING, folder.name, int(match["pid"]), match["token"])
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if os.listdir(folder) == [OWNER_MARKER]:
            marker = folder / OWNER_MARKER
            written = marker.read_text("utf-8")
            # A start of it: an empty file proves nothing (anyone can make one).
            if not os.path.islink(marker) and written and expected.startswith(written):
                marker.unlink()
        folder.rmdir()


def _drop_marker(site: Path) -> None:
    """Remove an ownership marker from a live site (left by a build killed mid-swap)."""
    marker = site / OWNER_MARKER
    try:
        text = marker.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    names = [line[5:] for line in text.splitlines() if line.startswith("name ")]
    if names and any(owner(marker, kind, names[0]) for kind in (STAGING, RETIRED)):
        marker.unlink()


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is; the old site stays whole until the new one is in.

    The old site is marked as retired, under the name it takes, before it moves: a build
    killed at any point leaves folders a later build can prove are its own.
    """
    old = output.with_name(f".{output.name}.old-{staging.name.rpartition('.new-')[2]}")
    exchanged = False
    if output.is_dir() and not output.is_symlink():
        mark(output, RETIRED, name=staging.name)
        try:
            exchanged = _exchange(staging, output)
        finally:
            if not exchanged:
                (output / OWNER_MARKER).unlink(missing_ok=True)
    if exchanged:
        old = staging  # now the old site, proven by its marker
    else:
        if output.is_dir() and not output.is_symlink():
            mark(output, RETIRED, name=old.name)
        if os.path.lexists(output):
            output.rename(old)
        try:
            staging.rename(output)  # a kill just before this is undone by the next build
        except BaseException:
            if os.path.lexists(old):
                old.rename(output)
                (output / OWNER_MARKER).unlink(missing_ok=True)
            raise
    (output / OWNER_MARKER).unlink()  # the staging folder's: the new site is a site now
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
            if entry.name == OWNER_MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    (folder / OWNER_MARKER).unlink(missing_ok=True)
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
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | CLOEXEC, 0o666)
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
