"""Fingerprints of page data: equal values give equal digests, in any process, on any run.

A page is rendered again only when the fingerprint of what it shows changes. The model is a
graph of frozen dataclasses in which one artist appears on many pages (their own, the home
page, their neighbours' previous/next links), so each object is digested once per build and
its digest reused wherever it appears: fingerprinting a thousand pages costs milliseconds,
where ``repr()`` of each page spelled every shared object out again.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
from collections.abc import Hashable, Mapping
from pathlib import PosixPath, PurePath, PurePosixPath
from typing import Any, cast

_SCALARS = (str, int, float, bool, type(None), datetime.date, PurePath)
# Exactly these types (not subclasses) are spelled by their repr().
_REPRESENTED = frozenset(
    {int, float, bool, type(None), datetime.date, datetime.datetime, PurePosixPath, PosixPath}
)


class Fingerprints:
    """Digests of values; each dataclass instance is digested once while this instance lives."""

    def __init__(self, earlier: Fingerprints | None = None) -> None:
        # id() → (object, digest): holding the object keeps its id from being reused.
        self._seen: dict[int, tuple[object, str]] = {}
        # A previous build's digests: objects it shared with this one (an unchanged artist
        # kept by the loader) are not digested again. Dataclasses here are frozen, so an
        # object's digest holds for as long as the object lives.
        self._earlier = earlier._seen if earlier is not None else {}

    def of(self, value: Any) -> str:
        """A hex digest of ``value``: dataclasses, mappings, sequences and plain values."""
        return _digest(self._spell(value))

    def token(self, value: Any) -> str:
        """What ``value`` is known by inside other digests: what ``adopt`` takes."""
        return self._spell(value)

    def adopt(self, value: Any, token: str) -> None:
        """Take ``value``'s token, worked out by another instance (in another process, on an
        equal copy): ``value`` is not spelled out again. Only dataclass instances are kept."""
        if token and _compared(cast(Hashable, type(value))) is not None:
            self._seen.setdefault(id(value), (value, token))

    def _spell(self, value: Any) -> str:
        kind = type(value)
        if kind is str:
            # Length-prefixed rather than repr(): a story's HTML is spelled without being
            # scanned for characters to escape, and no other value spells the same.
            return f"{len(value)}:{value}"
        if kind in _REPRESENTED:
            return repr(value)
        names = _compared(cast(Hashable, kind))
        if names is not None:
            remembered = self._seen.get(id(value)) or self._earlier.get(id(value))
            if remembered is not None and remembered[0] is value:
                self._seen[id(value)] = remembered
                return remembered[1]
            parts = [kind.__qualname__]
            for name in names:  # plain fields spelled here: most fields are, on most pages
                field = getattr(value, name)
                if type(field) is str:
                    parts.append(f"{len(field)}:{field}")
                elif type(field) in _REPRESENTED:
                    parts.append(repr(field))
                else:
                    parts.append(self._spell(field))
            digest = _digest("(" + ",".join(parts) + ")")
            self._seen[id(value)] = (value, digest)
            return digest
        if isinstance(value, _SCALARS):  # subclasses: a Markup string, an IntEnum
            return f"{kind.__qualname__}:{value!r}"
        if isinstance(value, Mapping):
            items = sorted(f"{self._spell(k)}:{self._spell(v)}" for k, v in value.items())
            return "{" + ",".join(items) + "}"
        if isinstance(value, list | tuple):
            return "[" + ",".join([self._spell(v) for v in value]) + "]"
        if isinstance(value, set | frozenset):
            return "{" + ",".join(sorted(self._spell(v) for v in value)) + "}"
        # Anything else (an enum, say) is as its repr says.
        return f"{kind.__qualname__}:{value!r}"


@functools.cache
def _compared(kind: Any) -> tuple[str, ...] | None:
    """A dataclass's fields that take part in equality; None for other types.

    Fields declared with ``compare=False`` hold what is derived from the other fields (a
    cache, a page's structured data): they add nothing to a fingerprint but time.
    """
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(field.name for field in dataclasses.fields(kind) if field.compare)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
