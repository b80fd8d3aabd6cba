"""The shipped places file is regenerated small and the same every time from GeoNames' data."""

from __future__ import annotations

from generator.content.gazetteer_build import COLUMNS, place_rows, places_text


def city(name: str, population: int, *alternates: str, lat: float = 46.848_06) -> dict[str, object]:
    return {
        "name": name,
        "countrycode": "KZ",
        "latitude": lat,
        "longitude": 74.982_11,
        "population": population,
        "alternatenames": list(alternates),
    }


CITIES = {
    "1": city("Balqash", 81_364, "Balkhash", "Балхаш", "BKH", "balkhash"),
    "2": city("Öskemen", 20_000, "Ust-Kamenogorsk", "Усть-Каменогорск"),
    "3": city("Aktybek", 1_200, "Актыбек", lat=43.1),
}


def test_a_row_keeps_a_lookup_s_needs_rounded() -> None:
    rows = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in place_rows(CITIES)}
    balqash = rows["Balqash"]
    assert (balqash["lat"], balqash["lon"], balqash["population"]) == ("46.85", "74.98", "81000")
    assert balqash["alternate"] == "balkhash|балхаш"  # no code, no lower-case transliteration


def test_alternate_names_are_kept_by_the_place_s_size() -> None:
    rows = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in place_rows(CITIES)}
    assert rows["Öskemen"]["own"] == ""  # its ASCII name folds as its name does
    assert rows["Öskemen"]["alternate"] == "усть-каменогорск"  # Cyrillic only under 50,000
    assert rows["Aktybek"]["alternate"] == ""  # none under 15,000


def test_the_file_is_written_column_by_column_and_the_same_every_time() -> None:
    text = places_text(place_rows(CITIES))
    assert "GeoNames" in text.splitlines()[0]
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        f"## {column}" for column in COLUMNS
    ]
    assert text.split("## name\n")[1].split("## own")[0] == "Aktybek\nBalqash\nÖskemen\n"
    assert places_text(place_rows(dict(reversed(CITIES.items())))) == text
