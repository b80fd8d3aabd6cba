"""The CV: a page per artist with a ``cv:``, at ``/artists/<slug>/cv/``, printed first.

Its sections come in the order curators expect: solo, then group exhibitions (then art fairs,
screenings and exhibitions of no ``kind``), education, awards, residencies, collections and the
bibliography; each newest first, undated entries last, in the order written among equals.
On paper (A4) it has no navigation: the artist's name and contact head the first page.
An artist without a CV has no page and no link to one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from generator import urls
from generator.config import SiteConfig
from generator.content.model import CV, Artist, CVEntry, Exhibition, PressItem, Work
from generator.content.record import CV_SECTIONS, EXHIBITION_HEADINGS, OTHER_EXHIBITIONS
from generator.language import english, language_for
from generator.media.images import PublishedImage
from generator.site.contact import contact_of
from generator.site.pages import Page, Planning, artist_cover

if TYPE_CHECKING:
    from generator.language import Language

Entry = Exhibition | CVEntry | PressItem


@dataclass(frozen=True, slots=True)
class CVLine:
    """One entry as the CV writes it: its years in the margin, a press item's date in full."""

    item: Entry
    years: str  # '2019', '2019–2021', or '' for an undated entry
    # What follows the title, each part given: venue or institution, city, country; a press
    # item's publication and its date as the site's language writes it.
    details: tuple[str, ...] = ()
    cited: bool = False  # a work's title (an exhibition, an article), set in italics
    quote: str = ""  # what a press item said


@dataclass(frozen=True, slots=True)
class CVSection:
    """One heading of the CV and its lines, newest first."""

    key: str  # an exhibition kind ('solo'…, 'other') or a list of ``cv:`` ('education'…)
    heading: str
    lines: tuple[CVLine, ...]


def cv_sections(cv: CV, language: Language | None = None) -> tuple[CVSection, ...]:
    """The CV's sections that have entries, in the order the page shows them, their headings
    and dates in ``language`` (default English)."""
    language = language or english()
    exhibitions = [
        (kind, heading, tuple(e for e in cv.exhibitions if e.kind == kind))
        for kind, heading in EXHIBITION_HEADINGS.items()
    ]
    exhibitions.append(("other", OTHER_EXHIBITIONS, tuple(e for e in cv.exhibitions if not e.kind)))
    lists: list[tuple[str, str, tuple[Entry, ...]]] = [
        *exhibitions,
        *((key, CV_SECTIONS[key], getattr(cv, key)) for key in CV_SECTIONS if key != "exhibitions"),
    ]
    return tuple(
        CVSection(
            key=key,
            heading=language.gettext(heading),
            # Newest first, undated last; a stable sort keeps the written order among equals.
            lines=tuple(_line(entry, language) for entry in sorted(entries, key=_when)),
        )
        for key, heading, entries in lists
        if entries
    )


def _line(entry: Entry, language: Language) -> CVLine:
    if isinstance(entry, PressItem):
        day = language.long_date(entry.date) if entry.date else ""
        return CVLine(
            entry,
            str(entry.date.year) if entry.date else "",
            _given(entry.publication, day),
            cited=True,
            quote=entry.quote,
        )
    where = entry.venue if isinstance(entry, Exhibition) else entry.institution
    return CVLine(
        entry,
        entry.years,
        _given(where, entry.city, entry.country),
        cited=isinstance(entry, Exhibition),
    )


def _given(*parts: str) -> tuple[str, ...]:
    return tuple(part for part in parts if part)


def _when(entry: Entry) -> tuple[int, int]:
    if isinstance(entry, PressItem):
        return (1, 0) if entry.date is None else (0, -entry.date.toordinal())
    return entry.newest_first()


def long_date(day: datetime.date, language: str) -> str:
    """A press item's date as ``language`` writes it in full: 'May 2, 2024' in English,
    '2. Mai 2024' in German (CLDR's long format); English for a language Babel does not know."""
    return language_for(language).long_date(day)


def cv_pages(plan: Planning) -> list[Page]:
    """One CV per artist who has one; made again when the artist or their series change (the
    first series' cover is the picture a shared link shows, as on the artist page)."""
    site = plan.site
    return [
        plan.memo.page(
            "cv",
            (artist, *site.series_of(artist)),
            partial(
                _cv_page,
                artist,
                site.config,
                artist_cover(site, artist),
                plan.images,
                plan.language,
            ),
        )
        for artist in site.artists
        if artist.cv
    ]


def _cv_page(
    artist: Artist,
    config: SiteConfig,
    cover: Work | None,
    images: dict[Any, PublishedImage],
    language: Language,
    identity: tuple[object, ...] = (),
) -> Page:
    sections = cv_sections(artist.cv, language)
    return Page(
        identity=identity,
        source=artist.source,
        url=urls.cv_url(artist.slug),
        template="cv.html",
        title=language.gettext("CV — %(name)s", name=artist.name),
        description=language.gettext(
            "The CV of %(name)s, %(discipline)s: %(sections)s.",
            name=artist.name,
            discipline=artist.discipline,
            sections=", ".join(section.heading.lower() for section in sections),
        ),
        image=images[cover.image].social if cover else None,
        image_alt=cover.alt if cover else "",
        data={
            "artist": artist,
            "sections": sections,
            # The whole contact: the artist's own keys, the rest the site's (on paper, the
            # CV is all a curator has to write back with).
            "contact": contact_of(config, artist),
        },
        updated=artist.updated or artist.date,
    )
