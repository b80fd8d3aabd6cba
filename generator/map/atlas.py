"""The hometown map's content: pins, journeys and locators, projected from the site model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from generator import urls
from generator.content.model import Artist, Exhibition, Place, Site
from generator.incremental.memo import LocatorMemo
from generator.map import projection as geo
from generator.map import region as regions
from generator.map.drawing import CountryShape, country_shapes

if TYPE_CHECKING:
    from generator.media.images import Rendition

PIN_CLEARANCE = 10.0  # px: a city this close to a pin is the pin's place
LABEL_WIDTH = 90.0  # px: the room a city's label takes to its right
LABEL_HEIGHT = 24.0
LOCATOR_WIDTH = 320
LOCATOR_SPAN_DEG = 30.0  # wide enough to show the whole of Kazakhstan around a hometown


@dataclass(frozen=True, slots=True)
class Pin:
    """An artist's hometown on the map."""

    artist: Artist
    x: float
    y: float
    radius: float

    @property
    def place(self) -> Place:
        """The hometown."""
        return self.artist.hometown

    @property
    def anchor(self) -> str:
        """The fragment id of the pin, linked from the artist's page."""
        return f"pin-{self.artist.slug}"


@dataclass(frozen=True, slots=True)
class Journey:
    """A place an artist's story or exhibitions take them, drawn from their hometown when it
    fits the map."""

    artist: Artist
    place: Place
    path: str
    x: float
    y: float
    on_map: bool


@dataclass(frozen=True, slots=True)
class CityMark:
    """A reference city, set like an atlas label."""

    name: str
    x: float
    y: float
    capital: bool
    label_left: bool = False


class Drawing:
    """The countries of a region seen in a frame, drawn when a page first shows them.

    Drawing costs a millisecond or two per frame; the map page and the shared locator files
    are rendered by worker processes, so the drawing is done there, in parallel, rather than
    while the site is planned. A frame's drawing depends only on the frame and the region
    (data shipped with showcase), so it is left out of comparisons and fingerprints.
    """

    __slots__ = ("_countries", "_frame", "_region")

    def __init__(self, region: regions.Region, frame: geo.MapFrame) -> None:
        self._region = region
        self._frame = frame
        self._countries: tuple[CountryShape, ...] | None = None

    @property
    def countries(self) -> tuple[CountryShape, ...]:
        """The countries in the frame, as SVG paths."""
        if self._countries is None:
            self._countries = country_shapes(self._region, self._frame)
        return self._countries


@dataclass(frozen=True, slots=True)
class LocatorBase:
    """The countries around one grid cell: a map file shared by the locators of that cell.

    Published once (``url``) instead of inside every artist page, it is downloaded once by a
    visitor, and keeps a thousand artist pages from each carrying the same drawing.
    """

    url: str
    view_box: str
    width: int
    height: int
    frame: geo.MapFrame
    drawing: Drawing = field(compare=False, repr=False)

    @property
    def countries(self) -> tuple[CountryShape, ...]:
        """The countries in the frame, as SVG paths."""
        return self.drawing.countries


@dataclass(frozen=True, slots=True)
class LocatorMark:
    """A city the artist exhibited in, on their locator map: an arc from the hometown."""

    name: str
    path: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Locator:
    """A small map centred on one hometown, for the artist's page: a shared base and a pin,
    and the cities of the artist's exhibitions that fall in its frame."""

    view_box: str
    width: int
    height: int
    base: LocatorBase
    x: float
    y: float
    radius: float
    approximate: bool
    marks: tuple[LocatorMark, ...] = ()


@dataclass(frozen=True, slots=True)
class Atlas:
    """Everything the map page draws, in SVG pixel coordinates."""

    view_box: str
    width: int
    height: int
    frame: geo.MapFrame
    cities: tuple[CityMark, ...]
    pins: tuple[Pin, ...]
    journeys: tuple[Journey, ...]
    locators: dict[str, Locator]
    drawing: Drawing = field(compare=False, repr=False)

    @property
    def countries(self) -> tuple[CountryShape, ...]:
        """The countries of the region map, as SVG paths."""
        return self.drawing.countries

    def locator(self, artist_slug: str) -> Locator:
        """The locator map of one artist's hometown."""
        return self.locators[artist_slug]

    @property
    def locator_bases(self) -> tuple[LocatorBase, ...]:
        """The base maps the locators use, each once, by URL."""
        bases = {locator.base.url: locator.base for locator in self.locators.values()}
        return tuple(bases[url] for url in sorted(bases))

    @property
    def journeys_off_map(self) -> tuple[Journey, ...]:
        """Journeys to places beyond the map's edge, listed instead of drawn."""
        return tuple(j for j in self.journeys if not j.on_map)

    def to_json(
        self, pictures: Mapping[str, tuple[Rendition, str]] | None = None
    ) -> dict[str, Any]:
        """The same content for the interactive map, in latitude and longitude.

        ``pictures`` maps an artist's slug to the image their popup card shows, and its alt.
        """
        cards = {
            slug: {"src": image.url, "width": image.width, "height": image.height, "alt": alt}
            for slug, (image, alt) in (pictures or {}).items()
        }
        return {
            "pins": [
                {
                    "slug": p.artist.slug,
                    "name": p.artist.name,
                    "discipline": p.artist.discipline,
                    "summary": p.artist.summary,
                    "place": p.place.name,
                    "lat": p.place.lat,
                    "lon": p.place.lon,
                    "approximate": p.place.approximate,
                    "picture": cards.get(p.artist.slug),
                    "radius_km": p.place.radius_km,
                    "url": urls.artist_url(p.artist.slug),
                }
                for p in self.pins
            ],
            "journeys": [
                {
                    "slug": j.artist.slug,
                    "name": j.artist.name,
                    "place": j.place.name,
                    "reason": j.place.reason,
                    "lat": j.place.lat,
                    "lon": j.place.lon,
                    "from": [j.artist.hometown.lat, j.artist.hometown.lon],
                }
                for j in self.journeys
            ],
        }


LOCATOR_GRID_DEG = 1.0  # locator frames centre on this grid, so nearby towns share one drawing


def build_atlas(site: Site, width: int = 1000, memo: LocatorMemo | None = None) -> Atlas:
    """Project every hometown and journey of ``site`` onto the region map.

    ``memo`` keeps locator maps between calls: drawing one costs milliseconds, and a
    hometown that did not move needs no new one.
    """
    memo = LocatorMemo() if memo is None else memo
    region = regions.load_region()
    frame = geo.region_frame(region, width=width)
    pins = tuple(_pin(frame, artist) for artist in site.artists)
    journeys = tuple(
        _journey(frame, artist, place)
        for artist in site.artists
        for place in journey_places(artist)
    )
    cities = _place_cities(frame, pins)
    return Atlas(
        view_box=frame.view_box,
        width=frame.width,
        height=frame.height,
        frame=frame,
        cities=cities,
        pins=pins,
        journeys=journeys,
        locators={a.slug: _marked_locator(region, a, memo) for a in site.artists},
        drawing=Drawing(region, frame),
    )


def exhibition_places(artist: Artist) -> tuple[Place, ...]:
    """The cities the artist exhibited in, once each, in the order first listed, leaving out
    their hometown; each one's ``reason`` names the exhibitions there, newest first."""
    home = _spot(artist.hometown)
    cities: dict[tuple[float, float], tuple[Place, list[Exhibition]]] = {}
    for exhibition in artist.cv.exhibitions:
        place = exhibition.place
        if place is not None and _spot(place) != home:
            cities.setdefault(_spot(place), (place, []))[1].append(exhibition)
    places = []
    for place, shown in cities.values():
        shown.sort(key=lambda e: e.newest_first())
        titles = "; ".join(f"{e.title} ({e.years})" if e.years else e.title for e in shown)
        places.append(replace(place, reason=f"Exhibited: {titles}"))
    return tuple(places)


def journey_places(artist: Artist) -> tuple[Place, ...]:
    """Where the artist's story takes them (``places``), then the cities of their exhibitions
    that the story does not already name."""
    named = {_spot(place) for place in artist.places}
    extra = tuple(p for p in exhibition_places(artist) if _spot(p) not in named)
    return (*artist.places, *extra)


def _spot(place: Place) -> tuple[float, float]:
    """Where a place is, to about ten kilometres: two spellings of one city are one spot."""
    return (round(place.lat, 1), round(place.lon, 1))


def _place_cities(frame: geo.MapFrame, pins: tuple[Pin, ...]) -> tuple[CityMark, ...]:
    """Reference cities that do not crowd a pin; labels move left of a pin's own label."""
    marks = []
    for city in regions.reference_cities():
        if not frame.contains(city.lat, city.lon):
            continue
        x, y = _round(frame.project(city.lat, city.lon))
        if any(abs(pin.x - x) < PIN_CLEARANCE and abs(pin.y - y) < PIN_CLEARANCE for pin in pins):
            continue  # the pin's own label names the place
        label_left = any(
            0 < pin.x - x < LABEL_WIDTH and abs(pin.y - y) < LABEL_HEIGHT for pin in pins
        )
        marks.append(CityMark(city.name, x, y, city.capital, label_left))
    return tuple(marks)


def _pin(frame: geo.MapFrame, artist: Artist) -> Pin:
    place = artist.hometown
    x, y = _round(frame.project(place.lat, place.lon))
    radius = round(frame.km_to_px(place.radius_km, place.lat), 1) if place.approximate else 0.0
    return Pin(artist=artist, x=x, y=y, radius=radius)


def _journey(frame: geo.MapFrame, artist: Artist, place: Place) -> Journey:
    home = artist.hometown
    if not frame.contains(place.lat, place.lon):
        return Journey(artist=artist, place=place, path="", x=0.0, y=0.0, on_map=False)
    x0, y0 = _round(frame.project(home.lat, home.lon))
    x1, y1 = _round(frame.project(place.lat, place.lon))
    return Journey(artist=artist, place=place, path=_arc(x0, y0, x1, y1), x=x1, y=y1, on_map=True)


def _arc(x0: float, y0: float, x1: float, y1: float) -> str:
    """A gentle arc bowed to the left of the direction of travel, so lines read as journeys."""
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    cx, cy = round(mx + (y1 - y0) * 0.2, 1), round(my - (x1 - x0) * 0.2, 1)
    return f"M{x0} {y0}Q{cx} {cy} {x1} {y1}"


def _marked_locator(region: regions.Region, artist: Artist, memo: LocatorMemo) -> Locator:
    """The artist's locator, with the cities of their exhibitions in its frame; the same
    object again while the hometown and those cities are the same (the artist page's
    identity holds it)."""
    locator = _locator(region, artist.hometown, memo)
    frame = locator.base.frame
    cities = tuple(p for p in exhibition_places(artist) if frame.contains(p.lat, p.lon))
    if not cities:
        return locator
    key = (artist.hometown, tuple((p.name, p.lat, p.lon) for p in cities))
    if key not in memo.marked:
        marks = []
        for city in cities:
            x, y = _round(frame.project(city.lat, city.lon))
            marks.append(LocatorMark(city.name, _arc(locator.x, locator.y, x, y), x, y))
        memo.marked[key] = replace(locator, marks=tuple(marks))
    return memo.marked[key]


def _locator(region: regions.Region, place: Place, memo: LocatorMemo) -> Locator:
    if place in memo.places:
        return memo.places[place]
    # The frame centres on the grid point nearest the place (the pin is drawn where the place
    # is, at most half a cell off centre in a frame 30 degrees wide), so a thousand hometowns
    # need only as many country drawings as the cells they fall in.
    cell = (_snap(place.lat), _snap(place.lon))
    if cell not in memo.frames:
        frame = geo.locator_frame(region, *cell, width=LOCATOR_WIDTH, span_deg=LOCATOR_SPAN_DEG)
        base = LocatorBase(
            url=urls.locator_url(_cell_name(*cell)),
            view_box=frame.view_box,
            width=frame.width,
            height=frame.height,
            frame=frame,
            drawing=Drawing(region, frame),
        )
        memo.frames[cell] = base
    base = memo.frames[cell]
    frame = base.frame
    x, y = _round(frame.project(place.lat, place.lon))
    radius = round(frame.km_to_px(place.radius_km, place.lat), 1) if place.approximate else 0.0
    memo.places[place] = Locator(
        view_box=frame.view_box,
        width=frame.width,
        height=frame.height,
        base=base,
        x=x,
        y=y,
        radius=radius,
        approximate=place.approximate,
    )
    return memo.places[place]


def _cell_name(lat: float, lon: float) -> str:
    """'43n077e' for the cell at 43° N, 77° E."""
    return (
        f"{abs(round(lat)):02d}{'n' if lat >= 0 else 's'}"
        f"{abs(round(lon)):03d}{'e' if lon >= 0 else 'w'}"
    )


def _snap(degrees: float) -> float:
    return round(degrees / LOCATOR_GRID_DEG) * LOCATOR_GRID_DEG


def _round(point: tuple[float, float]) -> tuple[float, float]:
    return round(point[0], 1), round(point[1], 1)
