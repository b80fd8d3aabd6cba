"""Write the site into a temporary folder and swap it into place only when all of it is there."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from generator.errors import OutputError, SiteError, from_os_error
from generator.output.folders import prune

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
            _link_or_copy(copies[rel], _inside(staging, rel))
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
    target = os.path.join(root, _checked(rel))
    folder = os.path.dirname(target)
    if made is None or folder not in made:
        _make_folder(folder, set() if made is None else made)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)
    # After closing: a network file system may set the time when the file is flushed.
    info = os.stat(target)
    return info.st_size, info.st_mtime_ns


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


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


# Beside a file of a built folder while an update runs: its next version, written first, and
# its last one, kept (by a hard link, which takes no space) until the update is done.
NEW_SUFFIX = ".showcase-new"
OLD_SUFFIX = ".showcase-old"


class Update:
    """Changes to a built folder, in place, that are all made or none.

    Each batch of files is first written beside its target under a temporary name: that is
    what needs space, and a failure there removes the temporaries and changes nothing. Only
    when all of them are written are they renamed into place, the file each replaces kept
    under another name. ``undo`` puts every kept file back by renaming (which needs no space)
    and removes the new ones; ``finish`` drops the kept files. As a context manager it does
    one or the other, and a refusal of the disk leaves it as OutputError.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.undone = False
        self._root = os.fspath(output)
        self._folders: set[str] = {self._root}  # known to be real folders inside the output
        self._temporaries: set[str] = set()
        self._done: list[tuple[str, str | None]] = []  # (target, the old file kept or None)
        self._removed: list[tuple[str, str]] = []  # (target, where it waits to be deleted)

    def __enter__(self) -> Update:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _: object
    ) -> None:
        if exc is None:
            try:
                self.finish()
            except OSError as error:
                raise cannot_write(error, self.output) from error
            return
        self.undo()
        if isinstance(exc, OSError):
            raise cannot_write(exc, self.output) from exc

    def write(self, files: Mapping[str, bytes]) -> list[str]:
        """Write the ``files`` whose bytes differ from what is there; returns their paths."""
        staged = []
        for rel in sorted(files):
            target = self._target(rel)
            data = files[rel]
            if _holds_bytes(target, data):
                continue
            temporary = self._temporary(target)
            fd = _create(temporary)
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
            staged.append((rel, temporary, target))
        return self._commit(staged)

    def copy(self, copies: Mapping[str, Path]) -> list[str]:
        """Copy the files whose size or modification time differ; returns their paths."""
        staged = []
        for rel in sorted(copies):
            target = self._target(rel)
            source = copies[rel].stat()
            with contextlib.suppress(OSError):
                current = os.lstat(target)
                if stat.S_ISREG(current.st_mode) and (current.st_size, current.st_mtime_ns) == (
                    source.st_size,
                    source.st_mtime_ns,
                ):
                    continue
            temporary = self._temporary(target)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            # Never written through: the target may be a link to the cache.
            _link_or_copy(copies[rel], Path(temporary))
            staged.append((rel, temporary, target))
        return self._commit(staged)

    def remove(self, paths: Iterable[str]) -> None:
        """Delete these files (those that are there): moved aside now, deleted by ``finish``."""
        for rel in sorted(paths):
            target = self._locate(rel, make=False)
            if target is None or not os.path.lexists(target) or os.path.isdir(target):
                continue
            aside = _beside(target, OLD_SUFFIX)
            os.replace(target, aside)
            self._removed.append((target, aside))

    def undo(self) -> None:
        """Put the folder back as it was before this update, as far as the disk lets us."""
        self.undone = True
        for temporary in self._temporaries:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        self._temporaries.clear()
        steps: list[tuple[str, str | None]] = [*self._removed, *reversed(self._done)]
        self._removed, self._done = [], []
        for target, kept in steps:
            try:
                if kept is not None:
                    _put_back(kept, target)
                else:
                    os.unlink(target)
                    prune(Path(target).parent, self.output)
            except OSError:
                self.undone = False  # the next build starts afresh: its record is gone

    def finish(self) -> None:
        """Delete the old files kept for ``undo``, and folders left empty by removed ones."""
        for _, kept in self._done:
            if kept is not None:
                os.unlink(kept)
        for target, aside in self._removed:
            os.unlink(aside)
            prune(Path(target).parent, self.output)
        self._done, self._removed = [], []

    def _commit(self, staged: list[tuple[str, str, str]]) -> list[str]:
        """Rename each written file over its target, keeping the target for ``undo``."""
        for _, temporary, target in staged:
            kept = _keep(target)
            try:
                os.replace(temporary, target)  # a reader sees the old file or the new one
            except BaseException:
                if kept is not None:
                    _put_back(kept, target)
                raise
            self._temporaries.discard(temporary)
            self._done.append((target, kept))
        return [rel for rel, _, _ in staged]

    def _target(self, rel: str) -> str:
        """Where ``rel`` goes, its folders made and checked to be real folders of the output."""
        target = self._locate(rel, make=True)
        assert target is not None
        return target

    def _locate(self, rel: str, *, make: bool) -> str | None:
        """Where ``rel`` is; with ``make`` False, None when a folder on the way is missing."""
        target = os.path.join(self._root, _checked(rel))
        folder = os.path.dirname(target)
        if folder not in self._folders:
            missing = self._check_folders(folder, rel)
            if missing and not make:
                return None
            if missing:
                _make_folder(folder, self._folders)
                self._folders.add(folder)
        return target

    def _check_folders(self, folder: str, rel: str) -> bool:
        """Refuse a link (or a file) on the way to ``rel``; True if a folder is missing."""
        path = folder
        on_the_way = []
        while path not in self._folders:
            on_the_way.append(path)
            path = os.path.dirname(path)
        for path in reversed(on_the_way):
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                return True
            if not stat.S_ISDIR(mode):
                raise OutputError(
                    f"refusing to write {rel}: {path} is a link or a file, not a folder",
                    hint="delete it, or build again with --fresh",
                )
            self._folders.add(path)
        return False

    def _temporary(self, target: str) -> str:
        temporary = _beside(target, NEW_SUFFIX)
        self._temporaries.add(temporary)
        return temporary


def _put_back(kept: str, target: str) -> None:
    """Return the file ``_keep`` kept to ``target`` (a rename, which needs no space)."""
    try:
        same = os.path.samestat(os.lstat(kept), os.lstat(target))
    except FileNotFoundError:
        same = False
    if same:  # the new file never took its place: only the extra name goes
        os.unlink(kept)
    else:
        os.replace(kept, target)


def _beside(target: str, suffix: str) -> str:
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name}{suffix}")


def _holds_bytes(target: str, data: bytes) -> bool:
    """Whether ``target`` is a file (not a link) holding exactly ``data``."""
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:  # missing, or a link: it is replaced
        return False
    try:
        if os.fstat(fd).st_size != len(data):
            return False
        with open(fd, "rb", closefd=False) as file:
            return file.read() == data
    finally:
        os.close(fd)


def _create(path: str) -> int:
    """A new file at ``path`` for writing, never through a link; one left there is replaced."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(path, flags, 0o666)
    except FileExistsError:  # left by a build that was killed
        os.unlink(path)
        return os.open(path, flags, 0o666)


def _keep(target: str) -> str | None:
    """Keep the file at ``target`` under another name, for ``undo``; None if there is none."""
    kept = _beside(target, OLD_SUFFIX)
    for _ in range(2):
        try:
            os.link(target, kept, follow_symlinks=False)
            return kept
        except FileNotFoundError:
            return None
        except FileExistsError:  # left by a build that was killed
            os.unlink(kept)
        except OSError:  # no hard links here: moved aside until the new file takes its place
            if not os.path.lexists(target):
                return None
            os.replace(target, kept)
            return kept
    raise OutputError(f"cannot keep {target} while updating it")
