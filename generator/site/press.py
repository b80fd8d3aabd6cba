"""The press page: per artist, what a journalist needs on one screen, and the download.

``/artists/<slug>/press/`` shows the biography, the statement, a summary of the CV (linking
to the full CV), the selected works with their full credit lines, and the link to the zip
``generator.media.presskit`` makes; ``generator.content.press`` decides what all of them say.
The artist page links to it, and it is in the sitemap: it is meant to be found.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from generator import urls
from generator.content.model import Artist, Site
from generator.content.press import PressKit, has_press_kit, press_kit
from generator.language import Language, english
from generator.media.images import PublishedImage
from generator.media.presskit import PRESS_LONG_SIDE
from generator.site.jsonld import artist_updated
from generator.site.pages import Page, Planning


def press_pages(plan: Planning) -> list[Page]:
    """One press page per artist who has a press kit, made from the artist and their listed
    series."""
    site = plan.site
    return [
        plan.memo.page(
            "press",
            (artist, *site.series_of(artist)),
            partial(_press_page, site, plan.images, artist, plan.language),
        )
        for artist in site.artists
        if has_press_kit(site, artist)
    ]


def _press_page(
    site: Site,
    images: dict[Any, PublishedImage],
    artist: Artist,
    language: Language,
    identity: tuple[object, ...] = (),
) -> Page:
    kit = press_kit(site, artist)
    first = kit.works[0].work  # a press kit has a work (has_press_kit)
    return Page(
        identity=identity,
        source=artist.source,
        url=urls.press_url(artist.slug),
        template="press.html",
        title=language.gettext("Press kit — %(name)s", name=artist.name),
        description=language.gettext(
            "Biography, statement and selected works of %(name)s, with credit lines and "
            "images for the press.",
            name=artist.name,
        ),
        image=images[first.image].social,
        image_alt=first.alt,
        data={
            "artist": artist,
            "kit": kit,
            "cv_url": urls.cv_url(artist.slug),
            "download": urls.press_kit_url(artist.slug),
            "contents": contents(kit, language),
        },
        updated=artist_updated(site, artist),
    )


def contents(kit: PressKit, language: Language | None = None) -> str:
    """What the download holds, in words, for the note beside its link (default English)."""
    said = language or english()
    texts = [said.gettext("the biography")]
    if kit.artist.statement_html:
        texts.append(said.gettext("the statement"))
    if kit.artist.cv:
        texts.append(said.gettext("the CV"))
    words = said.join(texts)
    if not kit.works:
        return said.gettext("A ZIP file: %(texts)s as text.", texts=words)
    return said.ngettext(
        # English said "their credit lines" of one image too: kept, as the pages have it.
        "A ZIP file: %(num)s image (JPEG, up to %(size)s px on the long side) with their "
        "credit lines, and %(texts)s as text.",
        "A ZIP file: %(num)s images (JPEG, up to %(size)s px on the long side) with their "
        "credit lines, and %(texts)s as text.",
        len(kit.works),
        size=said.number(PRESS_LONG_SIDE),
        texts=words,
    )
