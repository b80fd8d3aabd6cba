"""An update changes a built folder in place: all of it, or none of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.output.update import Update


def built(folder: Path) -> Path:
    (folder / "artists/bakhyt").mkdir(parents=True)
    (folder / "artists/bakhyt/index.html").write_bytes(b"old")
    (folder / "index.html").write_bytes(b"home")
    return folder


def test_writes_only_the_files_whose_bytes_differ(tmp_path: Path) -> None:
    site = built(tmp_path)
    with Update(site) as update:
        written = update.write({"index.html": b"home", "artists/bakhyt/index.html": b"new"})
    assert written == ["artists/bakhyt/index.html"]
    assert (site / "artists/bakhyt/index.html").read_bytes() == b"new"
    assert sorted(p.name for p in (site / "artists/bakhyt").iterdir()) == ["index.html"]


def test_removed_files_take_their_empty_folders_with_them(tmp_path: Path) -> None:
    site = built(tmp_path)
    with Update(site) as update:
        update.remove(["artists/bakhyt/index.html", "never/there.html"])
    assert not (site / "artists").exists()
    assert (site / "index.html").read_bytes() == b"home"


def test_a_failure_puts_every_file_back(tmp_path: Path) -> None:
    site = built(tmp_path)
    with pytest.raises(RuntimeError), Update(site) as update:
        update.write({"artists/bakhyt/index.html": b"new", "gallery/index.html": b"g"})
        update.remove(["index.html"])
        raise RuntimeError
    assert update.undone
    assert (site / "artists/bakhyt/index.html").read_bytes() == b"old"
    assert (site / "index.html").read_bytes() == b"home"
    assert not (site / "gallery").exists()
    assert sorted(os.listdir(site)) == ["artists", "index.html"]


def test_refuses_a_link_on_the_way(tmp_path: Path) -> None:
    site = built(tmp_path / "site")
    (tmp_path / "elsewhere").mkdir()
    (site / "gallery").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutputError, match="is a link or a file"), Update(site) as update:
        update.write({"gallery/index.html": b"g"})
    assert list((tmp_path / "elsewhere").iterdir()) == []
