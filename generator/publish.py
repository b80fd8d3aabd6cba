"""publish(): a fresh production build, sent to GitHub Pages, a folder, or a server."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from generator.build import build as build_site
from generator.config import PublishSettings, load_config
from generator.errors import PublishError
from generator.targets import (
    MANIFEST,
    Job,
    PublishPlan,
    git_config,
    publish_directory,
    publish_github_pages,
    publish_rsync,
    require,
)
from generator.writer import MARKER

TARGETS = ("github-pages", "directory", "rsync")


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
    if cname and any(char in cname for char in "/: "):
        raise PublishError(
            f"--cname must be a bare domain name (got {cname!r})",
            hint="for example 'art.example.org', without https:// or a path",
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
            branch=branch or settings.branch,
            cname=cname or settings.cname,
            identity=source,
        )
    elif target == "rsync":
        send = partial(publish_rsync, dest=_destination(source, dest, settings, target))
    else:
        folder = _local_folder(Path(_destination(source, dest, settings, target)), source)
        send = partial(publish_directory, dest=folder)
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
    with tempfile.TemporaryDirectory(prefix="showcase-publish-") as tmp:
        report = build_site(
            source,
            Path(tmp) / "site",
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
        return str(dest)
    if not settings.dest:
        example = "/var/www/site" if target == "directory" else "user@host:/srv/www/site"
        raise PublishError(
            "where to publish? no DEST given and no 'publish.dest' in site.yaml",
            hint=f"for example 'showcase publish {target} {example}'",
        )
    if target == "rsync" and ":" in settings.dest.split("/")[0]:
        return settings.dest  # user@host:path
    return str(source / Path(settings.dest).expanduser())  # relative to the site's folder


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
        return _absolute(remote, Path.cwd())
    if settings.remote:
        return _absolute(settings.remote, source)
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
    return _absolute(origin, top) if origin else str(top)


def _absolute(remote: str, base: Path) -> str:
    """A local repository path made absolute (the push runs elsewhere); URLs as they are."""
    head = remote.split("/")[0]
    if "://" in remote or (":" in head and len(head) > 2):  # a URL, or user@host:path
        return remote
    return str((base / Path(remote).expanduser()).resolve())
