"""An artist's press kit, decided once: its biography, selected works and their credit lines.

The press page (``generator.site.press``) and the download (``generator.media.presskit``) both
show what this module decides, from the model alone, so the two never disagree:

- the **biography** is ``press_bio`` when the artist has one; else the ``summary`` followed by
  the story's first ``BIO_PARAGRAPHS`` paragraphs (headings, images and quotes skipped);
- the **selected works** are the listed works of listed series marked ``press: true``; when
  none is, the first listed work of each listed series. Unlisted works and series, and draft
  artists (left out of the published site), never appear;
- an artist with **no work to offer** (no listed series yet) has no press kit, neither page
  nor download: images with their credit lines are what a press kit is for, and the
  artist's page already gives the biography;
- each work's **credit line** is "Title, year. Medium, dimensions. © Artist." followed by the
  work's ``credit`` ("Courtesy Galerie Tengri, Almaty") when it has one: a courtesy is never
  invented, since only the author knows who lends an image.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from generator.content.model import CV, Artist, CVEntry, Dated, Exhibition, Series, Site, Work
from generator.content.record import CV_SECTIONS, EXHIBITION_HEADINGS, OTHER_EXHIBITIONS
from generator.language import N_

BIO_PARAGRAPHS = 2  # of the story, after the summary, when there is no press_bio
CV_SUMMARY_ENTRIES = 3  # the latest few of each section the press page sums up


@dataclass(frozen=True, slots=True)
class PressWork:
    """A selected work: what the press page shows and the download holds of it."""

    work: Work
    series: Series
    title: str  # the credit line's first part, set in italics on the page
    credit: str  # the rest: "2017. Oil on canvas, 80 × 120 cm. © Bakhyt Morel."
    file_name: str  # its JPEG's name in the download: "01-awnings-green-bazaar.jpg"

    @property
    def credit_line(self) -> str:
        """The full credit line, as captions.txt writes it."""
        return f"{self.title}, {self.credit}"


@dataclass(frozen=True, slots=True)
class PressKit:
    """What a journalist is given about one artist."""

    artist: Artist
    biography_html: str
    works: tuple[PressWork, ...]
    # Whether ``press: true`` chose the works (else each listed series gave its first).
    chosen: bool
    # The latest few entries of the CV's main sections: (heading, ((years, text), …)).
    cv_summary: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


def press_kit(site: Site, artist: Artist) -> PressKit:
    """The press kit of ``artist``, a published artist of ``site``."""
    works, chosen = selected_works(site, artist)
    width = max(2, len(str(len(works))))
    return PressKit(
        artist=artist,
        biography_html=biography_html(artist),
        works=tuple(
            PressWork(
                work=work,
                series=series,
                title=work.title,
                credit=credit(work, artist),
                file_name=f"{number:0{width}d}-{work.slug}.jpg",
            )
            for number, (work, series) in enumerate(works, start=1)
        ),
        chosen=chosen,
        cv_summary=cv_summary(artist.cv),
    )


def selected_works(site: Site, artist: Artist) -> tuple[list[tuple[Work, Series]], bool]:
    """The works the press kit offers, each with its series, and whether ``press: true``
    chose them (rather than each listed series giving its first listed work)."""
    listed = [(work, series) for series in site.series_of(artist) for work in series.listed_works]
    marked = [(work, series) for work, series in listed if work.press]
    if marked:
        return marked, True
    return [(series.listed_works[0], series) for series in site.series_of(artist)], False


def has_press_kit(site: Site, artist: Artist) -> bool:
    """Whether ``artist`` has a press kit: a work to offer in it (see the module's rules)."""
    return any(series.listed_works for series in site.series_of(artist))


def credit(work: Work, artist: Artist) -> str:
    """A work's credit line after its title: year, medium, dimensions, ©, and its courtesy."""
    material = f"{work.medium}, {work.dimensions}" if work.dimensions else work.medium
    parts = [str(work.year), material, f"©\u00a0{artist.name}", work.credit]  # no-break space
    return " ".join(_sentence(part) for part in parts if part)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def biography_html(artist: Artist) -> str:
    """``press_bio``, else the summary and the story's first paragraphs, as HTML."""
    if artist.press_bio_html:
        return artist.press_bio_html
    paragraphs = [f"<p>{html.escape(artist.summary, quote=False)}</p>"]
    paragraphs += [f"<p>{inner}</p>" for inner in story_paragraphs(artist.story_html)]
    return "\n".join(paragraphs) + "\n"


def story_paragraphs(story_html: str, count: int = BIO_PARAGRAPHS) -> list[str]:
    """The inner HTML of the story's first ``count`` top-level paragraphs that hold text.

    Tags are followed with one regular expression, and only as far as the paragraphs needed:
    at a thousand artists an HTML parser reading each story whole took seconds a build.
    """
    found: list[str] = []
    depth = 0
    inner: int | None = None
    for tag in _TAG.finditer(story_html):
        closing, name = tag.group(1), tag.group(2)
        if name is None or name.lower() in _VOID or tag.group(0).endswith("/>"):
            continue  # a comment, or an element without content
        name = name.lower()
        if not closing:
            if depth == 0 and name == "p":
                inner = tag.end()
            depth += 1
            continue
        depth = max(0, depth - 1)
        if depth == 0 and name == "p" and inner is not None:
            content = story_html[inner : tag.start()].strip()
            if html.unescape(_TAG.sub("", content)).strip():
                found.append(content)
                if len(found) == count:
                    break
            inner = None
    return found


def cv_summary(cv: CV) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The latest few exhibitions, the education and the latest few awards, newest first."""
    sections: list[tuple[str, tuple[Dated, ...]]] = [
        (N_("Selected exhibitions"), cv.exhibitions),
        (CV_SECTIONS["education"], cv.education),
        (CV_SECTIONS["awards"], cv.awards),
    ]
    return tuple(
        (heading, tuple(_line(entry) for entry in _newest(entries)[:CV_SUMMARY_ENTRIES]))
        for heading, entries in sections
        if entries
    )


def _newest(entries: tuple[Dated, ...]) -> list[Dated]:
    return sorted(entries, key=lambda entry: entry.newest_first())


def _line(entry: Dated) -> tuple[str, str]:
    """An entry of the CV as (its years, what it was), as the CV writes it."""
    if isinstance(entry, Exhibition):
        parts = [entry.title, entry.venue, entry.city, entry.country]
    else:
        assert isinstance(entry, CVEntry)
        parts = [entry.title, entry.institution, entry.city, entry.country]
    return entry.years, ", ".join(part for part in parts if part)


def cv_text(artist: Artist) -> str:
    """The whole CV as plain text, section by section, newest first: the download's cv.txt."""
    cv = artist.cv
    out = [artist.name, "Curriculum vitae", ""]
    sections: list[tuple[str, tuple[Dated, ...]]] = []
    for kind, heading in EXHIBITION_HEADINGS.items():
        sections.append((heading, tuple(e for e in cv.exhibitions if e.kind == kind)))
    sections.append((OTHER_EXHIBITIONS, tuple(e for e in cv.exhibitions if not e.kind)))
    for key in ("education", "awards", "residencies", "collections"):
        sections.append((CV_SECTIONS[key], getattr(cv, key)))
    for heading, entries in sections:
        if entries:
            out += [heading, *(_text_line(_line(entry)) for entry in _newest(entries)), ""]
    if cv.press:
        out.append(CV_SECTIONS["press"])
        for item in sorted(cv.press, key=lambda p: -(p.date or datetime.date.min).toordinal()):
            when = item.date.isoformat() if item.date else ""
            text = ", ".join(part for part in (item.title, item.publication) if part)
            out.append(_text_line((when, f"{text}. {item.url}" if item.url else text)))
        out.append("")
    return "\n".join(out)


def _text_line(line: tuple[str, str]) -> str:
    years, text = line
    return f"{years}  {text}" if years else text


def captions_text(kit: PressKit) -> str:
    """The download's captions.txt: each JPEG's name, its credit line and its caption."""
    out = [f"{kit.artist.name}: selected works", ""]
    for press in kit.works:
        out += [press.file_name, press.credit_line]
        if press.work.caption:
            out.append(press.work.caption)
        out.append("")
    return "\n".join(out)


def plain_text(fragment: str) -> str:
    """HTML as plain text: a paragraph a line, a blank line between blocks, "- " before
    list items, and each link's address after its text when it differs."""
    reader = _PlainText()
    reader.feed(fragment)
    reader.close()
    return reader.text()


# Elements that end a block of text, and elements without an end tag.
_BLOCKS = frozenset(
    {"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
    | {"figure", "figcaption", "table", "tr", "hr", "dl", "dt", "dd", "section"}
)
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "col"})
# A comment, or a start or end tag (its name in group 2; "/" in group 1 for an end tag), its
# quoted attribute values allowed to hold ">".
_TAG = re.compile(
    r"<!--.*?(?:-->|$)|<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S
)


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.links: list[tuple[str | None, int]] = []  # each open link: its href, its text
        self.pre = 0

    def _end_block(self) -> None:
        text = "".join(self.current)
        text = text.strip("\n") if self.pre else " ".join(text.split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._end_block()
        if tag == "li":
            self.current.append("- ")
        elif tag == "br":
            self.current.append("\n" if self.pre else " ")
        elif tag == "pre":
            self.pre += 1
        elif tag == "a":
            self.links.append((dict(attrs).get("href"), len(self.current)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href, start = self.links.pop()
            shown = "".join(self.current[start:]).strip()
            if href and href.startswith(("http://", "https://")) and href != shown:
                self.current.append(f" ({href})")
        if tag in _BLOCKS:
            self._end_block()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def text(self) -> str:
        self._end_block()
        return "\n\n".join(self.blocks) + "\n" if self.blocks else ""
