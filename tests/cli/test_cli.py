"""The command line: a thin layer that parses options, calls build(), and prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator import __version__
from generator.cli import cli


def test_version_is_printed() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"showcase, version {__version__}"


def test_help_lists_the_build_command_and_its_options() -> None:
    assert "build" in CliRunner().invoke(cli, ["--help"]).output
    help_text = CliRunner().invoke(cli, ["build", "--help"]).output
    for option in ("--source", "--output", "--base-url", "--drafts", "--quiet"):
        assert option in help_text


def test_build_prints_a_summary_line(project: Path, image_cache: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "--source", str(project), "--cache-dir", str(image_cache)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Built ")
    assert " pages and " in result.output and " images " in result.output
    assert (project / "site" / "index.html").is_file()


def test_quiet_build_prints_nothing(project: Path, image_cache: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "-s", str(project), "-q", "--cache-dir", str(image_cache)]
    )
    assert result.exit_code == 0
    assert result.output == ""


def test_output_and_base_url_options(project: Path, tmp_path: Path, image_cache: Path) -> None:
    out = tmp_path / "public"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "-s",
            str(project),
            "-o",
            str(out),
            "-q",
            "--base-url",
            "https://user.github.io/showcase",
            "--cache-dir",
            str(image_cache),
        ],
    )
    assert result.exit_code == 0, result.output
    assert 'href="/showcase/gallery/"' in (out / "index.html").read_text(encoding="utf-8")


def test_drafts_are_left_out_unless_asked_for(
    project: Path, tmp_path: Path, own_cache: Path
) -> None:
    artist = project / "content/artists/bakhyt-morel.md"
    artist.write_text(
        artist.read_text(encoding="utf-8").replace("weight: 10", "weight: 10\ndraft: true"),
        encoding="utf-8",
    )
    common = ["-s", str(project), "-q", "--cache-dir", str(own_cache)]
    CliRunner().invoke(cli, ["build", *common, "-o", str(tmp_path / "public")])
    assert not (tmp_path / "public/artists/bakhyt-morel").exists()
    CliRunner().invoke(cli, ["build", *common, "-o", str(tmp_path / "drafts"), "--drafts"])
    assert (tmp_path / "drafts/artists/bakhyt-morel/index.html").is_file()


def test_python_dash_m_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"showcase, version {__version__}"


def test_a_missing_site_yaml_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "-s", str(tmp_path)])
    assert result.exit_code == 1
    assert "no site.yaml" in result.output
    assert "Traceback" not in result.output


def test_warnings_are_printed_but_do_not_fail_the_build(project: Path, own_cache: Path) -> None:
    for series in (project / "content/series").glob("*.md"):
        if "artist: bakhyt-morel" in series.read_text(encoding="utf-8"):
            series.unlink()
    result = CliRunner().invoke(cli, ["build", "-s", str(project), "--cache-dir", str(own_cache)])
    assert result.exit_code == 0
    assert "warning: content/artists/bakhyt-morel.md: Bakhyt Morel has no series" in (result.output)
