"""The price list: a printable page per artist of their works' sale facts, unlisted.

``/artists/<slug>/prices/`` lists every work of the artist (title, year, medium,
dimensions, edition, status and price, as ``prices:`` allows) for printing on A4. Only
artists one of whose listed works has sale facts (a status, price, edition or inventory
number) have one: a site without sale data gains no page. Under ``prices: hide`` it is titled
a list of works, as it shows no prices. It is not in the sitemap and carries ``noindex``.
"""

from __future__ import annotations

from generator import urls
from generator.content.model import Artist, Site, Work
from generator.content.sale import unpriced
from generator.errors import ContentErrors
from generator.site.pages import Page, Planning


def price_list_pages(plan: Planning) -> list[Page]:
    """One price list per artist with a listed work that has sale facts."""
    site = plan.site
    problems = unpriced(site)
    if problems:
        raise ContentErrors(problems)
    pages = []
    for artist in site.artists:
        works = _works_of(site, artist)
        if not any(_for_sale(work) for work, _ in works):
            continue
        hidden, said = site.config.prices == "hide", plan.language
        pages.append(
            Page(
                url=urls.price_list_url(artist.slug),
                template="prices.html",
                title=said.gettext("List of works — %(name)s", name=artist.name)
                if hidden
                else said.gettext("Price list — %(name)s", name=artist.name),
                description=said.gettext(
                    "The works of %(name)s, with their availability.", name=artist.name
                )
                if hidden
                else said.gettext(
                    "The works of %(name)s, with their availability and prices.",
                    name=artist.name,
                ),
                # Its link, sent to a collector, previews with the artist's first work.
                image=plan.images[works[0][0].image].social,
                image_alt=works[0][0].alt,
                in_sitemap=False,
                data={"artist": artist, "rows": works},
                source=artist.source,
            )
        )
    return pages


def _for_sale(work: Work) -> bool:
    """Whether the work has any sale fact to list."""
    return bool(work.status or work.price is not None or work.edition or work.inventory)


def _works_of(site: Site, artist: Artist) -> list[tuple[Work, str]]:
    """The artist's works, series by series, each with the title of its series."""
    return [
        (work, series.title) for series in site.series_of(artist) for work in series.listed_works
    ]
