"""Rebuilding after an edit renders only the pages that depend on it, and matches a clean build."""

from __future__ import annotations

from pathlib import Path

from generator.build import Builder
from tests.sitecheck import tree_digest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nothing_changed_renders_nothing(project: Path, own_cache: Path, tmp_path: Path) -> None:
    builder = Builder(project, tmp_path / "out", cache_dir=own_cache, incremental=True)
    first = builder.build()
    assert len(first.rendered) == first.pages
    assert builder.build().rendered == ()


def test_an_edited_story_renders_only_the_pages_that_show_that_artist(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    builder = Builder(project, tmp_path / "out", cache_dir=own_cache, incremental=True)
    builder.build()
    edit(project / "content/artists/bakhyt-kalejs.md", "vast skies", "wide skies")
    report = builder.build()
    rendered = set(report.rendered)
    assert "artists/bakhyt-kalejs/index.html" in rendered
    assert {"index.html", "gallery/index.html", "map/index.html"} <= rendered
    assert "gallery/steppe-awakening/index.html" in rendered
    assert not any(path.startswith("gallery/bazaar-colours/") for path in rendered)
    assert not any(path.startswith("gallery/the-people-of-aktybek/") for path in rendered)
    assert len(rendered) < report.pages / 2
    page = tmp_path / "out/artists/bakhyt-kalejs/index.html"
    assert "wide skies" in page.read_text(encoding="utf-8")


def test_a_template_change_renders_the_pages_that_use_it(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    builder = Builder(project, tmp_path / "out", cache_dir=own_cache, incremental=True)
    builder.build()
    (project / "templates").mkdir()
    from generator.templates import default_theme

    work = (default_theme() / "templates/work.html").read_text(encoding="utf-8")
    (project / "templates/work.html").write_text(
        work.replace("Medium", "Technique"), encoding="utf-8"
    )
    rendered = builder.build().rendered
    assert rendered and all(path.count("/") == 3 for path in rendered)  # gallery/s/w/index.html
    assert len(rendered) == 18


def test_many_edits_end_byte_identical_to_a_clean_build(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    builder = Builder(project, tmp_path / "live", cache_dir=own_cache, incremental=True)
    builder.build()
    artists = project / "content/artists"
    edit(artists / "bekzat-ayumi.md", "knew no bounds", "knew no limits")
    builder.build()
    new = artists / "aigerim.md"
    new.write_text(
        (artists / "bakhyt-morel.md")
        .read_text(encoding="utf-8")
        .replace("name: Bakhyt Morel", "name: Aigerim Sadykova")
        .replace("weight: 10", "weight: 40"),
        encoding="utf-8",
    )
    builder.build()
    new.rename(artists / "aigerim-sadykova.md")
    builder.build()
    (artists / "aigerim-sadykova.md").unlink()
    builder.build()
    edit(project / "site.yaml", "title: Steppe & City", "title: Steppe and City")
    incremental = builder.build()
    # A first build of a fresh preview renders everything: the same as building from scratch.
    clean = Builder(project, tmp_path / "clean", cache_dir=own_cache, incremental=True).build()
    assert tree_digest(incremental.output) == tree_digest(clean.output)
