"""The price list: a printable page per artist of their works' sale facts, unlisted.

``/artists/<slug>/prices/`` lists every work of the artist (title, year, medium,
dimensions, edition, status and price, as ``prices:`` allows) for printing on A4. Only
artists with works have one; it is not in the sitemap and carries ``noindex``.
"""

from __future__ import annotations

from generator import urls
from generator.content.model import Artist, Site, Work
from generator.content.sale import unpriced
from generator.errors import ContentErrors
from generator.site.pages import Page, Planning


def price_list_pages(plan: Planning) -> list[Page]:
    """One price list per artist with at least one work."""
    site = plan.site
    problems = unpriced(site)
    if problems:
        raise ContentErrors(problems)
    pages = []
    for artist in site.artists:
        works = _works_of(site, artist)
        if not works:
            continue
        pages.append(
            Page(
                url=urls.price_list_url(artist.slug),
                template="prices.html",
                title=f"Price list — {artist.name}",
                description=f"The works of {artist.name}, with their availability"
                + ("." if site.config.prices == "hide" else " and prices."),
                # Its link, sent to a collector, previews with the artist's first work.
                image=plan.images[works[0][0].image].social,
                image_alt=works[0][0].alt,
                in_sitemap=False,
                data={"artist": artist, "rows": works},
                source=artist.source,
            )
        )
    return pages


def _works_of(site: Site, artist: Artist) -> list[tuple[Work, str]]:
    """The artist's works, series by series, each with the title of its series."""
    return [
        (work, series.title) for series in site.series_of(artist) for work in series.listed_works
    ]
