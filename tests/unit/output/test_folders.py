"""Pruning removes the folders deleted files left empty, and nothing a link points to."""

from __future__ import annotations

from pathlib import Path

from generator.output.folders import prune


def test_removes_empty_folders_up_to_the_root(tmp_path: Path) -> None:
    (tmp_path / "gallery/steppe/dawn").mkdir(parents=True)
    prune(tmp_path / "gallery/steppe/dawn", tmp_path)
    assert tmp_path.is_dir()
    assert list(tmp_path.iterdir()) == []


def test_stops_at_the_first_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "gallery/steppe/dawn").mkdir(parents=True)
    (tmp_path / "gallery/index.html").write_text("<p>", encoding="utf-8")
    prune(tmp_path / "gallery/steppe/dawn", tmp_path)
    assert not (tmp_path / "gallery/steppe").exists()
    assert (tmp_path / "gallery/index.html").is_file()


def test_a_missing_folder_or_one_outside_the_root_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    (tmp_path / "outside/empty").mkdir(parents=True)
    prune(tmp_path / "root/gone/deeper", tmp_path / "root")
    prune(tmp_path / "outside/empty", tmp_path / "root")
    prune(tmp_path / "root", tmp_path / "root")
    prune(tmp_path / "x", tmp_path / "missing-root")
    assert (tmp_path / "outside/empty").is_dir()
    assert (tmp_path / "root").is_dir()


def test_never_follows_a_link_on_the_way(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (tmp_path / "elsewhere/empty").mkdir(parents=True)
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    prune(root / "linked/empty", root)
    assert (tmp_path / "elsewhere/empty").is_dir()
    assert (root / "linked").is_symlink()


def test_a_link_to_an_empty_folder_is_not_removed(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (tmp_path / "empty").mkdir()
    (root / "linked").symlink_to(tmp_path / "empty")
    prune(root / "linked", root)
    assert (root / "linked").is_symlink()
    assert (tmp_path / "empty").is_dir()
