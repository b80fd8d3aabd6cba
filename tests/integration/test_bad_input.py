"""Broken content gets a located message, exit status 1, and leaves the last site untouched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.editing import rename_content
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
        f"work 1, 'Steppe at First Light': image not found: {image}",
    )


def test_duplicate_artist_slugs_name_both_files(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    original = project / "content/artists/bakhyt-kalejs.md"
    copy = project / "content/artists/bakhyt-kalejs-copy.md"
    copy.write_text(
        original.read_text(encoding="utf-8").replace(
            "name: Bakhyt Kalējs", "name: Bakhyt Kalejs\nslug: bakhyt-kalejs"
        ),
        encoding="utf-8",
    )
    assert_failed_cleanly(
        project,
        before,
        image_cache,
        "content/artists/bakhyt-kalejs.md:1:",
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


def test_a_file_that_is_not_utf8_names_the_file_and_line(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    path = project / "content/artists/bakhyt-morel.md"
    data = path.read_bytes().replace(b"discipline: painter", b"discipline: p\xe4inter", 1)
    path.write_bytes(data)
    line = data[: data.index(b"\xe4")].count(b"\n") + 1
    assert_failed_cleanly(
        project,
        before,
        image_cache,
        f"content/artists/bakhyt-morel.md:{line}: the file is not valid UTF-8",
        "save the file with UTF-8 encoding",
    )


def test_a_huge_content_file_is_refused_without_reading_it(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    huge = project / "content/artists/huge.md"
    with huge.open("wb") as file:
        file.write(b"---\nname: Huge\n---\n")
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    assert_failed_cleanly(
        project, before, image_cache, "content/artists/huge.md: the file is too big", "5 MB"
    )


def image_line(series: Path) -> tuple[int, str]:
    """The line of the first work's image, and the path written there."""
    rows = series.read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, 1) if "image:" in row)
    return line, rows[line - 1].split("image:")[1].strip()


def test_a_misspelt_image_path_suggests_the_right_name(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    line, image = image_line(series)
    replace_in(series, image, image.replace("first-light", "frist-light"))
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        f"content/series/steppe-awakening.md:{line}:",
        "image not found: steppe-awakening/01-steppe-at-frist-light.jpg",
    )
    assert "did you mean 'image: steppe-awakening/01-steppe-at-first-light.jpg'?" in output
    assert_suggestion_builds(project, series, output, image_cache)


def test_a_wrongly_cased_image_path_says_the_case_differs(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    line, image = image_line(series)
    replace_in(series, image, image.replace("01-steppe", "01-Steppe"))
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        f"content/series/steppe-awakening.md:{line}:",
        "image not found: steppe-awakening/01-Steppe-at-first-light.jpg",
    )
    assert (
        "the case differs: write 'image: steppe-awakening/01-steppe-at-first-light.jpg'" in output
    )
    assert_suggestion_builds(project, series, output, image_cache)


def assert_suggestion_builds(project: Path, source: Path, output: str, cache: Path) -> None:
    """Write the line the hint suggests in place of the wrong one: the build then passes."""
    suggestion = re.search(r"'(image|portrait): ([^']+)'", output)
    assert suggestion is not None, output
    key, suggested = suggestion.groups()
    rows = source.read_text(encoding="utf-8").split("\n")
    located = re.search(rf"{re.escape(source.name)}:(\d+):", output)
    assert located is not None, output
    wrong = int(located[1]) - 1
    assert rows[wrong].strip().startswith(f"{key}:")
    indent = rows[wrong][: len(rows[wrong]) - len(rows[wrong].lstrip())]
    rows[wrong] = f"{indent}{key}: {suggested}"
    source.write_text("\n".join(rows), encoding="utf-8")
    code, result = run_build(project, cache)
    assert code == 0, result


def test_an_image_path_without_its_folder_suggests_the_path_that_works(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    line, image = image_line(series)
    replace_in(series, image, "01-steppe-at-first-light.jpg")
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        f"content/series/steppe-awakening.md:{line}:",
        "the image is in the folder steppe-awakening/: "
        "write 'image: steppe-awakening/01-steppe-at-first-light.jpg'",
    )
    assert "put the image" not in output
    assert_suggestion_builds(project, series, output, image_cache)


def test_a_misspelt_image_without_its_folder_suggests_the_folder_and_name(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    _, image = image_line(series)
    replace_in(series, image, "01-steppe-at-frist-light.jpg")
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        "did you mean 'image: steppe-awakening/01-steppe-at-first-light.jpg'? "
        "(in the folder steppe-awakening/)",
    )
    assert_suggestion_builds(project, series, output, image_cache)


def test_an_image_path_from_the_project_folder_is_explained(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    _, image = image_line(series)
    replace_in(series, image, f"content/series/{image}")
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        "paths are relative to this file's folder (content/series/), not to the project's: "
        f"write 'image: {image}'",
    )
    assert_suggestion_builds(project, series, output, image_cache)


def test_a_portrait_without_its_folder_suggests_the_path_that_works(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    folder = project / "content/artists/bakhyt-morel"
    folder.mkdir()
    shutil.copy(
        project / "content/series/steppe-awakening/01-steppe-at-first-light.jpg",
        folder / "portrait.jpg",
    )
    artist = project / "content/artists/bakhyt-morel.md"
    replace_in(artist, "weight: 10\n", "weight: 10\nportrait: portrait.jpg\nportrait_alt: Him.\n")
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        "the image is in the folder bakhyt-morel/: write 'portrait: bakhyt-morel/portrait.jpg'",
    )
    assert_suggestion_builds(project, artist, output, image_cache)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../../../../../../../../etc/passwd", "points outside the project"),
        ("/etc/passwd", "must be a path relative to this file"),
        ("~/photo.jpg", "must be a path relative to this file"),
    ],
)
def test_an_image_path_leaving_the_project_is_refused(
    built: tuple[Path, dict[str, str]], image_cache: Path, path: str, message: str
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    line, image = image_line(series)
    replace_in(series, image, path)
    assert_failed_cleanly(
        project, before, image_cache, f"content/series/steppe-awakening.md:{line}:", message
    )


def test_an_absolute_path_to_an_image_in_the_project_suggests_its_relative_path(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    line, image = image_line(series)
    replace_in(series, image, str((series.parent / image).resolve()))
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        f"content/series/steppe-awakening.md:{line}:",
        "must be a path relative to this file",
        f"write it relative to this file's folder: 'image: {image}'",
    )
    assert_suggestion_builds(project, series, output, image_cache)


def test_a_symlink_in_content_pointing_outside_the_project_is_refused(
    built: tuple[Path, dict[str, str]], image_cache: Path, tmp_path: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    line, image = image_line(series)
    outside = tmp_path / "outside.jpg"
    outside.write_bytes((series.parent / image).read_bytes())
    (series.parent / "steppe-awakening/linked.jpg").symlink_to(outside)
    replace_in(series, image, "steppe-awakening/linked.jpg")
    assert_failed_cleanly(
        project,
        before,
        image_cache,
        f"content/series/steppe-awakening.md:{line}:",
        "points outside the project: steppe-awakening/linked.jpg",
    )


def test_errors_of_several_files_are_grouped_by_file(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    replace_in(project / "content/artists/bekzat-ayumi.md", "discipline:", "disciplin:")
    replace_in(project / "content/artists/bakhyt-morel.md", "lat: 43.2525", "lat: 243.2525")
    output = assert_failed_cleanly(project, before, image_cache, "in 2 files")
    lines = output.splitlines()
    morel = lines.index("content/artists/bakhyt-morel.md")
    ayumi = lines.index("content/artists/bekzat-ayumi.md")
    assert morel < ayumi  # sorted by file
    assert lines[ayumi - 1] == ""  # a blank line between files
    assert lines[morel + 1].startswith("error: content/artists/bakhyt-morel.md:")
    assert lines[ayumi + 1].startswith("error: content/artists/bekzat-ayumi.md:")
    assert lines[-1].startswith("Build failed with 3 errors in 2 files")


def test_a_series_slug_cannot_take_the_gallery_pages_folder(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    replace_in(project / "content/series/steppe-awakening.md", "date:", "slug: page\ndate:")
    assert_failed_cleanly(
        project,
        before,
        image_cache,
        "content/series/steppe-awakening.md:3:",
        "'page' cannot be a series' slug: /gallery/page/ holds the gallery's pages",
        "give the series a slug of its own",
    )


def test_a_story_nested_too_deep_names_the_file_and_line(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    artist = project / "content/artists/bakhyt-morel.md"
    text = artist.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 2  # after the story and a blank line
    artist.write_text(text.rstrip("\n") + "\n\n" + "> " * 100_000 + "deep\n", encoding="utf-8")
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        f"content/artists/bakhyt-morel.md:{line}:1: quotes, lists or HTML elements are nested",
    )
    assert "hint: nest fewer levels" in output


@pytest.mark.parametrize("side", [10_000, 15_000])  # Pillow warns above 89 MP, refuses at 179
def test_a_decompression_bomb_without_caption_names_the_work_line(
    built: tuple[Path, dict[str, str]], image_cache: Path, side: int
) -> None:
    from PIL import Image

    project, before = built
    series = project / "content/series/steppe-awakening.md"
    rows = series.read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, 1) if "02-golden-grass.jpg" in row)
    assert not any("caption:" in row for row in rows[line - 2 : line + 3])  # read from the file
    Image.new("1", (side, side)).save(series.parent / "steppe-awakening/02-golden-grass.jpg", "PNG")
    output = assert_failed_cleanly(
        project, before, image_cache, f"content/series/steppe-awakening.md:{line}:", "megapixels"
    )
    assert "02-golden-grass.jpg" in output


def test_a_work_is_named_by_its_number_from_one_and_its_title(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    series = project / "content/series/steppe-awakening.md"
    text = series.read_text(encoding="utf-8")
    start = text.index("    alt:", text.index("- title: Golden Grass"))
    series.write_text(text[:start] + text[text.index("\n", start) + 1 :], encoding="utf-8")
    line = text[: text.index("- title: Golden Grass")].count("\n") + 1  # where the work begins
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        f"content/series/steppe-awakening.md:{line}:",
        "work 2, 'Golden Grass': 'alt' is required",
    )
    assert "works[" not in output


def test_a_place_is_named_by_its_number_and_name(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    replace_in(project / "content/artists/bakhyt-morel.md", "    reason:", "    reasn:")
    assert_failed_cleanly(project, before, image_cache, "place 1, 'Paris': unknown key 'reasn'")


def test_unindented_hometown_lines_are_an_error_not_a_new_name(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    artist = project / "content/artists/bakhyt-morel.md"
    text = artist.read_text(encoding="utf-8")
    block = text[text.index("hometown:\n") : text.index("places:")]
    artist.write_text(text.replace(block, block.replace("\n  ", "\n")), encoding="utf-8")
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        "content/artists/bakhyt-morel.md:7:1: 'name' is written twice (lines 2 and 7)",
        "the lines under 'hometown:' on line 6 are not indented",
    )
    assert "indent the lines under 'hometown:' by two spaces, as '  name: Almaty'" in output


def test_one_unindented_line_under_hometown_gets_the_line_to_write(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    artist = project / "content/artists/bakhyt-morel.md"
    replace_in(artist, "hometown:\n  name: Almaty\n", "hometown:\nname: Almaty\n")
    output = assert_failed_cleanly(
        project, before, image_cache, "content/artists/bakhyt-morel.md:8:", "invalid YAML"
    )
    assert (
        "line 7 is not indented, so it is not read as part of 'hometown:' above it: "
        "indent the lines under 'hometown:' by two spaces, as '  name: Almaty'"
    ) in output
    assert "quotes" not in output


def test_a_duplicate_key_in_site_yaml_names_both_lines(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    settings = project / "site.yaml"
    first = next(
        n
        for n, row in enumerate(settings.read_text(encoding="utf-8").splitlines(), 1)
        if row.startswith("title:")
    )
    with settings.open("a", encoding="utf-8") as handle:
        handle.write("title: Another title\n")
    last = len(settings.read_text(encoding="utf-8").splitlines())
    assert_failed_cleanly(
        project, before, image_cache, f"'title' is written twice, on lines {first} and {last}"
    )


def test_an_artist_file_renamed_away_from_its_name_says_how_to_keep_the_address(
    built: tuple[Path, dict[str, str]], image_cache: Path
) -> None:
    project, before = built
    artists = project / "content/artists"
    rename_content(artists / "bakhyt-kalejs.md", artists / "kalejs.md")  # translations too
    output = assert_failed_cleanly(
        project,
        before,
        image_cache,
        "unknown artist 'bakhyt-kalejs': content/artists/kalejs.md names it, but its address "
        "now comes from its file name ('kalejs')",
        "hint: rename content/artists/kalejs.md to bakhyt-kalejs.md, or add a line "
        "'slug: bakhyt-kalejs' to kalejs.md to keep its published address",
    )
    assert "did you mean" not in output
    replace_in(artists / "kalejs.md", "name:", "slug: bakhyt-kalejs\nname:")
    code, output = run_build(project, image_cache)
    assert code == 0, output
