"""The artist kind: ``content/artists/<slug>.md``, a story with its hometown and places."""

from __future__ import annotations

from pathlib import Path

from generator.content.model import Artist, Place
from generator.content.reading import Reading, read_image, read_slug, render_body
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
)
PLACE_KEYS = ("name", "region", "country", "lat", "lon", "approximate", "radius_km", "reason")
DEFAULT_RADIUS_KM = 60.0


def read_artist(fields: Fields, document: FrontMatter, path: Path, reading: Reading) -> Artist:
    name = fields.text("name")
    hometown = fields.mapping("hometown")
    portrait = read_image(fields, "portrait", path, reading.disk, required=False)
    return Artist(
        slug=read_slug(fields, name),
        name=name,
        discipline=fields.text("discipline"),
        summary=fields.text("summary"),
        hometown=_read_place(hometown) if hometown else _NOWHERE,
        places=tuple(_read_place(place) for place in fields.mappings("places")),
        portrait=portrait,
        portrait_alt=fields.text("portrait_alt", required=portrait is not None),
        weight=fields.integer("weight", low=-(10**6), high=10**6, required=False),
        draft=fields.flag("draft"),
        date=fields.date("date"),
        updated=fields.date("updated"),
        story_html=render_body(fields, document, reading.markdown),
        source=fields.problems.path,
    )


_NOWHERE = Place(name="", country="", lat=0.0, lon=0.0)


def _read_place(fields: Fields) -> Place:
    fields.check_keys(PLACE_KEYS)
    approximate = fields.flag("approximate")
    return Place(
        name=fields.text("name"),
        country=fields.text("country", required=False),
        region=fields.text("region", required=False),
        lat=fields.number("lat", low=-90, high=90),
        lon=fields.number("lon", low=-180, high=180),
        reason=fields.text("reason", required=False),
        approximate=approximate,
        radius_km=fields.number(
            "radius_km", low=1, high=2000, required=False, default=DEFAULT_RADIUS_KM
        )
        if approximate
        else 0.0,
    )
