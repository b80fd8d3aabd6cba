"""The TARGETS registry: each place ``showcase publish`` can send a site, and what it needs.

Adding a target is one module with its ``publish_…(job, …) -> PublishPlan`` function, its
name in ``generator.config.PUBLISH_TARGETS`` (which ``site.yaml`` is checked against, and
the only place the names are spelled), and one entry here, under that name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from generator.config import PUBLISH_TARGETS
from generator.publish import github_pages, rsync
from generator.publish.directory import publish_directory
from generator.publish.plan import PublishPlan
from generator.publish.programs import GIT, RSYNC, Program


@dataclass(frozen=True, slots=True)
class Target:
    """One publish target: the function that sends a Job there, and what it needs."""

    name: str
    send: Callable[..., PublishPlan]
    # What it publishes to: a git repository (given with --remote, never as DEST), a local
    # folder, or a folder or ``user@host:path`` address.
    dest: Literal["repository", "folder", "address"]
    program: Program | None = None  # checked to be installed before ``send`` is called
    example: str = ""  # a DEST, for hints
    scratch: str = ""  # the prefix of its temporary folders, swept when a publish was killed
    options: tuple[str, ...] = ()  # the command's options only this target takes


def _registry() -> dict[str, Target]:
    """Each target under its name in PUBLISH_TARGETS, where the names are spelled once;
    a name added there and not here stops the import."""
    github_pages_name, directory_name, rsync_name = PUBLISH_TARGETS  # in config's order
    targets = (
        Target(
            github_pages_name,
            github_pages.publish_github_pages,
            "repository",
            program=GIT,
            scratch=github_pages.SCRATCH,
            options=("--remote", "--branch", "--cname"),
        ),
        Target(directory_name, publish_directory, "folder", example="/var/www/site"),
        Target(
            rsync_name,
            rsync.publish_rsync,
            "address",
            program=RSYNC,
            example="user@host:/srv/www/site",
            scratch=rsync.SCRATCH,
        ),
    )
    return {target.name: target for target in targets}


TARGETS = _registry()
