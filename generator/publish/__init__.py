"""publish(): a fresh production build, sent to GitHub Pages, a folder, or a server."""

from __future__ import annotations

import contextlib
import re
import subprocess
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from generator.build import build as build_site
from generator.config import PublishSettings, load_config
from generator.errors import PublishError
from generator.output.scratch import scratch_folder, stopping_signals_raise, sweep_stale
from generator.output.writer import MARKER
from generator.publish.targets import (
    MANIFEST,
    Job,
    PublishPlan,
    git_config,
    publish_directory,
    publish_github_pages,
    publish_rsync,
    require,
)

TARGETS = ("github-pages", "directory", "rsync")
SCRATCH = ("showcase-publish-", "showcase-pages-", "showcase-rsync-")


def publish(
    source: Path | str = ".",
    target: str | None = None,
    dest: str | Path | None = None,
    *,
    dry_run: bool = False,
    build: bool = True,
    force: bool = False,
    allow_mass_delete: bool = False,
    remote: str | None = None,
    branch: str | None = None,
    cname: str | None = None,
    cache_dir: Path | str | None = None,
    report: Callable[[str], None] | None = None,
) -> PublishPlan:
    """Build the site in ``source`` for production and publish it to ``target``.

    ``target`` is ``github-pages``, ``directory`` or ``rsync``; it and every other setting left
    out come from the ``publish:`` section of ``site.yaml``. ``build=False`` publishes the
    existing ``source/site`` instead. Raises PublishError, changing nothing, when the
    destination is not showcase's or the publish would delete too much, and the build's
    SiteError when the site does not build.
    """
    source = Path(source).resolve()
    say = report or (lambda text: None)
    settings = load_config(source).publish
    target = target or settings.target
    if not target:
        raise PublishError(
            "where to publish? no TARGET given and no 'publish.target' in site.yaml",
            hint=f"for example 'showcase publish directory /var/www/site' ({', '.join(TARGETS)})",
        )
    if target not in TARGETS:
        raise PublishError(
            f"unknown publish target {target!r}",
            hint=f"choose one of {', '.join(TARGETS)}; Netlify and Cloudflare Pages run "
            "'showcase build' themselves (see the README's Publish section)",
        )
    flags = {"--remote": remote, "--branch": branch, "--cname": cname}
    given = [flag for flag, value in flags.items() if value]
    if target != "github-pages" and given:
        raise PublishError(
            f"{' and '.join(given)} {'is' if len(given) == 1 else 'are'} only for github-pages",
            hint=f"drop {', '.join(given)} to publish with {target}",
        )
    send: Callable[[Job], PublishPlan]
    if target == "github-pages":
        if dest is not None:
            raise PublishError(
                "github-pages publishes to a git repository, not to a DEST",
                hint="give the repository with --remote URL (default: the project's origin)",
            )
        send = partial(
            publish_github_pages,
            remote=_pages_remote(source, remote, settings),
            branch=_branch(branch, settings.branch),
            cname=_cname(cname, settings.cname),
            identity=source,
        )
    elif target == "rsync":
        send = partial(publish_rsync, dest=_destination(source, dest, settings, target))
    else:
        folder = _local_folder(Path(_destination(source, dest, settings, target)), source)
        send = partial(publish_directory, dest=folder)
    # Stopped by a signal, the publish still removes its temporary folders and files.
    with stopping_signals_raise():
        for prefix in SCRATCH:
            sweep_stale(prefix)  # those of a publish killed outright
        with _built(source, build, cache_dir, say) as site:
            return send(
                Job(
                    site=site,
                    files=_files(site),
                    dry_run=dry_run,
                    force=force,
                    allow_mass_delete=allow_mass_delete,
                    max_delete=settings.max_delete,
                    report=say,
                )
            )


@contextlib.contextmanager
def _built(
    source: Path, build: bool, cache_dir: Path | str | None, say: Callable[[str], None]
) -> Iterator[Path]:
    """The site to publish: a fresh production build, or the existing ``site/``."""
    if not build:
        site = source / "site"
        if not (site / MARKER).is_file():
            raise PublishError(
                f"{site} is not a built site (no {MARKER} file)",
                hint="run 'showcase build' first, or publish without --no-build",
            )
        yield site
        return
    with scratch_folder("showcase-publish-") as tmp:
        report = build_site(
            source,
            tmp / "site",
            production=True,
            cache_dir=cache_dir,
            temporary=True,
        )
        for warning in report.warnings:
            say(f"warning: {warning}")
        say(report.summary())
        yield report.output


def _files(site: Path) -> tuple[str, ...]:
    """Every file of the built site, relative, without showcase's own marker files."""
    files = (path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    return tuple(sorted(rel for rel in files if rel not in (MARKER, MANIFEST)))


def _destination(
    source: Path, dest: str | Path | None, settings: PublishSettings, target: str
) -> str:
    if dest is not None:
        return _not_an_option(str(dest), "DEST")
    if not settings.dest:
        example = "/var/www/site" if target == "directory" else "user@host:/srv/www/site"
        raise PublishError(
            "where to publish? no DEST given and no 'publish.dest' in site.yaml",
            hint=f"for example 'showcase publish {target} {example}'",
        )
    _not_an_option(settings.dest, "'publish.dest' in site.yaml")
    if target == "rsync" and ":" in settings.dest.split("/")[0]:
        return settings.dest  # user@host:path
    return str(source / Path(settings.dest).expanduser())  # relative to the site's folder


def _not_an_option(value: str, what: str) -> str:
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


def _local_folder(dest: Path, source: Path) -> Path:
    """``dest`` made absolute, refused when publishing there would clobber the project."""
    dest = dest.expanduser().resolve()
    if dest in (Path.home().resolve(), Path(dest.anchor)) or source.is_relative_to(dest):
        raise PublishError(
            f"refusing to publish into {dest}: it holds the project or your home folder",
            hint="choose a folder of its own, such as /var/www/showcase",
        )
    if dest.is_relative_to(source / "site"):
        raise PublishError(
            f"refusing to publish into {dest}: it is inside the build folder site/",
            hint="choose a folder outside it",
        )
    return dest


def _pages_remote(source: Path, remote: str | None, settings: PublishSettings) -> str:
    """The repository to push to: the one given, or the project's ``origin``, or the project."""
    if remote:
        return _absolute(_safe_remote(remote, "--remote"), Path.cwd())
    if settings.remote:
        return _absolute(_safe_remote(settings.remote, "'publish.remote' in site.yaml"), source)
    require("git", "apt-get install git")
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
    return _not_an_option(remote, what)


def _absolute(remote: str, base: Path) -> str:
    """A local repository path made absolute (the push runs elsewhere); URLs as they are."""
    head = remote.split("/")[0]
    if "://" in remote or (":" in head and len(head) > 2):  # a URL, or user@host:path
        return remote
    return str((base / Path(remote).expanduser()).resolve())


def _branch(given: str | None, configured: str) -> str:
    """The branch to publish to, refused unless git reads it as a plain branch name."""
    branch, what = (given, "--branch") if given else (configured, "'publish.branch' in site.yaml")
    require("git", "apt-get install git")
    valid = subprocess.run(
        ["git", "check-ref-format", f"refs/heads/{branch}"], capture_output=True, check=False
    )
    if branch.startswith("-") or valid.returncode:
        raise PublishError(
            f"{what} {branch!r} is not a valid branch name",
            hint="for example 'gh-pages' (see 'git help check-ref-format')",
        )
    return branch


_LABEL = re.compile(r"(?!-)[^\W_]([^\W_]|-)*", re.UNICODE)


def _cname(given: str | None, configured: str) -> str:
    """The custom domain, refused unless it is a bare domain name."""
    cname, what = (given, "--cname") if given else (configured, "'publish.cname' in site.yaml")
    labels = cname.removesuffix(".").split(".")
    if cname and not all(_LABEL.fullmatch(label) and label[-1] != "-" for label in labels):
        raise PublishError(
            f"{what} must be a bare domain name (got {cname!r})",
            hint="for example 'art.example.org', without https:// or a path",
        )
    return cname
