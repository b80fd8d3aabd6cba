"""The directory target: mirror the site into a local folder, copying only what differs."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from generator.errors import PublishError, from_os_error
from generator.publish.destination import Root, linked, sweep_unfinished, temporary_name
from generator.publish.manifest import (
    MANIFEST,
    check_conflicts,
    check_removals,
    foreign,
    manifest_text,
    read_manifest,
)
from generator.publish.plan import Job, PublishPlan


def publish_directory(job: Job, dest: Path) -> PublishPlan:
    """Mirror the site into the local folder ``dest``, copying only files that differ.

    A file is replaced or deleted only while it holds what showcase published there: one it
    did not write, or that changed since, stops the publish (``--force`` replaces it, and
    never deletes it). Nothing is written or deleted through a symbolic link: a folder of
    the site that is a link at ``dest`` stops the publish, and every write and deletion goes
    through folders opened without following links. Files are renamed into place all or
    none.
    """
    try:
        return _mirror(job, dest)
    except OSError as exc:
        raise from_os_error(exc, f"cannot publish into {dest}", kind=PublishError) from exc


def _mirror(job: Job, dest: Path) -> PublishPlan:
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise PublishError(f"{dest} exists and is not a folder", hint="choose another DEST")
    text = _read_manifest(dest)
    if text is None and dest.is_dir() and any(dest.iterdir()) and not job.force:
        raise foreign(str(dest))
    old = read_manifest(text or "")
    if text is not None and not job.dry_run:
        with Root.open(dest) as root:  # first, so that what is there is what was published
            sweep_unfinished(root, old.staging)
    states = {rel: _state(dest, rel) for rel in job.files}
    for rel, state in states.items():
        _refuse_odd(dest, rel, state)
    digests = {rel: _digest(job.site / rel) for rel in job.files}
    # What is there now: a file's digest; a link in the site's place is replaced, not followed.
    there = {
        rel: _digest(dest / rel) if states[rel] == "file" else ""
        for rel in job.files
        if states[rel] in ("file", "link")
    }
    added = [rel for rel in job.files if states[rel] == "missing"]
    changed = [rel for rel, digest in there.items() if digest != digests[rel]]
    left = [rel for rel in old.files.keys() - digests.keys() if _state(dest, rel) == "file"]
    gone = {rel: _digest(dest / rel) for rel in left}
    removed = sorted(rel for rel, digest in gone.items() if old.owns(rel, digest))
    not_ours = [rel for rel in changed if not old.owns(rel, there[rel])]
    check_conflicts(job, sorted([*not_ours, *gone.keys() - set(removed)]), str(dest))
    plan = PublishPlan(str(dest), tuple(added), tuple(changed), tuple(removed), job.dry_run)
    check_removals(job, removed, len(old.files), str(dest))
    if job.dry_run:
        return plan
    writes = [*added, *changed]
    dest.mkdir(parents=True, exist_ok=True)
    with Root.open(dest) as root:
        temporaries = {rel: temporary_name(rel) for rel in writes}
        kept = [temporary_name(rel, "old") for rel in [*changed, *removed]]
        # Should this run be killed, the manifest claims only the files that were showcase's,
        # and a new one only while it holds what this run was writing.
        root.write(
            MANIFEST,
            manifest_text(
                old.files,
                [*temporaries.values(), *kept],
                pending={rel: digests[rel] for rel in writes},
            ),
        )
        with root.swap() as swap:
            swap.place(root.stage(job.site, temporaries))
            swap.delete(removed)
        root.write(MANIFEST, manifest_text(digests))
    return plan


def _refuse_odd(dest: Path, rel: str, state: str) -> None:
    """Stop, before anything is written, at a link on the way or a folder or file in the
    way of ``rel``."""
    kind, _, where = state.partition(":")
    if kind == "link" and where:
        raise linked(dest / where)
    if kind == "folder":
        raise PublishError(
            f"{dest / rel} is a folder, where the site puts a file",
            hint="move it out of the way and publish again; nothing was changed",
        )
    if kind in ("other", "blocked"):
        raise PublishError(
            f"{dest / (where or rel)} is not a "
            + ("folder, where the site puts a folder" if where else "regular file")
            + f" (the site writes {rel})",
            hint="move it out of the way and publish again; nothing was changed",
        )


def _digest(path: Path) -> str:
    """The sha256 of the file ``path``, in hexadecimal."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _state(dest: Path, rel: str) -> str:
    """``missing``, ``file``, ``link`` (the file itself), ``folder`` or ``other`` at
    ``dest/rel``; ``link:<folder>`` when a folder on the way is a symbolic link, and
    ``blocked:<folder>`` when it is not a folder."""
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
            return "blocked:" + "/".join(parts[:depth])
    if stat.S_ISDIR(mode):
        return "folder"
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
