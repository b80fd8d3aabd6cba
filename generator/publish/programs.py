"""The programs some targets run (git, rsync): checked to be installed, run, and their
failures turned into a PublishError that says what went wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import PublishError


@dataclass(frozen=True, slots=True)
class Program:
    """A program a target needs, and how to install it."""

    name: str
    install: str

    def require(self) -> None:
        """Stop with a hint when the program is not installed."""
        if shutil.which(self.name) is None:
            raise PublishError(f"'{self.name}' is not installed", hint=self.install)


GIT = Program("git", "apt-get install git")
RSYNC = Program("rsync", "apt-get install rsync, or brew install rsync")


def run(
    command: list[str],
    doing: str,
    env: dict[str, str] | None = None,
    hint: str = "nothing was published; the destination was left as it was",
) -> str:
    """The output of ``command``; a PublishError saying it could not do ``doing`` if it fails.

    The output is read as bytes and decoded as the system decodes file names (bytes that are
    not UTF-8 kept as surrogates), so any name a program lists comes back exactly.
    """
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    if done.returncode:
        said = done.stderr or done.stdout
        raise PublishError(f"cannot {doing}: {reason(said.decode(errors='replace'))}", hint=hint)
    return os.fsdecode(done.stdout)


def reason(text: str) -> str:
    """The line of a program's error output that says what went wrong."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if any("[rejected]" in line for line in lines):
        return "the branch changed meanwhile (someone else published?); run the command again"
    telling = [line for line in lines if line.startswith(("fatal:", "error:", "rsync:"))]
    return (telling or lines or ["it failed without saying why"])[0]


def git_config(key: str, cwd: Path | None = None) -> str:
    """A value of the user's git configuration, or ''."""
    done = subprocess.run(
        ["git", "config", "--get", key], cwd=cwd, capture_output=True, check=False
    )
    return done.stdout.decode(errors="replace").strip()


def not_an_option(value: str, what: str) -> str:
    """``value``, refused when git, rsync or ssh would read it (or its host) as an option."""
    if value.startswith("-"):
        raise PublishError(
            f"{what} must not start with '-' (got {value!r})",
            hint=f"git and rsync would read it as an option; for a folder, write ./{value}",
        )
    host = _host(value)
    if host.startswith("-"):
        raise PublishError(
            f"the host in {what} must not start with '-' (got {host!r})",
            hint="ssh would read it as an option; check the address",
        )
    return value


def _host(address: str) -> str:
    """The host of ``user@host:path``, ``host::module`` or ``scheme://user@host/path``."""
    if "://" in address:
        return address.split("://", 1)[1].split("/", 1)[0].rpartition("@")[2]
    head = address.split("/", 1)[0]
    return head.partition(":")[0].rpartition("@")[2] if ":" in head else ""
