"""The artist kind: ``content/artists/<slug>.md``, a story with its hometown and places."""

from __future__ import annotations

from pathlib import Path

from generator.config import read_contact
from generator.content.markdown import NestingTooDeep
from generator.content.model import Artist
from generator.content.places import PLACE_KEYS, read_hometown, read_place
from generator.content.reading import Reading, read_image, read_slug, render_body
from generator.content.record import read_cv, read_statement
from generator.source.fields import Fields
from generator.source.frontmatter import FrontMatter

ARTIST_KEYS = (
    "date",
    "updated",
    "name",
    "slug",
    "discipline",
    "summary",
    "hometown",
    "places",
    "portrait",
    "portrait_alt",
    "weight",
    "draft",
    "contact",
    "statement",
    "cv",
    "press_bio",
)
__all__ = ["ARTIST_KEYS", "PLACE_KEYS", "read_artist"]


def read_artist(fields: Fields, document: FrontMatter, path: Path, reading: Reading) -> Artist:
    name = fields.text("name")
    portrait = read_image(fields, "portrait", path, reading.disk, required=False)
    return Artist(
        slug=read_slug(fields, name, path),
        name=name,
        discipline=fields.text("discipline"),
        summary=fields.text("summary"),
        hometown=read_hometown(fields),
        places=tuple(read_place(place) for place in fields.mappings("places")),
        portrait=portrait,
        portrait_alt=fields.text("portrait_alt", required=portrait is not None),
        weight=fields.integer("weight", low=-(10**6), high=10**6, required=False),
        draft=fields.flag("draft"),
        date=fields.date("date"),
        updated=fields.date("updated"),
        story_html=render_body(fields, document, reading.markdown),
        source=fields.problems.path,
        contact=read_contact(fields),
        statement_html=read_statement(fields, reading.markdown),
        cv=read_cv(fields),
        press_bio_html=_read_press_bio(fields, reading),
    )


def _read_press_bio(fields: Fields, reading: Reading) -> str:
    """``press_bio`` (Markdown) as HTML, or '': the press kit's biography when given."""
    text = fields.text("press_bio", required=False)
    if not text:
        return ""
    try:
        return reading.markdown.render(text)
    except NestingTooDeep as exc:
        fields.problems.add(
            f"{fields.label('press_bio')}: {exc.message}", fields.mark("press_bio"), exc.hint
        )
        return ""
