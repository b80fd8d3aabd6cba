"""Exhibitions as iCalendar files (RFC 5545), written by hand: a few properties need no library.

Each exhibition is an all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the day after its last,
as the standard's end is exclusive). Lines end in CRLF and are folded at 75 octets without
splitting a character; text escapes backslashes, semicolons, commas and newlines. Nothing
comes from the clock: ``DTSTAMP`` is ``Showing.stamp`` and the ``UID`` is ``Showing.uid``, so
an unchanged site writes the same bytes and a calendar program recognises an event again.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from generator import urls
from generator.language import Language, english
from generator.site.exhibitions import Showing
from generator.urls import UrlBuilder

LINE_OCTETS = 75  # RFC 5545, 3.1: lines longer than this are folded
PRODID = "-//showcase//Exhibitions//EN"


def calendar_text(
    showings: Iterable[Showing], name: str, link: UrlBuilder, language: Language | None = None
) -> str:
    """A VCALENDAR with one VEVENT per showing that has an opening day, its description in
    ``language`` (default English)."""
    language = language or english()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    host = urlsplit(link.absolute("/")).hostname or "localhost"
    for showing in showings:
        lines += _event(showing, host, link, language)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(showing: Showing, host: str, link: UrlBuilder, language: Language) -> list[str]:
    exhibition = showing.exhibition
    start = exhibition.start
    if start is None:
        return []
    stamp = showing.stamp or start
    page = link.absolute(urls.exhibitions_url()) + "#" + showing.key
    names = ", ".join(a.name for a in showing.artists)
    description = (
        language.gettext("%(kind)s with %(names)s.", kind=showing.kind_in(language), names=names)
        + "\n"
        + language.gettext("Details: %(url)s", url=exhibition.url or page)
    )
    lines = [
        "BEGIN:VEVENT",
        f"UID:{showing.uid(host)}",
        f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{(exhibition.last_day or start) + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(exhibition.title)}",
    ]
    where = ", ".join(
        part for part in (exhibition.venue, exhibition.city, exhibition.country) if part
    )
    if where:
        lines.append(f"LOCATION:{escape(where)}")
    if exhibition.place is not None:
        lines.append(f"GEO:{exhibition.place.lat:.6f};{exhibition.place.lon:.6f}")
    lines += [
        f"DESCRIPTION:{escape(description)}",
        # A URI, not TEXT: nothing to escape, since the model's addresses hold no spaces or
        # line breaks (content/record.py refuses them); a line break would start a property.
        f"URL:{_uri(exhibition.url or page)}",
        "TRANSP:TRANSPARENT",  # an exhibition runs for weeks: it does not make one busy
        "END:VEVENT",
    ]
    return lines


def escape(text: str) -> str:
    r"""A TEXT value (RFC 5545, 3.3.11): '\', ';' and ',' escaped, newlines as '\n'."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded (RFC 5545, 3.1): no line longer than 75 octets, a continuation
    starting with one space, and never inside a UTF-8 character."""
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def _uri(address: str) -> str:
    """``address`` for a URI value, refused if it could break the line it is written on."""
    if any(char.isspace() or ord(char) < 32 for char in address):
        raise ValueError(f"an address with a space or a line break: {address!r}")
    return address
