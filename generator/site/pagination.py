"""Lists split in pages (the home page's artists, the gallery's): each page's place and links."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Pagination:
    """Where one page of a list split in pages stands, and its neighbours' addresses."""

    number: int
    count: int
    previous: str | None
    next: str | None


def in_pages(
    items: Sequence[T], size: int, url_of: Callable[[int], str]
) -> list[tuple[str, Pagination, Sequence[T]]]:
    """``items`` split in pages of ``size`` (one empty page if there are none): each page's
    URL, its place among the others, and its items."""
    parts = [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]
    count = len(parts)
    return [
        (
            url_of(number),
            Pagination(
                number=number,
                count=count,
                previous=url_of(number - 1) if number > 1 else None,
                next=url_of(number + 1) if number < count else None,
            ),
            part,
        )
        for number, part in enumerate(parts, start=1)
    ]
