"""The directory target: mirror the site into a local folder, copying only what differs."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from generator.errors import PublishError
from generator.publish.destination import Root, linked, sweep_unfinished, temporary_name
from generator.publish.manifest import (
    MANIFEST,
    check_removals,
    foreign,
    manifest_text,
    parse_manifest,
    parse_staging,
)
from generator.publish.plan import Job, PublishPlan


def publish_directory(job: Job, dest: Path) -> PublishPlan:
    """Mirror the site into the local folder ``dest``, copying only files that differ.

    Nothing is written or deleted through a symbolic link: a folder of the site that is a link
    at ``dest`` stops the publish, and every write and deletion goes through folders opened
    without following links, so one swapped in meanwhile is not followed either.
    """
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise PublishError(f"{dest} exists and is not a folder", hint="choose another DEST")
    text = _read_manifest(dest)
    ours = set(parse_manifest(text)) if text is not None else None
    if ours is None and dest.is_dir() and any(dest.iterdir()) and not job.force:
        raise foreign(str(dest))
    ours = ours or set()
    states = {rel: _state(dest, rel) for rel in job.files}
    for state in states.values():
        if state.startswith("link:"):
            raise linked(dest / state.removeprefix("link:"))
    added = [rel for rel in job.files if states[rel] == "missing"]
    changed = [
        rel
        for rel in job.files
        if states[rel] not in ("missing", "file")
        or (states[rel] == "file" and not _same_file(job.site / rel, dest / rel))
    ]
    removed = sorted(rel for rel in ours - set(job.files) if _state(dest, rel) == "file")
    plan = PublishPlan(str(dest), tuple(added), tuple(changed), tuple(removed), job.dry_run)
    check_removals(job, removed, len(ours), str(dest))
    if job.dry_run:
        return plan
    try:
        dest.mkdir(parents=True, exist_ok=True)
        with Root.open(dest) as root:
            sweep_unfinished(root, parse_staging(text or ""))
            temporaries = {rel: temporary_name(rel) for rel in [*added, *changed]}
            # Both are ours now, and so are the temporary files, should this run be killed.
            root.write(MANIFEST, manifest_text(ours | set(job.files), temporaries.values()))
            root.move_into_place(root.stage(job.site, temporaries))
            for rel in removed:
                root.remove(rel)
            root.write(MANIFEST, manifest_text(job.files))
    except OSError as exc:
        raise PublishError(f"cannot publish into {dest}: {exc}") from exc
    return plan


def _same_file(one: Path, other: Path) -> bool:
    if one.stat().st_size != other.stat().st_size:
        return False
    return _digest(one) == _digest(other)


def _digest(path: Path) -> bytes:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").digest()


def _state(dest: Path, rel: str) -> str:
    """``missing``, ``file``, ``link`` or ``other`` at ``dest/rel``; ``link:<folder>`` when
    a folder on the way is a symbolic link."""
    parts = rel.split("/")
    for depth in range(1, len(parts) + 1):
        try:
            mode = dest.joinpath(*parts[:depth]).lstat().st_mode
        except FileNotFoundError:
            return "missing"
        except OSError:
            return "other"
        if stat.S_ISLNK(mode):
            return "link" if depth == len(parts) else "link:" + "/".join(parts[:depth])
        if depth < len(parts) and not stat.S_ISDIR(mode):
            return "other"
    return "file" if stat.S_ISREG(mode) else "other"


def _read_manifest(dest: Path) -> str | None:
    """The manifest at ``dest``, or None; one that is a link or not a file is refused."""
    manifest = dest / MANIFEST
    try:
        mode = manifest.lstat().st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    if stat.S_ISLNK(mode):
        raise linked(manifest)
    if not stat.S_ISREG(mode):
        raise PublishError(f"{manifest} is not a file", hint="remove it and publish again")
    return manifest.read_text(encoding="utf-8", errors="replace")
