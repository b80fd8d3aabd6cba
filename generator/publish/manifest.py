"""The ``.showcase-publish`` manifest: what a target published, and so may replace or delete.

Each target records at its destination the files it published, with the sha256 of each as
published where it knows it. Only files a manifest lists are ever deleted, and, where the
digest is known, only while their content is still what showcase wrote; a destination
without one is not written to unless forced; a publish that would delete too much of what it
lists stops first. While a publish writes, the manifest lists the old files, the temporary
files it makes, and the digest each new file will have ("pending"): a publish killed
half-way claims no file it did not write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.errors import PublishError
from generator.publish.plan import Job

MANIFEST = ".showcase-publish"
MANIFEST_HEADER = "# Published by showcase. The files listed are replaced by the next publish.\n"
# The second line of a manifest whose entries start with a digest ("-" when unknown).
DIGESTS_HEADER = "# Each entry: the sha256 of the file as published, a space, its path.\n"


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a manifest says: the files published (path → sha256, "" when not recorded, as in
    manifests of older versions), what an unfinished publish was writing, and its
    temporary files."""

    files: Mapping[str, str] = field(default_factory=dict)
    pending: Mapping[str, str] = field(default_factory=dict)
    staging: tuple[str, ...] = ()

    def owns(self, rel: str, digest: str) -> bool:
        """Whether the file ``rel``, holding content of ``digest``, is showcase's to replace
        or delete: it lists the file and (when it knows) that content, or was writing it."""
        known = self.files.get(rel)
        return known == "" or digest in (known, self.pending.get(rel))


def manifest_text(
    paths: Iterable[str] | Mapping[str, str],
    staging: Iterable[str] = (),
    pending: Mapping[str, str] | None = None,
) -> str:
    """The manifest listing ``paths`` (with their digests when a mapping is given), one a
    line, then the files being written: their digests to come, and their temporary names."""
    if not isinstance(paths, Mapping):
        lines = [_manifest_line(path) for path in sorted(paths)]
        head = MANIFEST_HEADER
    else:
        lines = [f"{paths[path] or '-'} {_manifest_line(path)}" for path in sorted(paths)]
        head = MANIFEST_HEADER + DIGESTS_HEADER
    for path, digest in sorted((pending or {}).items()):
        lines.append(f"{_PENDING}{digest} {json.dumps(path)}")
    lines += [f"{_STAGING}{json.dumps(path)}" for path in sorted(staging)]
    return head + "".join(f"{line}\n" for line in lines)


def read_manifest(text: str) -> Manifest:
    """What ``text`` says; anything absolute or climbing out of the destination is dropped."""
    files: dict[str, str] = {}
    pending: dict[str, str] = {}
    lines = text.split("\n")
    digests = len(lines) > 1 and f"{lines[1]}\n" == DIGESTS_HEADER
    for line in lines:
        if line.startswith(_PENDING):
            digest, _, quoted = line.removeprefix(_PENDING).partition(" ")
            path = _unquoted(quoted)
            if _inside(path) and _DIGEST.fullmatch(digest):
                pending[path] = digest
            continue
        if line.startswith("#") or not line.strip():
            continue
        digest = ""
        if digests:
            digest, _, line = line.partition(" ")
            digest = digest if _DIGEST.fullmatch(digest) else ""
        path = _unquoted(line) if line.startswith('"') else line.strip()  # older: plain, trimmed
        if _inside(path):
            files[path] = digest
    return Manifest(files, pending, parse_staging(text))


def parse_manifest(text: str) -> tuple[str, ...]:
    """The relative paths a manifest lists."""
    return tuple(read_manifest(text).files)


def parse_staging(text: str) -> tuple[str, ...]:
    """The temporary files a manifest says an unfinished publish was writing."""
    lines = (line.removeprefix(_STAGING) for line in text.split("\n") if line.startswith(_STAGING))
    return tuple(path for path in map(_unquoted, lines) if _inside(path))


_STAGING = "# staging "
_PENDING = "# pending "
_DIGEST = re.compile(r"[0-9a-f]{64}")


def _manifest_line(path: str) -> str:
    """``path`` as it is when a line shows it exactly, else as a JSON string."""
    plain = path.isprintable() and path == path.strip() and "\\" not in path
    return path if plain and not path.startswith(("#", '"')) else json.dumps(path)


def _unquoted(line: str) -> str:
    try:
        path = json.loads(line)
    except ValueError:
        return ""
    return path if isinstance(path, str) else ""


def _inside(path: str) -> bool:
    parts = path.split("/")
    return bool(path) and path[0] != "/" and "\0" not in path and not {"", ".", ".."} & set(parts)


def check_removals(job: Job, removed: Sequence[str], published: int, where: str) -> None:
    """Stop a publish that would delete more than ``max_delete`` of what is published."""
    if not published or len(removed) <= job.max_delete * published or job.allow_mass_delete:
        return
    message = (
        f"this publish would remove {len(removed)} of the {published} files published at "
        f"{where} ({len(removed) / published:.0%}, more than {job.max_delete:.0%})"
    )
    if job.dry_run:
        job.report(f"warning: {message}; it would stop unless --allow-mass-delete is given")
        return
    raise PublishError(
        message,
        hint="check that the build is complete; if it is, pass --allow-mass-delete "
        "(publish.max_delete in site.yaml sets the limit). Nothing was changed",
    )


def foreign(where: str) -> PublishError:
    """The refusal to write to a destination that has files but no manifest."""
    return PublishError(
        f"refusing to publish to {where}: it holds files showcase did not publish "
        f"(no {MANIFEST} file)",
        hint="choose an empty or new folder, or pass --force to add the site to it "
        "(files it did not publish are never deleted)",
    )


def check_conflicts(job: Job, paths: Sequence[str], where: str) -> None:
    """Stop a publish that would replace or delete files showcase did not write there, or
    that were changed since it did, unless ``--force`` (which replaces, never deletes, them)."""
    if not paths or job.force:
        return
    shown = ", ".join(_manifest_line(path) for path in sorted(paths)[:5])
    more = f" and {len(paths) - 5} more" if len(paths) > 5 else ""
    message = (
        f"{where} holds {len(paths)} file{'s' * (len(paths) != 1)} showcase did not publish "
        f"there, or that changed since it did, where this publish would write or delete: "
        f"{shown}{more}"
    )
    if job.dry_run:
        job.report(f"warning: {message}; it would stop unless --force is given")
        return
    raise PublishError(
        f"refusing to publish: {message}",
        hint="move them out of the way, or pass --force to replace them with the site's files "
        "(with --force, a file of yours the site does not have is kept, never deleted). "
        "Nothing was changed",
    )
