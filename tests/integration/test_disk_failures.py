"""A full, read-only or failing disk: a build changes all of the site or none of it, says why in
one message, and the next build runs once the disk is fixed. Folders beside the site that
showcase did not make are never touched."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import build
from generator.cli import cli
from generator.output.ownership import OWNER_MARKER, RETIRED, STAGING, marker_text
from tests.sitecheck import tree_digest

# About disks, not languages: the example in English alone (tests/conftest.py).
ONE_LANGUAGE = True


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def contents(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder``, dot-files included, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def edit_an_artist(project: Path) -> None:
    """An edit that changes the artist's pages and the indexes that list them."""
    edit(
        project / "content/artists/bakhyt-kalejs.md", "summary: A painter", "summary: A printmaker"
    )


def dead_pid() -> int:
    """The id of a process that has ended, as a killed build's would be."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


# --- folders beside the output (issue 13, item 5) ----------------------------------------------


def test_folders_beside_the_site_that_showcase_did_not_make_survive_every_build(
    project: Path, own_cache: Path
) -> None:
    mine = {
        name: project / name for name in (".site.old-mine", ".site.new-mine", ".site.old-backup")
    }
    for folder in mine.values():
        folder.mkdir()
        (folder / "notes.txt").write_text("the artist's own notes", encoding="utf-8")
    common = ("-s", str(project), "--cache-dir", str(own_cache), "-q")
    for step in ("first build", "nothing changed", "one edit", "fresh build"):
        if step == "one edit":
            edit_an_artist(project)
        code, output = run("build", *common, *(["--fresh"] if step == "fresh build" else []))
        assert code == 0, output
        for folder in mine.values():
            assert (folder / "notes.txt").read_text(encoding="utf-8") == "the artist's own notes", (
                f"{folder.name} was touched by the {step}"
            )
        if step == "first build":  # a copy of a built site, marker and all, kept by hand
            (project / "site").rename(project / ".site.old-backup" / "copy")
            code, output = run("build", *common)
            assert code == 0, output
    assert (project / ".site.old-backup/copy/.showcase-build").is_file()


def test_a_killed_builds_marked_folders_are_removed_and_unmarked_ones_kept(
    project: Path, own_cache: Path
) -> None:
    build(project, project / "site", cache_dir=own_cache)
    pid = dead_pid()
    staging = project / f".site.new-{pid}-a1"  # a build killed while writing the new site
    staging.mkdir()
    (staging / OWNER_MARKER).write_text(marker_text(STAGING, staging.name, pid, "a1"), "utf-8")
    (staging / "index.html").write_bytes(b"half")
    retired = project / f".site.old-{pid}-a1"  # a build killed just after the swap
    (project / "site").rename(retired)
    (retired / OWNER_MARKER).write_text(marker_text(RETIRED, retired.name, pid, "a1"), "utf-8")
    build(project, project / "site", cache_dir=own_cache, fresh=True)
    unmarked = project / f".site.new-{dead_pid()}-a1"
    unmarked.mkdir()
    (unmarked / "keep.txt").write_bytes(b"mine")
    code, output = run("build", "-s", str(project), "--cache-dir", str(own_cache), "-q")
    assert code == 0, output
    assert not staging.exists() and not retired.exists()
    assert (unmarked / "keep.txt").read_bytes() == b"mine"


def test_an_unmarked_folder_is_not_taken_for_a_site_moved_aside(
    project: Path, own_cache: Path
) -> None:
    """With the site missing, only a folder proven by the marker is put back in its place."""
    aside = project / f".site.old-{dead_pid()}"
    aside.mkdir()
    (aside / "index.html").write_bytes(b"<p>the artist's own page</p>")
    code, output = run("build", "-s", str(project), "--cache-dir", str(own_cache), "-q")
    assert code == 0, output
    assert (aside / "index.html").read_bytes() == b"<p>the artist's own page</p>"
    assert (project / "site/.showcase-build").is_file()
    assert b"own page" not in (project / "site/index.html").read_bytes()


# --- a disk that fails part-way (items 8 and 9), injected ---------------------------------------


class Fault:
    """Makes ``os.<name>`` fail with ``code`` after ``after`` calls that succeed.

    A write fails from then on (the disk stays full); a rename fails once (renaming over a
    name that exists takes no space, and a rename that made a new name is what failed).
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str, after: int, code: int) -> None:
        self.calls = 0
        self.raised = 0
        real = getattr(os, name)
        times = 1 if name == "replace" else None

        def failing(*args: object, **kwargs: object) -> object:
            self.calls += 1
            if self.calls > after and (times is None or self.raised < times):
                self.raised += 1
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        monkeypatch.setattr(os, name, failing)


@pytest.mark.parametrize(("call", "after"), [("write", 0), ("write", 2), ("replace", 1)])
def test_disk_full_during_an_update_changes_nothing_and_the_next_build_runs(
    project: Path,
    own_cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    call: str,
    after: int,
) -> None:
    common = ("-s", str(project), "--cache-dir", str(own_cache), "-j", "1")
    code, output = run("build", *common)
    assert code == 0, output
    before = contents(project / "site")
    beside = sorted(p.name for p in project.iterdir())
    edit_an_artist(project)
    with monkeypatch.context() as patch:
        fault = Fault(patch, call, after, errno.ENOSPC)
        code, output = run("build", *common)
    assert fault.raised, "the fault was never reached"
    assert code == 1, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, output
    assert "no space left" in errors[0] and str(project / "site") in errors[0]
    assert "the previous site was left as it was" in output
    assert contents(project / "site") == before, "the site was changed by a failed build"
    assert sorted(p.name for p in project.iterdir()) == beside
    code, output = run("build", *common)
    assert code == 0, output
    assert "Nothing changed" not in output
    clean = build(project, tmp_path / "clean", cache_dir=own_cache, fresh=True)
    assert tree_digest(project / "site") == tree_digest(clean.output)


def test_disk_full_during_a_first_build_says_nothing_was_written(
    project: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        Fault(patch, "write", 5, errno.ENOSPC)
        code, output = run("build", "-s", str(project), "--cache-dir", str(own_cache), "-j", "1")
    assert code == 1, output
    assert "Traceback" not in output and "no space left" in output
    assert "nothing was written" in output
    assert "previous site" not in output
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
    assert not (project / "site").exists()


# --- a real small disk ---------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs of its own, mounted for the test (root only; skipped elsewhere)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=False)
        subprocess.run(["umount", "-l", str(disk)], check=True)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte; returns the file that does it."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * (1 << 16))
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_a_full_disk_fails_an_update_cleanly_and_the_next_build_runs_once_space_is_freed(
    project: Path, own_cache: Path, tmp_path: Path, small_disk: Path
) -> None:
    site = small_disk / "site"
    common = ("-s", str(project), "-o", str(site), "--cache-dir", str(own_cache), "-j", "1")
    code, output = run("build", *common)
    assert code == 0, output
    before = contents(site)
    filler = fill(small_disk)
    code, output = run("build", *common)  # nothing to write: a full disk is no problem
    assert code == 0 and "Nothing changed" in output, output
    edit_an_artist(project)
    code, output = run("build", *common)
    assert code == 1, output
    assert "Traceback" not in output
    assert f"error: cannot write the site into {site}: no space left" in output
    assert "free some space" in output
    assert contents(site) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "site"]
    filler.unlink()
    code, output = run("build", *common)
    assert code == 0, output
    clean = build(project, tmp_path / "clean", cache_dir=own_cache, fresh=True)
    assert tree_digest(site) == tree_digest(clean.output)


def test_a_full_disk_fails_a_first_build_and_leaves_nothing_behind(
    project: Path, own_cache: Path, small_disk: Path
) -> None:
    fill(small_disk)
    site = small_disk / "site"
    code, output = run("build", "-s", str(project), "-o", str(site), "--cache-dir", str(own_cache))
    assert code == 1, output
    assert "Traceback" not in output and "no space left" in output
    assert "nothing was written" in output
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_a_read_only_disk_is_named_and_the_site_left_as_it_was(
    project: Path, own_cache: Path, tmp_path: Path, small_disk: Path
) -> None:
    site = small_disk / "site"
    common = ("-s", str(project), "-o", str(site), "--cache-dir", str(own_cache), "-j", "1")
    code, output = run("build", *common)
    assert code == 0, output
    before = contents(site)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, output = run("build", *common)
    assert code == 0 and "Nothing changed" in output, output
    edit_an_artist(project)
    code, output = run("build", *common)
    assert code == 1, output
    assert "Traceback" not in output
    assert f"cannot write the site into {site}: the disk is read-only" in output
    assert contents(site) == before
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    code, output = run("build", *common)
    assert code == 0, output
    clean = build(project, tmp_path / "clean", cache_dir=own_cache, fresh=True)
    assert tree_digest(site) == tree_digest(clean.output)
