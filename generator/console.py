"""What the commands print: one error printer, warnings by kind, a build's report."""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from generator.errors import ContentErrors, SiteError, from_os_error

if TYPE_CHECKING:
    from generator.authoring.check import CheckReport
    from generator.authoring.preview import Preview
    from generator.build import BuildReport
    from generator.publish.plan import PublishPlan

WARNINGS_SHOWN = 5  # of one kind; the rest are counted


def print_error(message: str) -> None:
    """One ``error: …`` line on standard error, the prefix in bold red."""
    click.secho("error: ", fg="red", bold=True, err=True, nl=False)
    click.echo(message, err=True)


def print_errors(exc: SiteError, *, debug: bool = False, failed: str | None = None) -> None:
    """Print ``exc``, each of a ContentErrors' errors grouped by file, in file order.

    ``failed`` says what became of the run when it is a failed build or publish (``"."``,
    ``"; nothing was published."``): a line counting the errors ends with it. Without it,
    the errors alone are printed: a refusal, not a failed build.
    """
    if debug:
        traceback.print_exception(exc)
    errors = exc.errors if isinstance(exc, ContentErrors) else (exc,)
    # A header per file, then each error in full, so that every 'file:line:col:' can still be
    # copied (or clicked in an editor's terminal).
    by_file: dict[str, list[SiteError]] = {}
    for error in errors:
        by_file.setdefault(error.path or "", []).append(error)
    for index, path in enumerate(sorted(by_file)):
        if index:
            click.echo("", err=True)
        if path and len(by_file) > 1:
            click.secho(path, bold=True, err=True)
        for error in sorted(by_file[path], key=lambda e: (e.line or 0, e.column or 0)):
            print_error(str(error))
    if failed is None:
        return
    if len(by_file) > 1:
        click.echo("", err=True)
    count = len(errors)
    click.echo(
        f"Build failed with {count} error{'s' if count != 1 else ''}"
        + (f" in {len(by_file)} files" if len(by_file) > 1 else "")
        + failed,
        err=True,
    )


def fail(exc: SiteError, *, debug: bool = False, failed: str | None = None) -> NoReturn:
    """Print ``exc`` as :func:`print_errors` does, and exit with status 1."""
    print_errors(exc, debug=debug, failed=failed)
    sys.exit(1)


def exit_on(exc: BaseException, *, debug: bool = False) -> NoReturn:
    """Turn what escaped a command into one message and an exit status.

    Commands report the errors they expect themselves; whatever else escapes (the system
    refusing a file, running out of memory, Ctrl-C) ends here, with a traceback only under
    ``--debug``.
    """
    if isinstance(exc, SiteError):
        fail(exc, debug=debug)
    if isinstance(exc, KeyboardInterrupt):
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    if isinstance(exc, BrokenPipeError):
        output_went_away()
    if debug:
        traceback.print_exception(exc)
    if isinstance(exc, OSError):
        fail(from_os_error(exc))
    if isinstance(exc, MemoryError):
        print_error(
            "out of memory; close other programs, or build with fewer processes "
            "(--jobs 1), and try again"
        )
        sys.exit(1)
    raise exc


def output_went_away() -> NoReturn:
    """The program reading the output stopped reading (``showcase … | head``): there is no
    one left to tell, so exit without a word; what is still buffered goes nowhere, rather
    than into a second error as Python flushes it on the way out."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


def finish() -> None:
    """Write out what is still buffered for standard output, before Python does it silently
    at exit, where a reader that went away is reported as an ignored exception."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        output_went_away()


def show_report(report: BuildReport) -> None:
    """A finished build: its warnings, what it removed for privacy, and its summary."""
    show_warnings(report.warnings)
    if report.privacy():
        click.echo(report.privacy())
    click.echo(report.summary())
    if report.drafts:
        click.echo(report.left_out("showcase build"))


def show_new_artist(path: Path) -> None:
    """After ``showcase new artist``: the file, and how the artist gets published."""
    click.echo(f"Wrote {path}")
    click.echo("Fill in its values, then delete 'draft: true' to publish the artist.")


def fail_to_listen(exc: OSError, host: str, port: int) -> NoReturn:
    """``showcase serve`` could not listen; a file's error is the command group's to say."""
    if exc.filename is not None:
        raise exc
    print_error(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    sys.exit(1)


def show_new_series(path: Path, *, draft: bool) -> None:
    """After ``showcase new series``: where its images go, and what the file means for the
    build (a draft artist's series is a draft; a published one's stops builds until filled)."""
    click.echo(f"Wrote {path}")
    click.echo(f"Put its images in {path.with_suffix('')}/ and name each one under 'works:'.")
    if draft:
        click.echo(
            "Its artist is a draft, so the series is one too: builds leave it out, and once "
            "each work has its 'image' and 'alt', 'showcase build --drafts' previews it."
        )
    else:
        click.echo(
            "Its artist is published, so builds stop at this file, saying what is missing, "
            "until each work has its 'image' and 'alt'."
        )


def note_local_base_url(source: Path, given: str | None) -> None:
    """After ``showcase build``: one note when the site is built for this computer's address
    (no ``base_url`` in site.yaml, or a loopback one), which a server must not be given."""
    from generator.config import is_loopback, load_config

    if given:
        url, origin = given if given.endswith("/") else given + "/", "from --base-url"
    else:
        try:
            url = load_config(source).base_url
        except SiteError:  # changed since the build read it: the next build says why
            return
        origin = "site.yaml sets no other base_url"
    if not is_loopback(url):
        return
    example = "https://YOUR-DOMAIN/"
    click.echo(
        f"note: the site is built for {url}, this computer's address ({origin}): its "
        "canonical links, sitemap and feed point there, which is fine for looking at it "
        "here. Before putting site/ on a server, write the site's address in site.yaml, as "
        f"the line 'base_url: {example}', or build with --base-url {example}",
        err=True,
    )


def show_published(plan: PublishPlan, *, dry_run: bool) -> None:
    """What a publish did, or (``dry_run``) would do, file by file."""
    click.echo(plan.summary())
    if dry_run:
        for line in plan.lines():
            click.echo(line)
        click.echo(f"Dry run: nothing was published to {plan.destination}.")
    elif not plan:
        click.echo(f"Nothing to publish: {plan.destination} is up to date.")
    else:
        click.echo(f"Published to {plan.destination}")


def show_created(directory: Path, written: list[Path]) -> None:
    """What ``init`` wrote into ``directory``, and the commands to run next."""
    click.echo(f"Created a new site in {directory}/:")
    for path in written:
        click.echo(f"  {path.relative_to(directory).as_posix()}")
    enter = "" if directory.resolve() == Path.cwd() else f"cd {shlex.quote(str(directory))} && "
    serve, build_it = f"{enter}showcase serve", "showcase build"
    width = max(len(serve), len(build_it)) + 3
    click.echo("\nNext:")
    click.echo(f"  {serve:<{width}}# preview the site while you edit it")
    click.echo(f"  {build_it:<{width}}# write the finished site into site/")


def show_warnings(warnings: tuple[str, ...]) -> None:
    """Print warnings, at most a few of each kind: a thousand alike hide the one that differs."""
    kinds: dict[str, list[str]] = {}
    for warning in warnings:
        kinds.setdefault(_warning_kind(warning), []).append(warning)
    for alike in kinds.values():
        for warning in alike[:WARNINGS_SHOWN]:
            click.echo(f"warning: {warning}", err=True)
        if len(alike) > WARNINGS_SHOWN:
            more = len(alike) - WARNINGS_SHOWN
            click.echo(f"warning: … and {more} more like the one above", err=True)


def _warning_kind(warning: str) -> str:
    # "path: text" — the kind is the text with its names and numbers left out.
    text = warning.split(": ", 1)[-1]
    return " ".join(word for word in text.split() if word.islower() and word.isalpha())


def warn_exposed(host: str) -> None:
    """Warn that a preview listening on ``host`` (not loopback) can be seen by others."""
    click.secho(
        f"warning: listening on {host}: anyone who can reach this machine can see "
        "the preview, drafts included",
        fg="yellow",
        err=True,
    )


def serve_until_stopped(running: Preview, port: int, *, open_browser: bool) -> None:
    """Say where the preview is, open it if asked, and keep it up until Ctrl-C."""
    import time
    import webbrowser

    if running.moved:
        click.echo(f"Port {port} is busy; using {running.server.server_address[1]} instead.")
    click.echo(f"Serving {running.url} — watching for changes. Press Ctrl-C to stop.")
    if open_browser:
        webbrowser.open(running.url)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("Stopping.")
    finally:
        running.shutdown()


def show_check(report: CheckReport, *, as_json: bool) -> None:
    """What ``check`` found: a line each and a summary, or one JSON object."""
    if as_json:
        import json

        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        return
    for line in report.lines():
        click.echo(line)
    click.echo(report.summary())
