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
            partial(_press_page, site, plan.images, artist),
        )
        for artist in site.artists
        if has_press_kit(site, artist)
    ]


def _press_page(
    site: Site,
    images: dict[Any, PublishedImage],
    artist: Artist,
    identity: tuple[object, ...] = (),
) -> Page:
    kit = press_kit(site, artist)
    first = kit.works[0].work if kit.works else None
    return Page(
        identity=identity,
        source=artist.source,
        url=urls.press_url(artist.slug),
        template="press.html",
        title=f"Press kit — {artist.name}",
        description=f"Biography, statement and selected works of {artist.name}, "
        "with credit lines and images for the press.",
        image=images[first.image].social if first else None,
        image_alt=first.alt if first else "",
        data={
            "artist": artist,
            "kit": kit,
            "cv_url": urls.cv_url(artist.slug),
            "download": urls.press_kit_url(artist.slug),
            "contents": contents(kit),
        },
        updated=artist_updated(site, artist),
    )


def contents(kit: PressKit) -> str:
    """What the download holds, in words, for the note beside its link."""
    texts = ["the biography"]
    if kit.artist.statement_html:
        texts.append("the statement")
    if kit.artist.cv:
        texts.append("the CV")
    words = texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"
    if not kit.works:
        return f"A ZIP file: {words} as text."
    count = len(kit.works)
    return (
        f"A ZIP file: {count} {'image' if count == 1 else 'images'} (JPEG, up to "
        f"{PRESS_LONG_SIDE:,} px on the long side) with their credit lines, and {words} as text."
    )
