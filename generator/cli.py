"""The ``showcase`` command: parse options, call the library, print the outcome."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from generator import __version__
from generator.errors import ContentErrors, SiteError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="showcase")
@click.option("--debug", is_flag=True, help="Show a full traceback when something fails.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build a static showcase site for artists: stories, series galleries, a hometown map.

    Run 'showcase build' in a site's folder (one with site.yaml and content/).
    """
    ctx.obj = {"debug": debug}


@cli.command()
@click.option(
    "-s",
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The site's folder (with site.yaml and content/).",
)
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
@click.option("--drafts", is_flag=True, help="Include artists marked 'draft: true'.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="SHOWCASE_CACHE_DIR",
    help="Where resized images are kept between builds.  [default: SOURCE/.showcase-cache/images]",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.pass_context
def build(
    ctx: click.Context,
    source: Path,
    output: Path | None,
    base_url: str | None,
    drafts: bool,
    cache_dir: Path | None,
    quiet: bool,
) -> None:
    """Build the site into a folder ready to publish."""
    from generator.build import build as build_site

    try:
        report = build_site(source, output, base_url=base_url, drafts=drafts, cache_dir=cache_dir)
    except SiteError as exc:
        _fail(exc, ctx.obj["debug"])
    if not quiet:
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        if report.privacy():
            click.echo(report.privacy())
        click.echo(report.summary())


def _fail(exc: SiteError, debug: bool) -> None:
    if debug:
        traceback.print_exception(exc)
    errors = exc.errors if isinstance(exc, ContentErrors) else (exc,)
    for error in errors:
        click.secho("error: ", fg="red", bold=True, err=True, nl=False)
        click.echo(str(error), err=True)
    count = len(errors)
    click.echo(
        f"Build failed with {count} error{'s' if count != 1 else ''}; "
        "the previous site was left as it was.",
        err=True,
    )
    sys.exit(1)


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="showcase")
