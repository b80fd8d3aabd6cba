"""A destination folder, opened once and written below without following links.

The directory target publishes through it, and github-pages copies the site into its
temporary clone with it. Files are staged under temporary names of this process, then
renamed into place; those of a publish that was killed are swept by the next one.
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
from generator.publish.manifest import MANIFEST, MANIFEST_HEADER


def linked(path: Path) -> PublishError:
    """The refusal to write through the symbolic link ``path``."""
    return PublishError(
        f"{path} is a symbolic link: showcase does not write through links",
        hint="replace the link with a folder, or remove it, and publish again",
    )


def temporary_name(rel: str) -> str:
    """The name a file is written under before it is renamed into place: showcase's, and
    this process's, so that no one else's file is ever taken for it."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/" * bool(folder) + f".{name}.showcase-new-{os.getpid()}"


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.showcase-new-(?P<pid>[0-9]+)")


def sweep_unfinished(root: Root, staging: Sequence[str]) -> None:
    """Remove what a killed publish left: the temporary files its manifest lists, and its
    unfinished manifest, whose first line says it is showcase's; never another's."""
    for rel in staging:
        if _finished(_TEMPORARY.fullmatch(rel.rpartition("/")[2])):
            root.remove(rel, prune=False)
    for name in os.listdir(root.fd):
        match = _TEMPORARY.fullmatch(name)
        if match and match["name"] == MANIFEST and _finished(match):
            with contextlib.suppress(OSError):
                root.remove_if_starts(name, MANIFEST_HEADER.encode())


def _finished(match: re.Match[str] | None) -> bool:
    """Whether the process that named a temporary file is gone (or is this one)."""
    if match is None:
        return False
    pid = int(match["pid"])
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True, slots=True)
class Root:
    """A destination folder, open; paths below it are reached without following links."""

    path: Path
    fd: int

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path) -> Iterator[Root]:
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
            for temporary, _ in staged:
                self.remove(temporary, prune=False)
            raise
        return staged

    def move_into_place(self, staged: list[tuple[str, str]]) -> None:
        """Rename each staged file over its target; on failure, leave no temporary behind."""
        for done, (temporary, target) in enumerate(staged):
            try:
                folder, name = _split(target)
                with self.folder(folder, create=True) as fd:
                    os.replace(_split(temporary)[1], name, src_dir_fd=fd, dst_dir_fd=fd)
            except BaseException:
                for left, _ in staged[done:]:
                    self.remove(left, prune=False)
                raise

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
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=self.fd)
        with open(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode) or file.read(len(head)) != head:
                return
        os.unlink(name, dir_fd=self.fd)


def _split(rel: str) -> tuple[list[str], str]:
    *folder, name = rel.split("/")
    return folder, name
