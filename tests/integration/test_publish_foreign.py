"""`showcase publish` and what it did not write: foreign and edited files, failures half-way,
links and odd states at the destination, non-UTF-8 names, and leftovers of a build."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from generator.build import build
from generator.errors import PublishError
from generator.publish import publish
from generator.publish.manifest import parse_manifest

# About publishing, not languages: the example in English alone (tests/conftest.py).
ONE_LANGUAGE = True

MANIFEST = ".showcase-publish"


def needs_rsync() -> None:
    if shutil.which("rsync") is None:
        if os.environ.get("CI"):
            pytest.fail("rsync is not installed; CI must install it (apt-get install -y rsync)")
        pytest.skip("rsync is not installed (apt-get install -y rsync)")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry below ``folder``: files with their bytes, links and folders marked."""
    found: dict[str, bytes] = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = b"link " + os.fsencode(os.readlink(path))
        elif path.is_dir():
            found[rel] = b"folder"
        else:
            found[rel] = path.read_bytes()
    return found


def listed(www: Path) -> set[str]:
    return set(parse_manifest((www / MANIFEST).read_text(encoding="utf-8")))


def add_static(project: Path, rel: str, text: str) -> None:
    path = project / "static" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def more_in_a_story(project: Path) -> None:
    story = project / "content/artists/bakhyt-kalejs.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")


# Finding 2: a file showcase did not write, or that was edited since, is not replaced ---------


@pytest.mark.parametrize("target", ["directory", "rsync"])
def test_a_foreign_file_where_the_site_puts_one_is_refused_unless_forced(
    project: Path, own_cache: Path, tmp_path: Path, target: str
) -> None:
    if target == "rsync":
        needs_rsync()
    www = tmp_path / "www"
    publish(project, target, str(www), cache_dir=own_cache)
    (www / "notes.txt").write_text("USER\n", encoding="utf-8")
    add_static(project, "notes.txt", "site\n")
    before = snapshot(www)

    with pytest.raises(PublishError) as caught:
        publish(project, target, str(www), cache_dir=own_cache)
    assert "notes.txt" in caught.value.message
    assert "--force" in (caught.value.hint or "") and "replace" in (caught.value.hint or "")
    assert snapshot(www) == before

    publish(project, target, str(www), force=True, cache_dir=own_cache)
    assert (www / "notes.txt").read_text(encoding="utf-8") == "site\n"


def test_a_published_file_the_user_edited_is_neither_replaced_nor_deleted(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    add_static(project, "about.txt", "one\n")
    publish(project, "directory", str(www), cache_dir=own_cache)
    (www / "about.txt").write_text("USER\n", encoding="utf-8")
    add_static(project, "about.txt", "two\n")

    with pytest.raises(PublishError, match=r"about\.txt"):
        publish(project, "directory", str(www), cache_dir=own_cache)
    assert (www / "about.txt").read_text(encoding="utf-8") == "USER\n"

    (project / "static/about.txt").unlink()
    with pytest.raises(PublishError, match=r"about\.txt"):
        publish(project, "directory", str(www), cache_dir=own_cache)
    plan = publish(project, "directory", str(www), force=True, cache_dir=own_cache)
    assert "about.txt" not in plan.removed
    assert (www / "about.txt").read_text(encoding="utf-8") == "USER\n"
    assert "about.txt" not in listed(www)  # not showcase's any more: never deleted later


def test_a_manifest_of_an_older_version_is_still_read(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    add_static(project, "gone.txt", "gone\n")
    publish(project, "directory", str(www), cache_dir=own_cache)
    paths = sorted(listed(www))
    header = "# Published by showcase. The files listed are replaced by the next publish.\n"
    (www / MANIFEST).write_text(header + "".join(f"{p}\n" for p in paths), encoding="utf-8")
    (project / "static/gone.txt").unlink()
    more_in_a_story(project)

    plan = publish(project, "directory", str(www), cache_dir=own_cache)
    assert plan.removed == ("gone.txt",)
    assert plan.changed and not (www / "gone.txt").exists()


# Finding 3: a failed publish never claims files it did not write ------------------------------


def test_a_failed_publish_lists_no_file_it_did_not_write(
    project: Path, own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    www = tmp_path / "www"
    publish(project, "directory", str(www), cache_dir=own_cache)
    add_static(project, "notes.txt", "site\n")
    real = shutil.copyfileobj

    def full_disk(source: object, target: object, *args: object) -> None:
        if "notes.txt" in str(getattr(source, "name", "")):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "copyfileobj", full_disk)
    with pytest.raises(PublishError) as caught:
        publish(project, "directory", str(www), cache_dir=own_cache)
    monkeypatch.undo()
    assert "no space left on the disk" in str(caught.value)
    assert "[Errno" not in str(caught.value)
    assert "notes.txt" not in listed(www)

    (www / "notes.txt").write_text("USER\n", encoding="utf-8")  # the user's, after all
    (project / "static/notes.txt").unlink()
    publish(project, "directory", str(www), cache_dir=own_cache)
    assert (www / "notes.txt").read_text(encoding="utf-8") == "USER\n"


# Finding 4: odd states are refused first, and the move into place is all or nothing --------


@pytest.mark.parametrize("target", ["directory", "rsync"])
def test_a_folder_where_the_site_puts_a_file_is_refused_before_anything_changes(
    project: Path, own_cache: Path, tmp_path: Path, target: str
) -> None:
    if target == "rsync":
        needs_rsync()
    www = tmp_path / "www"
    publish(project, target, str(www), cache_dir=own_cache)
    more_in_a_story(project)
    add_static(project, "notes.txt", "site\n")
    (www / "notes.txt").mkdir()
    (www / "notes.txt/mine.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(www)

    with pytest.raises(PublishError) as caught:
        publish(project, target, str(www), cache_dir=own_cache)
    assert "notes.txt" in caught.value.message and "folder" in caught.value.message
    assert "[Errno" not in str(caught.value)
    assert snapshot(www) == before


@pytest.mark.parametrize("target", ["directory", "rsync"])
def test_a_file_where_the_site_puts_a_folder_is_refused(
    project: Path, own_cache: Path, tmp_path: Path, target: str
) -> None:
    if target == "rsync":
        needs_rsync()
    www = tmp_path / "www"
    publish(project, target, str(www), cache_dir=own_cache)
    add_static(project, "docs/notes.txt", "site\n")
    (www / "docs").write_text("mine\n", encoding="utf-8")
    before = snapshot(www)
    with pytest.raises(PublishError, match="docs"):
        publish(project, target, str(www), cache_dir=own_cache)
    assert snapshot(www) == before


def test_a_publish_failing_while_moving_into_place_puts_everything_back(
    project: Path, own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    www = tmp_path / "www"
    add_static(project, "gone.txt", "gone\n")
    publish(project, "directory", str(www), cache_dir=own_cache)
    before = snapshot(www)
    more_in_a_story(project)
    (project / "static/gone.txt").unlink()
    for number in range(5):
        add_static(project, f"new-{number}.txt", f"{number}\n")
    real = os.replace
    moved = 0

    def failing(source: str, target: str, **kwargs: int) -> None:
        nonlocal moved
        if "showcase-new" in str(source) and str(target) != MANIFEST:
            moved += 1
            if moved == 4:
                raise OSError(errno.EIO, "Input/output error")
        real(source, target, **kwargs)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(PublishError) as caught:
        publish(project, "directory", str(www), cache_dir=own_cache)
    monkeypatch.undo()
    assert moved == 4
    assert "input/output error" in str(caught.value) and "[Errno" not in str(caught.value)
    after = snapshot(www)
    assert {rel: after.get(rel) for rel in before if rel != MANIFEST} == {
        rel: data for rel, data in before.items() if rel != MANIFEST
    }
    assert set(after) == set(before)  # nothing new, no temporary or kept file left
    assert listed(www) == set(parse_manifest(before[MANIFEST].decode()))


# Finding 8: github-pages with a file name that is not UTF-8 ---------------------------------


def test_github_pages_publishes_a_non_utf8_file_name_again_and_again(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    if os.fsencode("caf\udce9") != b"caf\xe9":
        pytest.skip("the file system encoding cannot hold the name")
    bare = tmp_path / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    name = os.fsdecode(b"caf\xe9.txt")
    add_static(project, name, "latin-1\n")
    publish(project, "github-pages", remote=str(bare), cache_dir=own_cache)
    more_in_a_story(project)
    plan = publish(project, "github-pages", remote=str(bare), cache_dir=own_cache)
    assert plan.changed and name not in plan.added
    listing = subprocess.run(
        ["git", "-C", str(bare), "ls-tree", "-z", "--name-only", "gh-pages"],
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    assert b"caf\xe9.txt" in listing
    (project / "static" / name).unlink()
    plan = publish(project, "github-pages", remote=str(bare), cache_dir=own_cache)
    assert plan.removed == (name,)


# Finding 9: rsync never replaces a linked folder of the destination ------------------------


def test_rsync_refuses_a_folder_of_the_site_that_is_a_link_at_the_destination(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    needs_rsync()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("precious\n", encoding="utf-8")
    www = tmp_path / "www"
    publish(project, "rsync", str(www), cache_dir=own_cache)
    shutil.rmtree(www / "gallery")
    (www / "gallery").symlink_to(outside)

    with pytest.raises(PublishError, match="gallery is a symbolic link"):
        publish(project, "rsync", str(www), cache_dir=own_cache)
    assert (www / "gallery").is_symlink()
    assert snapshot(outside) == {"precious.txt": b"precious\n"}


def test_rsync_replaces_a_link_of_the_user_only_when_forced_and_never_deletes_one(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    needs_rsync()
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    add_static(project, "gone.txt", "gone\n")
    www = tmp_path / "www"
    publish(project, "rsync", str(www), cache_dir=own_cache)
    (www / "robots.txt").unlink()
    (www / "robots.txt").symlink_to(outside)
    (www / "gone.txt").unlink()
    (www / "gone.txt").symlink_to(outside)
    (project / "static/gone.txt").unlink()

    with pytest.raises(PublishError, match=r"1 file .*robots\.txt"):
        publish(project, "rsync", str(www), cache_dir=own_cache)
    plan = publish(project, "rsync", str(www), cache_dir=own_cache, force=True)
    assert "robots.txt" in plan.changed and "robots.txt" not in plan.added
    assert "gone.txt" not in plan.removed
    assert not (www / "robots.txt").is_symlink()
    assert (www / "gone.txt").is_symlink()
    assert outside.read_text(encoding="utf-8") == "precious\n"


# Finding 10: rsync renames the new files into place at the end, and deletes last -----------


def test_rsync_puts_files_in_place_together_at_the_end(
    project: Path, own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_rsync()
    www = tmp_path / "www"
    publish(project, "rsync", str(www), cache_dir=own_cache)
    log = tmp_path / "rsync.log"
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    wrapper = bin_folder / "rsync"
    real = shutil.which("rsync")
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    more_in_a_story(project)
    add_static(project, "new.txt", "new\n")

    publish(project, "rsync", str(www), cache_dir=own_cache)
    sent = [line for line in log.read_text().splitlines() if " --checksum " in line]
    real_run = [line for line in sent if "--dry-run" not in line]
    assert len(real_run) == 1
    assert "--delay-updates" in real_run[0] and "--delete-delay" in real_run[0]
    assert (www / "new.txt").read_text(encoding="utf-8") == "new\n"
    assert not [p for p in www.rglob("*") if p.name == ".~tmp~"]


# --no-build publishes neither leftovers of an interrupted build nor showcase's markers -----


def test_no_build_refuses_leftovers_of_an_interrupted_build_and_skips_markers(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    build(project, cache_dir=own_cache)
    site = project / "site"
    for marker in (".showcase-staging", ".showcase-owner", "artists/.showcase-owner"):
        (site / marker).write_text("a marker\n", encoding="utf-8")
    www = tmp_path / "www"
    publish(project, "directory", str(www), build=False)
    assert not [path for path in www.rglob(".showcase-*") if path.name != MANIFEST]
    assert not (www / ".showcase-build").exists()

    leftover = site / "artists/.index.html.showcase-new"
    leftover.write_text("half\n", encoding="utf-8")
    with pytest.raises(PublishError, match="interrupted"):
        publish(project, "directory", str(www), build=False)
    assert not (www / "artists/.index.html.showcase-new").exists()
    leftover.rename(site / "artists/.index.html.showcase-old")
    with pytest.raises(PublishError, match="interrupted"):
        publish(project, "directory", str(www), build=False)


def test_a_disk_refusal_on_any_target_reads_as_one_line_with_what_to_do(
    project: Path, own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)

    def full_disk(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", full_disk)
    with pytest.raises(PublishError) as caught:
        publish(project, "github-pages", remote=str(bare), cache_dir=own_cache)
    assert "no space left on the disk" in str(caught.value)
    assert "[Errno" not in str(caught.value) and caught.value.hint
