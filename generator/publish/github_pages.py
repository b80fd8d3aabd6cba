"""The github-pages target: commit the site on a branch of a git repository, and push it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.config import PublishSettings
from generator.errors import PublishError
from generator.output.scratch import scratch_folder
from generator.publish.base_url import domain_hint, domain_problem
from generator.publish.destination import Root, temporary_name
from generator.publish.manifest import MANIFEST, check_removals, manifest_text
from generator.publish.plan import Job, PublishPlan
from generator.publish.programs import GIT, git_config, not_an_option, run

SCRATCH = "showcase-pages-"  # the prefix of its temporary folder
TRAILER = "Published-by: showcase"


def publish_github_pages(
    job: Job, remote: str, branch: str, cname: str, identity: Path
) -> PublishPlan:
    """Commit the site on top of ``branch`` of ``remote``, in a temporary clone, and push it."""
    where = f"{remote} (branch {branch})"
    with scratch_folder(SCRATCH) as tmp:
        work = tmp / "clone"  # beside, not in, the scratch folder's marker
        work.mkdir()
        git = _Git(work, identity)
        git("init", "-q", "-b", "showcase-publish")
        heads = git("ls-remote", "--heads", "--", remote, f"refs/heads/{branch}").split()
        parent = ""
        old: list[str] = []
        if f"refs/heads/{branch}" in heads:
            previous = "refs/heads/previous"
            git(
                "fetch",
                "-q",
                "--depth",
                "1",
                "--no-tags",
                "--",
                remote,
                f"+refs/heads/{branch}:{previous}",
            )
            parent = git("rev-parse", previous).strip()
            old = git("ls-tree", "-r", "-z", "--name-only", parent).split("\0")[:-1]
        if old and MANIFEST not in old and not job.force:
            raise PublishError(
                f"refusing to publish to {where}: the branch holds files showcase did not "
                f"publish (no {MANIFEST} file)",
                hint="choose another --branch, or pass --force to replace its files with the "
                "site in a new commit (its history is kept)",
            )
        if not cname and "CNAME" in old and "CNAME" not in job.files:
            cname = git("show", f"{parent}:CNAME").strip()
        with Root.open(work) as clone:
            clone.move_into_place(
                clone.stage(job.site, {rel: temporary_name(rel) for rel in job.files})
            )
        extra = {".nojekyll": ""} | ({"CNAME": cname + "\n"} if cname else {})
        for name, text in extra.items():
            (work / name).write_text(text, encoding="utf-8")
        published = sorted({*job.files, *extra})
        (work / MANIFEST).write_text(manifest_text(published), encoding="utf-8")
        git("add", "--all", "--force", ".")
        if parent:
            status = git("diff", "--cached", "--no-renames", "--name-status", "-z", parent)
            fields = status.split("\0")[:-1]
            changes = [(k[0], p) for k, p in zip(fields[::2], fields[1::2], strict=True)]
        else:
            changes = [("A", path) for path in published]
        removed = _paths(changes, "D")
        plan = PublishPlan(where, _paths(changes, "A"), _paths(changes, "MT"), removed, job.dry_run)
        ours = len(old) - 1 if MANIFEST in old else 0  # a forced branch was not ours
        check_removals(job, removed, ours, where)
        if job.dry_run or (parent and not changes):
            return plan
        tree = git("write-tree").strip()
        message = f"Publish site ({len(job.files)} files)\n\n{TRAILER} {__version__}\n"
        commit = git("commit-tree", tree, *(["-p", parent] if parent else []), "-m", message)
        git("push", "-q", "--", remote, f"{commit.strip()}:refs/heads/{branch}")
    return plan


def _paths(changes: Sequence[tuple[str, str]], kinds: str) -> tuple[str, ...]:
    return tuple(sorted(path for kind, path in changes if kind in kinds and path != MANIFEST))


_REPOSITORY_VARIABLES = {
    *("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX"),
    *("GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE"),
}


class _Git:
    """Runs git in one temporary repository, with the identity of the user or of showcase."""

    def __init__(self, work: Path, identity: Path) -> None:
        self.work = work
        # A git hook's variables would point these commands at the user's repository.
        self.env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
        name = git_config("user.name", identity) or "showcase"
        email = git_config("user.email", identity) or "showcase@localhost"
        for role in ("AUTHOR", "COMMITTER"):
            self.env |= {f"GIT_{role}_NAME": name, f"GIT_{role}_EMAIL": email}
        self.env["LC_ALL"] = "C"

    def __call__(self, *args: str) -> str:
        # No transport that runs a command of the remote's choosing, whatever the user's config.
        safety = ("-c", "core.autocrlf=false", "-c", "protocol.ext.allow=never")
        command = ["git", *safety, "-C", str(self.work), *args]
        return run(command, f"git {args[0]}", env=self.env)


def pages_remote(source: Path, remote: str | None, settings: PublishSettings) -> str:
    """The repository to push to: the one given, or the project's ``origin``, or the project."""
    if remote:
        return _absolute(_safe_remote(remote, "--remote"), Path.cwd())
    if settings.remote:
        return _absolute(_safe_remote(settings.remote, "'publish.remote' in site.yaml"), source)
    GIT.require()
    done = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise PublishError(
            f"no --remote given and {source} is not in a git repository",
            hint="pass --remote URL, or set 'publish.remote' in site.yaml",
        )
    top = Path(done.stdout.strip())
    origin = git_config("remote.origin.url", top)
    if origin:
        return _absolute(_safe_remote(origin, f"the origin of {top}"), top)
    return str(top)


def _safe_remote(remote: str, what: str) -> str:
    """``remote``, refused when git would run a command it names."""
    if remote.startswith(("ext::", "fd::")):
        raise PublishError(
            f"{what} uses git's {remote.split('::')[0]}:: transport, which runs a command",
            hint="give a URL (https://, ssh://, user@host:path) or a local path",
        )
    return not_an_option(remote, what)


def _absolute(remote: str, base: Path) -> str:
    """A local repository path made absolute (the push runs elsewhere); URLs as they are."""
    head = remote.split("/")[0]
    if "://" in remote or (":" in head and len(head) > 2):  # a URL, or user@host:path
        return remote
    return str((base / Path(remote).expanduser()).resolve())


def pages_branch(given: str | None, configured: str) -> str:
    """The branch to publish to, refused unless git reads it as a plain branch name."""
    branch, what = (given, "--branch") if given else (configured, "'publish.branch' in site.yaml")
    GIT.require()
    valid = subprocess.run(
        ["git", "check-ref-format", f"refs/heads/{branch}"], capture_output=True, check=False
    )
    if branch.startswith("-") or valid.returncode:
        raise PublishError(
            f"{what} {branch!r} is not a valid branch name",
            hint="for example 'gh-pages' (see 'git help check-ref-format')",
        )
    return branch


def pages_cname(given: str | None, configured: str) -> str:
    """The custom domain, refused unless it is a bare domain name."""
    cname, what = (given, "--cname") if given else (configured, "'publish.cname' in site.yaml")
    problem = domain_problem(cname) if cname else None
    if problem is not None:
        raise PublishError(
            f"{what} must be a bare domain name (got {cname!r}): {problem}",
            hint=domain_hint(cname),
        )
    return cname
