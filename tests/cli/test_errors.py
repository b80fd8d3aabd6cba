"""Whatever fails, the command prints what, where and what to do, and exits without a traceback."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import Builder
from generator.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def raising(exc: BaseException) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    return fail


def test_ctrl_c_prints_a_short_line_and_exits_130(
    tiny_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Builder, "build", raising(KeyboardInterrupt()))
    code, output = run("build", "-s", str(tiny_project))
    assert code == 130
    assert output.strip() == "Interrupted."
    assert not (tiny_project / "site").exists()


def test_running_out_of_memory_is_one_line_with_what_to_do(
    tiny_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Builder, "build", raising(MemoryError()))
    code, output = run("build", "-s", str(tiny_project))
    assert code == 1
    assert "Traceback" not in output
    assert output.splitlines()[0].startswith("error: out of memory")
    assert "--jobs" in output


@pytest.mark.parametrize(
    ("command", "target", "code", "words"),
    [
        (
            ["init", "{tmp}/new-site"],
            "generator.authoring.scaffold.init_site",
            errno.EROFS,
            "read-only",
        ),
        (
            ["new", "artist", "Ana", "-s", "{tmp}"],
            "generator.authoring.scaffold.new_artist",
            errno.EACCES,
            "permission denied",
        ),
        (
            ["check", "-s", "{tmp}"],
            "generator.authoring.check.check_site",
            errno.ENOSPC,
            "no space left",
        ),
        (["publish", "-s", "{tmp}"], "generator.publish.publish", errno.EDQUOT, "quota"),
        (
            ["serve", "-s", "{tmp}"],
            "generator.authoring.preview.preview",
            errno.ENAMETOOLONG,
            "too long",
        ),
        (["build", "-s", "{tmp}"], "generator.config.load_config", errno.EIO, "input/output"),
    ],
)
def test_a_system_error_in_any_command_is_one_message_naming_the_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    target: str,
    code: int,
    words: str,
) -> None:
    where = tmp_path / "content" / "thing.md"
    monkeypatch.setattr(target, raising(OSError(code, os.strerror(code), str(where))))
    status, output = run(*(part.replace("{tmp}", str(tmp_path)) for part in command))
    assert status == 1, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, output
    assert str(where) in errors[0] and words in errors[0]
    assert "hint: " in output


def test_debug_shows_the_traceback_of_a_system_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "generator.authoring.check.check_site",
        raising(OSError(errno.EIO, "I/O error", str(tmp_path))),
    )
    status, output = run("--debug", "check", "-s", str(tmp_path))
    assert status == 1
    assert "Traceback" in output and "error: " in output


def test_a_failed_first_build_says_nothing_was_written(
    tiny_project: Path, image_cache: Path
) -> None:
    (tiny_project / "content/artists/broken.md").write_text("---\nname: [\n---\n", encoding="utf-8")
    code, output = run("build", "-s", str(tiny_project), "--cache-dir", str(image_cache))
    assert code == 1
    assert "nothing was written" in output
    assert "previous site" not in output


def test_a_failed_rebuild_says_the_previous_site_was_kept(
    tiny_project: Path, image_cache: Path
) -> None:
    code, output = run("build", "-s", str(tiny_project), "--cache-dir", str(image_cache))
    assert code == 0, output
    (tiny_project / "content/artists/broken.md").write_text("---\nname: [\n---\n", encoding="utf-8")
    code, output = run("build", "-s", str(tiny_project), "--cache-dir", str(image_cache))
    assert code == 1
    assert "the previous site was left as it was" in output


def test_a_person_reads_which_work_which_key_and_which_line_to_write(
    tiny_project: Path, image_cache: Path
) -> None:
    series = tiny_project / "content/series/small-hours.md"
    text = series.read_text(encoding="utf-8")
    text = text.replace("image: small-hours/02-dusk.png", "image: 02-dusk.png")
    text = text.replace("    alt: A band of pale orange light under a dark blue sky.\n", "")
    series.write_text(text, encoding="utf-8")
    code, output = run("build", "-s", str(tiny_project), "--cache-dir", str(image_cache))
    assert code == 1
    assert "work 1, 'Dawn': 'alt' is required" in output
    assert (
        "content/series/small-hours.md:11:12: work 2, 'Dusk': image not found: 02-dusk.png\n"
        "  hint: the image is in the folder small-hours/: write 'image: small-hours/02-dusk.png'"
    ) in output
    assert "Traceback" not in output and "works[" not in output


def test_a_key_written_twice_is_one_located_message(tiny_project: Path, image_cache: Path) -> None:
    artist = tiny_project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8")
    artist.write_text(text.replace("---\n", "---\ndiscipline: x\n", 1), encoding="utf-8")
    line = next(
        n
        for n, row in enumerate(artist.read_text(encoding="utf-8").splitlines(), 1)
        if n > 2 and row.startswith("discipline:")
    )
    code, output = run("build", "-s", str(tiny_project), "--cache-dir", str(image_cache))
    assert code == 1
    assert (
        f"content/artists/dana-sadyk.md:{line}:1: 'discipline' is written twice, on lines 2 "
        f"and {line}"
    ) in output
    assert "Traceback" not in output
