"""A hometown given only by name is drawn where the gazetteer puts it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.authoring.check import check_site
from generator.build import build
from generator.config import load_config
from generator.content import gazetteer
from generator.content.loader import load_site
from generator.content.markdown import MarkdownRenderer
from generator.content.places import place_warnings


def test_a_name_only_hometown_is_pinned_at_the_looked_up_place(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    artist = tiny_project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8")
    text = text.replace("  lat: 42.9\n  lon: 71.3667\n", "", 1)
    text = text.replace("  name: Taraz\n", "  name: Балхаш\n", 1)
    artist.write_text(text, encoding="utf-8")
    build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    data = json.loads((tmp_path / "out/map/hometowns.json").read_text(encoding="utf-8"))
    pin = next(p for p in data["pins"] if p["slug"] == "dana-sadyk")
    assert (pin["lat"], pin["lon"]) == (46.85, 74.98)
    page = (tmp_path / "out/artists/dana-sadyk/index.html").read_text(encoding="utf-8")
    assert "Балхаш" in page


def test_a_point_outside_its_country_is_a_warning_of_build_and_check(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    artist = tiny_project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8")
    artist.write_text(text.replace("  lat: 42.9\n", "  lat: -42.9\n", 1), encoding="utf-8")
    report = build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    says = "'Taraz' at lat -42.9, lon 71.3667 lies outside Kazakhstan: check the signs"
    assert [w for w in report.warnings if says in w] == [
        f"content/artists/dana-sadyk.md: {says} and the hemisphere letters (N/S, E/W) of "
        "'lat' and 'lon'"
    ]
    checked = check_site(tiny_project, cache_dir=image_cache)
    assert [f.file for f in checked.warnings if says in f.message] == [
        "content/artists/dana-sadyk.md"
    ]
    assert not checked.errors


def test_the_example_site_loads_without_the_places_and_warns_of_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gazetteer, "_table", lambda: pytest.fail("the places file was read"))
    root = Path(__file__).resolve().parents[2]
    site = load_site(root, load_config(root), MarkdownRenderer())
    assert site.artists
    assert place_warnings(site.artists) == []
