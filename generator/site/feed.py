"""The Atom feed's entries: the newest artists, series and works."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator import urls
from generator.content.model import Site
from generator.site.pages import first_sentence


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
        if series.unlisted:  # nor its works: an unlisted page is linked from nowhere
            continue
        artist = site.artist_of(series)
        if series.date:
            entries.append(
                FeedEntry(
                    "series",
                    f"{series.title}, a series by {artist.name}",
                    urls.series_url(series.slug),
                    series.date,
                    series.updated or series.date,
                    first_sentence(series.description_html),
                    artist.name,
                )
            )
        for work in series.listed_works:
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
