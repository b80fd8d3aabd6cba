"""Update a built folder in place, all or nothing: the incremental build's way of writing."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.errors import OutputError
from generator.output.folders import check_inside, make_folder, prune
from generator.output.ownership import (
    CLOEXEC,
    NO_FOLLOW,
    UPDATE,
    ended,
    marker_text,
    new_token,
    owner,
    write_marker,
)
from generator.output.scratch import signals_deferred
from generator.output.writer import cannot_write, link_or_copy, write_all

# Beside a file of a built folder while an update runs: its next version, written first, and
# its last one, kept (by a hard link, which takes no space) until the update is done. Each
# name ends with the update's process and token: ``.index.html.showcase-new-<pid>-<token>``.
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

    ``journal``, when given, is a file (in the cache) marked with this update's process and
    token while it runs: should the process be killed outright, ``sweep_update`` finds the
    temporary files by it and removes them, putting the kept ones back. Beside it,
    ``<journal>-created`` lists the files the update made where there were none, each
    before it takes its place, so that the sweep removes those too.
    """

    def __init__(self, output: Path, journal: Path | None = None) -> None:
        self.output = output
        self.undone = False
        self._journal = journal
        token = new_token()[:8]
        self._new = f"{NEW_SUFFIX}-{os.getpid()}-{token}"
        self._old = f"{OLD_SUFFIX}-{os.getpid()}-{token}"
        self._created: int | None = None  # the open list of created files, once there is one
        if journal is not None:
            try:
                journal.parent.mkdir(parents=True, exist_ok=True)
                _created_list(journal).unlink(missing_ok=True)  # an older update's, swept
                write_marker(journal, marker_text(UPDATE, os.fspath(output), os.getpid(), token))
            except OSError as error:  # the disk is full, say: nothing was changed yet
                raise cannot_write(error, output) from error
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
                write_all(fd, data)
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
            link_or_copy(copies[rel], Path(temporary))
            staged.append((rel, temporary, target))
        return self._commit(staged)

    def remove(self, paths: Iterable[str]) -> None:
        """Delete these files (those that are there): moved aside now, deleted by ``finish``."""
        for rel in sorted(paths):
            target = self._locate(rel, make=False)
            if target is None or not os.path.lexists(target) or os.path.isdir(target):
                continue
            aside = _beside(target, self._old)
            os.replace(target, aside)
            self._removed.append((target, aside))

    def undo(self) -> None:
        """Put the folder back as it was before this update, as far as the disk lets us.

        A second stop signal (a closed terminal often sends two) waits until it is done.
        """
        with signals_deferred():
            self._undo()

    def _undo(self) -> None:
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
        if self.undone:
            self._close_journal()
        elif self._created is not None:  # the journal stays, for the sweep; the list is closed
            os.close(self._created)
            self._created = None

    def finish(self) -> None:
        """Delete the old files kept for ``undo``, and folders left empty by removed ones."""
        for _, kept in self._done:
            if kept is not None:
                os.unlink(kept)
        for target, aside in self._removed:
            os.unlink(aside)
            prune(Path(target).parent, self.output)
        self._done, self._removed = [], []
        self._close_journal()

    def _close_journal(self) -> None:
        if self._created is not None:
            os.close(self._created)
            self._created = None
        if self._journal is not None:
            self._journal.unlink(missing_ok=True)
            _created_list(self._journal).unlink(missing_ok=True)

    def _note_created(self, rel: str) -> None:
        """Add ``rel`` (about to be made where no file was) to the list beside the journal."""
        if self._journal is None:
            return
        if self._created is None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | NO_FOLLOW | CLOEXEC
            self._created = os.open(_created_list(self._journal), flags, 0o666)
        # NUL ends each path: it is the one character a path cannot hold.
        write_all(self._created, os.fsencode(rel) + b"\0")

    def _commit(self, staged: list[tuple[str, str, str]]) -> list[str]:
        """Rename each written file over its target, keeping the target for ``undo``."""
        for rel, temporary, target in staged:
            kept = _keep(target, self._old)
            if kept is None:
                self._note_created(rel)
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
        target = os.path.join(self._root, check_inside(rel))
        folder = os.path.dirname(target)
        if folder not in self._folders:
            missing = self._check_folders(folder, rel)
            if missing and not make:
                return None
            if missing:
                make_folder(folder, self._folders)
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
        temporary = _beside(target, self._new)
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
        fd = os.open(target, os.O_RDONLY | NO_FOLLOW | CLOEXEC)
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
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW | CLOEXEC
    try:
        return os.open(path, flags, 0o666)
    except FileExistsError:  # left by a build that was killed
        os.unlink(path)
        return os.open(path, flags, 0o666)


def _keep(target: str, suffix: str) -> str | None:
    """Keep the file at ``target`` under another name, for ``undo``; None if there is none."""
    kept = _beside(target, suffix)
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


def _created_list(journal: Path) -> Path:
    return journal.with_name(f"{journal.name}-created")


def sweep_update(journal: Path, output: Path) -> bool:
    """Undo what an update killed outright left in ``output``; whether there was one.

    Only an update whose journal is showcase's, names ``output`` and whose process is gone
    counts; only files named with its process and token are touched: new ones are removed,
    kept ones put back, and the files it made where there were none (listed beside the
    journal) removed with the folders they leave empty. Costs one look at the journal when
    there is nothing to do.
    """
    if not os.path.lexists(journal):
        return False
    made = owner(journal, UPDATE, os.fspath(output))
    if made is None or not ended(made[0]):
        return False
    tag = f"-{made[0]}-{made[1]}"
    new, old = NEW_SUFFIX + tag, OLD_SUFFIX + tag
    for folder, folders, names in os.walk(output):  # never into a link
        folders.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                if name.startswith(".") and name.endswith(new):
                    os.unlink(path)
                elif name.startswith(".") and name.endswith(old):
                    _put_back(path, os.path.join(folder, name[1 : -len(old)]))
    _remove_created(_created_list(journal), output)
    journal.unlink(missing_ok=True)
    return True


def _remove_created(listing: Path, output: Path) -> None:
    """Remove the files ``listing`` names below ``output`` (never through a link)."""
    try:
        names = listing.read_bytes().split(b"\0")[:-1]  # the last may be cut short: not made
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError, ValueError, OutputError):
            rel = check_inside(os.fsdecode(name))
            target = output / rel
            if _below_real_folders(target.parent, output) and not stat.S_ISDIR(
                os.lstat(target).st_mode
            ):
                os.unlink(target)
                prune(target.parent, output)
    listing.unlink(missing_ok=True)


def _below_real_folders(folder: Path, root: Path) -> bool:
    """Whether every folder from ``root`` down to ``folder`` is a real folder, not a link."""
    path = root
    for part in folder.relative_to(root).parts:
        path = path / part
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            return False
    return True
