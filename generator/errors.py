"""Typed errors that carry the file, line and column they are about, and a hint."""

from __future__ import annotations

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


class OutputError(SiteError):
    """The output folder cannot be written safely."""


class ImageError(SiteError):
    """An image could not be read or converted."""


class ScaffoldError(SiteError):
    """A new site, artist or series cannot be written without overwriting or guessing."""


class PublishError(SiteError):
    """The site cannot be published without overwriting or deleting what is not the site's."""


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
