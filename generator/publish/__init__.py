"""publish(): a fresh production build, sent to GitHub Pages, a folder, or a server."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from generator.build import build as build_site
from generator.config import PublishSettings, is_loopback, load_config
from generator.errors import PublishError, from_os_error
from generator.output.scratch import scratch_folder, stopping_signals_raise, sweep_stale
from generator.output.update import NEW_SUFFIX, OLD_SUFFIX
from generator.output.writer import MARKER
from generator.publish.base_url import (
    BaseUrl,
    built_base_url,
    built_portable,
    resolve_base_url,
    static_cname,
)
from generator.publish.github_pages import pages_branch, pages_cname, pages_remote
from generator.publish.plan import Job, PublishPlan
from generator.publish.programs import not_an_option
from generator.publish.targets import TARGETS, Target

__all__ = ["PublishPlan", "publish"]

SCRATCH = ("showcase-publish-", *(target.scratch for target in TARGETS.values() if target.scratch))


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
    base_url: str | None = None,
    cache_dir: Path | str | None = None,
    report: Callable[[str], None] | None = None,
) -> PublishPlan:
    """Build the site in ``source`` for production and publish it to ``target``.

    ``target`` is ``github-pages``, ``directory`` or ``rsync``; it and every other setting left
    out come from the ``publish:`` section of ``site.yaml``. ``build=False`` publishes the
    existing ``source/site`` instead. Raises PublishError, changing nothing, when the
    destination is not showcase's or the publish would delete too much, and the build's
    SiteError when the site does not build.

    The site is built for ``base_url``, or ``site.yaml``'s; a server (github-pages, rsync)
    is never given a site built for a loopback address: github-pages infers its address from
    the custom domain or the GitHub repository, and otherwise the publish stops
    (see generator.publish.base_url).
    """
    source = Path(source).resolve()
    say = report or (lambda text: None)
    config = load_config(source)
    settings = config.publish
    target = target or settings.target
    if not target:
        example = next(spec for spec in TARGETS.values() if spec.dest == "folder")
        raise PublishError(
            "where to publish? no TARGET given and no 'publish.target' in site.yaml",
            hint=f"for example 'showcase publish {example.name} {example.example}' "
            f"({', '.join(TARGETS)})",
        )
    if target not in TARGETS:
        raise PublishError(
            f"unknown publish target {target!r}",
            hint=f"choose one of {', '.join(TARGETS)}; Netlify and Cloudflare Pages run "
            "'showcase build' themselves (see the README's Publish section)",
        )
    spec = TARGETS[target]
    flags = {"--remote": remote, "--branch": branch, "--cname": cname}
    given = [flag for flag, value in flags.items() if value and flag not in spec.options]
    if given:
        takers = [other.name for other in TARGETS.values() if set(given) <= set(other.options)]
        raise PublishError(
            f"{' and '.join(given)} {'is' if len(given) == 1 else 'are'} only for "
            f"{' and '.join(takers)}",
            hint=f"drop {', '.join(given)} to publish with {target}",
        )
    send: Callable[[Job], PublishPlan]
    remote_url = domain = ""
    if spec.dest == "repository":
        if dest is not None:
            raise PublishError(
                f"{target} publishes to a git repository, not to a DEST",
                hint="give the repository with --remote URL (default: the project's origin)",
            )
        remote_url = pages_remote(source, remote, settings)
        domain = pages_cname(cname, settings.cname)
        send = partial(
            spec.send,
            remote=remote_url,
            branch=pages_branch(branch, settings.branch),
            cname=domain,
            identity=source,
        )
    elif spec.dest == "address":
        send = partial(spec.send, dest=_destination(source, dest, settings, spec))
    else:
        folder = _local_folder(Path(_destination(source, dest, settings, spec)), source)
        send = partial(spec.send, dest=folder)
    server = spec.dest != "folder"  # a local folder is looked at on this computer
    if build:
        chosen = resolve_base_url(
            target,
            base_url,
            config.base_url,
            remote_target=server,
            remote=remote_url,
            cname=domain or (static_cname(source) if server else ""),
            written=config.base_url_written,
        )
    else:
        chosen = _built_for(source / "site", target, base_url, server)
    say(chosen.line())
    portable = not build and built_portable(source / "site")
    if portable:
        say(
            "note: site/ was built with 'showcase build --portable': the copy opens from disk "
            "(a USB stick, an attachment), and its pages link to one another as files "
            "(gallery/index.html); for a web server's folder, publish without --no-build"
        )
    elif not server and is_loopback(chosen.url):
        say(
            f"warning: {chosen.url} is this computer's address: the pages work when this "
            "folder is served there, but their canonical links, sitemap and feed point at "
            "it; for a web server's folder, pass --base-url URL with the address it is "
            "served at; for a folder to open from disk, run 'showcase build --portable "
            "-o DIR' instead of publishing"
        )
    built_for = chosen.url if chosen.url != config.base_url else None
    # Stopped by a signal, the publish still removes its temporary folders and files.
    with stopping_signals_raise():
        for prefix in SCRATCH:
            sweep_stale(prefix)  # those of a publish killed outright
        with _built(source, build, built_for, cache_dir, say) as site:
            if spec.program:
                spec.program.require()
            try:
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
            except OSError as exc:  # the system refused: one line that says what to do
                raise from_os_error(
                    exc, f"cannot publish with {target}", kind=PublishError
                ) from exc


@contextlib.contextmanager
def _built(
    source: Path,
    build: bool,
    base_url: str | None,
    cache_dir: Path | str | None,
    say: Callable[[str], None],
) -> Iterator[Path]:
    """The site to publish: a fresh production build, or the existing ``site/`` (checked by
    ``_built_for``)."""
    if not build:
        yield source / "site"
        return
    with scratch_folder("showcase-publish-") as tmp:
        report = build_site(
            source,
            tmp / "site",
            production=True,
            base_url=base_url,
            cache_dir=cache_dir,
            temporary=True,
        )
        for warning in report.warnings:
            say(f"warning: {warning}")
        say(report.summary())
        yield report.output


def _built_for(site: Path, target: str, given: str | None, server: bool) -> BaseUrl:
    """The base URL the existing ``site`` was built for, refused when it cannot be published
    to ``target``: a portable build, or a loopback address (or one it does not record), sent
    to a server, or another URL than ``--base-url``."""
    if not (site / MARKER).is_file():
        raise PublishError(
            f"{site} is not a built site (no {MARKER} file)",
            hint="run 'showcase build' first, or publish without --no-build",
        )
    if server and built_portable(site):
        raise PublishError(
            f"{site} was built with 'showcase build --portable', to be opened from disk: "
            f"published with {target}, its pages would link to one another as files "
            "(gallery/index.html), the way a folder on disk needs and a web server does not",
            hint="run 'showcase build' without --portable first, or publish without "
            "--no-build (it builds for the web); nothing was published",
        )
    url = built_base_url(site)
    if given and url != (given if given.endswith("/") else given + "/"):
        raise PublishError(
            f"{site} was built for {url or 'an unknown base URL'}, not for --base-url {given}",
            hint=f"run 'showcase build --base-url {given}' first, or publish without --no-build",
        )
    if server and (url is None or is_loopback(url)):
        raise PublishError(
            f"{site} was built for {url or 'an unknown base URL'}, not for the address it "
            f"will have: published with {target}, its links, sitemap and feed would point "
            "there",
            hint="publish without --no-build (it builds for the right address), or run "
            "'showcase build --base-url URL' with the site's address first; nothing was "
            "published",
        )
    return BaseUrl(url or "an unknown base URL", "the one site/ was built for")


def _files(site: Path) -> tuple[str, ...]:
    """Every file of the built site, relative, without showcase's own files (its markers,
    named ``.showcase-…``); a site an interrupted build left half-updated is refused."""
    files = []
    for path in site.rglob("*"):
        if _LEFTOVER.fullmatch(path.name):
            raise PublishError(
                f"{site} was left half-updated by an interrupted build "
                f"({path.relative_to(site).as_posix()} is one of its temporary files)",
                hint="run 'showcase build' to finish it, then publish again",
            )
        if path.is_file() and not path.name.startswith(".showcase-"):
            files.append(path.relative_to(site).as_posix())
    return tuple(sorted(files))


# A file's next or last version, beside it while a build updates a site in place.
_LEFTOVER = re.compile(rf"\..+(?:{re.escape(NEW_SUFFIX)}|{re.escape(OLD_SUFFIX)})(?:-.*)?")


def _destination(
    source: Path, dest: str | Path | None, settings: PublishSettings, target: Target
) -> str:
    if dest is not None:
        return not_an_option(str(dest), "DEST")
    if not settings.dest:
        raise PublishError(
            "where to publish? no DEST given and no 'publish.dest' in site.yaml",
            hint=f"for example 'showcase publish {target.name} {target.example}'",
        )
    not_an_option(settings.dest, "'publish.dest' in site.yaml")
    if target.dest == "address" and ":" in settings.dest.split("/")[0]:
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
