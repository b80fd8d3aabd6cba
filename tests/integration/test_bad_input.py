"""Broken content gets a located message, exit status 1, and leaves the last site untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.sitecheck import tree_digest


def run_build(project: Path, cache: Path) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["build", "--source", str(project), "--quiet"], env={"SHOWCASE_CACHE_DIR": str(cache)}
    )
    return result.exit_code, result.output + (result.stderr or "")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def built(project: Path, image_cache: Path) -> tuple[Path, dict[str, str]]:
    """The project, built once successfully, with a digest of that good site."""
    code, output = run_build(project, image_cache)
    assert code == 0, output
    return project, tree_digest(project / "site")


def assert_failed_cleanly(
    project: Path, before: dict[str, str], cache: Path, *expected: str
) -> str:
    code, output = run_build(project, cache)
    assert code == 1, output
    for text in expected:
        assert text in output
    assert "Traceback" not in output
    assert tree_digest(project / "site") == before, "the previous site was changed"
    return output


def test_invalid_yaml_names_file_and_line(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    replace_in(
        project / "content/artists/bakhyt-morel.md", "discipline: painter", "discipline: [painter"
    )
    assert_failed_cleanly(
        project, before, image_cache, "content/artists/bakhyt-morel.md:", "invalid YAML"
    )


def test_missing_required_field_names_file_line_and_fix(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    replace_in(project / "content/artists/bakhyt-morel.md", "discipline: painter\n", "")
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        "content/artists/bakhyt-morel.md:2:1:",
        "'discipline' is required",
    )
    assert "add a line 'discipline:" in output


def test_unknown_artist_of_a_series_suggests_the_right_slug(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    replace_in(series, "artist: bakhyt-kalejs", "artist: bakhyt-kalejz")
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        "content/series/steppe-awakening.md:",
        "unknown artist 'bakhyt-kalejz'",
    )
    assert "did you mean 'bakhyt-kalejs'?" in output


def test_missing_image_names_the_work_line(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    text = series.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "image:" in row)
    image = text.splitlines()[line - 1].split("image:")[1].strip()
    (series.parent / image).unlink()
    assert_failed_cleanly(
        project,
        before,
        image_cache,
        f"content/series/steppe-awakening.md:{line}:",
        f"image not found: {image}",
    )


def test_duplicate_artist_slugs_name_both_files(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    original = project / "content/artists/bakhyt-kalejs.md"
    copy = project / "content/artists/bakhyt-kalejs-copy.md"
    copy.write_text(
        original.read_text(encoding="utf-8").replace("name: Bakhyt Kalējs", "name: Bakhyt Kalejs"),
        encoding="utf-8",
    )
    assert_failed_cleanly(
        project,
        before,
        image_cache,
        "content/artists/bakhyt-kalejs.md:2:",
        "the artist slug 'bakhyt-kalejs' is already used by content/artists/bakhyt-kalejs-copy.md",
    )


def test_every_problem_of_a_run_is_reported_together(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    replace_in(project / "content/artists/bakhyt-morel.md", "lat: 43.2525", "lat: 243.2525")
    replace_in(project / "content/artists/bekzat-ayumi.md", "discipline:", "disciplin:")
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        "'hometown.lat' must be between -90 and 90",
        "unknown key 'disciplin'",
        "did you mean 'discipline'?",
    )
    assert "Build failed with 3 errors" in output  # the typo also leaves discipline missing
    assert "unknown artist" not in output  # a broken artist file is not also "unknown"


def test_an_output_folder_not_made_by_showcase_is_never_cleared(
    project: Path, image_cache: Path
) -> None:
    precious = project / "site"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work", encoding="utf-8")
    code, output = run_build(project, image_cache)
    assert code == 1
    assert "not made by showcase" in output
    assert (precious / "thesis.docx").read_text(encoding="utf-8") == "years of work"


def test_the_project_folder_itself_is_refused_as_output(project: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--source", str(project), "--output", str(project)])
    assert result.exit_code == 1
    assert "holds the project itself" in result.output
    assert (project / "content").is_dir()


def test_a_template_error_names_the_template_and_line(project: Path, image_cache: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates/404.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{{ page.no_such_field }}\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    code, output = run_build(project, image_cache)
    assert code == 1
    assert "templates/404.html:3" in output and "no_such_field" in output
