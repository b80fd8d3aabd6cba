"""The example values `showcase new` writes, defined once, and a refusal to publish them.

`new artist` and `new series` fill their files with these values so that a draft previews as
a whole page; a page that is published must say something true instead. The scaffold writes
them from here, and :func:`placeholder_errors` finds any left in a published item, naming the
file, the line and what to write there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.content.model import Artist, Series, Site
from generator.errors import ContentError, SiteError
from generator.layout import CONTENT_DIR
from generator.source.frontmatter import parse_frontmatter
from generator.source.marks import KeyPath


def _whatever_name(example: str) -> re.Pattern[str]:
    """``example`` with its ``{name}`` or ``{title}`` standing for any text: an example
    stays an example after the name it was written with is corrected."""
    return re.compile(re.sub(r"\\\{(?:name|title)\\\}", ".+", re.escape(example)))


# What `new artist NAME` writes (``{name}`` is the artist's name).
ARTIST_SUMMARY = "One sentence about {name}."
_ARTIST_SUMMARY_ANY = _whatever_name(ARTIST_SUMMARY)
ARTIST_PORTRAIT_ALT = "{name} in the studio."
_ARTIST_PORTRAIT_ALT_ANY = _whatever_name(ARTIST_PORTRAIT_ALT)
ARTIST_HOMETOWN = "Hometown"
ARTIST_HOMETOWN_LAT = 0.0
ARTIST_HOMETOWN_LON = 0.0
ARTIST_STORY = (
    "Write {name}'s story here, in Markdown: paragraphs separated by a blank line, *emphasis*,\n"
    "[links](https://example.org) and footnotes."
)
# What `new series TITLE` writes (``{title}`` is the series' title).
WORK_TITLE = "First Work"
WORK_ALT = "What the image shows, in a sentence."
VIEW_ALT = "What the detail shows, in a sentence."
WORK_CAPTION = "A line shown under the work."
SERIES_DESCRIPTION = "A paragraph or two about {title}, in Markdown."

# The bodies, as they read once rendered: a name or title in the middle is anything.
_STORY_HTML = re.compile(r"story here, in Markdown: paragraphs separated by a blank line")
_DESCRIPTION_HTML = re.compile(r"<p>A paragraph or two about .*, in Markdown\.</p>")


@dataclass(frozen=True, slots=True)
class _Left:
    """One example value left in a published item."""

    source: str
    key: KeyPath  # where it stands in the front-matter; () for the body
    what: str  # the field, as the author reads it
    hint: str
    body: str = ""  # for the body: a piece of the line to find


def placeholder_errors(
    root: Path, artists: Iterable[Artist], series: Iterable[Series]
) -> list[ContentError]:
    """An error for every example value of `showcase new` still in a published artist or
    series (a draft, or a draft artist's series, may keep them)."""
    artists = tuple(artists)
    hidden = {artist.slug for artist in artists if artist.draft}
    left = [
        *(found for artist in artists if not artist.draft for found in _in_artist(artist)),
        *(found for one in series if one.artist_slug not in hidden for found in _in_series(one)),
    ]
    return [_located(root, found) for found in left]


def _in_artist(artist: Artist) -> Iterator[_Left]:
    src = artist.source
    if _ARTIST_SUMMARY_ANY.fullmatch(artist.summary):
        yield _Left(src, ("summary",), "the summary", "write one true sentence about the artist")
    if artist.portrait is not None and _ARTIST_PORTRAIT_ALT_ANY.fullmatch(artist.portrait_alt):
        yield _Left(
            src,
            ("portrait_alt",),
            "the portrait's alt text",
            "describe what the portrait shows, for people who cannot see it",
        )
    town = artist.hometown
    if town.name == ARTIST_HOMETOWN or (
        town.lat == ARTIST_HOMETOWN_LAT and town.lon == ARTIST_HOMETOWN_LON
    ):
        yield _Left(
            src,
            ("hometown", "name" if town.name == ARTIST_HOMETOWN else "lat"),
            "the hometown",
            "write the town's name and country, then its lat and lon (Turkistan is "
            "lat 43.2973, lon 68.2518), or delete the lat and lon lines to have the town "
            "looked up by name",
        )
    if _STORY_HTML.search(artist.story_html):
        yield _Left(
            src,
            (),
            "the story",
            "write the artist's story below the front-matter",
            body="story here",
        )


def _in_series(series: Series) -> Iterator[_Left]:
    src = series.source
    for index, work in enumerate(series.works):
        for key, value, example, hint in (
            ("title", work.title, WORK_TITLE, "give the work its own title"),
            ("alt", work.alt, WORK_ALT, "describe what the image shows, in a sentence"),
            ("caption", work.caption, WORK_CAPTION, "write the line to show under the work"),
        ):
            if value == example:
                what = f"the {'alt text' if key == 'alt' else key} of work {index + 1}"
                yield _Left(src, ("works", index, key), what, hint)
        for number, view in enumerate(work.views):
            if view.alt == VIEW_ALT:
                what = f"the alt text of work {index + 1}'s view {number + 1}"
                hint = "describe what the view shows, in a sentence"
                yield _Left(src, ("works", index, "views", number, "alt"), what, hint)
    if _DESCRIPTION_HTML.search(series.description_html):
        yield _Left(
            src,
            (),
            "the description",
            "write a paragraph about the series below the front-matter",
            body="A paragraph or two about",
        )


def _located(root: Path, found: _Left) -> ContentError:
    """The error for ``found``, at the line its value stands on."""
    if found.body:
        text = _text(root, found.source)
        line = next((n for n, t in enumerate(text.splitlines(), start=1) if found.body in t), None)
    else:
        line = line_of(root, found.source, found.key)
    return ContentError(
        f"{found.what} is still the example text of 'showcase new': a published page "
        "must not show it",
        path=found.source,
        line=line,
        hint=found.hint
        + (
            ", or keep the artist a draft with 'draft: true'"
            if found.source.startswith(f"{CONTENT_DIR}/artists/")
            else ", or keep the series' artist a draft"
        ),
    )


def line_of(root: Path, source: str, key: KeyPath) -> int | None:
    """The line of ``source`` (relative to ``root``) that ``key``'s value stands on, or the
    nearest enclosing key's; None when the file cannot be read again."""
    text = _text(root, source)
    try:
        marks = parse_frontmatter(text, source).marks if text else {}
    except SiteError:
        return None
    while key and key not in marks:
        key = key[:-1]
    return marks[key].line if key else None


def _text(root: Path, source: str) -> str:
    try:
        return (root / source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


# -- Alt texts that say nothing of the image ------------------------------------------

# Whole alt texts (any case, punctuation aside) that say nothing of what an image shows.
VAGUE_ALTS = frozenset(
    {
        "alt", "alt text", "artwork", "drawing", "fixme", "graphic", "image", "img", "painting",
        "photo", "photograph", "pic", "picture", "placeholder", "tbd", "todo", "xxx",
    }
)  # fmt: skip
_IMAGE_NAME = re.compile(r"\.(jpe?g|png|gif|webp|avif|tiff?|heic|heif|bmp)$", re.IGNORECASE)


def vague_alt(alt: str, image: Path | None) -> str | None:
    """Why ``alt`` does not describe its image (a file name, a placeholder), or None."""
    text = alt.strip()
    if " ".join(re.sub(r"[^\w\s]", " ", text).lower().split()) in VAGUE_ALTS:
        return "is a placeholder"
    name_like = not any(c.isspace() for c in text) and (
        bool(_IMAGE_NAME.search(text))
        or "_" in text
        or (any(c.isdigit() for c in text) and "-" in text)
    )
    if name_like or (image is not None and text.lower() == image.stem.lower()):
        return "is a file name"
    return None


def vague_alts(site: Site) -> list[tuple[str, int | None, str]]:
    """The file, line and message of every alt text of ``site`` that is a file name or a
    placeholder ('01-first-work.jpg', 'image'): `check` counts each an error, the build
    warns of it."""
    found: list[tuple[str, KeyPath, str, str]] = []
    for artist in site.artists:
        if artist.portrait is not None:
            why = vague_alt(artist.portrait_alt, artist.portrait)
            if why:
                found.append((artist.source, ("portrait_alt",), artist.portrait_alt, why))
    for series in site.series:
        for index, work in enumerate(series.works):
            why = vague_alt(work.alt, work.image)
            if why:
                found.append((series.source, ("works", index, "alt"), work.alt, why))
            for number, view in enumerate(work.views):
                why = vague_alt(view.alt, view.image)
                if why:
                    key = ("works", index, "views", number, "alt")
                    found.append((series.source, key, view.alt, why))
    return [
        (
            source,
            line_of(site.root, source, key),
            f"the alt text {alt!r} {why}: describe what the image shows, in a sentence, "
            "for people who cannot see it",
        )
        for source, key, alt, why in found
    ]


def vague_alt_warnings(site: Site) -> list[str]:
    """The build's warnings of :func:`vague_alts`, located as its other warnings are."""
    return [
        f"{source}:{line}: {message}" if line else f"{source}: {message}"
        for source, line, message in vague_alts(site)
    ]
