"""The writer puts files where the build names them, and nowhere else."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.output import writer
from generator.output.ownership import OWNER_MARKER, RETIRED, STAGING, marker_text
from generator.output.scratch import stopping_signals_raise
from generator.output.writer import recover, write_file, write_site


def test_writes_a_page_making_its_folders(tmp_path: Path) -> None:
    made: set[str] = set()
    write_file(tmp_path, "artists/bakhyt-morel/index.html", b"<!doctype html>", made)
    write_file(tmp_path, "artists/bakhyt-morel/index.html", b"again", made)
    write_file(tmp_path, "artists/bekzat-ayumi/index.html", b"<p>", made)
    assert (tmp_path / "artists/bakhyt-morel/index.html").read_bytes() == b"again"
    assert (tmp_path / "artists/bekzat-ayumi/index.html").read_bytes() == b"<p>"


def test_returns_the_size_and_time_a_stat_would_give(tmp_path: Path) -> None:
    made: set[str] = set()
    signature = write_file(tmp_path, "gallery/steppe-awakening/dawn/index.html", b"<p>", made)
    stat = (tmp_path / "gallery/steppe-awakening/dawn/index.html").stat()
    assert signature == (3, stat.st_mtime_ns)
    assert {tmp_path / "gallery", tmp_path / "gallery/steppe-awakening"} <= {
        Path(folder) for folder in made
    }


def test_writes_into_folders_made_by_someone_else(tmp_path: Path) -> None:
    (tmp_path / "gallery/steppe-awakening").mkdir(parents=True)
    write_file(tmp_path, "gallery/steppe-awakening/dawn/index.html", b"<p>", set())
    assert (tmp_path / "gallery/steppe-awakening/dawn/index.html").read_bytes() == b"<p>"


def test_a_file_where_a_folder_goes_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "gallery").write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError):
        write_file(tmp_path, "gallery/steppe-awakening/index.html", b"<p>", set())
    assert (tmp_path / "gallery").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize(
    "rel", ["", "/etc/passwd", "../outside.html", "a/../../b.html", "a/./b", "a\\b", "a\0b"]
)
def test_refuses_any_path_that_could_lead_out_of_the_folder(tmp_path: Path, rel: str) -> None:
    with pytest.raises(OutputError, match="refusing to write"):
        write_file(tmp_path / "site", rel, b"x")
    assert not (tmp_path / "outside.html").exists()


# --- what is beside the output: only folders proven to be showcase's are removed ---------------


def built_site(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / ".showcase-build").write_text("built\n", encoding="utf-8")
    (folder / "index.html").write_bytes(b"<p>old</p>")
    return folder


def test_recover_keeps_folders_named_like_the_writers_but_not_marked(tmp_path: Path) -> None:
    site = built_site(tmp_path / "site")
    for name in (".site.old-mine", ".site.new-mine", ".site.old-backup", ".site.new-123"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "notes.txt").write_bytes(b"mine")
    recover(site)
    write_site(site, {"index.html": b"<p>new</p>"}, {})
    for name in (".site.old-mine", ".site.new-mine", ".site.old-backup", ".site.new-123"):
        assert (tmp_path / name / "notes.txt").read_bytes() == b"mine", name


def test_a_dated_backup_of_the_site_is_never_deleted_nor_put_in_its_place(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write_site(site, {"index.html": b"<p>old</p>"}, {})
    backup = tmp_path / ".site.old-20240101"
    shutil.copytree(site, backup, symlinks=True)  # holds .showcase-build, as every copy does
    (backup / "NOTES.txt").write_text("notes\n", encoding="utf-8")
    write_site(site, {"index.html": b"<p>new</p>"}, {})
    assert (backup / "NOTES.txt").read_text(encoding="utf-8") == "notes\n"
    shutil.rmtree(site)
    recover(site)  # the site is missing: the backup is still not the site
    assert not site.exists()
    assert (backup / "NOTES.txt").is_file()


def test_a_copy_of_a_marked_folder_under_another_name_is_not_showcase_s(tmp_path: Path) -> None:
    site = built_site(tmp_path / "site")
    staging = tmp_path / ".site.new-999999999-abc"
    staging.mkdir()
    (staging / OWNER_MARKER).write_text(
        marker_text(STAGING, ".site.new-999999999-abc", 999999999, "abc"), encoding="utf-8"
    )
    copy = tmp_path / ".site.new-999999998-abc"
    shutil.copytree(staging, copy)
    recover(site)
    assert not staging.exists()
    assert copy.is_dir()  # its marker names another folder


def test_recover_removes_a_marked_staging_folder_of_a_build_that_ended(tmp_path: Path) -> None:
    site = built_site(tmp_path / "site")
    staging = tmp_path / ".site.new-999999999-0f"
    staging.mkdir()
    (staging / OWNER_MARKER).write_text(
        marker_text(STAGING, staging.name, 999999999, "0f"), encoding="utf-8"
    )
    (staging / "half.html").write_bytes(b"<p")
    recover(site)
    assert not staging.exists()
    assert (site / "index.html").read_bytes() == b"<p>old</p>"


def test_recover_puts_back_only_a_retired_site_proven_by_its_marker(tmp_path: Path) -> None:
    unmarked = tmp_path / ".site.old-999999998"
    built_site(unmarked)
    (unmarked / "index.html").write_bytes(b"mine")
    recover(tmp_path / "site")
    assert not (tmp_path / "site").exists()
    assert (unmarked / "index.html").read_bytes() == b"mine"
    retired = built_site(tmp_path / ".site.old-999999999-ab")
    (retired / OWNER_MARKER).write_text(
        marker_text(RETIRED, retired.name, 999999999, "ab"), encoding="utf-8"
    )
    recover(tmp_path / "site")
    assert (tmp_path / "site/index.html").read_bytes() == b"<p>old</p>"
    assert not (tmp_path / "site" / OWNER_MARKER).exists()  # a site again, not a leftover
    assert not retired.exists()
    assert (unmarked / "index.html").read_bytes() == b"mine"


def test_a_staging_folder_is_marked_before_anything_is_written_into_it(tmp_path: Path) -> None:
    seen: list[list[str]] = []

    def fill(staging: Path) -> None:
        seen.append(sorted(p.name for p in staging.iterdir()))
        marker = (staging / OWNER_MARKER).read_text(encoding="utf-8")
        assert "showcase staging" in marker and f"pid {os.getpid()}" in marker

    write_site(tmp_path / "site", {"index.html": b"<p>"}, {}, fill)
    assert seen == [[OWNER_MARKER]]
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        ".showcase-build",
        "index.html",
    ]
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        ".showcase-build",
        "index.html",
    ]


def test_a_staging_folder_killed_while_being_marked_is_removed_and_a_lookalike_kept(
    tmp_path: Path,
) -> None:
    site = built_site(tmp_path / "site")
    half = tmp_path / ".site.new-999999999-ab"
    half.mkdir()
    text = marker_text(STAGING, half.name, 999999999, "ab")
    (half / OWNER_MARKER).write_text(text[:20], encoding="utf-8")
    lookalike = tmp_path / ".site.new-999999998-ab"
    lookalike.mkdir()
    (lookalike / OWNER_MARKER).write_text("mine", encoding="utf-8")
    recover(site)
    assert not half.exists()
    assert (lookalike / OWNER_MARKER).read_text(encoding="utf-8") == "mine"


def test_a_lookalike_staging_folder_holding_an_empty_marker_is_kept(tmp_path: Path) -> None:
    site = built_site(tmp_path / "site")
    lookalike = tmp_path / ".site.new-999999999-ab"
    lookalike.mkdir()
    (lookalike / OWNER_MARKER).write_bytes(b"")  # the start of any text: proves nothing
    recover(site)
    assert (lookalike / OWNER_MARKER).read_bytes() == b""


def test_a_second_stop_signal_waits_until_the_staging_folder_is_gone(tmp_path: Path) -> None:
    def fill(staging: Path) -> None:
        (staging / "page.html").write_bytes(b"p")
        raise SystemExit(143)  # the first SIGTERM

    removing = writer._remove_own

    def signalled(folder: Path) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # the second, while cleaning up
        removing(folder)

    with (
        pytest.MonkeyPatch.context() as patch,
        pytest.raises(SystemExit),
        stopping_signals_raise(),
    ):
        patch.setattr(writer, "_remove_own", signalled)
        write_site(tmp_path / "site", {}, {}, fill)
    assert sorted(os.listdir(tmp_path)) == []
