"""The rsync target: mirror the site to ``user@host:path`` (or a local path) with rsync."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from generator.errors import PublishError
from generator.output.scratch import scratch_folder
from generator.publish.destination import linked
from generator.publish.manifest import (
    MANIFEST,
    check_conflicts,
    check_removals,
    foreign,
    manifest_text,
    parse_manifest,
)
from generator.publish.plan import Job, PublishPlan
from generator.publish.programs import reason, run

SCRATCH = "showcase-rsync-"  # the prefix of its temporary folder


def publish_rsync(job: Job, dest: str) -> PublishPlan:
    """Mirror the site to ``user@host:path`` (or a local path) with the system's rsync.

    Only what the manifest lists is deleted: filter rules, written with each name's exact
    bytes, let rsync delete those and protect everything else at the destination. A file the
    site would replace that the manifest does not list, or a link in its place, stops the
    publish unless ``--force``; a link is never deleted; a link, a file or a folder where the
    site needs the other stops it. New files are
    renamed into place together at the end, and deletions come after them.
    """
    root = dest.rstrip("/") + "/"
    with scratch_folder(SCRATCH) as tmp:
        listing = _rsync_listing(root)
        _refuse_odd(listing, job.files, root)
        old: tuple[str, ...] | None = None
        if MANIFEST in listing:
            previous = tmp / "previous"
            run(["rsync", "--", f"{root}{MANIFEST}", str(previous)], f"read {root}{MANIFEST}")
            if not previous.is_file() or previous.is_symlink():
                raise PublishError(f"{root}{MANIFEST} is not a file", hint="remove it and retry")
            old = parse_manifest(previous.read_text(encoding="utf-8", errors="replace"))
        if old is None and any("/" not in path for path in listing) and not job.force:
            raise foreign(dest)
        ours = set(old or ())
        links = _links(listing)
        # A link of the user's is never deleted, and replaced only with --force, as by the
        # directory target: rsync would itemise it as a new file, or delete it unasked.
        removed = sorted(ours - set(job.files) - links)
        extra = tmp / "manifest"
        extra.mkdir()
        (extra / MANIFEST).write_text(manifest_text(job.files), encoding="utf-8")
        rules = tmp / "rules"
        rules.write_bytes(_rules(removed))
        # Not -a's times: unchanged files keep their dates, so caches and ETags stay valid.
        command = [
            *("rsync", "-a", "--no-times", "--no-owner", "--no-group", "--checksum"),
            *("--delete", "--delete-delay", "--delay-updates", "--itemize-changes"),
            "--exclude=/.showcase-build",
            *("--from0", f"--filter=merge {rules}", "--"),
        ]
        sources = [f"{job.site}/", f"{extra}/", root]
        items = _itemized(run([*command[:-1], "--dry-run", "--", *sources], f"compare with {dest}"))
        sent = [(c[2] == "+", p) for c, p in items if c[:2] in _SENT and p != MANIFEST]
        linked_files = links & set(job.files)
        changed = {p for new, p in sent if not new and p not in ours}
        check_conflicts(job, sorted(changed | linked_files), dest)
        plan = PublishPlan(
            dest,
            tuple(sorted(path for new, path in sent if new and path not in linked_files)),
            tuple(sorted(path for new, path in sent if not new or path in linked_files)),
            tuple(removed),
            job.dry_run,
        )
        check_removals(job, removed, len(ours), dest)
        if job.dry_run:
            return plan
        if not _is_remote(dest):
            Path(dest).parent.mkdir(parents=True, exist_ok=True)
        run(
            [*command, *sources],
            f"publish to {dest}",
            hint="the copy may have stopped part-way; run the command again to finish it",
        )
    return plan


_SENT = {f"{how}{kind}" for how in "<>ch" for kind in "fL"}  # a file or link sent or made


def _rules(removed: Sequence[str]) -> bytes:
    """rsync filter rules, NUL-separated: delete ``removed`` and the folders they leave
    empty, protect everything else."""
    folders = {
        rel.rsplit("/", depth)[0] for rel in removed for depth in range(1, rel.count("/") + 1)
    }
    rules = [f"R /{_pattern(rel)}" for rel in removed]
    rules += [f"R /{_pattern(folder)}/" for folder in sorted(folders)]
    return b"".join(os.fsencode(rule) + b"\0" for rule in [*rules, "P *"])


def _pattern(path: str) -> str:
    """``path`` matched literally: rsync reads backslashes as escapes only beside a wildcard."""
    if not any(char in path for char in "*?["):
        return path
    return "".join("\\" + char if char in "\\*?[" else char for char in path)


def _rsync_listing(root: str) -> dict[str, str]:
    """Every path below ``root`` and its kind, ``-`` (a file), ``d``, ``l`` (a link)…; none
    when it does not exist yet. Links are listed, not followed."""
    done = subprocess.run(
        ["rsync", "--list-only", "-r", "--", root], capture_output=True, check=False
    )
    if done.returncode == 23 and b"No such file or directory" in done.stderr:
        return {}
    if done.returncode:
        raise PublishError(f"cannot read {root}: {reason(done.stderr.decode(errors='replace'))}")
    listing = {}
    for line in done.stdout.split(b"\n"):
        fields = line.split(maxsplit=4)
        if len(fields) == 5:
            listing[_unescaped(fields[4])] = chr(fields[0][0])
    listing.pop(".", None)
    return listing


def _refuse_odd(listing: dict[str, str], files: Sequence[str], root: str) -> None:
    """Stop before anything is sent at a link where the site has a folder (rsync would
    replace the link, deleting the user's), a file where it has a folder, or a folder
    where it has a file."""
    folders = {rel.rsplit("/", depth)[0] for rel in files for depth in range(1, rel.count("/") + 1)}
    for name in sorted(_links(listing) & folders):
        raise linked(Path(f"{root}{name}"))
    for path, kind in sorted(listing.items()):
        if kind not in "dl" and path in folders:
            raise PublishError(
                f"{root}{path} is a file, where the site puts a folder",
                hint="move it out of the way and publish again; nothing was changed",
            )
    for path in sorted(set(files) & {path for path, kind in listing.items() if kind == "d"}):
        raise PublishError(
            f"{root}{path} is a folder, where the site puts a file",
            hint="move it out of the way and publish again; nothing was changed",
        )


def _links(listing: dict[str, str]) -> set[str]:
    """The paths of the listing that may be links: some versions of rsync show a link as
    ``name -> target``, so each name a `` -> `` could end is one."""
    return {
        name
        for path, kind in listing.items()
        if kind == "l"
        for name in [path, *(path[: at.start()] for at in re.finditer(" -> ", path))]
    }


def _unescaped(name: bytes) -> str:
    """A name as rsync shows it (bytes it cannot print as ``\\#ooo``), as the file's name."""
    return os.fsdecode(_ESCAPE.sub(lambda match: bytes([int(match[1], 8)]), name))


_ESCAPE = re.compile(rb"\\#([0-7]{3})")


def _itemized(output: str) -> list[tuple[str, str]]:
    """``(code, path)`` of each line of ``--itemize-changes`` output."""
    items = []
    for line in output.splitlines():
        code, path = line[:11], line[12:]
        if len(line) > 12 and line[11] == " " and (code == "*deleting  " or code[0] in "<>ch."):
            items.append((code.strip(), _unescaped(os.fsencode(path))))
    return items


def _is_remote(dest: str) -> bool:
    head, colon, _ = dest.partition(":")
    return bool(colon) and "/" not in head
