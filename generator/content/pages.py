"""The page kind: ``content/pages/<slug>.md``, a page of one's own (About, say) at ``/<slug>/``.

Also what series and works share with it: ``visibility``.
"""

from __future__ import annotations

from pathlib import Path

from generator.content.model import OwnPage
from generator.content.reading import Reading, read_slug, render_body
from generator.source.fields import Fields
from generator.source.frontmatter import FrontMatter

PAGE_KEYS = ("date", "updated", "title", "slug", "summary", "menu", "visibility")
# ``public``: linked and listed as usual; ``unlisted``: built and reachable by its address,
# but linked from nowhere, ``noindex``, and left out of the sitemap, the feed and every list.
VISIBILITIES = ("public", "unlisted")


def read_page(fields: Fields, document: FrontMatter, path: Path, reading: Reading) -> OwnPage:
    title = fields.text("title")
    menu = fields.integer("menu", low=-(10**6), high=10**6, required=False)
    return OwnPage(
        slug=read_slug(fields, title, path),
        title=title,
        summary=fields.text("summary", required=False),
        menu=menu if fields.data.get("menu") is not None else None,
        unlisted=read_unlisted(fields),
        date=fields.date("date"),
        updated=fields.date("updated"),
        body_html=render_body(fields, document, reading.markdown),
        source=fields.problems.path,
    )


def read_unlisted(fields: Fields) -> bool:
    """Whether ``visibility`` says ``unlisted`` (``public`` when absent; any case)."""
    value = fields.choice(
        "visibility",
        VISIBILITIES,
        default="public",
        otherwise="write 'visibility: unlisted' to leave it out of every list, or remove the line",
    )
    return value == "unlisted"
