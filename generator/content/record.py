"""The artist's record: a ``statement`` and a ``cv`` of exhibitions, education, awards,
residencies, collections and press, read once from the artist's front-matter.

Every view of the record (the CV page, the exhibitions calendar, the map's journeys, the press
kit, the JSON-LD) is derived from the dataclasses read here; none reads the YAML again.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from generator.content.markdown import MarkdownRenderer, NestingTooDeep
from generator.content.model import CV, CVEntry, Exhibition, PressItem
from generator.content.places import read_city
from generator.content.years import HIGH, LOW
from generator.language import N_
from generator.source.fields import Fields

# The lists of ``cv:``, in the order the CV page shows them, with their headings.
# Marked with N_ for the catalogues; the pages translate them where they show them.
CV_SECTIONS: dict[str, str] = {
    "exhibitions": N_("Exhibitions"),
    "education": N_("Education"),
    "awards": N_("Awards"),
    "residencies": N_("Residencies"),
    "collections": N_("Collections"),
    "press": N_("Bibliography"),
}
EXHIBITION_KINDS: dict[str, str] = {
    "solo": N_("Solo exhibition"),
    "group": N_("Group exhibition"),
    "fair": N_("Art fair"),
    "screening": N_("Screening"),
}
# The CV's heading over the exhibitions of each kind.
EXHIBITION_HEADINGS: dict[str, str] = {
    "solo": N_("Solo exhibitions"),
    "group": N_("Group exhibitions"),
    "fair": N_("Art fairs"),
    "screening": N_("Screenings"),
}
# Exhibitions without a kind come after those with one, under this heading (the CV page and
# the press kit's cv.txt).
OTHER_EXHIBITIONS = N_("Other exhibitions")
WHEN_KEYS = ("year", "start", "end")
EXHIBITION_KEYS = (
    *("title", "venue", "city", "country", "kind", "url", "lat", "lon"),
    *WHEN_KEYS,
)
ENTRY_KEYS = ("title", "institution", "city", "country", "url", *WHEN_KEYS)
PRESS_KEYS = ("title", "publication", "date", "url", "quote")
# A span of years written as 'year:' ('2019-2021', '2019–21'): said to be written otherwise.
_YEARS = re.compile(r"\s*\d{4}\s*[-–—/]\s*\d{2,4}\s*$")


def read_statement(fields: Fields, markdown: MarkdownRenderer) -> str:
    """The artist's ``statement`` (Markdown) as HTML, or ''."""
    text = fields.text("statement", required=False)
    if not text:
        return ""
    try:
        return markdown.render(text)
    except NestingTooDeep as exc:
        fields.problems.add(
            f"{fields.label('statement')}: {exc.message}", fields.mark("statement"), exc.hint
        )
        return ""


def read_cv(fields: Fields) -> CV:
    """The artist's ``cv:``: each list optional, each entry checked where it was written."""
    cv = fields.mapping("cv", required=False)
    if cv is None:
        return CV()
    cv.check_keys(tuple(CV_SECTIONS))
    return CV(
        exhibitions=tuple(_exhibition(item) for item in cv.mappings("exhibitions")),
        education=tuple(_entry(item) for item in cv.mappings("education")),
        awards=tuple(_entry(item) for item in cv.mappings("awards")),
        residencies=tuple(_entry(item) for item in cv.mappings("residencies")),
        collections=tuple(_entry(item) for item in cv.mappings("collections")),
        press=tuple(_press(item) for item in cv.mappings("press")),
    )


def _exhibition(fields: Fields) -> Exhibition:
    fields.check_keys(EXHIBITION_KEYS)
    year, start, end = _when(fields)
    return Exhibition(
        title=fields.text("title"),
        venue=fields.text("venue", required=False),
        city=fields.text("city", required=False),
        country=fields.text("country", required=False),
        kind=_kind(fields),
        url=_url(fields),
        year=year,
        start=start,
        end=end,
        place=read_city(fields),
        line=fields.mark().line,
    )


def _entry(fields: Fields) -> CVEntry:
    fields.check_keys(ENTRY_KEYS)
    year, start, end = _when(fields)
    return CVEntry(
        title=fields.text("title"),
        institution=fields.text("institution", required=False),
        city=fields.text("city", required=False),
        country=fields.text("country", required=False),
        url=_url(fields),
        year=year,
        start=start,
        end=end,
    )


def _press(fields: Fields) -> PressItem:
    fields.check_keys(PRESS_KEYS)
    return PressItem(
        title=fields.text("title"),
        publication=fields.text("publication", required=False),
        date=fields.date("date"),
        url=_url(fields),
        quote=fields.text("quote", required=False),
    )


def _when(fields: Fields) -> tuple[int | None, datetime.date | None, datetime.date | None]:
    """An entry's ``year``, or its ``start`` and ``end`` dates; all may be left out."""
    raw = fields.data.get("year")
    year = None
    if isinstance(raw, str) and _YEARS.match(raw):
        fields.problems.add(
            f"{fields.label('year')} is one year, not a span (got {raw!r})",
            fields.mark("year"),
            "for an entry over several years write 'start: YYYY-MM-DD' and 'end: YYYY-MM-DD'",
        )
    elif raw is not None:
        year = fields.integer("year", low=LOW, high=HIGH, required=False)
    start, end = fields.date("start"), fields.date("end")
    if end is not None and start is None:
        fields.problems.add(
            f"{fields.label('end')} needs a 'start' date",
            fields.mark("end"),
            "add 'start: YYYY-MM-DD' (the opening day), or write only 'year:'",
        )
    if start is not None and end is not None and end < start:
        fields.problems.add(
            f"{fields.label('end')} ({end.isoformat()}) is before its start ({start.isoformat()})",
            fields.mark("end"),
            "swap the two dates, or correct the one mistyped",
        )
    if year is not None and start is not None and year != start.year:
        fields.problems.add(
            f"{fields.label('year')} ({year}) is not the year of its start ({start.isoformat()})",
            fields.mark("year"),
            "leave 'year:' out when the entry has a 'start' date: the year is taken from it",
        )
    return year, start, end


def _kind(fields: Fields) -> str:
    """An exhibition's ``kind``: one of EXHIBITION_KINDS, in any case ('Solo' is 'solo'), or ''
    when not said."""
    return fields.choice("kind", EXHIBITION_KINDS, otherwise="leave 'kind' out if none fits")


def _url(fields: Fields) -> str:
    """An entry's ``url``: a web address (http or https), or ''."""
    url = fields.text("url", required=False)
    if url and not url.lower().startswith(("https://", "http://")):
        scheme = re.match(r"[a-z][a-z0-9+.-]*:(?!\d)", url, re.I)
        fields.problems.add(
            f"{fields.label('url')} must be a web address starting with https:// (got {url!r})",
            fields.mark("url"),
            "link to a web page, by its https:// address"
            if scheme
            else f"write it in full, such as 'url: https://{url.removeprefix('//')}'",
        )
        return ""
    if url and (
        any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url)
        or not urlsplit(url).hostname
    ):
        fields.problems.add(
            f"{fields.label('url')} is not a whole web address (got {url!r})",
            fields.mark("url"),
            "write the address as the browser shows it, on one line, without spaces "
            "(a space in an address is written %20)",
        )
        return ""
    return url
