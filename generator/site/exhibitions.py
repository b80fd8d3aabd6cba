"""The exhibitions calendar: every artist's ``cv.exhibitions`` together, split around a day.

An exhibition two artists list (the same title, venue and dates) is one ``Showing`` naming
both. ``Calendar.of(site, today)`` sorts the showings into three sections:

- **current and upcoming**: its last day (its ``end``, or its ``start`` for a one-day entry) is
  ``today`` or later; an entry dated by ``year`` alone is here while that year is not over,
  since the record does not say when in the year it was; soonest first;
- **past**: the rest of the dated ones, grouped by the year they opened, newest first;
- **undated**: entries without a year or dates, still shown, in the order the artists (in
  site order) list them.

``today`` is the build's day (``BuildOptions.today``); nothing here reads the clock.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from generator.content.model import Artist, Exhibition, Site
from generator.content.record import EXHIBITION_KINDS
from generator.language import N_
from generator.site.jsonld import latest
from generator.source.slugs import slugify

if TYPE_CHECKING:
    from generator.language import Language

# What an exhibition of no ``kind`` is called in the feed and the calendar files.
EXHIBITION = N_("Exhibition")
KEY_TITLE_LENGTH = 48  # a file name and an anchor: the title's slug, shortened, then a digest


@dataclass(frozen=True, slots=True)
class Showing:
    """One exhibition on the calendar, with every artist who lists it."""

    exhibition: Exhibition  # as the first artist (in site order) writes it
    artists: tuple[Artist, ...]
    key: str  # the anchor on the page and the name of its .ics file

    @property
    def kind_label(self) -> str:
        """'Solo exhibition', 'Group exhibition'…, or '' (in English: the pages translate)."""
        return EXHIBITION_KINDS.get(self.exhibition.kind, "")

    def kind_in(self, language: Language) -> str:
        """Its kind in ``language``, or 'Exhibition' (translated) without one."""
        return language.gettext(self.kind_label or EXHIBITION)

    @property
    def stamp(self) -> datetime.date | None:
        """When the record of it last changed, as far as the input says: the latest ``updated``
        or ``date`` of its artists, else its opening day. The iCalendar DTSTAMP and the feed's
        dates, taken from the content so that a build does not depend on the clock."""
        changed = latest(*(day for a in self.artists for day in (a.updated, a.date)))
        return changed or self.exhibition.start

    def uid(self, host: str) -> str:
        """A UID that stays the same from build to build, and through corrections of the
        venue or dates (see ``showing_key``): the first artist's slug (alphabetically) and
        the exhibition's key, at the site's host."""
        return f"{min(a.slug for a in self.artists)}-{self.key}@{host}"


def identity(exhibition: Exhibition) -> tuple[str, str, str]:
    """What makes two artists' entries one exhibition: its title, venue and dates, compared
    without regard to case or spacing."""
    when = (
        f"{exhibition.start}/{exhibition.end}" if exhibition.start else str(exhibition.year or "")
    )
    return (_folded(exhibition.title), _folded(exhibition.venue), when)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def showing_key(exhibition: Exhibition, *, whole: bool = False) -> str:
    """The exhibition's name in URLs and in its calendar UID: 'spring-salon-3f9a2c1b'.

    It is made from the title and the year it opened alone, so that correcting the venue or
    moving the closing day keeps it: a calendar that subscribed to the exhibition updates
    the event rather than adding a second one, and a shared link to it still leads there.
    ``whole`` makes it from the title, venue and dates, for two exhibitions of one title
    and year (``showings`` uses it for them alone).
    """
    if whole:
        parts: tuple[str, ...] = identity(exhibition)
    else:
        parts = (_folded(exhibition.title), str(exhibition.first_year or ""))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:8]
    title = slugify(exhibition.title)[:KEY_TITLE_LENGTH].strip("-")
    return f"{title}-{digest}" if title else digest


def showings(site: Site) -> tuple[Showing, ...]:
    """Every exhibition of the site once, its artists in site order, in the order listed."""
    found: dict[tuple[str, str, str], tuple[Exhibition, list[Artist]]] = {}
    for artist in site.artists:
        for exhibition in artist.cv.exhibitions:
            entry = found.setdefault(identity(exhibition), (exhibition, []))
            if artist not in entry[1]:
                entry[1].append(artist)
    keys = [showing_key(exhibition) for exhibition, _ in found.values()]
    shared = {key for key in keys if keys.count(key) > 1}
    return tuple(
        Showing(exhibition, tuple(artists), showing_key(exhibition, whole=key in shared))
        for (exhibition, artists), key in zip(found.values(), keys, strict=True)
    )


@dataclass(frozen=True, slots=True)
class Calendar:
    """The exhibitions page's sections on ``today``."""

    today: datetime.date
    upcoming: tuple[Showing, ...]  # current and upcoming, soonest first
    past: tuple[tuple[int, tuple[Showing, ...]], ...]  # (year, showings), newest first
    undated: tuple[Showing, ...]

    @classmethod
    def of(cls, site: Site, today: datetime.date) -> Calendar:
        """The site's exhibitions, sorted into sections around ``today``."""
        upcoming, past, undated = [], [], []
        for showing in showings(site):
            exhibition = showing.exhibition
            if exhibition.first_year is None:
                undated.append(showing)
            elif is_upcoming(exhibition, today):
                upcoming.append(showing)
            else:
                past.append(showing)
        upcoming.sort(key=_soonest_first)
        past.sort(key=_newest_first)
        by_year = tuple(
            (year, tuple(group))
            for year, group in groupby(past, key=lambda s: s.exhibition.first_year or 0)
        )
        return cls(today, tuple(upcoming), by_year, tuple(undated))

    def __bool__(self) -> bool:
        return bool(self.upcoming or self.past or self.undated)

    @property
    def dated(self) -> tuple[Showing, ...]:
        """Every showing with an opening day (those a calendar program can hold)."""
        past = (s for _, group in self.past for s in group)
        return tuple(s for s in (*self.upcoming, *past) if s.exhibition.start is not None)

    @property
    def events(self) -> tuple[Showing, ...]:
        """The current and upcoming showings with an opening day: one .ics file each."""
        return tuple(s for s in self.upcoming if s.exhibition.start is not None)

    def on_now(self, showing: Showing) -> bool:
        """Whether it is open on the calendar's day: opened, and not yet over."""
        start, last = showing.exhibition.start, showing.exhibition.last_day
        return start is not None and last is not None and start <= self.today <= last


def is_upcoming(exhibition: Exhibition, today: datetime.date) -> bool:
    """Whether a dated exhibition is current or upcoming on ``today``."""
    last = exhibition.last_day
    if last is not None:
        return last >= today
    return exhibition.year is not None and exhibition.year >= today.year


def _newest_first(showing: Showing) -> tuple[int, int, int, str, str]:
    exhibition = showing.exhibition
    undated, last = exhibition.newest_first()
    return (-(exhibition.first_year or 0), undated, last, exhibition.title, showing.key)


def _soonest_first(showing: Showing) -> tuple[datetime.date, datetime.date, str, str]:
    exhibition = showing.exhibition
    opening = exhibition.start or datetime.date(exhibition.year or datetime.MAXYEAR, 12, 31)
    return (opening, exhibition.last_day or opening, exhibition.title, showing.key)


def when(exhibition: Exhibition | Showing, language: Language | None = None) -> str:
    """Its dates as the page writes them: '3 March 2025', '3–30 March 2025',
    '28 March – 4 April 2025', '2024', or ''. In another language than English, as CLDR
    writes a day and a span of days in it: '3 марта 2025 г.', '2025 ж. 3–30 нау.'."""
    if isinstance(exhibition, Showing):
        exhibition = exhibition.exhibition
    start, end = exhibition.start, exhibition.end
    if start is None:
        return str(exhibition.year) if exhibition.year is not None else ""
    if language is not None and language.locale.language != "en":
        if end is None or end == start:
            return language.long_date(start)
        return language.date_range(start, end)
    if end is None or end == start:
        return _day(start, month=True, year=True)
    if start.year != end.year:
        return f"{_day(start, month=True, year=True)} – {_day(end, month=True, year=True)}"
    if start.month != end.month:
        return f"{_day(start, month=True, year=False)} – {_day(end, month=True, year=True)}"
    return f"{start.day}–{_day(end, month=True, year=True)}"


MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)


def _day(day: datetime.date, *, month: bool, year: bool) -> str:
    text = str(day.day)
    if month:
        text += " " + MONTHS[day.month - 1]
    if year:
        text += f" {day.year}"
    return text
