"""The site model: artists, series, works and places, as plain immutable dataclasses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from generator.config import Contact, SiteConfig
from generator.language import N_

if TYPE_CHECKING:
    from generator.content.overlay import Versions
    from generator.content.translations import Translation


@dataclass(frozen=True, slots=True)
class Place:
    """A point on the map: a hometown or a place a story mentions."""

    name: str
    country: str
    lat: float
    lon: float
    region: str = ""
    reason: str = ""
    approximate: bool = False
    radius_km: float = 0.0


# A work's availability (the ``status`` key), in the order authors are told them, with the
# words the pages show. A work without a status says nothing about it.
STATUS_AVAILABLE = "available"
STATUS_RESERVED = "reserved"
STATUS_SOLD = "sold"
STATUS_NOT_FOR_SALE = "not-for-sale"
STATUS_ON_LOAN = "on-loan"
STATUS_PRIVATE_COLLECTION = "private-collection"
STATUS_LABELS: dict[str, str] = {
    STATUS_AVAILABLE: N_("Available"),
    STATUS_RESERVED: N_("Reserved"),
    STATUS_SOLD: N_("Sold"),
    STATUS_NOT_FOR_SALE: N_("Not for sale"),
    STATUS_ON_LOAN: N_("On loan"),
    STATUS_PRIVATE_COLLECTION: N_("Private collection"),
}
STATUSES: tuple[str, ...] = tuple(STATUS_LABELS)
# Statuses of a work that has found its owner: nobody can ask to buy it.
STATUSES_NOT_ENQUIRABLE = frozenset({STATUS_SOLD, STATUS_PRIVATE_COLLECTION})


@dataclass(frozen=True, slots=True)
class Price:
    """What a work costs: an amount in an ISO 4217 currency.

    ``currency`` is empty when the work does not name one: the site's ``currency`` applies.
    """

    amount: Decimal
    currency: str
    line: int | None = field(default=None, compare=False)

    def in_currency(self, default: str) -> str:
        """The price's currency, or ``default`` (the site's) when it names none."""
        return self.currency or default


@dataclass(frozen=True, slots=True)
class Edition:
    """A work made in several copies: ``number`` of ``size``, plus ``proofs`` artist's proofs."""

    size: int
    proofs: int = 0
    number: int | None = None


@dataclass(frozen=True, slots=True)
class View:
    """Another image of a work (a detail, the back, the work installed), shown beside it."""

    image: Path
    alt: str
    caption: str = ""


# The video and sound files a work may name, with the media type browsers are told.
MEDIA_TYPES: dict[str, str] = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".flac": "audio/flac",
    ".wav": "audio/wav",
}

# The hosts a work's video may be shown from: where its own page is, where its
# privacy-friendly player is (no cookies before playing, do-not-track asked for), and what the
# player is asked when a visitor presses play.
VIDEO_HOSTS: dict[str, tuple[str, str, str]] = {
    "youtube": (
        "https://www.youtube.com/watch?v={id}",
        "https://www.youtube-nocookie.com/embed/{id}",
        "?autoplay=1&rel=0",
    ),
    "vimeo": ("https://vimeo.com/{id}", "https://player.vimeo.com/video/{id}?dnt=1", "&autoplay=1"),
}
PLAYER_ORIGINS: dict[str, str] = {
    "youtube": "https://www.youtube-nocookie.com",
    "vimeo": "https://player.vimeo.com",
}


@dataclass(frozen=True, slots=True)
class Recording:
    """A work's video or sound: a file of the project, copied as it is, or a video on
    YouTube or Vimeo, shown by their player only once a visitor asks for it."""

    kind: str  # "video" or "audio"
    file: Path | None = None  # the local file
    captions: Path | None = None  # a WebVTT file of captions for a local video
    host: str = ""  # a key of VIDEO_HOSTS, for an embedded video
    video_id: str = ""

    @property
    def embedded(self) -> bool:
        """Whether the video plays from another host's player."""
        return bool(self.host)

    @property
    def page_url(self) -> str:
        """The video's own page on its host (where the link goes without JavaScript)."""
        return VIDEO_HOSTS[self.host][0].format(id=self.video_id)

    @property
    def embed_url(self) -> str:
        """The address of the host's player for this video."""
        return VIDEO_HOSTS[self.host][1].format(id=self.video_id)

    @property
    def play_url(self) -> str:
        """The player's address once a visitor has pressed play: it starts at once."""
        return self.embed_url + VIDEO_HOSTS[self.host][2]

    @property
    def media_type(self) -> str:
        """The local file's media type."""
        return MEDIA_TYPES[self.file.suffix.lower()] if self.file is not None else ""

    @property
    def host_name(self) -> str:
        """The host as visitors know it."""
        return {"youtube": "YouTube", "vimeo": "Vimeo"}.get(self.host, "")


@dataclass(frozen=True, slots=True)
class Work:
    """One artwork of a series."""

    slug: str
    title: str
    year: int
    medium: str
    alt: str
    image: Path
    series_slug: str
    caption: str = ""
    dimensions: str = ""
    source: str = ""
    line: int | None = None
    date: datetime.date | None = None
    status: str = ""
    price: Price | None = None
    edition: Edition | None = None
    inventory: str = ""
    unlisted: bool = False  # visibility: unlisted (its page exists, nothing links to it)
    # Other images of the work, and its video or sound (``image`` is then its poster).
    views: tuple[View, ...] = ()
    recording: Recording | None = None

    @property
    def images(self) -> tuple[Path, ...]:
        """Every image the work shows: its own (or its poster), then its views'."""
        return (self.image, *(view.image for view in self.views))

    @property
    def files(self) -> tuple[Path, ...]:
        """The files of its video or sound, published as they are."""
        if self.recording is None:
            return ()
        return tuple(f for f in (self.recording.file, self.recording.captions) if f is not None)

    @property
    def is_video(self) -> bool:
        """Whether the work is a video (its image is the video's poster)."""
        return self.recording is not None and self.recording.kind == "video"

    press: bool = False  # ``press: true``: one of the press kit's selected works
    credit: str = ""  # who lends the image, for its credit line: "Courtesy Galerie Tengri"
    # The texts this language's version shows in the site's default language, for want of a
    # translation ("title", "caption", "alt", "medium"): the pages mark them with its ``lang``.
    untranslated: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        """The title, under the name an artist's is known by: a list of either shows it."""
        return self.title

    @property
    def enquirable(self) -> bool:
        """Whether a visitor may ask about buying the work: not once it is sold or owned."""
        return self.status not in STATUSES_NOT_ENQUIRABLE

    @property
    def status_label(self) -> str:
        """The status in the words the pages show; empty for a work without one."""
        return STATUS_LABELS.get(self.status, "")


@dataclass(frozen=True, slots=True)
class Series:
    """A body of work by one artist."""

    slug: str
    title: str
    artist_slug: str
    years: str
    description_html: str
    works: tuple[Work, ...]
    source: str
    weight: int = 0
    date: datetime.date | None = None
    updated: datetime.date | None = None
    unlisted: bool = False  # visibility: unlisted (its page exists, nothing links to it)
    untranslated: frozenset[str] = frozenset()  # "title", "description" (see Work)

    @property
    def cover(self) -> Work:
        """The work that stands for the series on cards: its first listed work."""
        return next((work for work in self.works if not work.unlisted), self.works[0])

    @property
    def listed_works(self) -> tuple[Work, ...]:
        """The works its page shows and links to: all but the unlisted ones."""
        return tuple(work for work in self.works if not work.unlisted)

    def hides(self, work: Work) -> bool:
        """Whether ``work``'s page is unlisted: it is, or its series is."""
        return self.unlisted or work.unlisted


@dataclass(frozen=True, slots=True)
class Dated:
    """When an entry of an artist's record was: a ``year``, or ``start`` and ``end`` dates
    (``end`` alone is not allowed); an undated entry has none."""

    year: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def first_year(self) -> int | None:
        """The year it began, if known."""
        return self.start.year if self.start else self.year

    @property
    def last_day(self) -> datetime.date | None:
        """Its last day, if its dates are known (the start, for an entry of one day)."""
        return self.end or self.start

    @property
    def years(self) -> str:
        """Its years as the CV writes them: '2019', '2019–2021', or ''."""
        first = self.first_year
        if first is None:
            return ""
        last = self.end.year if self.end else first
        return f"{first}–{last}" if last != first else str(first)

    def newest_first(self) -> tuple[int, int]:
        """A sort key: undated entries last, then the latest end (or start, or year) first."""
        day = self.last_day or (
            datetime.date(self.year, 12, 31) if self.year is not None else datetime.date.min
        )
        undated = 1 if self.first_year is None else 0
        return (undated, -day.toordinal())


@dataclass(frozen=True, slots=True)
class Exhibition(Dated):
    """An exhibition of the artist's work (``cv.exhibitions``)."""

    title: str = ""
    venue: str = ""
    city: str = ""
    country: str = ""
    kind: str = ""  # solo, group, fair, screening, or '' (generator.content.record)
    url: str = ""
    place: Place | None = None  # where it was, when it has a city: a journey on the map
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class CVEntry(Dated):
    """One line of the CV's education, awards, residencies or collections."""

    title: str = ""
    institution: str = ""
    city: str = ""
    country: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class PressItem:
    """An article about the artist (``cv.press``)."""

    title: str
    publication: str = ""
    date: datetime.date | None = None
    url: str = ""
    quote: str = ""


@dataclass(frozen=True, slots=True)
class CV:
    """The artist's record, each list in the order written (views sort them)."""

    exhibitions: tuple[Exhibition, ...] = ()
    education: tuple[CVEntry, ...] = ()
    awards: tuple[CVEntry, ...] = ()
    residencies: tuple[CVEntry, ...] = ()
    collections: tuple[CVEntry, ...] = ()
    press: tuple[PressItem, ...] = ()

    def __bool__(self) -> bool:
        return any(
            (
                self.exhibitions,
                self.education,
                self.awards,
                self.residencies,
                self.collections,
                self.press,
            )
        )


@dataclass(frozen=True, slots=True)
class Artist:
    """An artist and their story."""

    slug: str
    name: str
    discipline: str
    summary: str
    hometown: Place
    story_html: str
    source: str
    places: tuple[Place, ...] = ()
    portrait: Path | None = None
    portrait_alt: str = ""
    weight: int = 0
    draft: bool = False
    date: datetime.date | None = None
    updated: datetime.date | None = None
    # The artist's own ``contact:`` keys; their pages take the rest from the site's.
    contact: Contact | None = None
    statement_html: str = ""  # the artist's statement, apart from the story
    cv: CV = CV()
    press_bio_html: str = ""  # ``press_bio``: the press kit's biography, instead of the story's
    # "name", "discipline", "summary", "story", "statement", "press_bio", "cv", "places"…
    untranslated: frozenset[str] = frozenset()  # (see Work)


@dataclass(frozen=True, slots=True)
class OwnPage:
    """A page of one's own (``content/pages/<slug>.md``): an About page, say."""

    slug: str
    title: str
    body_html: str
    source: str
    summary: str = ""
    menu: int | None = None  # its place in the header navigation; None: not in it
    unlisted: bool = False
    date: datetime.date | None = None
    updated: datetime.date | None = None
    untranslated: frozenset[str] = frozenset()  # "title", "summary", "body" (see Work)


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the pages are rendered from, complete before any file is written."""

    config: SiteConfig
    root: Path
    artists: tuple[Artist, ...]
    series: tuple[Series, ...]
    # What was left out as drafts, one noun an item ("artist", "series"), in kind order.
    left_out: tuple[str, ...] = ()
    pages: tuple[OwnPage, ...] = ()  # the pages of one's own, by slug
    # The translations, and what the versions in other languages are made from (the loader
    # gives them; generator.content.overlay uses them). None: no item has a translation.
    versions: Versions | None = field(default=None, repr=False, compare=False)
    _series_by_artist: dict[str, tuple[Series, ...]] = field(init=False, repr=False, compare=False)
    _artist_by_slug: dict[str, Artist] = field(init=False, repr=False, compare=False)
    # The site in each language asked for so far, shared by all of them: made once each.
    _languages: dict[str, Site] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_artist: dict[str, list[Series]] = {a.slug: [] for a in self.artists}
        for series in self.series:
            if series.unlisted:  # its page exists; the artist's and the gallery's lists skip it
                continue
            by_artist.setdefault(series.artist_slug, []).append(series)
        object.__setattr__(self, "_series_by_artist", {k: tuple(v) for k, v in by_artist.items()})
        object.__setattr__(self, "_artist_by_slug", {a.slug: a for a in self.artists})
        object.__setattr__(self, "_languages", {self.config.language: self})

    def series_of(self, artist: Artist) -> tuple[Series, ...]:
        """The artist's listed series (not the unlisted ones), in display order."""
        return self._series_by_artist.get(artist.slug, ())

    def artist_of(self, series: Series) -> Artist:
        """The artist who made ``series``."""
        return self._artist_by_slug[series.artist_slug]

    def page(self, slug: str) -> OwnPage | None:
        """The page of one's own with that slug (``contact`` supplies the contact page's text)."""
        return next((page for page in self.pages if page.slug == slug), None)

    def menu(self) -> tuple[OwnPage, ...]:
        """The pages in the header navigation, by their ``menu`` number (then title)."""
        shown = [page for page in self.pages if page.menu is not None and not page.unlisted]
        return tuple(sorted(shown, key=lambda page: (page.menu or 0, page.title, page.slug)))

    def works(self) -> tuple[Work, ...]:
        """Every work of the site, series by series."""
        return tuple(work for series in self.series for work in series.works)

    def in_language(self, code: str) -> Site:
        """The site as its pages in ``code`` show it: each text in that language where a
        translation gives it, else in the default language (listed in the item's
        ``untranslated``). The default language's site is this one.

        Each language's site is made once, the first time it is asked for; every one of
        them answers for the others. ``code`` must be one of the site's languages.
        """
        known = self._languages.get(code)
        if known is not None:
            return known
        if code not in self.config.languages:
            raise ValueError(
                f"{code!r} is not one of the site's languages ({', '.join(self.config.languages)})"
            )
        from generator.content.overlay import overlay_site  # it builds on this module

        default = self._languages[self.config.default_language]
        made = overlay_site(default, code)
        object.__setattr__(made, "_languages", self._languages)
        self._languages[code] = made
        return made

    def translation(self, code: str, item: Artist | Series | OwnPage) -> Translation | None:
        """The translation into ``code`` of ``item`` (of the default language), if it has one."""
        if self.versions is None:
            return None
        return self.versions.translations.get(code, {}).get(item.source)

    def published(self, unread: tuple[str, ...] = ()) -> Site:
        """The site as it is published: without draft artists, nor the series of one.

        ``unread`` names drafts left out before they became items (a draft artist's series
        with problems): they are counted in ``left_out`` with the rest. The site in another
        language gives the published site's version in that language.
        """
        default = self.config.default_language
        if self.config.language != default and default in self._languages:
            whole = self._languages[default].published(unread)
            return whole.in_language(self.config.language)
        hidden = {a.slug for a in self.artists if a.draft}
        if not hidden and not unread:
            return self
        series = [s for s in self.series if s.artist_slug in hidden]
        return Site(
            config=self.config,
            root=self.root,
            artists=tuple(a for a in self.artists if not a.draft),
            series=tuple(s for s in self.series if s.artist_slug not in hidden),
            pages=self.pages,
            versions=self.versions,
            left_out=(
                *("artist" for _ in hidden),
                *("series" for _ in series),
                *unread,
            ),
        )
