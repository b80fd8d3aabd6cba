"""Where ``showcase publish`` sends a built site: a folder, a server through rsync, a git branch.

Each target compares the built site with what it published last time, returns the plan
(added, changed, removed) and, unless it is a dry run, carries it out. What a target published
is recorded in a ``.showcase-publish`` manifest at the destination: only files it lists are
ever deleted, and a destination without one is not written to unless forced.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.errors import PublishError

MANIFEST = ".showcase-publish"
MANIFEST_HEADER = "# Published by showcase. The files listed are replaced by the next publish.\n"
TRAILER = "Published-by: showcase"


@dataclass(frozen=True, slots=True)
class PublishPlan:
    """What a publish adds, changes and removes at its destination (site-relative paths)."""

    destination: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    dry_run: bool = False

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """``12 added, 3 changed, 1 removed``."""
        return f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed"

    def lines(self) -> list[str]:
        """One line per path, marked ``+`` added, ``~`` changed, ``-`` removed."""
        return [
            f"  {mark} {path}"
            for mark, paths in (("+", self.added), ("~", self.changed), ("-", self.removed))
            for path in paths
        ]


@dataclass(frozen=True, slots=True)
class Job:
    """A built site to publish, and how carefully."""

    site: Path
    files: tuple[str, ...]
    dry_run: bool = False
    force: bool = False
    allow_mass_delete: bool = False
    max_delete: float = 0.5
    report: Callable[[str], None] = print


def manifest_text(paths: Iterable[str]) -> str:
    """The manifest listing ``paths``, one a line."""
    return MANIFEST_HEADER + "".join(f"{path}\n" for path in sorted(paths))


def parse_manifest(text: str) -> tuple[str, ...]:
    """The relative paths a manifest lists; anything absolute or climbing out is dropped."""
    lines = (line.strip() for line in text.splitlines())
    return tuple(
        path
        for path in lines
        if path and path[0] not in "#/" and ".." not in path.split("/") and "\\" not in path
    )


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


# directory ---------------------------------------------------------------------------------


def publish_directory(job: Job, dest: Path) -> PublishPlan:
    """Mirror the site into the local folder ``dest``, copying only files that differ."""
    if dest.exists() and not dest.is_dir():
        raise PublishError(f"{dest} exists and is not a folder", hint="choose another DEST")
    manifest = dest / MANIFEST
    ours = set(parse_manifest(manifest.read_text(encoding="utf-8"))) if manifest.is_file() else None
    if ours is None and dest.is_dir() and any(dest.iterdir()) and not job.force:
        raise _foreign(str(dest))
    ours = ours or set()
    added = [rel for rel in job.files if not (dest / rel).is_file()]
    changed = [
        rel
        for rel in job.files
        if (dest / rel).is_file() and not _same_file(job.site / rel, dest / rel)
    ]
    removed = sorted(
        rel
        for rel in ours - set(job.files)
        if ((dest / rel).is_file() or (dest / rel).is_symlink())
        and (dest / rel).parent.resolve().is_relative_to(dest.resolve())
    )
    plan = PublishPlan(str(dest), tuple(added), tuple(changed), tuple(removed), job.dry_run)
    check_removals(job, removed, len(ours), str(dest))
    if job.dry_run:
        return plan
    try:
        dest.mkdir(parents=True, exist_ok=True)
        _write_atomically(manifest, manifest_text(ours | set(job.files)))  # both are ours now
        _move_into_place(_stage(job.site, dest, [*added, *changed]))
        for rel in removed:
            (dest / rel).unlink()
            _prune(dest, (dest / rel).parent)
        _write_atomically(manifest, manifest_text(job.files))
    except OSError as exc:
        raise PublishError(f"cannot publish into {dest}: {exc}") from exc
    return plan


def _foreign(where: str) -> PublishError:
    return PublishError(
        f"refusing to publish to {where}: it holds files showcase did not publish "
        f"(no {MANIFEST} file)",
        hint="choose an empty or new folder, or pass --force to add the site to it "
        "(files it did not publish are never deleted)",
    )


def _same_file(one: Path, other: Path) -> bool:
    if one.stat().st_size != other.stat().st_size:
        return False
    return _digest(one) == _digest(other)


def _digest(path: Path) -> bytes:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").digest()


def _stage(site: Path, dest: Path, paths: Sequence[str]) -> list[tuple[Path, Path]]:
    """Copy each file beside its target under a temporary name; all or none."""
    staged: list[tuple[Path, Path]] = []
    try:
        for rel in paths:
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.showcase-new")
            shutil.copyfile(site / rel, temporary)
            staged.append((temporary, target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    return staged


def _move_into_place(staged: list[tuple[Path, Path]]) -> None:
    """Rename each staged file over its target; on failure, leave no temporary file behind."""
    for done, (temporary, target) in enumerate(staged):
        try:
            os.replace(temporary, target)
        except OSError:
            for left, _ in staged[done:]:
                left.unlink(missing_ok=True)
            raise


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.showcase-new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _prune(root: Path, folder: Path) -> None:
    """Remove folders emptied by deletions, up to (not including) ``root``."""
    while folder != root and folder.is_relative_to(root) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


# rsync -------------------------------------------------------------------------------------


def publish_rsync(job: Job, dest: str) -> PublishPlan:
    """Mirror the site to ``user@host:path`` (or a local path) with the system's rsync."""
    require("rsync", "apt-get install rsync, or brew install rsync")
    root = dest.rstrip("/") + "/"
    with tempfile.TemporaryDirectory(prefix="showcase-rsync-") as tmp:
        listing = _rsync_listing(root)
        old: tuple[str, ...] | None = None
        if MANIFEST in listing:
            _run(["rsync", f"{root}{MANIFEST}", f"{tmp}/previous"], f"read {root}{MANIFEST}")
            old = parse_manifest(Path(tmp, "previous").read_text(encoding="utf-8"))
        if old is None and listing and not job.force:
            raise _foreign(dest)
        ours = set(old or ())
        extra = Path(tmp, "manifest")
        extra.mkdir()
        (extra / MANIFEST).write_text(manifest_text(job.files), encoding="utf-8")
        # Not -a's times: unchanged files keep their dates, so caches and ETags stay valid.
        command = [
            *("rsync", "-a", "--no-times", "--no-owner", "--no-group", "--checksum"),
            *("--delete", "--itemize-changes", "--exclude=/.showcase-build"),
        ]
        sources = [f"{job.site}/", f"{extra}/", root]
        items = _itemized(_run([*command, "--dry-run", *sources], f"compare with {dest}"))
        deleted = [path for code, path in items if code == "*deleting"]
        removed = sorted(p for p in deleted if p in ours)
        keep = [p for p in deleted if p not in ours and not p.endswith("/")]
        keep += [p for p in deleted if p.endswith("/") and not any(o.startswith(p) for o in ours)]
        sent = [(c[2] == "+", p) for c, p in items if c[:2] in _SENT and p != MANIFEST]
        plan = PublishPlan(
            dest,
            tuple(sorted(path for new, path in sent if new)),
            tuple(sorted(path for new, path in sent if not new)),
            tuple(removed),
            job.dry_run,
        )
        check_removals(job, removed, len(ours), dest)
        if job.dry_run:
            return plan
        rules = Path(tmp, "protect")
        rules.write_text("".join(f"P /{_escape(p)}\n" for p in keep), encoding="utf-8")
        if not _is_remote(dest):
            Path(dest).parent.mkdir(parents=True, exist_ok=True)
        _run(
            [*command, f"--filter=merge {rules}", *sources],
            f"publish to {dest}",
            hint="the copy may have stopped part-way; run the command again to finish it",
        )
    return plan


_SENT = {f"{how}{kind}" for how in "<>ch" for kind in "fL"}  # a file or link sent or made


def _rsync_listing(root: str) -> set[str]:
    """The names at the top of ``root`` (none when it does not exist yet)."""
    done = subprocess.run(
        ["rsync", "--list-only", root], capture_output=True, text=True, check=False
    )
    if done.returncode == 23 and "No such file or directory" in done.stderr:
        return set()
    if done.returncode:
        raise PublishError(f"cannot read {root}: {_reason(done.stderr)}")
    names = {line.split(maxsplit=4)[-1] for line in done.stdout.splitlines() if line.strip()}
    return names - {"."}


def _itemized(output: str) -> list[tuple[str, str]]:
    """``(code, path)`` of each line of ``--itemize-changes`` output."""
    items = []
    for line in output.splitlines():
        code, path = line[:11], line[12:]
        if len(line) > 12 and line[11] == " " and (code == "*deleting  " or code[0] in "<>ch."):
            items.append((code.strip(), path))
    return items


def _escape(path: str) -> str:
    for char in "\\*?[":
        path = path.replace(char, "\\" + char)
    return path


def _is_remote(dest: str) -> bool:
    head, colon, _ = dest.partition(":")
    return bool(colon) and "/" not in head


# github-pages ------------------------------------------------------------------------------


def publish_github_pages(
    job: Job, remote: str, branch: str, cname: str, identity: Path
) -> PublishPlan:
    """Commit the site on top of ``branch`` of ``remote``, in a temporary clone, and push it."""
    require("git", "apt-get install git")
    where = f"{remote} (branch {branch})"
    with tempfile.TemporaryDirectory(prefix="showcase-pages-") as tmp:
        work = Path(tmp)
        git = _Git(work, identity)
        git("init", "-q", "-b", "showcase-publish")
        heads = git("ls-remote", "--heads", remote, f"refs/heads/{branch}").split()
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
        _move_into_place(_stage(job.site, work, job.files))
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
        git("push", "-q", remote, f"{commit.strip()}:refs/heads/{branch}")
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
        command = ["git", "-c", "core.autocrlf=false", "-C", str(self.work), *args]
        return _run(command, f"git {args[0]}", env=self.env)


def git_config(key: str, cwd: Path | None = None) -> str:
    """A value of the user's git configuration, or ''."""
    done = subprocess.run(
        ["git", "config", "--get", key], cwd=cwd, capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def require(program: str, hint: str) -> None:
    """Stop with a hint when ``program`` is not installed."""
    if shutil.which(program) is None:
        raise PublishError(f"'{program}' is not installed", hint=hint)


def _run(
    command: list[str],
    doing: str,
    env: dict[str, str] | None = None,
    hint: str = "nothing was published; the destination was left as it was",
) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode:
        raise PublishError(f"cannot {doing}: {_reason(done.stderr or done.stdout)}", hint=hint)
    return done.stdout


def _reason(text: str) -> str:
    """The line of a program's error output that says what went wrong."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if any("[rejected]" in line for line in lines):
        return "the branch changed meanwhile (someone else published?); run the command again"
    telling = [line for line in lines if line.startswith(("fatal:", "error:", "rsync:"))]
    return (telling or lines or ["it failed without saying why"])[0]
