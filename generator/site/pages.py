"""Plan every page of the site from the model: which template, which URL, which data."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from generator.content.model import Artist, Series, Site, Work
from generator.incremental.memo import PageMemo
from generator.map.atlas import Atlas
from generator.media.images import PublishedImage, Rendition
from generator.site import jsonld as structured
from generator.site import urls
from generator.site.jsonld import artist_updated, series_updated, site_updated
from generator.site.urls import UrlBuilder

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page:
    """One output page: its URL, template, and the data the template shows."""

    url: str
    template: str
    title: str
    description: str
    image: Rendition | None = None
    image_alt: str = ""
    in_sitemap: bool = True
    data: dict[str, Any] = field(default_factory=dict)
    # An index of the whole site (home, gallery, map): after an edit it is written after the
    # pages of what was edited, so that those show the change first.
    index: bool = False
    updated: datetime.date | None = None
    # Makes the page's structured data (JSON-LD) when it is rendered, from what ``data`` holds:
    # equal data, equal structured data, so it is left out of the page's fingerprint.
    describe: Callable[[], dict[str, Any]] | None = field(default=None, compare=False, repr=False)
    # What an artist, series or work page is made from: with the settings, images and links
    # (which every page's key covers), these decide the page, so its key is their fingerprint
    # rather than the whole page's. Empty for the pages that list the site.
    identity: tuple[object, ...] = field(default=(), compare=False, repr=False)
    # The content file whose text the page shows, project-relative as errors name it (an
    # artist's .md; a series' .md for the series and its works); None for the pages that
    # list the site. Not rendered, and not compared: it is in no page's key.
    source: str | None = field(default=None, compare=False)

    @property
    def structured(self) -> dict[str, Any] | None:
        """The page's structured data (JSON-LD), if it has any."""
        return self.describe() if self.describe is not None else None

    @property
    def path(self) -> str:
        """The file that serves the page, relative to the output folder."""
        return urls.output_path(self.url)


def plan_pages(
    site: Site,
    images: dict[Any, PublishedImage],
    atlas: Atlas,
    link: UrlBuilder,
    memo: PageMemo | None = None,
) -> list[Page]:
    """Every page, in a stable order; ``link`` is the build's (its structured data links)."""
    memo = memo or PageMemo()
    updated = site_updated(site)  # looks at every artist and series: once, not once a page
    homes = _home(site, images, link, updated)
    home = homes[0]
    pages = [
        *homes,
        *_gallery(site, images, link, updated),
        *_map(site, atlas, images, home, link, updated),
    ]
    for artist, previous, following in _neighbours(site.artists):
        # The series one by one: the tuple of them is made afresh with every site.
        parts = (artist, previous, following, atlas.locator(artist.slug), *site.series_of(artist))
        pages.append(
            memo.page(
                "artist",
                parts,
                partial(_artist, site, images, atlas, artist, previous, following, link),
            )
        )
    for series in site.series:
        artist = site.artist_of(series)
        changed = series_updated(series)  # looks at every work: once, not once a work
        pages.append(
            memo.page(
                "series",
                (series, artist),
                partial(_series, series, artist, images, link, changed),
            )
        )
        for work, previous_work, next_work in _neighbours(series.works):
            pages.append(
                memo.page(
                    "work",
                    (work, previous_work, next_work, series, artist),
                    partial(
                        _work, series, artist, images, work, previous_work, next_work, link, changed
                    ),
                )
            )
    pages += [
        Page(
            url=base.url,
            template="locator.svg",
            title=f"Map around {base.url}",
            description="",
            in_sitemap=False,
            data={"base": base},
        )
        for base in atlas.locator_bases
    ]
    pages.append(
        Page(
            url="/404.html",
            template="404.html",
            title="Page not found",
            description="This page does not exist.",
            image=home.image,
            image_alt=home.image_alt,
            in_sitemap=False,
        )
    )
    return pages


def _series(
    series: Series,
    artist: Artist,
    images: dict[Any, PublishedImage],
    link: UrlBuilder,
    updated: datetime.date | None,
    identity: tuple[object, ...] = (),
) -> Page:
    cover = images[series.cover.image]
    return Page(
        identity=identity,
        source=series.source,
        url=urls.series_url(series.slug),
        template="series.html",
        title=f"{series.title} — {artist.name}",
        description=_first_sentence(series.description_html)
        or f"{series.title}, a series by {artist.name} ({series.years}).",
        image=cover.social,
        image_alt=series.cover.alt,
        data={"series": series, "artist": artist},
        updated=updated,
        describe=partial(structured.series_page, series, artist, images, link),
    )


@dataclass(frozen=True, slots=True)
class Pagination:
    """Where one page of a list split in pages stands, and its neighbours' addresses."""

    number: int
    count: int
    previous: str | None
    next: str | None


def _in_pages(
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


def _home(
    site: Site,
    images: dict[Any, PublishedImage],
    link: UrlBuilder,
    updated: datetime.date | None,
) -> list[Page]:
    """The home page: the artists' cards, split in pages of ``artists_per_page``."""
    cover = _artist_cover(site, site.artists[0]) if site.artists else None
    pages = []
    size = site.config.artists_per_page
    for url, pagination, group in _in_pages(site.artists, size, urls.home_url):
        number = pagination.number
        title = site.config.title
        pages.append(
            Page(
                url=url,
                template="home.html",
                title=title if number == 1 else f"{title}, artists page {number}",
                description=site.config.description,
                image=images[cover.image].social if cover else None,
                image_alt=cover.alt if cover else "",
                data={
                    "cards": [(a, _artist_cover(site, a)) for a in group],
                    "pagination": pagination,
                },
                index=True,
                updated=updated,
                describe=partial(structured.home, site, link, group, url),
            )
        )
    return pages


def _gallery(
    site: Site,
    images: dict[Any, PublishedImage],
    link: UrlBuilder,
    updated: datetime.date | None,
) -> list[Page]:
    """The gallery: every series, grouped by artist, in pages of ``artists_per_page`` artists."""
    groups = [(a, site.series_of(a)) for a in site.artists if site.series_of(a)]
    pages = []
    for url, pagination, part in _in_pages(groups, site.config.artists_per_page, urls.gallery_url):
        number, count = pagination.number, pagination.count
        first = _artist_cover(site, part[0][0]) if part else None  # its picture when shared
        pages.append(
            Page(
                url=url,
                template="gallery.html",
                title="Gallery" if number == 1 else f"Gallery, page {number}",
                description=f"Every series of {site.config.title}, by artist."
                if number == 1
                else f"Series of {site.config.title}, by artist: page {number} of {count}.",
                image=images[first.image].social if first else None,
                image_alt=first.alt if first else "",
                data={"groups": part, "pagination": pagination},
                index=True,
                updated=updated,
                describe=partial(structured.gallery, part, images, link, url),
            )
        )
    return pages


def _map(
    site: Site,
    atlas: Atlas,
    images: dict[Any, PublishedImage],
    home: Page,
    link: UrlBuilder,
    updated: datetime.date | None,
) -> list[Page]:
    """The map page, and the data its script draws the interactive map with.

    The data is a file of its own, fetched by the script: the page works without it (its SVG
    map and list of hometowns), and with many artists it is a large part of the page.
    """
    pictures = {}  # slug → the smallest rendition of the artist's cover, and its alt text
    for artist in site.artists:
        cover = _artist_cover(site, artist)
        if cover is not None:
            pictures[artist.slug] = (images[cover.image].renditions[0], cover.alt)
    data = {"atlas": atlas, "pictures": pictures}
    return [
        Page(
            url=urls.map_url(),
            template="map.html",
            title="Hometown map",
            description="Where the artists of " + site.config.title + " come from, and the "
            "places their stories take them.",
            image=home.image,
            image_alt=home.image_alt,
            data=data,
            index=True,
            updated=updated,
            describe=partial(structured.map_page, site.artists, link),
        ),
        Page(
            url=urls.map_data_url(),
            template="map-data.json",
            title="Hometown map data",
            description="",
            in_sitemap=False,
            data=data,
            index=True,
        ),
    ]


def _artist(
    site: Site,
    images: dict[Any, PublishedImage],
    atlas: Atlas,
    artist: Artist,
    previous: Artist | None,
    following: Artist | None,
    link: UrlBuilder,
    identity: tuple[object, ...] = (),
) -> Page:
    cover = _artist_cover(site, artist)
    return Page(
        identity=identity,
        source=artist.source,
        url=urls.artist_url(artist.slug),
        template="artist.html",
        title=f"{artist.name}, {artist.discipline}",
        description=artist.summary,
        image=images[cover.image].social if cover else None,
        image_alt=cover.alt if cover else "",
        data={
            "artist": artist,
            "series_list": site.series_of(artist),
            "previous": previous,
            "next": following,
            "locator": atlas.locator(artist.slug),
        },
        updated=artist_updated(site, artist),
        describe=partial(structured.artist_page, artist, link),
    )


def _work(
    series: Series,
    artist: Artist,
    images: dict[Any, PublishedImage],
    work: Work,
    previous: Work | None,
    following: Work | None,
    link: UrlBuilder,
    series_date: datetime.date | None,
    identity: tuple[object, ...] = (),
) -> Page:
    return Page(
        identity=identity,
        source=series.source,
        url=urls.work_url(work.series_slug, work.slug),
        template="work.html",
        title=f"{work.title} ({work.year}) — {artist.name}",
        description=work.caption
        or f"{work.title}, {work.medium}, {work.year}, from {series.title} by {artist.name}.",
        image=images[work.image].social,
        image_alt=work.alt,
        data={
            "work": work,
            "series": series,
            "artist": artist,
            "previous": previous,
            "next": following,
        },
        updated=structured.latest(work.date, series_date),
        describe=partial(structured.work_page, work, artist, images, link),
    )


def _artist_cover(site: Site, artist: Artist) -> Work | None:
    series = site.series_of(artist)
    return series[0].cover if series else None


def _neighbours(items: Sequence[T]) -> list[tuple[T, T | None, T | None]]:
    return [
        (item, items[i - 1] if i > 0 else None, items[i + 1] if i + 1 < len(items) else None)
        for i, item in enumerate(items)
    ]


def _first_sentence(html: str) -> str:
    text = re.sub(r"<[^>]+>", "", html).strip()
    match = re.match(r"(.+?[.!?])(\s|$)", text, re.S)
    return " ".join((match.group(1) if match else text[:200]).split())


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of the Atom feed: a new artist, series or work."""

    kind: str
    title: str
    url: str
    published: datetime.date
    updated: datetime.date
    summary: str
    author: str


FEED_ENTRIES = 50  # feed readers fetch the feed again and again: the newest entries are enough


def plan_feed(site: Site) -> list[FeedEntry]:
    """The newest artists, series and works (those that have a date), newest first."""
    entries = []
    for artist in site.artists:
        if artist.date:
            entries.append(
                FeedEntry(
                    "artist",
                    artist.name,
                    urls.artist_url(artist.slug),
                    artist.date,
                    artist.updated or artist.date,
                    artist.summary,
                    artist.name,
                )
            )
    for series in site.series:
        artist = site.artist_of(series)
        if series.date:
            entries.append(
                FeedEntry(
                    "series",
                    f"{series.title}, a series by {artist.name}",
                    urls.series_url(series.slug),
                    series.date,
                    series.updated or series.date,
                    _first_sentence(series.description_html),
                    artist.name,
                )
            )
        for work in series.works:
            published = work.date or series.date
            if published:
                entries.append(
                    FeedEntry(
                        "work",
                        f"{work.title} ({work.year}) by {artist.name}",
                        urls.work_url(series.slug, work.slug),
                        published,
                        published,
                        work.caption or work.alt,
                        artist.name,
                    )
                )
    return sorted(entries, key=lambda e: (-e.updated.toordinal(), e.url))[:FEED_ENTRIES]
