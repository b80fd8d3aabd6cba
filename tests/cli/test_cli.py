"""The command line: a thin layer that parses options, calls build(), and prints."""

from __future__ import annotations

import os
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


def test_build_prints_a_summary_line(tiny_project: Path, image_cache: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "--source", str(tiny_project), "--cache-dir", str(image_cache)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Built ")
    assert " pages and " in result.output and " images " in result.output
    assert (tiny_project / "site" / "index.html").is_file()


def test_quiet_build_prints_nothing(tiny_project: Path, image_cache: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "-s", str(tiny_project), "-q", "--cache-dir", str(image_cache)]
    )
    assert result.exit_code == 0
    assert result.output == ""


def test_output_and_base_url_options(tiny_project: Path, tmp_path: Path, image_cache: Path) -> None:
    out = tmp_path / "public"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "-s",
            str(tiny_project),
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


def test_drafts_are_left_out_unless_asked_for(tiny_project: Path, tmp_path: Path) -> None:
    artist = tiny_project / "content/artists/dana-sadyk.md"
    artist.write_text(
        artist.read_text(encoding="utf-8").replace("discipline:", "draft: true\ndiscipline:"),
        encoding="utf-8",
    )
    common = ["-s", str(tiny_project), "-q", "--cache-dir", str(tmp_path / "cache")]
    CliRunner().invoke(cli, ["build", *common, "-o", str(tmp_path / "public")])
    assert not (tmp_path / "public/artists/dana-sadyk").exists()
    CliRunner().invoke(cli, ["build", *common, "-o", str(tmp_path / "drafts"), "--drafts"])
    assert (tmp_path / "drafts/artists/dana-sadyk/index.html").is_file()


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


def test_warnings_are_printed_but_do_not_fail_the_build(tiny_project: Path, tmp_path: Path) -> None:
    (tiny_project / "content/series/small-hours.md").unlink()
    result = CliRunner().invoke(
        cli, ["build", "-s", str(tiny_project), "--cache-dir", str(tmp_path / "cache")]
    )
    assert result.exit_code == 0
    assert "warning: content/artists/dana-sadyk.md: Dana Sadyk has no series" in (result.output)


def test_the_commands_stay_thin() -> None:
    # Parsing options and calling the library: past ~400 lines, cli.py is doing a second job
    # (printing belongs to console.py).
    import generator.cli

    assert generator.cli.__file__ is not None
    assert len(Path(generator.cli.__file__).read_text("utf-8").splitlines()) < 400


def test_a_reader_that_stops_reading_gets_no_error_from_showcase(tmp_path: Path) -> None:
    # `showcase init site | head -c1`: head exits, and what showcase still writes goes nowhere.
    # A pipe whose reading end is already closed makes every write fail, deterministically.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator", "init", str(tmp_path / "site")],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 1
    assert (tmp_path / "site" / "site.yaml").is_file()
