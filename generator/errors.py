"""Typed errors that carry the file, line and column they are about, and a hint."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path


class SiteError(Exception):
    """A problem the author can fix, located in a file of the project."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def __reduce__(self) -> tuple[object, ...]:
        # Errors raised in a worker process travel back to the build whole, location included.
        return (_rebuild, (type(self), self.message, self.path, self.line, self.column, self.hint))

    @property
    def location(self) -> str:
        """``file:line:column``, as much of it as is known."""
        if self.path is None:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ConfigError(SiteError):
    """``site.yaml`` is missing, malformed or has a wrong value."""


class ContentError(SiteError):
    """A content file is malformed or refers to something that does not exist."""


class TemplateError(SiteError):
    """A template failed to load or render."""


class CatalogueError(SiteError):
    """A translation catalogue (``templates/locale/<language>.po``) is malformed."""


class OutputError(SiteError):
    """The output folder cannot be written safely."""


class ImageError(SiteError):
    """An image could not be read or converted."""


class ScaffoldError(SiteError):
    """A new site, artist or series cannot be written without overwriting or guessing."""


class PublishError(SiteError):
    """The site cannot be published without overwriting or deleting what is not the site's."""


class FileSystemError(SiteError):
    """The system refused to read or write a file: a full or read-only disk, a permission…"""


# What the system's refusals a user can cause mean, and what to do about them.
_ADVICE: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (
        "no space left on the disk",
        "free some space on that disk, or choose a folder on another one",
    ),
    errno.EDQUOT: (
        "your disk quota is used up",
        "free some space in your quota, or choose a folder on another disk",
    ),
    errno.EROFS: ("the disk is read-only", "choose a folder on a writable disk"),
    errno.EACCES: (
        "permission denied",
        "give yourself permission to it, or choose another folder",
    ),
    errno.EPERM: (
        "operation not permitted",
        "give yourself permission to it, or choose another folder",
    ),
    errno.ENAMETOOLONG: (
        "a name is too long for the file system",
        "use shorter names (file names, slugs) or a folder with a shorter path",
    ),
    errno.EIO: (
        "the disk reported an input/output error",
        "check the disk (or its connection), or choose a folder on another disk",
    ),
    errno.EMFILE: ("too many files are open", "raise the limit (ulimit -n) and try again"),
    errno.ENFILE: ("too many files are open", "close other programs and try again"),
    errno.ENOTDIR: ("a file is where a folder should be", "move that file out of the way"),
    errno.EISDIR: ("a folder is where a file should be", "move that folder out of the way"),
    errno.ELOOP: ("too many symbolic links", "replace the link by what it points to"),
}

# Refusals about the disk as a whole, where the file that met them says nothing more.
_DISK_WIDE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})


def from_os_error(
    exc: OSError, doing: str | None = None, *, kind: type[SiteError] = FileSystemError
) -> SiteError:
    """``exc`` as one line the author can act on: what was refused, where, and what to do.

    ``doing`` names the task (``cannot write the site into site/``); the file the system
    names is given too when it is another one.
    """
    reason, hint = _ADVICE.get(exc.errno or 0, ("", ""))
    reason = reason or (exc.strerror or str(exc)).lower()
    where = os.fsdecode(exc.filename) if exc.filename is not None else None
    if doing is None:
        return kind(reason, path=where, hint=hint or None)
    if where and where not in doing and exc.errno not in _DISK_WIDE:
        reason += f" ({where})"
    return kind(f"{doing}: {reason}", hint=hint or None)


class ContentErrors(SiteError):
    """Every content problem found in one run, reported together."""

    def __init__(self, errors: Iterable[SiteError]) -> None:
        self.errors = tuple(
            sorted(errors, key=lambda e: (e.path or "", e.line or 0, e.column or 0, e.message))
        )
        count = len(self.errors)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the content")

    def __reduce__(self) -> tuple[object, ...]:
        return (ContentErrors, (self.errors,))

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def _rebuild(
    kind: type[SiteError],
    message: str,
    path: str | None,
    line: int | None,
    column: int | None,
    hint: str | None,
) -> SiteError:
    return kind(message, path=path, line=line, column=column, hint=hint)
