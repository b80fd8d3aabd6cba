"""The content kinds, one entry each: where their files are, what they allow, who reads them.

The loader knows no kind by name: it reads every folder of ``KINDS``, in order, with that
kind's reader, then checks, orders and keeps the items as the entry says. Adding a kind is
one entry here, its reader (a module of this package), its model (``model.py``, with a field
of ``Site`` named as its folder), its page builder and its template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.artists import ARTIST_KEYS, read_artist
from generator.content.model import Artist, Series, Work
from generator.content.pages import PAGE_KEYS, read_page
from generator.content.reading import Reading
from generator.content.series import SERIES_KEYS, read_series
from generator.source.fields import Fields
from generator.source.frontmatter import FrontMatter

# A kind's reader: one file's fields and body → its item, problems recorded in the fields.
Reader = Callable[[Fields, FrontMatter, Path, Reading], Any]


@dataclass(frozen=True, slots=True)
class Owner:
    """The kind an item belongs to, named in its front-matter (a series names its artist)."""

    kind: str  # the owning kind's folder
    key: str  # the front-matter key that names the owner's slug
    slug: Callable[[Any], str]  # the owner's slug, read from an item


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of content file."""

    folder: str  # under content/; also the name of the Site field that holds its items
    noun: str  # one item, as messages name it
    keys: tuple[str, ...]  # the front-matter keys it allows (its reader checks them)
    read: Reader
    # Display order: a sort key, given the rank of each slug of the kinds before it.
    order: Callable[[Any, Mapping[str, Mapping[str, int]]], tuple[Any, ...]]
    # The image files an item shows: a change to one makes its file read again.
    images: Callable[[Any], Iterable[Path]]
    # What an item holds that has pages of its own, each with its own fingerprint.
    parts: Callable[[Any], tuple[Any, ...]] = lambda item: ()
    owner: Owner | None = None  # listed after its owner's kind, which it must name
    # Whether an item is a draft: left out of a build without --drafts, with what it owns.
    draft: Callable[[Any], bool] = lambda item: False
    # Whether its items are published at /<slug>/, beside the built-in addresses: a slug that
    # one of those takes (urls.built_in_names) is refused.
    top_level: bool = False


def _artist_images(artist: Artist) -> Iterable[Path]:
    return () if artist.portrait is None else (artist.portrait,)


def _series_images(series: Series) -> Iterable[Path]:
    return [file for work in series.works for file in (*work.images, *work.files)]


def _series_parts(series: Series) -> tuple[Work, ...]:
    return series.works


KINDS: tuple[Kind, ...] = (
    Kind(
        folder="artists",
        noun="artist",
        keys=ARTIST_KEYS,
        read=read_artist,
        order=lambda artist, ranks: (artist.weight, artist.name, artist.slug),
        images=_artist_images,
        draft=lambda artist: artist.draft,
    ),
    Kind(
        folder="series",
        noun="series",
        keys=SERIES_KEYS,
        read=read_series,
        order=lambda series, ranks: (
            ranks["artists"][series.artist_slug],
            series.weight,
            series.title,
            series.slug,
        ),
        images=_series_images,
        parts=_series_parts,
        owner=Owner(kind="artists", key="artist", slug=lambda series: series.artist_slug),
    ),
    Kind(
        folder="pages",
        noun="page",
        keys=PAGE_KEYS,
        read=read_page,
        order=lambda page, ranks: (page.slug,),
        images=lambda page: (),
        top_level=True,
    ),
)
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS}
