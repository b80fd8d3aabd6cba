"""Plan every page of the site from the model: which template, which URL, which data.

``PAGE_BUILDERS`` lists the builders, one per kind of page, in the order the pages are
planned (the sitemap lists them in that order). A new kind of page is one more entry. Each
builder takes the ``Planning`` (what every builder may read) and returns its ``Page`` values;
each page declares:

- ``template`` and ``url``: what renders it and where it is served (``generator.urls`` makes URLs);
- ``data``: what the template shows besides the settings and images (its fingerprint is the
  page's key, unless the page has an identity);
- ``identity``: for a page made through ``plan.memo.page(kind, parts, make)``, the parts it is
  made from. The builder must read nothing but those parts and what every page reads (the
  settings, the published images, the links: the digest ``PageMemo.begin`` is given), since
  the page is reused whenever the very same part objects come again, and its key is their
  fingerprint. Pages that list the whole site have no identity: their key is the whole page;
- ``source``: the content file whose text the page shows (for ``check`` to point at), or None.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, TypeVar

from generator import urls
from generator.config import NavItem, SiteConfig
from generator.content.model import Artist, OwnPage, Series, Site, Work
from generator.content.press import has_press_kit
from generator.incremental.memo import PageMemo
from generator.language import Language, english
from generator.map.atlas import Atlas
from generator.media.images import PublishedImage, Rendition
from generator.site import jsonld as structured
from generator.site.contact import Enquiry, contact_pages, enquiry
from generator.site.exhibitions import Calendar
from generator.site.jsonld import artist_updated, series_updated, site_updated
from generator.site.pagination import in_pages
from generator.urls import UrlBuilder

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page:
    """One output page: its URL, template, and the data the template shows."""

    url: str
    template: str
    title: str
    description: str
    image: Rendition | None = None
    image_alt: str = ""
    in_sitemap: bool = True
    # An unlisted page (``visibility: unlisted``): reachable by its address, kept out of search
    # engines' indexes (``noindex``), and out of the sitemap (``in_sitemap`` is False).
    noindex: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    # An index of the whole site (home, gallery, map): after an edit it is written after the
    # pages of what was edited, so that those show the change first.
    index: bool = False
    updated: datetime.date | None = None
    # Makes the page's structured data (JSON-LD) when it is rendered, from what ``data`` holds:
    # equal data, equal structured data, so it is left out of the page's fingerprint.
    describe: Callable[[], dict[str, Any]] | None = field(default=None, compare=False, repr=False)
    # What an artist, series or work page is made from: with the settings, images and links
    # (which every page's key covers), these decide the page, so its key is their fingerprint
    # rather than the whole page's. Empty for the pages that list the site.
    identity: tuple[object, ...] = field(default=(), compare=False, repr=False)
    # The content file whose text the page shows, project-relative as errors name it (an
    # artist's .md; a series' .md for the series and its works); None for the pages that
    # list the site. Not rendered, and not compared: it is in no page's key.
    source: str | None = field(default=None, compare=False)
    # The folder of the language the page is in: '' for the default language (at the root),
    # 'ru' for /ru/… (``urls.language_path``).
    language: str = ""

    @property
    def structured(self) -> dict[str, Any] | None:
        """The page's structured data (JSON-LD), if it has any."""
        return self.describe() if self.describe is not None else None

    @property
    def path(self) -> str:
        """The file that serves the page, relative to the output folder."""
        return urls.output_path(urls.language_path(self.url, self.language))

    @property
    def address(self) -> str:
        """The site path the page is served at, in its language: '/ru/artists/x/'."""
        return urls.language_path(self.url, self.language)


@dataclass(frozen=True, slots=True)
class Planning:
    """What every page builder may read: the site, its images and map, the build's links."""

    site: Site
    images: dict[Any, PublishedImage]
    atlas: Atlas
    link: UrlBuilder
    memo: PageMemo
    # The latest date of the whole site: it looks at every artist and series, so once.
    updated: datetime.date | None
    # The site's picture (the first artist's cover), for the pages that list the site.
    image: Rendition | None
    image_alt: str
    # Every artist's exhibitions, sorted around the build's day (site/exhibitions.py).
    calendar: Calendar
    # The language of the pages' titles and descriptions (generator.language).
    language: Language = field(default_factory=english)


def plan_pages(
    site: Site,
    images: dict[Any, PublishedImage],
    atlas: Atlas,
    link: UrlBuilder,
    memo: PageMemo | None = None,
    today: datetime.date | None = None,
    language: Language | None = None,
) -> list[Page]:
    """Every page, in a stable order; ``link`` is the build's (its structured data links).

    ``today`` is the build's day, which decides which exhibitions are upcoming (the build
    passes ``BuildOptions.today``; left out, the computer's date). ``language`` writes the
    pages' titles and descriptions (default English).
    """
    cover = artist_cover(site, site.artists[0]) if site.artists else None
    plan = Planning(
        site=site,
        images=images,
        atlas=atlas,
        link=link,
        memo=memo or PageMemo(),
        updated=site_updated(site),
        image=images[cover.image].social if cover else None,
        image_alt=cover.alt if cover else "",
        calendar=Calendar.of(site, today or datetime.date.today()),
        language=language or english(),
    )
    pages = [page for build in PAGE_BUILDERS for page in build(plan)]
    return _in_language(_with_navigation(site, pages), link.language)


def _in_language(pages: list[Page], code: str) -> list[Page]:
    """The pages of the language whose folder is ``code``: all of them for the default
    language (''), else those each language has (``urls.in_each_language``), in its folder.
    The 404 page, the locator maps and the calendar files are the default language's alone."""
    if not code:
        return pages
    return [
        page if page.language == code else replace(page, language=code)  # memo's: made so
        for page in pages
        if urls.in_each_language(page.url)
    ]


def _with_navigation(site: Site, pages: list[Page]) -> list[Page]:
    """The pages, each told the header navigation: site.yaml's ``navigation``, then the pages
    of one's own with a ``menu`` number, in that order. The menu's pages join each page's
    identity, so a page made from the same parts is made again when the menu changes."""
    menu = site.menu()
    if not menu:
        return pages
    items = (*site.config.navigation, *(NavItem(p.title, urls.page_url(p.slug)) for p in menu))
    return [
        replace(
            page,
            data={**page.data, "navigation": items},
            identity=(*page.identity, *menu) if page.identity else (),
        )
        for page in pages
    ]


def _home_pages(plan: Planning) -> list[Page]:
    """The home page: the artists' cards, split in pages of ``artists_per_page``."""
    site, said = plan.site, plan.language
    pages = []
    size = site.config.artists_per_page
    for url, pagination, group in in_pages(site.artists, size, urls.home_url):
        number = pagination.number
        title = site.config.title
        pages.append(
            Page(
                url=url,
                template="home.html",
                title=title
                if number == 1
                else said.gettext("%(site)s, artists page %(number)s", site=title, number=number),
                description=site.config.description,
                image=plan.image,
                image_alt=plan.image_alt,
                data={
                    "cards": [(a, artist_cover(site, a)) for a in group],
                    "pagination": pagination,
                    # The Explore list links the exhibitions page when there is one.
                    "exhibitions": bool(plan.calendar),
                },
                index=True,
                updated=plan.updated,
                describe=partial(structured.home, site, plan.link, group, url),
            )
        )
    return pages


def _gallery_pages(plan: Planning) -> list[Page]:
    """The gallery: every series, grouped by artist, in pages of ``artists_per_page`` artists."""
    site, images, said = plan.site, plan.images, plan.language
    groups = [(a, site.series_of(a)) for a in site.artists if site.series_of(a)]
    pages = []
    for url, pagination, part in in_pages(groups, site.config.artists_per_page, urls.gallery_url):
        number, count = pagination.number, pagination.count
        first = artist_cover(site, part[0][0]) if part else None  # its picture when shared
        pages.append(
            Page(
                url=url,
                template="gallery.html",
                title=said.gettext("Gallery")
                if number == 1
                else said.gettext("Gallery, page %(number)s", number=number),
                description=said.gettext(
                    "Every series of %(site)s, by artist.", site=site.config.title
                )
                if number == 1
                else said.gettext(
                    "Series of %(site)s, by artist: page %(number)s of %(count)s.",
                    site=site.config.title,
                    number=number,
                    count=count,
                ),
                image=images[first.image].social if first else None,
                image_alt=first.alt if first else "",
                data={"groups": part, "pagination": pagination},
                index=True,
                updated=plan.updated,
                describe=partial(structured.gallery, part, images, plan.link, url, said),
            )
        )
    return pages


def _map_pages(plan: Planning) -> list[Page]:
    """The map page, and the data its script draws the interactive map with.

    The data is a file of its own, fetched by the script: the page works without it (its SVG
    map and list of hometowns), and with many artists it is a large part of the page.
    """
    site, said = plan.site, plan.language
    pictures = {}  # slug → the smallest rendition of the artist's cover, and its alt text
    for artist in site.artists:
        cover = artist_cover(site, artist)
        if cover is not None:
            pictures[artist.slug] = (plan.images[cover.image].renditions[0], cover.alt)
    data = {"atlas": plan.atlas, "pictures": pictures}
    return [
        Page(
            url=urls.map_url(),
            template="map.html",
            title=said.gettext("Hometown map"),
            description=said.gettext(
                "Where the artists of %(site)s come from, and the places their stories take them.",
                site=site.config.title,
            ),
            image=plan.image,
            image_alt=plan.image_alt,
            data=data,
            index=True,
            updated=plan.updated,
            describe=partial(structured.map_page, site.artists, plan.link, said),
        ),
        Page(
            url=urls.map_data_url(),
            template="map-data.json",
            title="Hometown map data",
            description="",
            in_sitemap=False,
            data=data,
            index=True,
        ),
    ]


def _artist_pages(plan: Planning) -> list[Page]:
    """One page per artist, with their series and the artists before and after them."""
    site, atlas = plan.site, plan.atlas
    pages = []
    for artist, previous, following in _neighbours(site.artists):
        # The series one by one: the tuple of them is made afresh with every site.
        parts = (artist, previous, following, atlas.locator(artist.slug), *site.series_of(artist))
        make = partial(
            _artist, site, plan.images, atlas, artist, previous, following, plan.link, plan.language
        )
        pages.append(plan.memo.page("artist", parts, make))
    return pages


def _series_pages(plan: Planning) -> list[Page]:
    """One page per series, each followed by the pages of its works."""
    images, link, memo, said = plan.images, plan.link, plan.memo, plan.language
    config = plan.site.config  # in every page's key: what the JSON-LD shows of prices
    pages = []
    for series in plan.site.series:
        artist = plan.site.artist_of(series)
        changed = series_updated(series)  # looks at every work: once, not once a work
        make = partial(_series, series, artist, images, link, changed, said)
        pages.append(memo.page("series", (series, artist), make))
        # Listed works lead to one another; an unlisted one leads nowhere but its series.
        around = {id(w): (p, f) for w, p, f in _neighbours(series.listed_works)}
        for work in series.works:
            previous, following = around.get(id(work), (None, None))
            parts = (work, previous, following, series, artist)
            make = partial(
                _work,
                series,
                artist,
                images,
                work,
                previous,
                following,
                link,
                changed,
                config,
                said,
            )
            # The settings digest covers it (and the language).
            ask = enquiry(work, artist, plan.site.config, link, said)
            pages.append(memo.page("work", parts, partial(make, enquiry=ask)))
    return pages


def _own_pages(plan: Planning) -> list[Page]:
    """The pages of one's own (``content/pages/<slug>.md``), each at /<slug>/.

    With the site's ``contact`` set, ``contact.md`` is the text of the contact page, which
    its own builder makes (``site.page("contact")``): it is not also published here.
    """
    site = plan.site
    taken = urls.CONTACT if site.config.contact else None
    return [
        # The site's picture is a part too: the page shows it when its link is shared.
        plan.memo.page("page", (own, plan.image, plan.image_alt), partial(_own_page, own, plan))
        for own in site.pages
        if own.slug != taken
    ]


def _own_page(own: OwnPage, plan: Planning, identity: tuple[object, ...] = ()) -> Page:
    return Page(
        identity=identity,
        source=own.source,
        url=urls.page_url(own.slug),
        template="page.html",
        title=own.title,
        description=own.summary or first_sentence(own.body_html) or own.title,
        image=plan.image,
        image_alt=plan.image_alt,
        in_sitemap=not own.unlisted,
        noindex=own.unlisted,
        data={"own": own},
        updated=own.updated or own.date,
    )


def _price_list_pages(plan: Planning) -> list[Page]:
    """Each artist's printable price list (generator.site.pricelist, which builds on Page)."""
    from generator.site.pricelist import price_list_pages

    return price_list_pages(plan)


def _cv_pages(plan: Planning) -> list[Page]:
    """Each artist's CV, for those with a ``cv:`` (generator.site.cv, which builds on Page)."""
    from generator.site.cv import cv_pages

    return cv_pages(plan)


def _press_pages(plan: Planning) -> list[Page]:
    """Each artist's press page (generator.site.press, which builds on Page)."""
    from generator.site.press import press_pages

    return press_pages(plan)


def _locator_pages(plan: Planning) -> list[Page]:
    """The base maps the artists' locator maps are drawn over, one per grid cell."""
    return [
        Page(
            url=base.url,
            template="locator.svg",
            title=f"Map around {base.url}",
            description="",
            in_sitemap=False,
            data={"base": base},
        )
        for base in plan.atlas.locator_bases
    ]


def _exhibition_pages(plan: Planning) -> list[Page]:
    """The exhibitions page and its iCalendar files (generator.site.exhibition_pages)."""
    from generator.site.exhibition_pages import exhibition_pages

    return exhibition_pages(plan)


def _not_found_pages(plan: Planning) -> list[Page]:
    """The page hosts show for an address the site does not have."""
    return [
        Page(
            url="/404.html",
            template="404.html",
            title=plan.language.gettext("Page not found"),
            description=plan.language.gettext("This page does not exist."),
            image=plan.image,
            image_alt=plan.image_alt,
            in_sitemap=False,
        )
    ]


# Every kind of page, in the order they are planned: one entry per kind.
PAGE_BUILDERS: tuple[Callable[[Planning], list[Page]], ...] = (
    _home_pages,
    _gallery_pages,
    _map_pages,
    _exhibition_pages,
    _artist_pages,
    _series_pages,  # and their works'
    _price_list_pages,
    _cv_pages,
    _press_pages,
    _own_pages,
    contact_pages,
    _locator_pages,
    _not_found_pages,
)


def _artist(
    site: Site,
    images: dict[Any, PublishedImage],
    atlas: Atlas,
    artist: Artist,
    previous: Artist | None,
    following: Artist | None,
    link: UrlBuilder,
    language: Language,
    identity: tuple[object, ...] = (),
) -> Page:
    cover = artist_cover(site, artist)
    return Page(
        identity=identity,
        source=artist.source,
        url=urls.artist_url(artist.slug),
        template="artist.html",
        title=language.gettext(
            "%(name)s, %(discipline)s", name=artist.name, discipline=artist.discipline
        ),
        description=artist.summary,
        image=images[cover.image].social if cover else None,
        image_alt=cover.alt if cover else "",
        data={
            "artist": artist,
            "series_list": site.series_of(artist),
            "previous": previous,
            "next": following,
            "locator": atlas.locator(artist.slug),
            "cv_url": urls.cv_url(artist.slug) if artist.cv else "",
            # generator.site.press: for an artist with a work to offer in a press kit
            "press_url": urls.press_url(artist.slug) if has_press_kit(site, artist) else "",
        },
        updated=artist_updated(site, artist),
        describe=partial(structured.artist_page, artist, link),
    )


def _series(
    series: Series,
    artist: Artist,
    images: dict[Any, PublishedImage],
    link: UrlBuilder,
    updated: datetime.date | None,
    language: Language,
    identity: tuple[object, ...] = (),
) -> Page:
    cover = images[series.cover.image]
    return Page(
        identity=identity,
        source=series.source,
        url=urls.series_url(series.slug),
        template="series.html",
        title=f"{series.title} — {artist.name}",
        description=first_sentence(series.description_html)
        or language.gettext(
            "%(title)s, a series by %(name)s (%(years)s).",
            title=series.title,
            name=artist.name,
            years=series.years,
        ),
        image=cover.social,
        image_alt=series.cover.alt,
        in_sitemap=not series.unlisted,
        noindex=series.unlisted,
        data={"series": series, "artist": artist},
        updated=updated,
        describe=partial(structured.series_page, series, artist, images, link),
    )


def _work(
    series: Series,
    artist: Artist,
    images: dict[Any, PublishedImage],
    work: Work,
    previous: Work | None,
    following: Work | None,
    link: UrlBuilder,
    series_date: datetime.date | None,
    config: SiteConfig,
    language: Language,
    identity: tuple[object, ...] = (),
    enquiry: Enquiry | None = None,
) -> Page:
    return Page(
        identity=identity,
        source=series.source,
        url=urls.work_url(work.series_slug, work.slug),
        template="work.html",
        title=f"{work.title} ({work.year}) — {artist.name}",
        description=work.caption
        or language.gettext(
            "%(title)s, %(medium)s, %(year)s, from %(series)s by %(name)s.",
            title=work.title,
            medium=work.medium,
            year=work.year,
            series=series.title,
            name=artist.name,
        ),
        image=images[work.image].social,
        image_alt=work.alt,
        in_sitemap=not series.hides(work),
        noindex=series.hides(work),
        data={
            "work": work,
            "series": series,
            "artist": artist,
            "previous": previous,
            "next": following,
            "enquiry": enquiry,
            # Where the work's video or sound file and its captions are published.
            "files": {
                file: urls.recording_url(work.series_slug, work.slug, file.suffix)
                for file in work.files
            },
        },
        updated=structured.latest(work.date, series_date),
        describe=partial(structured.work_page, work, artist, images, link, config),
    )


def artist_cover(site: Site, artist: Artist) -> Work | None:
    """The work that pictures an artist (their first series' cover), or None without series."""
    series = site.series_of(artist)
    return series[0].cover if series else None


def _neighbours(items: Sequence[T]) -> list[tuple[T, T | None, T | None]]:
    return [
        (item, items[i - 1] if i > 0 else None, items[i + 1] if i + 1 < len(items) else None)
        for i, item in enumerate(items)
    ]


def first_sentence(html: str) -> str:
    """The first sentence of some HTML, as plain text (at most 200 characters without one)."""
    text = re.sub(r"<[^>]+>", "", html).strip()
    match = re.match(r"(.+?[.!?])(\s|$)", text, re.S)
    return " ".join((match.group(1) if match else text[:200]).split())
