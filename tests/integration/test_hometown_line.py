"""The hometown line of an artist's page and card reads well when a part of it is missing."""

from __future__ import annotations

from pathlib import Path

from generator.build import build


def test_a_hometown_without_country_has_no_trailing_comma(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    artist = tiny_project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8")
    artist.write_text(text.replace("  country: Kazakhstan\n", "", 1), encoding="utf-8")
    build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    page = (tmp_path / "out/artists/dana-sadyk/index.html").read_text(encoding="utf-8")
    line = page[page.index('class="artist__hometown"') :]
    line = line[: line.index("</p>")]
    assert "Taraz</a>, Jambyl Region" in line
    assert "p-country-name" not in line
    assert not line.rstrip().endswith(",")
    card = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert "Taraz</span>" in card or "· Taraz<" in card
    assert "Taraz, </span>" not in card
