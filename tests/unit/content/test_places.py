"""Places read with coordinates in any usual form, or looked up by name in the gazetteer."""

from __future__ import annotations

import lzma

import pytest

from generator.content import gazetteer
from generator.content.gazetteer_build import PLACES_FILE
from generator.content.model import Place
from generator.content.places import place_warning, read_hometown, read_place
from generator.errors import SiteError
from generator.source.fields import Fields, Problems
from generator.source.frontmatter import parse_frontmatter


def hometown(yaml: str) -> tuple[Place, list[SiteError]]:
    document = parse_frontmatter(f"---\n{yaml}---\n", "content/artists/a.md")
    problems = Problems("content/artists/a.md")
    place = read_hometown(Fields(document.data, document.marks, problems))
    return place, problems.errors


def test_dms_and_decimal_comma_are_read() -> None:
    place, errors = hometown("hometown:\n  name: Balkhash\n  lat: 46°50′53″N\n  lon: '74,98'\n")
    assert errors == []
    assert place.lat == pytest.approx(46.84806, abs=1e-5)
    assert place.lon == pytest.approx(74.98)


def test_a_bad_coordinate_is_located_and_says_how_to_find_one() -> None:
    _, errors = hometown("hometown:\n  name: Balkhash\n  lat: north-ish\n  lon: 74.98\n")
    assert len(errors) == 1
    assert errors[0].line == 4
    assert "hometown.lat" in errors[0].message
    assert "OpenStreetMap" in (errors[0].hint or "")


def test_a_place_by_name_and_country_is_looked_up_and_keeps_its_written_name() -> None:
    place, errors = hometown("hometown:\n  name: Balkhash\n  country: Kazakhstan\n")
    assert errors == []
    assert (place.name, place.country) == ("Balkhash", "Kazakhstan")
    assert (place.lat, place.lon) == (46.85, 74.98)


def test_cyrillic_names_and_country_codes_are_found() -> None:
    place, errors = hometown("hometown:\n  name: Алматы\n  country: kz\n")
    assert errors == []
    assert (place.name, place.lat, place.lon) == ("Алматы", 43.25, 76.91)


def test_the_short_form_is_a_name_to_look_up() -> None:
    place, errors = hometown("hometown: Balkhash, Kazakhstan\n")
    assert errors == []
    assert (place.name, place.country, place.lat) == ("Balkhash", "Kazakhstan", 46.85)
    place, errors = hometown("hometown: Almaty\n")
    assert errors == [] and place.lon == 76.91


def test_an_ambiguous_name_lists_the_candidates_readably_and_the_lines_to_write() -> None:
    _, errors = hometown("hometown:\n  name: Springfield\n  country: US\n")
    assert len(errors) == 1
    assert errors[0].line == 3
    assert "20 places are called 'Springfield' in US" in errors[0].message
    hint = errors[0].hint or ""
    assert "Springfield, United States (about 170,000 people) at lat 37.22, lon -93.3" in hint
    assert "region" not in hint
    assert "country: US\n    lat: 37.22\n    lon: -93.3" in hint


@pytest.mark.parametrize(
    ("written", "country", "lat"),
    [
        ("New York, US", "US", 40.71),  # New York City, not York (NE) or Clinton (WI)
        ("Nur-Sultan, Kazakhstan", "Kazakhstan", 51.18),  # Astana's former name
        ("Moscow", "Russia", 55.75),  # 10 million people, against 25,060 in Idaho
        ("Paris", "France", 48.85),
    ],
)
def test_a_place_ten_times_larger_than_the_next_of_its_name_is_the_one_meant(
    written: str, country: str, lat: float
) -> None:
    place, errors = hometown(f"hometown: {written}\n")
    assert errors == []
    assert (place.country, place.lat) == (country, lat)


def test_a_main_name_wins_over_a_larger_place_s_alternate_name() -> None:
    found = gazetteer.lookup("York", "US")
    assert found and all(place.name == "York" for place in found)


def test_a_hometown_without_country_shows_the_country_found() -> None:
    place, errors = hometown("hometown: Turkistan\n")
    assert errors == [] and place.country == "Kazakhstan"
    place, errors = hometown("hometown:\n  name: Turkistan\n")
    assert errors == [] and (place.name, place.country) == ("Turkistan", "Kazakhstan")


def test_an_unknown_name_suggests_close_ones_and_the_long_form() -> None:
    _, errors = hometown("hometown: Balkash, Kazakhstan\n")
    assert len(errors) == 1
    assert "'Balkash' in Kazakhstan is not in showcase's list of places" in errors[0].message
    assert "looks the place up" not in (errors[0].hint or "")
    hint = errors[0].hint or ""
    assert "did you mean Balqash" in hint
    assert "name: Balkash\n    country: Kazakhstan\n    lat: <number>\n    lon: <number>" in hint


def test_an_unknown_country_suggests_close_ones() -> None:
    _, errors = hometown("hometown: Balkhash, Kazakstan\n")
    assert "no country called 'Kazakstan'" in errors[0].message
    assert "did you mean Kazakhstan" in (errors[0].hint or "")


def test_swapped_coordinates_are_an_error_with_the_fix() -> None:
    _, errors = hometown(
        "hometown:\n  name: Almaty\n  country: Kazakhstan\n  lat: 76.9\n  lon: 43.25\n"
    )
    assert len(errors) == 1
    assert errors[0].line == 5
    assert "look swapped" in errors[0].message
    assert errors[0].hint == "write these two lines instead:\n    lat: 43.25\n    lon: 76.9"


def test_right_coordinates_with_a_country_pass_and_do_not_load_the_places(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse() -> None:
        raise AssertionError("the gazetteer's places were loaded")

    monkeypatch.setattr(gazetteer, "_table", refuse)
    place, errors = hometown(
        "hometown:\n  name: Almaty\n  country: Kazakhstan\n  lat: 43.25\n  lon: 76.9\n"
    )
    assert errors == [] and place.lat == 43.25


def test_the_shipped_data_is_small_credited_and_read_afresh() -> None:
    # How long reading it takes is measured by bench/places.py, not here.
    assert PLACES_FILE.stat().st_size < 2_000_000
    with lzma.open(PLACES_FILE, "rt", encoding="utf-8") as handle:
        assert "GeoNames" in handle.readline()
    gazetteer._table.cache_clear()
    assert [found.lat for found in gazetteer.lookup("Balkhash", "KZ")] == [46.85]


def test_swapped_coordinates_name_the_item_once() -> None:
    document = parse_frontmatter(
        "---\nplaces:\n  - name: Tashkent\n    country: Uzbekistan\n    lat: 69.24\n"
        "    lon: 41.31\n---\n",
        "content/artists/a.md",
    )
    problems = Problems("content/artists/a.md")
    [place] = Fields(document.data, document.marks, problems).mappings("places")
    read_place(place)
    [error] = problems.errors
    assert error.message.startswith("place 1, 'Tashkent': 'lat' and 'lon' look swapped")
    assert error.message.count("Tashkent") == 1


def test_a_hometown_written_as_a_position_says_which_lines_to_write() -> None:
    _, errors = hometown("hometown: 46.8, 74.9\n")
    [error] = errors
    assert "looks like a position (46.8, 74.9)" in error.message
    assert "no country" not in error.message
    assert "name: <town>\n    lat: 46.8\n    lon: 74.9" in (error.hint or "")


def test_a_decimal_comma_inside_braces_is_explained() -> None:
    _, errors = hometown(
        "hometown: {name: Turkistan, country: Kazakhstan, lat: 43,2973, lon: 68,2518}\n"
    )
    [error] = errors
    assert "decimal comma in lat: 43,2973, lon: 68,2518" in error.message
    assert "unknown key" not in error.message
    hint = error.hint or ""
    assert "lat: 43.2973, lon: 68.2518" in hint
    assert "lat: '43,2973', lon: '68,2518'" in hint
    assert "one key per line:\n    lat: 43.2973\n    lon: 68.2518" in hint


def test_a_hometown_s_unknown_key_hint_does_not_offer_reason() -> None:
    _, errors = hometown("hometown:\n  name: Almaty\n  lat: 43.25\n  lon: 76.9\n  why: x\n")
    [error] = errors
    assert "unknown key 'hometown.why'" in error.message
    assert "reason" not in (error.hint or "") and "radius_km" in (error.hint or "")


def test_a_hometown_written_as_a_list_gets_the_lines_to_write() -> None:
    _, errors = hometown("hometown: [Balkhash, Kazakhstan]\n")
    [error] = errors
    assert "not a list" in error.message
    hint = error.hint or ""
    assert "hometown:\n    name: Balkhash\n    country: Kazakhstan" in hint
    assert "hometown: Balkhash, Kazakhstan" in hint


def test_a_short_form_without_a_town_name_is_an_error() -> None:
    place, errors = hometown("hometown: ', Kazakhstan'\n")
    [error] = errors
    assert "no town name" in error.message
    assert place.name == ""


@pytest.mark.parametrize(
    ("place", "says"),
    [
        (
            Place("Turkistan", "Kazakhstan", -43.2973, 68.2518),
            "'Turkistan' at lat -43.2973, lon 68.2518 lies outside Kazakhstan: check the signs",
        ),
        (Place("Turkistan", "France", 43.2973, 68.2518), "lies outside France"),
        (
            Place("Turkistan", "Qazaqstan", 43.2973, 68.2518),
            "does not know the country 'Qazaqstan' (did you mean Kazakhstan?)",
        ),
        (Place("Turkistan", "Kazakhstan", 43.2973, 68.2518), ""),
        (Place("Turkistan", "", 43.2973, 68.2518), ""),
    ],
)
def test_a_point_outside_its_country_or_an_unknown_country_is_a_warning(
    place: Place, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gazetteer, "_table", lambda: pytest.fail("places loaded"))
    warning = place_warning(place)
    assert (says in warning) if says else warning == ""
