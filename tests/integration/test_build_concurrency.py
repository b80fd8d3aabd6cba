"""A build stopped part-way, or racing another, never leaves a mixed site behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build
from generator.errors import SiteError

ROOT = Path(__file__).resolve().parents[2]

# `showcase build …` whose in-place update pauses after its first files are in place.
SLOW_UPDATE = """
import sys, time
from generator.output import update
from generator.cli import cli

real = update.Update.write

def slow(self, files):
    written = real(self, files)
    if written:
        print("updating", flush=True)
        time.sleep(60)
    return written

update.Update.write = slow
cli.main(sys.argv[1:], prog_name="showcase")
"""


def contents(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder``, dot-files included, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def built_then_edited(project: Path, cache: Path) -> dict[str, bytes]:
    """Build ``project``, then edit its artist; the site as built."""
    build(project, cache_dir=cache)
    artist = project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8")
    artist.write_text(text.replace("summary: A painter", "summary: A printmaker"), "utf-8")
    return contents(project / "site")


def start_slow(project: Path, cache: Path, *extra: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_UPDATE, "build", "-s", str(project), "-q", *extra],
        cwd=ROOT,
        env={**os.environ, "SHOWCASE_CACHE_DIR": str(cache)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line == "updating\n", process.communicate(timeout=30)
    return process


def leftovers(site: Path) -> list[str]:
    """An update's temporary files: ``.<name>.showcase-new…`` and ``.<name>.showcase-old…``."""
    return sorted(
        p.name for p in site.rglob(".*") if ".showcase-new" in p.name or ".showcase-old" in p.name
    )


@pytest.mark.parametrize(
    ("number", "watch"),
    [(signal.SIGTERM, False), (signal.SIGHUP, False), (signal.SIGTERM, True)],
)
def test_a_build_stopped_by_a_signal_puts_back_every_file_it_changed(
    tiny_project: Path, tmp_path: Path, number: int, watch: bool
) -> None:
    cache = tmp_path / "cache"
    before = built_then_edited(tiny_project, cache)
    process = start_slow(tiny_project, cache, *(["--watch"] if watch else []))
    process.send_signal(number)
    process.communicate(timeout=30)
    assert process.returncode != 0
    assert contents(tiny_project / "site") == before
    build(tiny_project, cache_dir=cache)  # and the next build brings the edit in
    assert b"A printmaker" in (tiny_project / "site/artists/dana-sadyk/index.html").read_bytes()
    assert leftovers(tiny_project / "site") == []


def test_the_next_build_undoes_an_update_killed_outright(
    tiny_project: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    before = built_then_edited(tiny_project, cache)
    # A new artist too: the update makes files (and folders) the site never had.
    artists = tiny_project / "content/artists"
    text = (artists / "dana-sadyk.md").read_text("utf-8")
    (artists / "new-comer.md").write_text(text.replace("Dana Sadyk", "New Comer"), "utf-8")
    process = start_slow(tiny_project, cache)
    process.kill()  # SIGKILL: nothing can clean up
    process.communicate(timeout=30)
    assert leftovers(tiny_project / "site") != []
    (tiny_project / "content/artists/broken.md").write_text("---\nname: [\n---\n", "utf-8")
    with pytest.raises(SiteError):  # fails, but only after tidying what the killed one left
        build(tiny_project, cache_dir=cache)
    assert contents(tiny_project / "site") == before


def test_a_second_build_into_the_same_folder_waits_then_says_another_is_writing(
    tiny_project: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    before = built_then_edited(tiny_project, cache)
    first = start_slow(tiny_project, cache)
    try:
        second = subprocess.run(
            [sys.executable, "-m", "generator", "build", "-s", str(tiny_project)],
            cwd=ROOT,
            env={**os.environ, "SHOWCASE_CACHE_DIR": str(cache)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 1, second.stdout + second.stderr
        site = tiny_project / "site"
        assert f"another showcase build is writing {site}; wait for it to finish" in second.stderr
        assert "the previous site was left as it was" in second.stderr
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert contents(tiny_project / "site") == before
    build(tiny_project, cache_dir=cache)
    assert leftovers(tiny_project / "site") == []
