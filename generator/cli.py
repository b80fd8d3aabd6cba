"""The ``showcase`` command: parse options, call the library, print the outcome."""

from __future__ import annotations

import contextlib
import datetime
import sys
from pathlib import Path

import click

from generator import __version__, console
from generator.errors import SiteError

# Options that several commands share.
source_option = click.option(
    "-s",
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The site's folder (with site.yaml and content/).",
)
drafts_option = click.option("--drafts", is_flag=True, help="Include artists marked 'draft: true'.")
cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="SHOWCASE_CACHE_DIR",
    help="Where builds keep what they reuse: resized images, compiled templates, the record of "
    "the last build.  [default: SOURCE/.showcase-cache]",
)


class _Showcase(click.Group):
    """The command group: what escapes a command becomes one message and an exit status."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (SiteError, OSError, MemoryError, KeyboardInterrupt) as exc:
            console.exit_on(exc, debug=_debug(ctx))


def _debug(ctx: click.Context) -> bool:
    return bool(isinstance(ctx.obj, dict) and ctx.obj.get("debug"))


@click.group(cls=_Showcase, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="showcase")
@click.option("--debug", is_flag=True, help="Show a full traceback when something fails.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build a static showcase site for artists: stories, series galleries, a hometown map.

    Run 'showcase build' in a site's folder (one with site.yaml and content/).
    """
    ctx.obj = {"debug": debug}


@cli.command()
@source_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the site.  [default: SOURCE/site]",
)
@click.option(
    "--base-url",
    metavar="URL",
    default=None,
    help="Override site.yaml's base_url, e.g. https://user.github.io/showcase/.",
)
@drafts_option
@cache_dir_option
@click.option(
    "--fresh",
    is_flag=True,
    help="Render every page again into a new folder, as if never built (images stay cached).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    default=None,
    help="How many processes render pages.  [default: one per core]",
)
@click.option(
    "-w",
    "--watch",
    is_flag=True,
    help="Keep running, and rebuild the site folder whenever a source file changes.",
)
@click.option(
    "--portable",
    is_flag=True,
    help="Link pages relatively, so that the folder works opened from disk, a USB stick or a zip.",
)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Sort exhibitions as on this day.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.pass_context
def build(
    ctx: click.Context,
    source: Path,
    output: Path | None,
    base_url: str | None,
    drafts: bool,
    cache_dir: Path | None,
    fresh: bool,
    jobs: int | None,
    watch: bool,
    portable: bool,
    today: datetime.date | None,
    quiet: bool,
) -> None:
    """Build the site into a folder ready to publish.

    Only what changed since the last build is rendered and written: unchanged files keep their
    modification times, and with nothing changed the build stops at once.
    """
    from generator.build import Builder, BuildOptions, BuildReport
    from generator.output.scratch import stopping_signals_raise
    from generator.report import left_behind

    options = BuildOptions(
        base_url=base_url,
        drafts=drafts,
        cache_dir=cache_dir,
        workers=jobs,
        fresh=fresh,
        portable=portable,
        today=today,
    )
    builder = Builder(source, output, options)

    noted = False

    def show(report: BuildReport) -> None:
        nonlocal noted
        if not quiet:
            console.show_report(report)
            if not noted:  # once, not on every rebuild of --watch
                console.note_local_base_url(builder.source, base_url)
                noted = True

    def report_errors(exc: SiteError) -> None:
        failed = left_behind(builder.output, builder.left)  # from what the build did
        console.print_errors(exc, debug=ctx.obj["debug"], failed=failed)

    try:  # watching, the first build reads the whole site even when nothing changed
        show(builder.build(shortcut=not watch))
    except SiteError as exc:
        report_errors(exc)
        if not watch:
            sys.exit(1)
    if watch:
        from generator.authoring.preview import watch as watch_sources

        # SIGTERM and SIGHUP (a closed terminal) stop it as Ctrl-C does, undoing a rebuild.
        with contextlib.suppress(KeyboardInterrupt), stopping_signals_raise():
            watch_sources(
                builder,
                show,
                report_errors,
                on_ready=lambda: click.echo("Watching for changes (press Ctrl+C to stop)"),
            )


@cli.command()
@source_option
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to serve on; the next free one is used if it is busy.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on. Anything but loopback exposes the preview.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@drafts_option
@cache_dir_option
@click.pass_context
def serve(
    ctx: click.Context,
    source: Path,
    port: int,
    host: str,
    open_browser: bool,
    drafts: bool,
    cache_dir: Path | None,
) -> None:
    """Preview the site, rebuilding and reloading the browser on every change."""
    from generator.authoring.guards import is_loopback
    from generator.authoring.preview import preview

    if not is_loopback(host):
        console.warn_exposed(host)
    try:
        running = preview(
            source,
            host=host,
            port=port,
            drafts=drafts,
            cache_dir=cache_dir,
            report=lambda text: click.echo(text, err=text.count(":") > 1),
        )
    except SiteError as exc:
        console.fail(exc, debug=ctx.obj["debug"], failed=".")
    except OSError as exc:
        console.fail_to_listen(exc, host, port)
    console.serve_until_stopped(running, port, open_browser=open_browser)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.pass_context
def init(ctx: click.Context, directory: Path) -> None:
    """Create a site in DIRECTORY (new or empty) with an example artist and series."""
    from generator.authoring.scaffold import init_site

    try:
        written = init_site(directory)
    except SiteError as exc:
        console.fail(exc, debug=ctx.obj["debug"])
    console.show_created(directory, written)


@cli.group()
def new() -> None:
    """Add an artist or a series to a site, from a commented template."""


@new.command("artist")
@click.argument("name")
@click.option(
    "--hometown",
    metavar='"TOWN, COUNTRY"',
    help="Look the hometown up by name and fill in its name, country, lat and lon.",
)
@click.option("--lat", metavar="DEGREES", help="The hometown's latitude: no lookup by name.")
@click.option("--lon", metavar="DEGREES", help="The hometown's longitude: no lookup by name.")
@source_option
@click.pass_context
def new_artist(ctx: click.Context, /, name: str, source: Path, **place: str | None) -> None:
    """Write content/artists/<slug>.md for the artist NAME, as a draft."""
    from generator.authoring.scaffold import new_artist as write_artist

    try:  # place: --hometown, --lat and --lon, passed on as given
        path = write_artist(source, name, **place)
    except SiteError as exc:
        console.fail(exc, debug=ctx.obj["debug"])
    console.show_new_artist(path)


@new.command("series")
@click.argument("title")
@click.option("-a", "--artist", "artist", metavar="SLUG", required=True, help="Who made it.")
@source_option
@click.pass_context
def new_series(ctx: click.Context, title: str, artist: str, source: Path) -> None:
    """Write content/series/<slug>.md for the series TITLE, and its image folder."""
    from generator.authoring.scaffold import artist_is_draft
    from generator.authoring.scaffold import new_series as write_series

    try:
        path = write_series(source, title, artist)
    except SiteError as exc:
        console.fail(exc, debug=ctx.obj["debug"])
    console.show_new_series(path, draft=artist_is_draft(source, artist))


@cli.command()
@click.argument("target", required=False, metavar="[TARGET]")
@click.argument("dest", required=False, metavar="[DEST]")
@click.option(
    "-n",
    "--dry-run",
    is_flag=True,
    help="List what would be added, changed and removed; change nothing.",
)
@click.option("--no-build", is_flag=True, help="Publish the existing SOURCE/site/ as it is.")
@click.option(
    "--force", is_flag=True, help="Publish into a folder or branch showcase did not make."
)
@click.option(
    "--allow-mass-delete",
    is_flag=True,
    help="Go on even when more than publish.max_delete of the published files would go.",
)
@click.option("--remote", metavar="URL", help="github-pages: the repository.  [default: origin]")
@click.option("--branch", metavar="NAME", help="github-pages: the branch.  [default: gh-pages]")
@click.option("--cname", metavar="DOMAIN", help="github-pages: the custom domain for CNAME.")
@click.option(
    "--base-url", metavar="URL", help="The site's address.  [default: site.yaml's, or inferred]"
)
@source_option
@cache_dir_option
@click.pass_context
def publish(
    ctx: click.Context,
    /,
    target: str | None,
    dest: str | None,
    dry_run: bool,
    no_build: bool,
    force: bool,
    allow_mass_delete: bool,
    source: Path,
    cache_dir: Path | None,
    **settings: str | None,  # --remote, --branch, --cname and --base-url, passed on as given
) -> None:
    """Build the site for production and publish it.

    TARGET is github-pages (a branch of a git repository, pushed), directory (a local
    folder; DEST is its path) or rsync (DEST is user@host:path). Without TARGET, the
    'publish:' section of site.yaml says where.
    """
    from generator.errors import PublishError
    from generator.publish import publish as publish_site

    try:
        plan = publish_site(
            source,
            target,
            dest,
            dry_run=dry_run,
            build=not no_build,
            force=force,
            allow_mass_delete=allow_mass_delete,
            cache_dir=cache_dir,
            report=lambda text: click.echo(text, err=text.startswith("warning:")),
            **settings,
        )
    except PublishError as exc:
        console.fail(exc, debug=ctx.obj["debug"])
    except SiteError as exc:
        console.fail(exc, debug=ctx.obj["debug"], failed="; nothing was published.")
    console.show_published(plan, dry_run=dry_run)


@cli.command()
@source_option
@click.option(
    "--external", is_flag=True, help="Also request every link to another host (needs a network)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Seconds to wait for each external link.",
)
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Print findings as lines of text or as one JSON object.",
)
@cache_dir_option
def check(
    source: Path,
    external: bool,
    timeout: float,
    strict: bool,
    output_format: str,
    cache_dir: Path | None,
) -> None:
    """Build the site in a temporary folder and check links, anchors, alt text and content.

    Exits with status 1 when there are errors (with --strict, warnings too).
    """
    from generator.authoring.check import check_site

    report = check_site(source, external=external, timeout=timeout, cache_dir=cache_dir)
    if strict:
        report = report.strict()
    console.show_check(report, as_json=output_format == "json")
    if not report.ok:
        sys.exit(1)


def main() -> None:
    """Entry point of the console script."""
    try:
        cli(prog_name="showcase")
    finally:
        console.finish()
