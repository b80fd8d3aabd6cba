"""Where ``showcase publish`` sends a built site: a folder, a server through rsync, a git branch.

Each target compares the built site with what it published last time, returns the plan
(added, changed, removed) and, unless it is a dry run, carries it out. What a target published
is recorded in a ``.showcase-publish`` manifest at the destination: only files it lists are
ever deleted, and a destination without one is not written to unless forced.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.errors import PublishError
from generator.output.scratch import scratch_folder

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


# directory ---------------------------------------------------------------------------------


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
        raise _foreign(str(dest))
    ours = ours or set()
    states = {rel: _state(dest, rel) for rel in job.files}
    for state in states.values():
        if state.startswith("link:"):
            raise _linked(dest / state.removeprefix("link:"))
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
        with _Root.open(dest) as root:
            _sweep_unfinished(root, parse_staging(text or ""))
            temporaries = {rel: _temporary(rel) for rel in [*added, *changed]}
            # Both are ours now, and so are the temporary files, should this run be killed.
            root.write(MANIFEST, manifest_text(ours | set(job.files), temporaries.values()))
            root.move_into_place(root.stage(job.site, temporaries))
            for rel in removed:
                root.remove(rel)
            root.write(MANIFEST, manifest_text(job.files))
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


def _linked(path: Path) -> PublishError:
    return PublishError(
        f"{path} is a symbolic link: showcase does not write through links",
        hint="replace the link with a folder, or remove it, and publish again",
    )


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
        raise _linked(manifest)
    if not stat.S_ISREG(mode):
        raise PublishError(f"{manifest} is not a file", hint="remove it and publish again")
    return manifest.read_text(encoding="utf-8", errors="replace")


def _temporary(rel: str) -> str:
    """The name a file is written under before it is renamed into place: showcase's, and
    this process's, so that no one else's file is ever taken for it."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/" * bool(folder) + f".{name}.showcase-new-{os.getpid()}"


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.showcase-new-(?P<pid>[0-9]+)")


def _sweep_unfinished(root: _Root, staging: Sequence[str]) -> None:
    """Remove what a killed publish left: the temporary files its manifest lists, and its
    unfinished manifest, whose first line says it is showcase's; never another's."""
    for rel in staging:
        if _finished(_TEMPORARY.fullmatch(rel.rpartition("/")[2])):
            root.remove(rel, prune=False)
    for name in os.listdir(root.fd):
        match = _TEMPORARY.fullmatch(name)
        if match and match["name"] == MANIFEST and _finished(match):
            with contextlib.suppress(OSError):
                root.remove_if_starts(name, MANIFEST_HEADER.encode())


def _finished(match: re.Match[str] | None) -> bool:
    """Whether the process that named a temporary file is gone (or is this one)."""
    if match is None:
        return False
    pid = int(match["pid"])
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True, slots=True)
class _Root:
    """A destination folder, open; paths below it are reached without following links."""

    path: Path
    fd: int

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path) -> Iterator[_Root]:
        fd = os.open(path, _FOLDER)
        try:
            yield cls(path, fd)
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def folder(self, parts: Sequence[str], create: bool = False) -> Iterator[int | None]:
        """The folder ``parts`` below the root, open (None when it is missing or a link and
        ``create`` is false); made when ``create``, refusing a link on the way."""
        fd = os.dup(self.fd)
        try:
            for depth, part in enumerate(parts, 1):
                if create:
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(part, dir_fd=fd)
                try:
                    child = os.open(part, _FOLDER, dir_fd=fd)
                except OSError:
                    if create and stat.S_ISLNK(os.lstat(part, dir_fd=fd).st_mode):
                        raise _linked(self.path.joinpath(*parts[:depth])) from None
                    if create:
                        raise
                    os.close(fd)
                    fd = -1
                    break
                os.close(fd)
                fd = child
            yield fd if fd != -1 else None
        finally:
            if fd != -1:
                os.close(fd)

    def write(self, name: str, text: str) -> None:
        """Replace the file ``name`` at the root with ``text``, atomically."""
        temporary = _temporary(name)
        out = os.open(temporary, _NEW_FILE, 0o666, dir_fd=self.fd)
        try:
            with open(out, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.fd)
            raise

    def stage(self, site: Path, temporaries: dict[str, str]) -> list[tuple[str, str]]:
        """Copy each file beside its target under its temporary name; all or none."""
        staged: list[tuple[str, str]] = []
        try:
            for rel, temporary in temporaries.items():
                folder, name = _split(temporary)
                with self.folder(folder, create=True) as fd, (site / rel).open("rb") as source:
                    out = os.open(name, _NEW_FILE, 0o666, dir_fd=fd)
                    staged.append((temporary, rel))
                    with open(out, "wb") as file:
                        shutil.copyfileobj(source, file)
        except BaseException:
            for temporary, _ in staged:
                self.remove(temporary, prune=False)
            raise
        return staged

    def move_into_place(self, staged: list[tuple[str, str]]) -> None:
        """Rename each staged file over its target; on failure, leave no temporary behind."""
        for done, (temporary, target) in enumerate(staged):
            try:
                folder, name = _split(target)
                with self.folder(folder, create=True) as fd:
                    os.replace(_split(temporary)[1], name, src_dir_fd=fd, dst_dir_fd=fd)
            except BaseException:
                for left, _ in staged[done:]:
                    self.remove(left, prune=False)
                raise

    def remove(self, rel: str, prune: bool = True) -> None:
        """Delete the file ``rel`` (not a link, not a folder), then folders left empty."""
        folder, name = _split(rel)
        with self.folder(folder) as fd:
            if fd is None:
                return
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISREG(os.lstat(name, dir_fd=fd).st_mode):
                    os.unlink(name, dir_fd=fd)
        for depth in range(len(folder), 0, -1) if prune else ():
            with self.folder(folder[: depth - 1]) as fd:
                if fd is None:
                    return
                try:
                    os.rmdir(folder[depth - 1], dir_fd=fd)
                except OSError:
                    return

    def remove_if_starts(self, name: str, head: bytes) -> None:
        """Delete the regular file ``name`` at the root if its content begins with ``head``."""
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=self.fd)
        with open(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode) or file.read(len(head)) != head:
                return
        os.unlink(name, dir_fd=self.fd)


def _split(rel: str) -> tuple[list[str], str]:
    *folder, name = rel.split("/")
    return folder, name


# rsync -------------------------------------------------------------------------------------


def publish_rsync(job: Job, dest: str) -> PublishPlan:
    """Mirror the site to ``user@host:path`` (or a local path) with the system's rsync.

    Only what the manifest lists is deleted: filter rules, written with each name's exact
    bytes, let rsync delete those and protect everything else at the destination.
    """
    require("rsync", "apt-get install rsync, or brew install rsync")
    root = dest.rstrip("/") + "/"
    with scratch_folder("showcase-rsync-") as tmp:
        listing = _rsync_listing(root)
        old: tuple[str, ...] | None = None
        if MANIFEST in listing:
            previous = tmp / "previous"
            _run(["rsync", "--", f"{root}{MANIFEST}", str(previous)], f"read {root}{MANIFEST}")
            if not previous.is_file() or previous.is_symlink():
                raise PublishError(f"{root}{MANIFEST} is not a file", hint="remove it and retry")
            old = parse_manifest(previous.read_text(encoding="utf-8", errors="replace"))
        if old is None and listing and not job.force:
            raise _foreign(dest)
        ours = set(old or ())
        removed = sorted(ours - set(job.files))
        extra = tmp / "manifest"
        extra.mkdir()
        (extra / MANIFEST).write_text(manifest_text(job.files), encoding="utf-8")
        rules = tmp / "rules"
        rules.write_bytes(_rules(removed))
        # Not -a's times: unchanged files keep their dates, so caches and ETags stay valid.
        command = [
            *("rsync", "-a", "--no-times", "--no-owner", "--no-group", "--checksum"),
            *("--delete", "--itemize-changes", "--exclude=/.showcase-build"),
            *("--from0", f"--filter=merge {rules}", "--"),
        ]
        sources = [f"{job.site}/", f"{extra}/", root]
        items = _itemized(
            _run([*command[:-1], "--dry-run", "--", *sources], f"compare with {dest}")
        )
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
        if not _is_remote(dest):
            Path(dest).parent.mkdir(parents=True, exist_ok=True)
        _run(
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


def _rsync_listing(root: str) -> set[str]:
    """The names at the top of ``root`` (none when it does not exist yet)."""
    done = subprocess.run(
        ["rsync", "--list-only", "--", root], capture_output=True, text=True, check=False
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
    with scratch_folder("showcase-pages-") as tmp:
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
        with _Root.open(work) as clone:
            clone.move_into_place(
                clone.stage(job.site, {rel: _temporary(rel) for rel in job.files})
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
