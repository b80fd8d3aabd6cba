"""The Atom feed's entries: the newest artists, series and works, and coming exhibitions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator import urls
from generator.content.model import Site
from generator.language import Language, english
from generator.site.exhibitions import Calendar, when
from generator.site.pages import first_sentence


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of the Atom feed: a new artist, series or work, or a coming exhibition."""

    kind: str
    title: str
    url: str
    published: datetime.date
    updated: datetime.date
    summary: str
    author: str


FEED_ENTRIES = 50  # feed readers fetch the feed again and again: the newest entries are enough


def plan_feed(
    site: Site, today: datetime.date | None = None, language: Language | None = None
) -> list[FeedEntry]:
    """The newest artists, series and works (those that have a date), and the exhibitions
    current or upcoming on ``today`` (the build's day), newest first; their titles and
    summaries in ``language`` (default English)."""
    language = language or english()
    calendar = Calendar.of(site, today or datetime.date.today())
    entries = _exhibition_entries(calendar, language)
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
                    language.gettext(
                        "%(title)s, a series by %(name)s", title=series.title, name=artist.name
                    ),
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
                        language.gettext(
                            "%(title)s (%(year)s) by %(name)s",
                            title=work.title,
                            year=work.year,
                            name=artist.name,
                        ),
                        urls.work_url(series.slug, work.slug),
                        published,
                        published,
                        work.caption or work.alt,
                        artist.name,
                    )
                )
    return sorted(entries, key=lambda e: (-e.updated.toordinal(), e.url))[:FEED_ENTRIES]


def _exhibition_entries(calendar: Calendar, language: Language) -> list[FeedEntry]:
    """The current and upcoming exhibitions with an opening day, each dated by
    ``Showing.stamp`` (from the content, as the calendar files are), linked to its place
    on the exhibitions page."""
    entries = []
    for showing in calendar.events:
        exhibition, stamp = showing.exhibition, showing.stamp
        assert stamp is not None  # an event has an opening day
        where = ", ".join(part for part in (exhibition.venue, exhibition.city) if part)
        names = language.join([a.name for a in showing.artists])
        dates = when(exhibition, language)
        titled = f"{exhibition.title}, {where}" if where else exhibition.title
        kind = showing.kind_in(language)
        entries.append(
            FeedEntry(
                "exhibition",
                f"{titled}: {dates}",
                f"{urls.exhibitions_url()}#{showing.key}",
                stamp,
                stamp,
                language.gettext(
                    "%(kind)s with %(names)s, %(dates)s, at %(where)s.",
                    kind=kind,
                    names=names,
                    dates=dates,
                    where=where,
                )
                if where
                else language.gettext(
                    "%(kind)s with %(names)s, %(dates)s.", kind=kind, names=names, dates=dates
                ),
                names,
            )
        )
    return entries
