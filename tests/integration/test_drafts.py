"""Drafts: a draft artist's series is a draft too, and builds say what they left out."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.authoring.preview import preview
from generator.cli import cli

DRAFT_ARTIST = """\
---
name: Mira Ok
discipline: painter
summary: A painter still being written about.
hometown:
  name: Taraz
  country: Kazakhstan
  lat: 42.9
  lon: 71.3667
draft: true
---
Her story comes later.
"""

# What 'showcase new series' leaves before its works are filled in: no image yet.
UNFINISHED_SERIES = """\
---
title: First Light
artist: mira-ok
works:
  - title: Morning
---
"""


def add_draft(project: Path) -> None:
    (project / "content" / "artists" / "mira-ok.md").write_text(DRAFT_ARTIST, encoding="utf-8")
    (project / "content" / "series" / "first-light.md").write_text(
        UNFINISHED_SERIES, encoding="utf-8"
    )


def run_build(project: Path, cache: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["build", "--source", str(project), "--cache-dir", str(cache), *options]
    )
    return result.exit_code, result.output


def test_a_draft_artists_unfinished_series_does_not_fail_the_build(
    tiny_project: Path, image_cache: Path
) -> None:
    add_draft(tiny_project)
    code, output = run_build(tiny_project, image_cache)
    assert code == 0, output
    assert "2 drafts left out (an artist and a series): showcase build --drafts shows them" in (
        output
    )
    assert not (tiny_project / "site" / "artists" / "mira-ok").exists()
    assert not (tiny_project / "site" / "series" / "first-light").exists()


def test_with_drafts_the_series_problems_are_reported(
    tiny_project: Path, image_cache: Path
) -> None:
    add_draft(tiny_project)
    code, output = run_build(tiny_project, image_cache, "--drafts")
    assert code == 1
    assert "content/series/first-light.md" in output
    assert "image" in output


def test_check_agrees_with_the_build_and_lists_what_a_draft_still_needs(
    tiny_project: Path, image_cache: Path
) -> None:
    add_draft(tiny_project)
    result = CliRunner().invoke(
        cli, ["check", "--source", str(tiny_project), "--cache-dir", str(image_cache)]
    )
    assert result.exit_code == 0, result.output
    assert "content/series/first-light.md:5: warning: in a draft, to finish before it is" in (
        result.output
    )
    assert "'image' is required" in result.output
    assert "0 errors" in result.output


def test_a_published_artists_unfinished_series_still_fails(
    tiny_project: Path, image_cache: Path
) -> None:
    add_draft(tiny_project)
    artist = tiny_project / "content" / "artists" / "mira-ok.md"
    artist.write_text(DRAFT_ARTIST.replace("draft: true\n", ""), encoding="utf-8")
    code, output = run_build(tiny_project, image_cache)
    assert code == 1
    assert "content/series/first-light.md" in output


def test_a_finished_series_of_a_draft_is_counted(tiny_project: Path, image_cache: Path) -> None:
    add_draft(tiny_project)
    (tiny_project / "content" / "series" / "first-light.md").unlink()
    series = tiny_project / "content" / "series"
    for name in ("second", "third"):
        text = (series / "small-hours.md").read_text(encoding="utf-8")
        text = text.replace("artist: dana-sadyk", "artist: mira-ok")
        (series / f"{name}.md").write_text(text.replace("Small Hours", name), encoding="utf-8")
    code, output = run_build(tiny_project, image_cache)
    assert code == 0, output
    assert "3 drafts left out (an artist and 2 series): showcase build --drafts shows them" in (
        output
    )


def test_a_site_without_drafts_says_nothing_about_them(
    tiny_project: Path, image_cache: Path
) -> None:
    code, output = run_build(tiny_project, image_cache)
    assert code == 0, output
    assert "left out" not in output


def test_serve_says_how_many_drafts_were_left_out(tiny_project: Path, image_cache: Path) -> None:
    add_draft(tiny_project)
    told: list[str] = []
    running = preview(tiny_project, port=0, cache_dir=image_cache, report=told.append)
    try:
        assert any(
            "2 drafts left out (an artist and a series): showcase serve --drafts shows them" in line
            for line in told
        ), told
    finally:
        running.shutdown()
