"""What one build keeps for the next: the memos, and the rules each one relies on.

A ``Builder`` lives as long as a preview or ``build --watch`` does, and hands each build the
memos the previous build filled. A memo is a speed trick: every one must give exactly what
working it out again would give. What each may read, what it is keyed on and when it is
cleared:

``FileMemo`` (the loader's: content file → what reading it gave)
    Keyed on the file's path; an entry holds while the modification time and size of every
    file it read are unchanged (the loader compares them before reusing it), and only for a
    file that had no problems: one that had is read again, as what fixes it may be a file
    it could not name (an image added where it pointed at nothing). Its result may
    depend only on those files and on settings that are the same for the whole memo: when
    such a setting changes (the Markdown HTML mode), the builder clears the memo. Its objects
    are then the *same* objects from build to build, which is what the identity-keyed memos
    below and ``Fingerprints`` build on. Translation files are read into it as originals are;
    an original's entry also keeps the item's versions in other languages, each with the
    translation it was made from (``generator.content.overlay``), reused only for that very
    translation.

``DigestMemo`` (the images': source image → its SHA-256)
    Keyed on the path, valid while (modification time ns, size) are unchanged. Never
    cleared: a changed file is read again.

``LocatorMemo`` (the map's: locator frames and finished locators)
    ``frames`` keyed on the grid cell, ``places`` on the ``Place`` (a frozen, hashable value),
    ``marked`` on a hometown and the exhibition cities drawn around it: equal keys, equal
    drawings, since they read only the region file, which ships with the package. Never
    cleared.

``PageMemo`` (the planner's: pages of artists, series and works)
    Keyed on *which objects* a page was made from (by identity, not equality: comparing a
    story's HTML would cost what it saves), plus a digest of what every page reads besides
    (settings, published images, links), on which the whole memo is dropped when it changes.
    A page builder used through it must read nothing but its ``parts`` and what that digest
    covers; the parts are also the page's identity, whose fingerprint is its key (see
    ``generator.site.pages``). It keeps only what the last build asked for.

``PressKitMemo`` (the press kits': an artist's zip, by slug)
    Keyed on *which objects* the kit was made from (the artist, each selected work and its
    series, by identity) and the Copyright its JPEGs carry; an entry gives the cached zip and
    the JPEGs in it while the zip is still in the cache. The same objects come again only
    from files unchanged, images included (``FileMemo``), so the zip is the one making it again
    would give. It keeps only what the last build asked for.

Identity-keyed memos hold the objects they were keyed on, so that their ids cannot be reused
by new objects while the entry lives.

This module imports nothing of the pipeline: any stage may use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from generator.content.model import Place
    from generator.map.atlas import Locator, LocatorBase
    from generator.site.pages import Page

T = TypeVar("T")

# What each file gave, by path; the value carries the signatures of the files it read.
FileMemo = dict[Path, T]

# A source image's content hash, by path, with the (modification time ns, size) it was read at.
DigestMemo = dict[Path, tuple[tuple[int, int], str]]

# An artist's press kit, by slug: the objects and the Copyright it was made from, its zip in
# the cache and the names of the JPEGs there that the zip holds.
PressKitMemo = dict[str, tuple[tuple[object, ...], str, Path, frozenset[str]]]


@dataclass(slots=True)
class LocatorMemo:
    """Locator maps kept between builds: drawing countries costs milliseconds per frame.

    ``frames`` holds one drawn frame per grid cell, shared by every place in the cell; ``places``
    the finished locator of each place.
    """

    frames: dict[tuple[float, float], LocatorBase] = field(default_factory=dict)
    places: dict[Place, Locator] = field(default_factory=dict)
    # A hometown's locator with the cities of an artist's exhibitions drawn on it, keyed on
    # the hometown and those cities (name, latitude, longitude).
    marked: dict[tuple[Place, tuple[tuple[str, float, float], ...]], Locator] = field(
        default_factory=dict
    )


class PageMemo:
    """The pages a previous build planned, reused when made from the very same objects.

    The loader keeps an unchanged file's artist or series object from build to build, so an
    artist page planned from the same artist, neighbours, series and map is the same page, and
    is not made again. ``settings`` (a digest of the site's settings and images, which every
    page also depends on) must match as well. The same parts are the page's identity: what
    its key is the fingerprint of.
    """

    def __init__(self, language: str = "") -> None:
        self._settings = ""
        # The folder of the language the pages are planned in ('' for the default language):
        # a page is made in it once, not copied into it at every build (site/pages.py).
        self._language = language
        self._pages: dict[tuple[object, ...], tuple[tuple[object, ...], Page]] = {}
        self._kept: dict[tuple[object, ...], tuple[tuple[object, ...], Page]] = {}

    def begin(self, settings: str) -> None:
        """Start planning a build: what the last one planned is what can be reused."""
        self._pages = self._kept if settings == self._settings else {}
        self._kept = {}
        self._settings = settings

    def page(
        self, kind: str, parts: tuple[object, ...], make: Callable[[tuple[object, ...]], Page]
    ) -> Page:
        """The page made from ``parts`` last time, or a new one: ``make(identity)``."""
        key = (kind, *(id(part) for part in parts))
        earlier = self._pages.get(key)
        if earlier is not None and all(a is b for a, b in zip(earlier[0], parts, strict=True)):
            page = earlier[1]
        else:
            page = make((kind, *parts))
            if self._language:
                page = replace(page, language=self._language)
        self._kept[key] = (parts, page)  # holding the parts keeps their ids from being reused
        return page
