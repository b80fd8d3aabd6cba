"""One rule for every input: nothing outside the project is read, whatever the links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

HINT = "copy the file into the project instead of linking it"


def run_build(project: Path, cache: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["build", "--source", str(project), "--quiet"], env={"SHOWCASE_CACHE_DIR": str(cache)}
    )
    return result.exit_code, result.output + (result.stderr or "")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the project whose words must never reach the site."""
    path = tmp_path / "elsewhere" / "secret.txt"
    path.parent.mkdir()
    path.write_text("---\nname: Secret\n---\nTOP-SECRET-WORDS\n", encoding="utf-8")
    return path


def assert_refused(project: Path, cache: Path, *expected: str) -> None:
    code, output = run_build(project, cache)
    assert code == 1, output
    assert "Traceback" not in output
    assert HINT in output
    for text in expected:
        assert text in output
    site = project / "site"
    published = [p.read_bytes() for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any(b"TOP-SECRET-WORDS" in data for data in published)


def test_a_story_linked_to_a_file_outside_is_refused(
    project: Path, image_cache: Path, secret: Path
) -> None:
    (project / "content/artists/linked.md").symlink_to(secret)
    assert_refused(project, image_cache, "content/artists/linked.md:", "outside the project")


def test_a_content_folder_linked_outside_is_refused(
    project: Path, image_cache: Path, secret: Path
) -> None:
    (secret.parent / "outsider.md").write_bytes(secret.read_bytes())
    series = project / "content/series"
    shutil.rmtree(series)
    series.symlink_to(secret.parent)
    assert_refused(project, image_cache, "content/series/outsider.md:", "outside the project")


def test_a_template_linked_to_a_file_outside_is_refused(
    project: Path, image_cache: Path, secret: Path
) -> None:
    (project / "templates").mkdir()
    (project / "templates/robots.txt").symlink_to(secret)
    assert_refused(project, image_cache, "templates/robots.txt:", "outside the project")


def test_a_static_file_linked_outside_is_refused(
    project: Path, image_cache: Path, secret: Path
) -> None:
    (project / "static").mkdir()
    (project / "static/notes.txt").symlink_to(secret)
    assert_refused(project, image_cache, "static/notes.txt:", "outside the project")


def test_site_yaml_linked_outside_is_refused(
    project: Path, image_cache: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere-settings.yaml"
    outside.write_bytes((project / "site.yaml").read_bytes())
    (project / "site.yaml").unlink()
    (project / "site.yaml").symlink_to(outside)
    assert_refused(project, image_cache, "site.yaml:", "outside the project")


def test_an_image_linked_outside_is_refused(
    project: Path, image_cache: Path, tmp_path: Path
) -> None:
    series = project / "content/series/steppe-awakening.md"
    image = project / "content/series/steppe-awakening/02-golden-grass.jpg"
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(image.read_bytes())
    image.unlink()
    image.symlink_to(outside)
    code, output = run_build(project, image_cache)
    assert code == 1 and "Traceback" not in output
    assert f"{series.relative_to(project).as_posix()}:" in output
    assert "points outside the project" in output


def test_links_that_stay_inside_the_project_still_work(project: Path, image_cache: Path) -> None:
    shared = project / "shared"
    shared.mkdir()
    artist = project / "content/artists/bakhyt-morel.md"
    (shared / "bakhyt-morel.md").write_bytes(artist.read_bytes())
    artist.unlink()
    artist.symlink_to(Path("../../shared/bakhyt-morel.md"))
    (shared / "robots.txt").write_text("User-agent: *\nAllow: /linked\n", encoding="utf-8")
    (project / "templates").mkdir()
    (project / "templates/robots.txt").symlink_to(shared / "robots.txt")
    (shared / "notes.txt").write_text("shared notes\n", encoding="utf-8")
    (project / "static").mkdir()
    (project / "static/notes.txt").symlink_to(shared / "notes.txt")
    settings = project / "site.yaml"
    (shared / "site.yaml").write_bytes(settings.read_bytes())
    settings.unlink()
    settings.symlink_to(shared / "site.yaml")
    code, output = run_build(project, image_cache)
    assert code == 0, output
    site = project / "site"
    assert (site / "artists/bakhyt-morel/index.html").is_file()
    assert "Allow: /linked" in (site / "robots.txt").read_text(encoding="utf-8")
    assert (site / "notes.txt").read_text(encoding="utf-8") == "shared notes\n"
