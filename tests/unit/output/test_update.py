"""An update changes a built folder in place: all of it, or none of it."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.output import update as update_module
from generator.output.scratch import stopping_signals_raise
from generator.output.update import Update, sweep_update


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


def test_the_sweep_removes_the_files_an_update_killed_outright_had_made(tmp_path: Path) -> None:
    site = built(tmp_path / "site")
    journal = tmp_path / "cache/state.update"
    update = Update(site, journal)
    update.write({"artists/bakhyt/index.html": b"new", "artists/dana/index.html": b"d"})
    update.write({"gallery/a/b/index.html": b"g"})
    # Killed here: neither finished nor undone.
    assert sweep_update(journal, site)
    assert (site / "artists/bakhyt/index.html").read_bytes() == b"old"
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == [
        "artists",
        "artists/bakhyt",
        "artists/bakhyt/index.html",
        "index.html",
    ]
    assert sorted(os.listdir(journal.parent)) == []


def test_the_sweep_never_follows_a_link_to_a_created_file(tmp_path: Path) -> None:
    site = built(tmp_path / "site")
    journal = tmp_path / "cache/state.update"
    Update(site, journal).write({"gallery/index.html": b"g"})
    shutil.move(site / "gallery", tmp_path / "elsewhere")
    (site / "gallery").symlink_to(tmp_path / "elsewhere")
    sweep_update(journal, site)
    assert (tmp_path / "elsewhere/index.html").read_bytes() == b"g"


def test_a_second_stop_signal_waits_until_the_undo_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = built(tmp_path)
    putting_back = update_module._put_back

    def signalled(kept: str, target: str) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # the second, while undoing
        putting_back(kept, target)

    monkeypatch.setattr(update_module, "_put_back", signalled)
    with pytest.raises(SystemExit), stopping_signals_raise(), Update(site) as update:
        update.write({"artists/bakhyt/index.html": b"new", "gallery/index.html": b"g"})
        update.remove(["index.html"])
        raise SystemExit(143)  # the first
    assert update.undone
    assert (site / "artists/bakhyt/index.html").read_bytes() == b"old"
    assert sorted(os.listdir(site)) == ["artists", "index.html"]
