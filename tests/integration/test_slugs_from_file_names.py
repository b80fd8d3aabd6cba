"""An artist's and a series' address comes from the file's name, so names can be corrected."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build
from generator.authoring.scaffold import new_series
from generator.errors import ContentErrors

ARTIST = "content/artists/dana-sadyk.md"
SERIES = "content/series/small-hours.md"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_correcting_an_artists_name_keeps_their_address_and_their_series(
    tiny_project: Path, tmp_path: Path, image_cache: Path
) -> None:
    replace_in(tiny_project / ARTIST, "name: Dana Sadyk", "name: Dana Sadyk-Ermekova")
    report = build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    page = (report.output / "artists/dana-sadyk/index.html").read_text(encoding="utf-8")
    assert "Dana Sadyk-Ermekova" in page
    assert not (report.output / "artists/dana-sadyk-ermekova").exists()
    series = (report.output / "gallery/small-hours/index.html").read_text(encoding="utf-8")
    assert "Dana Sadyk-Ermekova" in series and 'href="/artists/dana-sadyk/"' in series
    # and `new series` still knows the artist by the file's name
    new_series(tiny_project, "Long Evenings", "dana-sadyk")


def test_correcting_a_series_title_keeps_its_address(
    tiny_project: Path, tmp_path: Path, image_cache: Path
) -> None:
    replace_in(tiny_project / SERIES, "title: Small Hours", "title: The Small Hours")
    report = build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    page = (report.output / "gallery/small-hours/index.html").read_text(encoding="utf-8")
    assert "The Small Hours" in page
    assert not (report.output / "gallery/the-small-hours").exists()


def test_a_slug_key_still_chooses_the_address(
    tiny_project: Path, tmp_path: Path, image_cache: Path
) -> None:
    replace_in(tiny_project / ARTIST, "name: Dana Sadyk", "name: Dana Sadyk\nslug: dana")
    replace_in(tiny_project / SERIES, "artist: dana-sadyk", "artist: dana")
    report = build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    assert (report.output / "artists/dana/index.html").is_file()
    assert not (report.output / "artists/dana-sadyk").exists()


def test_a_file_name_that_is_not_a_slug_is_made_one(
    tiny_project: Path, tmp_path: Path, image_cache: Path
) -> None:
    (tiny_project / ARTIST).rename(tiny_project / "content/artists/Dana Sadyk.md")
    report = build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    assert (report.output / "artists/dana-sadyk/index.html").is_file()


def test_a_file_name_without_letters_or_digits_is_a_located_error(
    tiny_project: Path, tmp_path: Path, image_cache: Path
) -> None:
    (tiny_project / ARTIST).rename(tiny_project / "content/artists/___.md")
    with pytest.raises(ContentErrors) as caught:
        build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    messages = [(e.path, e.line, e.message, e.hint) for e in caught.value.errors]
    path, line, message, hint = messages[0]
    assert path == "content/artists/___.md" and line == 2  # the front-matter's first line
    assert message == "the file name '___.md' gives no slug for its page's address"
    assert hint is not None and "rename the file" in hint and "slug:" in hint
