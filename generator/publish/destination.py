"""A destination folder, opened once and written below without following links.

The directory target publishes through it, and github-pages copies the site into its
temporary clone with it. Files are staged under temporary names of this process, then
renamed into place all or none: each file replaced or deleted is kept under another name of
this process until every rename is done, and put back if one fails (a second stop signal
waits until that is done). Those names, left by a publish that was killed, are swept by the
next one, which puts the kept files back.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import PublishError
from generator.output.folders import prune as prune_folders
from generator.output.ownership import CLOEXEC, NO_FOLLOW, ended
from generator.output.scratch import signals_deferred
from generator.publish.manifest import MANIFEST, MANIFEST_HEADER


def linked(path: Path) -> PublishError:
    """The refusal to write through the symbolic link ``path``."""
    return PublishError(
        f"{path} is a symbolic link: showcase does not write through links",
        hint="replace the link with a folder, or remove it, and publish again",
    )


def temporary_name(rel: str, kind: str = "new") -> str:
    """The name a file is written under before it is renamed into place (``new``), or its
    old version kept under until the publish is done (``old``): showcase's, and this
    process's, so that no one else's file is ever taken for it."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/" * bool(folder) + f".{name}.showcase-{kind}-{os.getpid()}"


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.showcase-(?P<kind>new|old)-(?P<pid>[0-9]+)")


def sweep_unfinished(root: Root, staging: Sequence[str]) -> None:
    """Undo what a killed publish left: the temporary files its manifest lists are removed,
    the files it kept aside put back, and its unfinished manifest, whose first line says it
    is showcase's, removed; never another's."""
    for rel in staging:
        match = _TEMPORARY.fullmatch(rel.rpartition("/")[2])
        if match is None or not _finished(match):
            continue
        if match["kind"] == "new":
            root.remove(rel, prune=False)
            continue
        folder, kept = _split(rel)
        with contextlib.suppress(OSError), root.folder(folder) as fd:
            target = match["name"]
            free = fd is not None and (_is_file(fd, target) or not _lexists(fd, target))
            if fd is not None and free and _is_file(fd, kept):
                _put_back(fd, kept, target)
    for name in os.listdir(root.fd):
        match = _TEMPORARY.fullmatch(name)
        if match and match["name"] == MANIFEST and _finished(match):
            with contextlib.suppress(OSError):
                root.remove_if_starts(name, MANIFEST_HEADER.encode())


def _finished(match: re.Match[str] | None) -> bool:
    """Whether the process that named a temporary file is gone (or is this one)."""
    if match is None:
        return False
    return ended(int(match["pid"]))


# What Root calls with dir_fd=: where the system lacks one, it refuses up front.
_BY_DESCRIPTOR = {os.open, os.mkdir, os.unlink, os.rename, os.link, os.stat}  # rename: replace
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | NO_FOLLOW | CLOEXEC
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW | CLOEXEC


@dataclass(frozen=True, slots=True)
class Root:
    """A destination folder, open; paths below it are reached without following links."""

    path: Path
    fd: int

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path) -> Iterator[Root]:
        """``path`` opened; a PublishError where folders cannot be opened and written below
        by descriptor (Windows), before anything is written."""
        if not _BY_DESCRIPTOR.issubset(os.supports_dir_fd):
            raise PublishError(
                f"cannot publish into {path}: this system cannot write below a folder "
                "without following links (it has no dir_fd support)",
                hint="publish from Linux, macOS or WSL (Windows Subsystem for Linux)",
            )
        fd = os.open(path, _FOLDER)
        try:
            yield cls(path, fd)
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def folder(self, parts: Sequence[str], create: bool = False) -> Iterator[int | None]:
        """The folder ``parts`` below the root, open (None when it is missing or a link and
        ``create`` is false); made when ``create``, refusing a link on the way."""
        fd = os.dup(self.fd)
        try:
            for depth, part in enumerate(parts, 1):
                if create:
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(part, dir_fd=fd)
                try:
                    child = os.open(part, _FOLDER, dir_fd=fd)
                except OSError:
                    if create and stat.S_ISLNK(os.lstat(part, dir_fd=fd).st_mode):
                        raise linked(self.path.joinpath(*parts[:depth])) from None
                    if create:
                        raise
                    os.close(fd)
                    fd = -1
                    break
                os.close(fd)
                fd = child
            yield fd if fd != -1 else None
        finally:
            if fd != -1:
                os.close(fd)

    def write(self, name: str, text: str) -> None:
        """Replace the file ``name`` at the root with ``text``, atomically."""
        temporary = temporary_name(name)
        out = os.open(temporary, _NEW_FILE, 0o666, dir_fd=self.fd)
        try:
            with open(out, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.fd)
            raise

    def stage(self, site: Path, temporaries: dict[str, str]) -> list[tuple[str, str]]:
        """Copy each file beside its target under its temporary name; all or none."""
        staged: list[tuple[str, str]] = []
        try:
            for rel, temporary in temporaries.items():
                folder, name = _split(temporary)
                with self.folder(folder, create=True) as fd, (site / rel).open("rb") as source:
                    out = os.open(name, _NEW_FILE, 0o666, dir_fd=fd)
                    staged.append((temporary, rel))
                    with open(out, "wb") as file:
                        shutil.copyfileobj(source, file)
        except BaseException:
            with signals_deferred():
                for temporary, _ in staged:
                    self.remove(temporary, prune=False)
            raise
        return staged

    def move_into_place(self, staged: list[tuple[str, str]]) -> None:
        """Rename each staged file over its target, all or none (see ``swap``)."""
        with self.swap() as swap:
            swap.place(staged)

    @contextlib.contextmanager
    def swap(self) -> Iterator[Swap]:
        """A Swap of files below this root: finished when the block ends, undone (every
        file put back, no temporary left) when it raises."""
        swap = Swap(self)
        try:
            yield swap
        except BaseException:
            swap.undo()
            raise
        swap.finish()

    def remove(self, rel: str, prune: bool = True) -> None:
        """Delete the file ``rel`` (not a link, not a folder), then folders left empty."""
        folder, name = _split(rel)
        with self.folder(folder) as fd:
            if fd is None:
                return
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISREG(os.lstat(name, dir_fd=fd).st_mode):
                    os.unlink(name, dir_fd=fd)
        if prune:
            prune_folders(self.path.joinpath(*folder), self.path, root_fd=self.fd)

    def remove_if_starts(self, name: str, head: bytes) -> None:
        """Delete the regular file ``name`` at the root if its content begins with ``head``."""
        fd = os.open(name, os.O_RDONLY | NO_FOLLOW | CLOEXEC, dir_fd=self.fd)
        with open(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode) or file.read(len(head)) != head:
                return
        os.unlink(name, dir_fd=self.fd)


class Swap:
    """Staged files renamed into place, and files deleted, below a Root, all or none.

    Each file a rename replaces, or a deletion removes, is kept under its ``old`` temporary
    name (a hard link when the file system has them) until ``finish`` drops them; ``undo``
    renames them back, removes the files that were new, and the staged files not yet moved.
    The build's in-place update (generator.output.update) works the same way, by path; this
    one goes through folders opened without following links.
    """

    def __init__(self, root: Root) -> None:
        self.root = root
        self._waiting: list[str] = []  # staged temporaries not yet renamed into place
        self._done: list[tuple[str, str | None]] = []  # (target, its old file kept, or None)

    def place(self, staged: Sequence[tuple[str, str]]) -> None:
        """Rename each staged ``(temporary, target)`` over its target."""
        self._waiting = [temporary for temporary, _ in staged]
        for temporary, target in staged:
            folder, name = _split(target)
            with self.root.folder(folder, create=True) as fd:
                assert fd is not None
                kept = _keep(fd, name, replacing=True)
                try:
                    os.replace(_split(temporary)[1], name, src_dir_fd=fd, dst_dir_fd=fd)
                except BaseException:
                    if kept is not None:
                        _put_back(fd, kept, name)
                    raise
            self._waiting.remove(temporary)
            self._done.append((target, kept and "/".join([*folder, kept])))

    def delete(self, paths: Sequence[str]) -> None:
        """Move each file of ``paths`` (not a link, not a folder) aside, to delete at the end."""
        for rel in paths:
            folder, name = _split(rel)
            with self.root.folder(folder) as fd:
                if fd is None or not _is_file(fd, name):
                    continue
                kept = _keep(fd, name, replacing=False)
            if kept is not None:
                self._done.append((rel, "/".join([*folder, kept])))

    def undo(self) -> None:
        """Put every file back as it was, as far as the disk lets us; stop signals wait."""
        with signals_deferred():  # closing a terminal may send SIGHUP twice
            self._undo()

    def _undo(self) -> None:
        for temporary in self._waiting:
            with contextlib.suppress(OSError):
                self.root.remove(temporary, prune=False)
        for target, kept in reversed(self._done):
            folder, name = _split(target)
            with contextlib.suppress(OSError), self.root.folder(folder) as fd:
                if fd is not None and kept is not None:
                    _put_back(fd, _split(kept)[1], name)
                elif fd is not None:
                    os.unlink(name, dir_fd=fd)
            if kept is None:
                with contextlib.suppress(OSError):
                    prune_folders(
                        self.root.path.joinpath(*folder), self.root.path, root_fd=self.root.fd
                    )
        self._waiting, self._done = [], []

    def finish(self) -> None:
        """Drop the old files kept for ``undo``, and folders deleted files left empty."""
        for target, kept in self._done:
            if kept is not None:
                self.root.remove(kept, prune=False)
                with self.root.folder(_split(target)[0]) as fd:
                    gone = fd is not None and not _lexists(fd, _split(target)[1])
                if gone:
                    self.root.remove(target)  # nothing there: prunes its folders
        self._done = []


def _keep(fd: int, name: str, *, replacing: bool) -> str | None:
    """Keep the file ``name`` under its ``old`` temporary name; None if there is none.

    Replacing, it is kept by a hard link (the target stays in place until the rename),
    else, or without hard links, by a rename."""
    kept = temporary_name(name, "old")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(kept, dir_fd=fd)  # this process's own name: a leftover of an earlier try
    if not _lexists(fd, name):
        return None
    if replacing:
        try:
            os.link(name, kept, src_dir_fd=fd, dst_dir_fd=fd, follow_symlinks=False)
            return kept
        except OSError:
            pass  # no hard links here: moved aside until the new file takes its place
    os.replace(name, kept, src_dir_fd=fd, dst_dir_fd=fd)
    return kept


def _put_back(fd: int, kept: str, name: str) -> None:
    """Return the file ``_keep`` kept to ``name`` (a rename, which needs no space)."""
    try:
        same = os.path.samestat(os.lstat(kept, dir_fd=fd), os.lstat(name, dir_fd=fd))
    except FileNotFoundError:
        same = False
    if same:  # the new file never took its place: only the extra name goes
        os.unlink(kept, dir_fd=fd)
    else:
        os.replace(kept, name, src_dir_fd=fd, dst_dir_fd=fd)


def _lexists(fd: int, name: str) -> bool:
    try:
        os.lstat(name, dir_fd=fd)
    except FileNotFoundError:
        return False
    return True


def _is_file(fd: int, name: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(name, dir_fd=fd).st_mode)
    except FileNotFoundError:
        return False


def _split(rel: str) -> tuple[list[str], str]:
    *folder, name = rel.split("/")
    return folder, name
