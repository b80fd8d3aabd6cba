"""The series kind: ``content/series/<slug>.md``, a body of work with its works and images."""

from __future__ import annotations

import functools
import os
import struct
import warnings
import zlib
from pathlib import Path

from generator.content.model import Series, Work
from generator.content.pages import read_unlisted
from generator.content.reading import (
    Disk,
    Reading,
    commented_out,
    read_slug,
    render_body,
)
from generator.content.recordings import RECORDING_KEYS, read_picture, read_recording, read_views
from generator.content.sale import (
    SALE_KEYS,
    read_edition,
    read_inventory,
    read_price,
    read_status,
)
from generator.content.years import HIGH, LOW, parse_year
from generator.source.fields import Fields
from generator.source.frontmatter import FrontMatter
from generator.source.imagefile import (
    MAX_PIXELS,
    EmbeddedText,
    open_image,
    read_embedded_text,
)
from generator.source.slugs import PAGES

SERIES_KEYS = (
    *("date", "updated", "title", "slug", "artist", "years", "weight", "works"),
    "visibility",  # see generator.content.pages
)
WORK_KEYS: tuple[str, ...] = (
    *("date", "title", "slug", "image", "year", "medium", "alt", "caption", "dimensions"),
    *SALE_KEYS,
    "visibility",
    *RECORDING_KEYS,
    *("press", "credit"),  # the press kit's selection and credit line (generator.content.press)
)


def read_series(fields: Fields, document: FrontMatter, path: Path, reading: Reading) -> Series:
    title = fields.text("title")
    slug = read_slug(fields, title, path)
    if slug == PAGES:
        fields.problems.add(
            f"'{slug}' cannot be a series' slug: /gallery/{PAGES}/ holds the gallery's pages",
            fields.mark("slug" if "slug" in fields.data else None),
            "give the series a slug of its own, such as 'pages-of-the-steppe', or rename its file",
        )
    works: list[Work] = []
    for work_fields in fields.mappings("works", required=True):
        work = _read_work(work_fields, path, slug, reading.disk)
        if any(other.slug == work.slug for other in works):
            fields.problems.add(
                f"two works of this series have the slug '{work.slug}'",
                work_fields.mark(),
                "give one of them another title or a 'slug:'",
            )
        works.append(work)
    if "works" in fields.data and not works:
        fields.problems.add(
            "a series needs at least one work",
            fields.mark("works"),
            "add works as '- title: …' items under 'works:'",
        )
    unlisted = read_unlisted(fields)
    if works and all(work.unlisted for work in works):
        fields.problems.add(
            "every work of this series is unlisted, so its page would show none",
            fields.mark("works"),
            "make one work public (remove its 'visibility: unlisted'); to hide the whole "
            "series, add 'visibility: unlisted' to the series alone: its works go with it",
        )
    return Series(
        slug=slug,
        title=title,
        artist_slug=fields.text("artist"),
        years=fields.text("years"),
        weight=fields.integer("weight", low=-(10**6), high=10**6, required=False),
        works=tuple(works),
        description_html=render_body(fields, document, reading.markdown),
        source=fields.problems.path,
        date=fields.date("date"),
        updated=fields.date("updated"),
        unlisted=unlisted,
    )


def _read_work(fields: Fields, path: Path, series_slug: str, disk: Disk) -> Work:
    fields.check_keys(WORK_KEYS)
    image, picture_key = read_picture(fields, path, disk)
    embedded = _embedded_text(fields, image, disk)
    unlisted = read_unlisted(fields)
    title = fields.text("title", required=False) or embedded.title
    if not title:
        fields.problems.add(
            f"{fields.label('title')} is required",
            fields.mark(),
            "add a line 'title: <text>', or give the image an embedded title (XMP/IPTC)",
        )
    return Work(
        slug=read_slug(fields, title),
        title=title,
        year=_read_year(fields),
        medium=fields.text("medium"),
        alt="" if commented_out(fields, "alt", path) else fields.text("alt"),
        image=image or path,
        series_slug=series_slug,
        caption=fields.text("caption", required=False) or embedded.caption,
        dimensions=fields.text("dimensions", required=False),
        source=fields.problems.path,
        line=fields.mark(picture_key).line,
        date=fields.date("date"),
        status=read_status(fields),
        price=read_price(fields),
        edition=read_edition(fields),
        inventory=read_inventory(fields),
        unlisted=unlisted,
        views=read_views(fields, path, disk),
        recording=read_recording(fields, path, disk),
        press=_read_press(fields, unlisted),
        credit=fields.text("credit", required=False),
    )


def _read_press(fields: Fields, unlisted: bool) -> bool:
    """``press: true``: the work is one the press kit offers (never an unlisted one)."""
    press = fields.flag("press")
    if press and unlisted:
        fields.problems.add(
            f"{fields.label('press')} is true, but the work is unlisted: the press kit shows "
            "only works its visitors can find",
            fields.mark("press"),
            "remove 'press: true', or 'visibility: unlisted' to make the work public",
        )
        return False
    return press


def _read_year(fields: Fields) -> int:
    """A work's year: a whole year, a range of years, or an approximate year."""
    if fields.data.get("year") is None:  # reported as required
        return fields.integer("year", low=LOW, high=HIGH)
    year = parse_year(fields.data["year"])
    if isinstance(year, str):
        fields.problems.add(
            f"{fields.label('year')} {year}",
            fields.mark("year"),
            "write a year such as 2021, a range such as 2023–2024 or 2023-24, "
            "or an approximate year such as c. 1990",
        )
        return 0
    return year


def _embedded_text(fields: Fields, image: Path | None, disk: Disk) -> EmbeddedText:
    """The image's own title and caption, read only when the front-matter lacks one."""
    if image is None or (fields.data.get("title") and fields.data.get("caption")):
        return EmbeddedText()
    try:
        return _embedded_text_of(image, disk.signature(image))
    except _TooLarge:
        fields.problems.add(
            f"the image {os.path.basename(image)} is over the limit of "
            f"{MAX_PIXELS // 1_000_000} megapixels",
            fields.mark("image"),
            "export a smaller version (8,000 px on the long side is plenty for the web)",
        )
        return EmbeddedText()


class _TooLarge(Exception):
    """Pillow refuses to open the image: it would decode to more pixels than it allows."""


@functools.lru_cache(maxsize=4096)
def _embedded_text_of(image: Path, signature: tuple[int, int]) -> EmbeddedText:
    """What an image file says of itself; the same file, unchanged, is opened only once.

    Raises _TooLarge for an image Pillow takes for a decompression bomb. What else can go
    wrong with a damaged file (in its header or in its metadata) is reported when the image
    is published, by the decoder that reads all of it.
    """
    del signature  # part of the cache key: a changed file is read again
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with open_image(image) as opened:
                return read_embedded_text(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _TooLarge from None
    except (OSError, SyntaxError, ValueError, LookupError, TypeError, struct.error, zlib.error):
        return EmbeddedText()
