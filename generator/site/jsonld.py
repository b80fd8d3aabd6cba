"""Schema.org JSON-LD for each page kind, and the dates pages were last changed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from generator import urls
from generator.config import SiteConfig
from generator.content.model import (
    STATUS_AVAILABLE,
    STATUS_ON_LOAN,
    STATUS_RESERVED,
    STATUS_SOLD,
    Artist,
    Place,
    Series,
    Site,
    Work,
)
from generator.content.sale import offered_price
from generator.language import Language, english
from generator.media.images import PublishedImage
from generator.urls import UrlBuilder

if TYPE_CHECKING:
    from generator.site.exhibitions import Calendar, Showing

Json = dict[str, Any]


def latest(*dates: datetime.date | None) -> datetime.date | None:
    """The most recent of the dates given, ignoring missing ones."""
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def artist_updated(site: Site, artist: Artist) -> datetime.date | None:
    """When an artist's page last changed: the artist's own dates or their series'."""
    return latest(artist.updated, artist.date, *(series_updated(s) for s in site.series_of(artist)))


def series_updated(series: Series) -> datetime.date | None:
    """When a series' page last changed."""
    return latest(series.updated, series.date, *(w.date for w in series.listed_works))


def site_updated(site: Site) -> datetime.date | None:
    """When anything in the site last changed."""
    return latest(*(artist_updated(site, a) for a in site.artists))


def place(value: Place) -> Json:
    """A schema.org Place with its coordinates."""
    data: Json = {
        "@type": "Place",
        "name": value.name,
        "geo": {"@type": "GeoCoordinates", "latitude": value.lat, "longitude": value.lon},
    }
    if value.country:
        data["address"] = {
            "@type": "PostalAddress",
            "addressCountry": value.country,
            **({"addressRegion": value.region} if value.region else {}),
        }
    return data


def person(artist: Artist, link: UrlBuilder) -> Json:
    """An artist as a schema.org Person."""
    return {
        **person_ref(artist, link),
        "jobTitle": artist.discipline.capitalize(),
        "description": artist.summary,
        "homeLocation": place(artist.hometown),
        **same_as(artist),
    }


def same_as(artist: Artist) -> Json:
    """The artist's own profiles elsewhere (their ``contact.links``), never the site's: sameAs
    names only pages about that person."""
    links = artist.contact.links if artist.contact else ()
    profiles = [item.url for item in links if item.url.startswith(("https://", "http://"))]
    return {"sameAs": profiles} if profiles else {}


def person_id(artist: Artist, link: UrlBuilder) -> str:
    """The ``@id`` of an artist's Person, by which other items name their creator."""
    return link.absolute(urls.artist_url(artist.slug)) + "#person"


def person_ref(artist: Artist, link: UrlBuilder) -> Json:
    """An artist named on a page that lists many: their page holds the whole Person."""
    page = link.absolute(urls.artist_url(artist.slug))
    return {"@type": "Person", "@id": person_id(artist, link), "name": artist.name, "url": page}


def artwork(work: Work, artist: Artist, image: PublishedImage, link: UrlBuilder) -> Json:
    """A work as a schema.org VisualArtwork."""
    data: Json = {
        "@type": "VisualArtwork",
        "name": work.title,
        "url": link.absolute(urls.work_url(work.series_slug, work.slug)),
        "image": link.absolute(image.social.url),
        "dateCreated": str(int(work.year)),  # a range or a 'c. 1990' is dated by its first year
        "artMedium": work.medium,
        "creator": {"@id": person_id(artist, link)},
        "description": work.caption or work.alt,
    }
    if work.dimensions:
        data["size"] = work.dimensions
    return data


def recording_and_views(work: Work, images: dict[Any, PublishedImage], link: UrlBuilder) -> Json:
    """What a work shows besides its image: its views (more ``image``s), and its video (a
    VideoObject) or sound (an AudioObject), with the poster as thumbnail."""
    data: Json = {}
    poster = link.absolute(images[work.image].social.url)
    if work.views:
        data["image"] = [poster, *(link.absolute(images[v.image].social.url) for v in work.views)]
    media = work.recording
    if media is None:
        return data
    item: Json = {
        "@type": "VideoObject" if media.kind == "video" else "AudioObject",
        "name": work.title,
        "description": work.caption or work.alt,
        "thumbnailUrl": poster,
    }
    if work.date is not None:
        item["uploadDate"] = work.date.isoformat()
    if media.embedded:
        item["embedUrl"] = media.embed_url
        item["url"] = media.page_url
    elif media.file is not None:
        file_url = urls.recording_url(work.series_slug, work.slug, media.file.suffix)
        item["contentUrl"] = link.absolute(file_url)
        item["encodingFormat"] = media.media_type
    data["video" if media.kind == "video" else "audio"] = item
    return data


# How each status is said to schema.org (ItemAvailability). A work without a status has an
# Offer without availability; not-for-sale and private-collection works are offered by nobody.
AVAILABILITY = {
    STATUS_AVAILABLE: "https://schema.org/InStock",
    STATUS_RESERVED: "https://schema.org/Reserved",
    STATUS_SOLD: "https://schema.org/SoldOut",
    STATUS_ON_LOAN: "https://schema.org/LimitedAvailability",
}


def offer(work: Work, config: SiteConfig, link: UrlBuilder) -> Json | None:
    """The work's Offer, when the site shows its price (``prices: show``); None otherwise.

    An Offer without a price is not a valid one for search engines, so "Price on request"
    and hidden prices give none.
    """
    price = offered_price(work, config)
    if price is None:
        return None
    data: Json = {
        "@type": "Offer",
        "price": str(price.amount),
        "priceCurrency": price.in_currency(config.currency),
        "url": link.absolute(urls.work_url(work.series_slug, work.slug)),
    }
    if work.status in AVAILABILITY:
        data["availability"] = AVAILABILITY[work.status]
    return data


# The types of the pages' structured data that schema.org lets say their language
# (``inLanguage``, of CreativeWork and Event): a Person has none.
IN_LANGUAGE = frozenset(
    {"CollectionPage", "ImageGallery", "VisualArtwork", "WebPage", "ProfilePage", "ExhibitionEvent"}
)


def in_language(data: Json, code: str) -> Json:
    """``data`` saying it is in the language ``code``, when its type can say so."""
    if data.get("@type") not in IN_LANGUAGE:
        return data
    return {**data, "inLanguage": code}


def with_context(data: Json) -> Json:
    """A top-level JSON-LD document."""
    return {"@context": "https://schema.org", **data}


def home(site: Site, link: UrlBuilder, artists: Sequence[Artist], url: str = "/") -> Json:
    """A page of the home page: a CollectionPage of the artists it shows."""
    return with_context(
        {
            "@type": "CollectionPage",
            "name": site.config.title,
            "description": site.config.description,
            "url": link.absolute(url),
            "hasPart": [person(a, link) for a in artists],
        }
    )


def artist_page(artist: Artist, link: UrlBuilder) -> Json:
    """An artist's page: the Person, with what schema.org's Person says of a CV."""
    return with_context({**person(artist, link), **record(artist)})


def record(artist: Artist) -> Json:
    """What of the artist's CV a Person can carry: ``award`` (text, one per award) and
    ``alumniOf`` (an EducationalOrganization per school named by an education entry's
    ``institution``; studies without one name no organisation, so they are left out).

    Only the artist's own page carries them: pages that name the artist do not change with
    the CV."""
    data: Json = {}
    awards = [
        ", ".join(part for part in (award.title, award.institution, award.years) if part)
        for award in artist.cv.awards
    ]
    if awards:
        data["award"] = awards
    schools: list[Json] = []
    for entry in artist.cv.education:
        if entry.institution and all(s["name"] != entry.institution for s in schools):
            school: Json = {"@type": "EducationalOrganization", "name": entry.institution}
            if entry.city or entry.country:
                school["address"] = {
                    "@type": "PostalAddress",
                    **({"addressLocality": entry.city} if entry.city else {}),
                    **({"addressCountry": entry.country} if entry.country else {}),
                }
            schools.append(school)
    if schools:
        data["alumniOf"] = schools
    return data


def gallery(
    groups: Sequence[tuple[Artist, Sequence[Series]]],
    images: dict[Any, PublishedImage],
    link: UrlBuilder,
    url: str,
    language: Language | None = None,
) -> Json:
    """A page of the gallery index: a CollectionPage of the series it shows, by artist."""
    return with_context(
        {
            "@type": "CollectionPage",
            "name": (language or english()).gettext("Gallery"),
            "url": link.absolute(url),
            "hasPart": [
                series_summary(s, artist, images, link, whole=False)
                for artist, series in groups
                for s in series
            ],
        }
    )


def series_summary(
    series: Series,
    artist: Artist,
    images: dict[Any, PublishedImage],
    link: UrlBuilder,
    *,
    whole: bool = True,
) -> Json:
    """A series as a schema.org ImageGallery, without its works.

    Its creator is the whole Person on the series' own page, a reference in the gallery's list.
    """
    return {
        "@type": "ImageGallery",
        "name": series.title,
        "url": link.absolute(urls.series_url(series.slug)),
        "creator": person(artist, link) if whole else person_ref(artist, link),
        "image": link.absolute(images[series.cover.image].social.url),
    }


def series_page(
    series: Series, artist: Artist, images: dict[Any, PublishedImage], link: UrlBuilder
) -> Json:
    """A series' page: the ImageGallery with its works."""
    data = series_summary(series, artist, images, link)
    data["hasPart"] = [
        {**artwork(w, artist, images[w.image], link), **recording_and_views(w, images, link)}
        for w in series.listed_works
    ]
    return with_context(data)


def work_page(
    work: Work,
    artist: Artist,
    images: dict[Any, PublishedImage],
    link: UrlBuilder,
    config: SiteConfig | None = None,
) -> Json:
    """A work's page: the VisualArtwork, with its Offer when ``config`` shows its price."""
    data = artwork(work, artist, images[work.image], link)
    data.update(recording_and_views(work, images, link))
    data["creator"] = person(artist, link)
    sale = offer(work, config, link) if config is not None else None
    if sale is not None:
        data["offers"] = sale
    return with_context(data)


def map_page(artists: Iterable[Artist], link: UrlBuilder, language: Language | None = None) -> Json:
    """The map: a CollectionPage of the artists, each named by reference (with thousands of
    artists, whole Persons with their hometowns made a third of the page)."""
    return with_context(
        {
            "@type": "CollectionPage",
            "name": (language or english()).gettext("Hometown map"),
            "url": link.absolute("/map/"),
            "hasPart": [person_ref(a, link) for a in artists],
        }
    )


def exhibitions_page(
    calendar: Calendar, link: UrlBuilder, language: Language | None = None
) -> Json:
    """The exhibitions page: a CollectionPage whose main entity is the list of its dated
    exhibitions, each an ExhibitionEvent (undated ones, which no event can place in time, are
    on the page only)."""
    page = link.absolute(urls.exhibitions_url())
    past = (s for _, group in calendar.past for s in group)
    shown = [*calendar.upcoming, *past]
    return with_context(
        {
            "@type": "CollectionPage",
            "name": (language or english()).gettext("Exhibitions"),
            "url": page,
            "mainEntity": {
                "@type": "ItemList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": i,
                        "item": exhibition_event(s, link, language),
                    }
                    for i, s in enumerate(shown, start=1)
                ],
            },
        }
    )


def exhibition_event(showing: Showing, link: UrlBuilder, language: Language | None = None) -> Json:
    """An exhibition as a schema.org ExhibitionEvent: its artists perform, its venue
    organises it and is where it takes place."""
    exhibition = showing.exhibition
    anchor = link.absolute(urls.exhibitions_url()) + "#" + showing.key
    start = exhibition.start.isoformat() if exhibition.start else str(exhibition.year)
    data: Json = {
        "@type": "ExhibitionEvent",
        "@id": anchor,
        "name": exhibition.title,
        "startDate": start,
        "endDate": exhibition.last_day.isoformat() if exhibition.last_day else start,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": exhibition.url or anchor,
        "performer": [person_ref(a, link) for a in showing.artists],
    }
    if showing.kind_label:
        data["description"] = (language or english()).gettext(showing.kind_label)
    address = {
        key: value
        for key, value in (
            ("addressLocality", exhibition.city),
            ("addressCountry", exhibition.country or getattr(exhibition.place, "country", "")),
        )
        if value
    }
    if exhibition.venue or address:
        location: Json = {"@type": "Place", "name": exhibition.venue or exhibition.city}
        if address:
            location["address"] = {"@type": "PostalAddress", **address}
        if exhibition.place is not None:
            location["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": exhibition.place.lat,
                "longitude": exhibition.place.lon,
            }
        data["location"] = location
    if exhibition.venue:
        data["organizer"] = {"@type": "Organization", "name": exhibition.venue}
    return data
