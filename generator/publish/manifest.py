"""The ``.showcase-publish`` manifest: what a target published, and so may delete.

Each target records at its destination the files it published. Only files a manifest lists
are ever deleted, a destination without one is not written to unless forced, and a publish
that would delete too much of what it lists stops first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from generator.errors import PublishError
from generator.publish.plan import Job

MANIFEST = ".showcase-publish"
MANIFEST_HEADER = "# Published by showcase. The files listed are replaced by the next publish.\n"


def manifest_text(paths: Iterable[str], staging: Iterable[str] = ()) -> str:
    """The manifest listing ``paths``, one a line, and the temporary files being written."""
    lines = [_manifest_line(path) for path in sorted(paths)]
    lines += [f"{_STAGING}{json.dumps(path)}" for path in sorted(staging)]
    return MANIFEST_HEADER + "".join(f"{line}\n" for line in lines)


def parse_manifest(text: str) -> tuple[str, ...]:
    """The relative paths a manifest lists; anything absolute or climbing out is dropped."""
    paths = []
    for line in text.split("\n"):
        if line.startswith('"'):
            path = _unquoted(line)
        elif line.startswith("#"):
            continue
        else:
            path = line.strip()  # as older versions wrote and read it
        if _inside(path):
            paths.append(path)
    return tuple(paths)


def parse_staging(text: str) -> tuple[str, ...]:
    """The temporary files a manifest says an unfinished publish was writing."""
    lines = (line.removeprefix(_STAGING) for line in text.split("\n") if line.startswith(_STAGING))
    return tuple(path for path in map(_unquoted, lines) if _inside(path))


_STAGING = "# staging "


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
