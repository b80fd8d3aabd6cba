"""The writer puts files where the build names them, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.writer import write_file


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
