"""The TARGETS registry: each place ``showcase publish`` can send a site, and what it needs.

Adding a target is one module with its ``publish_…(job, …) -> PublishPlan`` function, one
entry here, and its name in ``generator.config.PUBLISH_TARGETS`` (which ``site.yaml`` is
checked against); the registry checks at import that it covers exactly those names.
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


TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target(
            "github-pages",
            github_pages.publish_github_pages,
            "repository",
            program=GIT,
            scratch=github_pages.SCRATCH,
            options=("--remote", "--branch", "--cname"),
        ),
        Target("directory", publish_directory, "folder", example="/var/www/site"),
        Target(
            "rsync",
            rsync.publish_rsync,
            "address",
            program=RSYNC,
            example="user@host:/srv/www/site",
            scratch=rsync.SCRATCH,
        ),
    )
}
if tuple(TARGETS) != PUBLISH_TARGETS:  # the names site.yaml accepts, in the same order
    raise RuntimeError(f"TARGETS {tuple(TARGETS)} differ from PUBLISH_TARGETS {PUBLISH_TARGETS}")
