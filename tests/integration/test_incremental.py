"""Rebuilding after an edit renders only the pages that depend on it, and matches a clean build.

Two ways of rebuilding are covered: a Builder kept in memory (what `showcase serve` and
`showcase build --watch` do) and separate `build()` calls, which find the last build's state
in the cache (what running `showcase build` again does).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions, build
from generator.layout import default_theme
from tests.sitecheck import tree_digest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_nothing_changed_renders_nothing(project: Path, own_cache: Path, tmp_path: Path) -> None:
    builder = Builder(project, tmp_path / "out", BuildOptions(cache_dir=own_cache, preview=True))
    first = builder.build()
    assert len(first.rendered) == first.pages
    assert builder.build().rendered == ()


def test_a_second_build_with_nothing_changed_stops_at_once_and_touches_no_file(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    first = build(project, tmp_path / "site", cache_dir=own_cache)
    before = mtimes(first.output)
    again = build(project, tmp_path / "site", cache_dir=own_cache)
    assert again.unchanged and again.rendered == ()
    assert "Nothing changed" in again.summary()
    assert mtimes(again.output) == before


def test_a_static_file_in_place_of_a_page_still_lets_the_next_build_stop_at_once(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    (project / "static").mkdir(exist_ok=True)
    (project / "static/robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    first = build(project, tmp_path / "site", cache_dir=own_cache)
    assert (first.output / "robots.txt").read_text(encoding="utf-8").endswith("Disallow: /\n")
    again = build(project, tmp_path / "site", cache_dir=own_cache)
    assert again.unchanged and again.rendered == ()


def test_an_edited_story_renders_only_the_pages_that_show_that_artist(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    builder = Builder(project, tmp_path / "out", BuildOptions(cache_dir=own_cache, preview=True))
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


def test_the_next_build_rewrites_only_what_changed_and_keeps_the_other_files_times(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    first = build(project, tmp_path / "site", cache_dir=own_cache)
    before = mtimes(first.output)
    edit(project / "content/artists/bakhyt-kalejs.md", "vast skies", "wide skies")
    second = build(project, tmp_path / "site", cache_dir=own_cache)
    after = mtimes(second.output)
    changed = {path for path in after if after[path] != before.get(path)}
    assert "artists/bakhyt-kalejs/index.html" in changed
    assert "gallery/bazaar-colours/index.html" not in changed
    assert not any(path.startswith("media/") for path in changed)  # images are not copied again
    assert len(changed) < len(after) / 10
    # The story's first paragraphs are the press kit's biography: its zip is made again.
    press_kit = "artists/bakhyt-kalejs/press/bakhyt-kalejs-press-kit.zip"
    assert press_kit in changed
    assert set(second.rendered) >= changed - {"_headers", press_kit}


def test_a_template_change_renders_the_pages_that_use_it(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    builder = Builder(project, tmp_path / "out", BuildOptions(cache_dir=own_cache, preview=True))
    builder.build()
    (project / "templates").mkdir()
    work = (default_theme() / "templates/work.html").read_text(encoding="utf-8")
    (project / "templates/work.html").write_text(
        work.replace("Medium", "Technique"), encoding="utf-8"
    )
    rendered = builder.build().rendered
    # Every work page (gallery/s/w/index.html), in each of the three languages (ru/gallery/…).
    works = [path.removeprefix("ru/").removeprefix("kk/") for path in rendered]
    assert works and all(path.count("/") == 3 for path in works)
    assert len(rendered) == 3 * 18


def test_a_file_changed_in_the_output_by_hand_is_put_back(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    first = build(project, tmp_path / "site", cache_dir=own_cache)
    page = first.output / "artists/bakhyt-morel/index.html"
    original = page.read_bytes()
    page.write_text("changed by hand", encoding="utf-8")
    (first.output / "gallery/index.html").unlink()
    again = build(project, tmp_path / "site", cache_dir=own_cache)
    assert not again.unchanged
    assert page.read_bytes() == original
    assert (first.output / "gallery/index.html").is_file()


def the_edits(project: Path) -> list[Callable[[], None]]:
    """Add, change, re-date, rename and delete an artist; change a template, the stylesheet,
    site.yaml."""
    artists = project / "content/artists"
    new = artists / "aigerim.md"

    def add() -> None:
        new.write_text(
            (artists / "bakhyt-morel.md")
            .read_text(encoding="utf-8")
            .replace("name: Bakhyt Morel", "name: Aigerim Sadykova")
            .replace("weight: 10", "weight: 40"),
            encoding="utf-8",
        )

    def override_template() -> None:
        (project / "templates").mkdir(exist_ok=True)
        work = (default_theme() / "templates/artist.html").read_text(encoding="utf-8")
        (project / "templates/artist.html").write_text(
            work.replace("</article>", "<p>Edited theme</p></article>", 1), encoding="utf-8"
        )

    def restyle() -> None:  # a new stylesheet has a new fingerprinted name on every page
        (project / "static/css").mkdir(parents=True, exist_ok=True)
        css = (default_theme() / "static/css/site.css").read_text(encoding="utf-8")
        (project / "static/css/site.css").write_text(css + "\nh1 { letter-spacing: 0; }\n")

    return [
        lambda: edit(artists / "bekzat-ayumi.md", "knew no bounds", "knew no limits"),
        # A later date alone: the sitemap's <lastmod> for that artist moves with it.
        lambda: edit(artists / "bakhyt-morel.md", "date: 2026-09-14", "date: 2026-11-20"),
        restyle,
        add,
        lambda: new.rename(artists / "aigerim-sadykova.md"),
        lambda: edit(artists / "aigerim-sadykova.md", "Aigerim Sadykova", "Aigerim Sadykova-Kim"),
        override_template,
        lambda: (artists / "aigerim-sadykova.md").unlink(),
        lambda: edit(project / "site.yaml", 'en: "Steppe & City"', 'en: "Steppe and City"'),
    ]


@pytest.mark.parametrize("how", ["in memory", "across runs"])
def test_many_edits_end_byte_identical_to_a_clean_build(
    project: Path, own_cache: Path, tmp_path: Path, how: str
) -> None:
    live = tmp_path / "live"
    builder = Builder(project, live, BuildOptions(cache_dir=own_cache))
    builder.build()
    for change in the_edits(project):
        change()
        if how == "in memory":
            report = builder.build()
        else:
            report = build(project, live, cache_dir=own_cache)
        assert not report.unchanged
        # After each step the folder is what a build from scratch writes.
        clean = build(project, tmp_path / "clean", cache_dir=own_cache, fresh=True)
        assert tree_digest(live) == tree_digest(clean.output)
    assert "Edited theme" in (live / "artists/bekzat-ayumi/index.html").read_text("utf-8")
    assert "Steppe and City" in (live / "index.html").read_text("utf-8")


def test_a_build_killed_while_updating_in_place_is_redone_whole(
    project: Path, own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(project, tmp_path / "site", cache_dir=own_cache)
    edit(project / "content/artists/bakhyt-kalejs.md", "vast skies", "wide skies")
    real_replace = os.replace

    def dies_halfway(source: str | Path, target: str | Path) -> None:
        raise KeyboardInterrupt  # as if killed while writing the first changed page

    monkeypatch.setattr(os, "replace", dies_halfway)
    with pytest.raises(KeyboardInterrupt):
        build(project, tmp_path / "site", cache_dir=own_cache)
    monkeypatch.setattr(os, "replace", real_replace)
    again = build(project, tmp_path / "site", cache_dir=own_cache)
    assert not again.unchanged
    clean = build(project, tmp_path / "clean", cache_dir=own_cache, fresh=True)
    assert tree_digest(first.output) == tree_digest(clean.output)
