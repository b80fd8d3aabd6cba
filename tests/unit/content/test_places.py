"""Places read with coordinates in any usual form, or looked up by name in the gazetteer."""

from __future__ import annotations

import gzip
import time

import pytest

from generator.content import gazetteer
from generator.content.gazetteer_build import PLACES_FILE
from generator.content.model import Place
from generator.content.places import read_hometown
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
    assert (place.lat, place.lon) == (46.8455, 74.9821)


def test_cyrillic_names_and_country_codes_are_found() -> None:
    place, errors = hometown("hometown:\n  name: Алматы\n  country: kz\n")
    assert errors == []
    assert (place.name, place.lat, place.lon) == ("Алматы", 43.2525, 76.9115)


def test_the_short_form_is_a_name_to_look_up() -> None:
    place, errors = hometown("hometown: Balkhash, Kazakhstan\n")
    assert errors == []
    assert (place.name, place.country, place.lat) == ("Balkhash", "Kazakhstan", 46.8455)
    place, errors = hometown("hometown: Almaty\n")
    assert errors == [] and place.lon == 76.9115


def test_an_ambiguous_name_lists_the_candidates_and_the_lines_to_write() -> None:
    _, errors = hometown("hometown:\n  name: Moscow\n")
    assert len(errors) == 1
    assert errors[0].line == 3
    assert "3 places are called 'Moscow'" in errors[0].message
    hint = errors[0].hint or ""
    assert "Moscow (RU, region 48" in hint and "Moscow (US, region ID" in hint
    assert "country: RU\n    lat: 55.752\n    lon: 37.6178" in hint


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

    monkeypatch.setattr(gazetteer, "_data", refuse)
    place, errors = hometown(
        "hometown:\n  name: Almaty\n  country: Kazakhstan\n  lat: 43.25\n  lon: 76.9\n"
    )
    assert errors == [] and place.lat == 43.25


def test_the_shipped_data_is_small_credited_and_fast_to_load() -> None:
    assert PLACES_FILE.stat().st_size < 6_000_000
    with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as handle:
        assert "GeoNames" in handle.readline()
    gazetteer._data.cache_clear()
    start = time.perf_counter()
    gazetteer.lookup("Balkhash", "KZ")
    assert time.perf_counter() - start < 10
