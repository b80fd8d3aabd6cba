"""build(): the one place that sets the order of the steps, from content to a written site."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from generator.assets import Assets, fingerprint, headers_file, minify_page, redirects_file
from generator.atlas import LocatorMemo, build_atlas
from generator.config import SiteConfig, load_config
from generator.images import DigestMemo, ImageRequest, PublishedImage, publish_images
from generator.loader import Memo, load_site
from generator.markdown import MarkdownRenderer
from generator.metadata import Rights
from generator.model import Site
from generator.pages import plan_feed, plan_pages
from generator.render import render_pages
from generator.statics import collect_static
from generator.templates import default_theme, make_environment
from generator.urls import UrlBuilder, media_url
from generator.writer import check_output, update_site, write_site

CACHE_DIR = ".showcase-cache"
SHARP_WIDTH = 960  # the width a work is shown at on a typical screen
REGION_FILE = Path(__file__).parent / "data" / "region.geojson"


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote, and how long it took."""

    output: Path
    pages: int
    images: int
    files: int
    seconds: float
    warnings: tuple[str, ...] = ()
    encoded: int = 0
    removed: tuple[tuple[str, int], ...] = ()
    rendered: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"Built {self.pages} pages and {self.images} images "
            f"({self.files} files, {self.encoded} images encoded) in {self.seconds:.2f} s "
            f"→ {self.output}"
        )

    def privacy(self) -> str:
        """What was kept out of the published images, or '' when there was nothing."""
        parts = [
            f"{what} from {count} image{'s' if count != 1 else ''}"
            for what, count in self.removed
            if count
        ]
        return "Removed " + ", ".join(parts) + "." if parts else ""


def build(
    source: Path | str = ".",
    output: Path | str | None = None,
    *,
    base_url: str | None = None,
    drafts: bool = False,
    cache_dir: Path | str | None = None,
    production: bool = False,
) -> BuildReport:
    """Build the site in ``source`` into ``output`` (default ``source/site``).

    ``production`` minifies HTML, CSS and JavaScript, as ``showcase publish`` does.
    """
    return Builder(
        source, output, base_url=base_url, drafts=drafts, cache_dir=cache_dir, production=production
    ).build()


class Builder:
    """Builds one site, and again after changes, redoing only what the changes touch.

    The first build renders every page. Later ones (``incremental=True``) reuse what each
    unchanged content file gave, render only the pages whose inputs changed, and update the
    output folder in place; a one-off build writes a fresh folder and swaps it in.
    """

    def __init__(
        self,
        source: Path | str = ".",
        output: Path | str | None = None,
        *,
        base_url: str | None = None,
        drafts: bool = False,
        cache_dir: Path | str | None = None,
        incremental: bool = False,
        production: bool = False,
    ) -> None:
        self.source = Path(source).resolve()
        self.output = Path(output).resolve() if output is not None else self.source / "site"
        self.base_url = base_url
        self.drafts = drafts
        self.cache_dir = Path(cache_dir) if cache_dir else self.source / CACHE_DIR / "images"
        self.incremental = incremental
        self.production = production
        self._memo: Memo = {}
        self._locators: LocatorMemo = {}
        self._digests: DigestMemo = {}
        self._keys: dict[str, str] = {}
        self._written: set[str] = set()
        self._markdown = MarkdownRenderer()

    def build(self) -> BuildReport:
        """Run every step in order; raise SiteError, leaving the output as it was, on problems."""
        started = time.perf_counter()
        config = load_config(self.source)
        if self.base_url:
            config = config.with_base_url(self.base_url)
        check_output(self.output, self.source)

        if self._markdown.mode != config.markdown_html:  # the setting changed: read all again
            self._markdown = MarkdownRenderer(config.markdown_html)
            self._memo.clear()
        site = load_site(self.source, config, self._markdown, drafts=self.drafts, memo=self._memo)
        published = publish_images(
            _image_requests(site), config.images, self.cache_dir, self._digests
        )
        atlas = build_atlas(site, memo=self._locators)
        pages = plan_pages(site, published.images, atlas)

        theme = default_theme()
        static = collect_static([theme / "static", self.source / "static"])
        # Fingerprinted names let hosts cache CSS and JS for a year; the preview keeps the
        # plain names so that a stylesheet can be swapped in place.
        assets = (
            Assets(files={}, copies=static, renamed={})
            if self.incremental
            else fingerprint(static, minify=self.production)
        )
        link = UrlBuilder(config.base_url, assets.renamed)
        env = make_environment([self.source / "templates", theme / "templates"], link)
        rendered = render_pages(
            env,
            pages,
            config,
            published.images,
            self._keys if self.incremental else None,
            plan_feed(site),
        )
        if self.production:
            for path in [p for p in rendered.files if p.endswith(".html")]:
                rendered.files[path] = minify_page(rendered.files[path])
        if not self.incremental:
            page_urls = [page.url for page in pages if page.url != "/404.html"]
            rendered.files["_headers"] = headers_file(
                page_urls, assets.renamed.values(), link.base_path
            )
            if config.redirects:
                rendered.files["_redirects"] = redirects_file(config.redirects, link.base_path)
            rendered.files.update(assets.files)
        copies = {
            **assets.copies,
            **published.files,
            "map/region.geojson": REGION_FILE,
        }
        if self.incremental:
            unchanged = set(rendered.keys) - set(rendered.files)
            update_site(self.output, rendered.files, copies, unchanged, self._written)
            files = len(rendered.keys) + len(copies)
        else:
            files = write_site(self.output, rendered.files, copies)
        self._keys = rendered.keys
        self._written = set(rendered.keys) | set(copies)
        return BuildReport(
            output=self.output,
            pages=sum(1 for path in rendered.keys if path.endswith(".html")),
            images=len(published.images),
            files=files,
            seconds=time.perf_counter() - started,
            warnings=tuple(_warnings(site, published.images)) + published.notes,
            encoded=published.encoded,
            removed=tuple(published.removed.items()),
            rendered=rendered.pages,
        )


def _warnings(site: Site, images: dict[Path, PublishedImage]) -> list[str]:
    """Things that build but that a visitor would notice."""
    warnings = [
        f"{artist.source}: {artist.name} has no series, so their card shows no work"
        for artist in site.artists
        if not site.series_of(artist)
    ]
    for path, image in sorted(images.items()):
        if image.width < SHARP_WIDTH:
            warnings.append(
                f"{_label(site, path)}: only {image.width} px wide; work pages show images up "
                f"to {SHARP_WIDTH} px, so it will look soft (export it larger)"
            )
    return warnings


def _image_requests(site: Site) -> list[ImageRequest]:
    default = site.config.images.copyright or site.config.copyright
    requests = []
    for series in site.series:
        rights = Rights(artist=site.artist_of(series).name, copyright=default)
        requests += [
            ImageRequest(
                work.image,
                media_url(work.series_slug, work.slug),
                _label(site, work.image),
                rights,
                work.line,
                work.source,
            )
            for work in series.works
        ]
    requests += [
        ImageRequest(
            a.portrait,
            media_url("artists", a.slug),
            _label(site, a.portrait),
            Rights(artist=a.name, copyright=default),
            None,
            a.source,
        )
        for a in site.artists
        if a.portrait is not None
    ]
    return requests


def _label(site: Site, path: Path) -> str:
    return path.relative_to(site.root).as_posix()


__all__ = ["BuildReport", "SiteConfig", "build"]
