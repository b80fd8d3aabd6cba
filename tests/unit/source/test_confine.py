"""One rule for every file a build reads: followed through its links, it is in the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.source.confine import Confined, outside


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose content holds a file, a link inside, a link out and a linked folder."""
    root = tmp_path / "site"
    artists = root / "content" / "artists"
    artists.mkdir(parents=True)
    (artists / "mira.md").write_text("---\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_text("---\n")
    (artists / "inside.md").symlink_to(artists / "mira.md")
    (artists / "out.md").symlink_to(elsewhere / "secret.md")
    (root / "content" / "series").symlink_to(elsewhere, target_is_directory=True)
    return root


CASES = [
    ("content/artists/mira.md", None),
    ("content/artists/inside.md", None),
    ("content/artists/out.md", "elsewhere/secret.md"),
    ("content/series/secret.md", "elsewhere/secret.md"),
]


@pytest.mark.parametrize(("name", "lands"), CASES)
def test_a_file_read_in_a_pass_is_judged_as_on_its_own(
    project: Path, name: str, lands: str | None
) -> None:
    confined = Confined(project)
    expected = None if lands is None else os.path.realpath(project.parent / lands)
    assert outside(project / name, project) == expected
    assert confined.outside(project / name) == expected
    assert confined.outside(project / name) == expected  # again, from what it found


def test_a_root_reached_through_a_link_is_the_same_root(project: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(project, target_is_directory=True)
    confined = Confined(alias)
    assert confined.outside(alias / "content/artists/mira.md") is None
    assert confined.outside(alias / "content/artists/out.md") is not None


def test_a_sibling_folder_that_shares_the_roots_name_as_prefix_is_outside(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    twin = tmp_path / "site-old"
    twin.mkdir()
    (twin / "a.md").write_text("")
    (root / "a.md").symlink_to(twin / "a.md")
    assert Confined(root).outside(root / "a.md") == os.path.realpath(twin / "a.md")


def test_a_path_ending_in_dot_dot_is_judged_where_it_leads(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    assert Confined(root).outside(f"{root}/content/..") is None
    assert Confined(root).outside(f"{root}/..") == os.path.realpath(tmp_path)
    assert outside(f"{root}/..", root) == os.path.realpath(tmp_path)
