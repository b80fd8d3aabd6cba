from __future__ import annotations

from pathlib import Path

from generator.config import SiteConfig
from generator.content.model import Artist, Place, Site
from generator.map.atlas import build_atlas

ALMATY = Place(name="Almaty", country="Kazakhstan", lat=43.2525, lon=76.9115)
PARIS = Place(name="Paris", country="France", lat=48.8534, lon=2.3488, reason="Monet")


def artist(slug: str, hometown: Place, *places: Place) -> Artist:
    return Artist(
        slug=slug,
        name=slug.title(),
        discipline="painter",
        summary="s.",
        hometown=hometown,
        story_html="<p>s</p>",
        source=f"{slug}.md",
        places=places,
    )


def site(*artists: Artist) -> Site:
    config = SiteConfig(title="T", description="D", base_url="https://example.org/")
    return Site(config=config, root=Path("."), artists=artists, series=())


def test_every_artist_gets_a_pin_inside_the_map() -> None:
    atlas = build_atlas(site(artist("morel", ALMATY)))
    [pin] = atlas.pins
    assert 0 < pin.x < atlas.width and 0 < pin.y < atlas.height
    assert pin.radius == 0.0
    assert pin.anchor == "pin-morel"


def test_approximate_hometowns_get_a_circle_of_their_radius() -> None:
    steppe = Place(
        name="Aktybek", country="Kazakhstan", lat=48.95, lon=68.35, approximate=True, radius_km=60
    )
    wider = Place(
        name="Aktybek", country="Kazakhstan", lat=48.95, lon=68.35, approximate=True, radius_km=120
    )
    [small] = build_atlas(site(artist("a", steppe))).pins
    [large] = build_atlas(site(artist("a", wider))).pins
    assert small.radius > 0
    assert abs(large.radius - 2 * small.radius) < 0.2


def test_journeys_beyond_the_edge_are_listed_not_drawn() -> None:
    atlas = build_atlas(site(artist("morel", ALMATY, PARIS)))
    [journey] = atlas.journeys
    assert not journey.on_map and journey.path == ""
    assert atlas.journeys_off_map == (journey,)


def test_journeys_inside_the_map_are_drawn_as_arcs_from_the_hometown() -> None:
    astana = Place(name="Astana", country="Kazakhstan", lat=51.1694, lon=71.4491)
    atlas = build_atlas(site(artist("morel", ALMATY, astana)))
    [journey] = atlas.journeys
    [pin] = atlas.pins
    assert journey.on_map
    assert journey.path.startswith(f"M{pin.x} {pin.y}Q")


def test_a_reference_city_at_a_pin_gives_way_to_the_pin() -> None:
    atlas = build_atlas(site(artist("morel", ALMATY)))
    names = {city.name for city in atlas.cities}
    assert "Almaty" not in names
    assert "Astana" in names


def test_the_interactive_map_gets_the_same_places() -> None:
    data = build_atlas(site(artist("morel", ALMATY, PARIS))).to_json()
    assert data["pins"][0]["url"] == "/artists/morel/"
    assert data["journeys"][0]["place"] == "Paris"
