"""build(): the one place that sets the order of the steps, from content to a written site."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from generator.atlas import build_atlas
from generator.config import SiteConfig, load_config
from generator.images import ImageRequest, PublishedImage, publish_images
from generator.loader import load_site
from generator.markdown import MarkdownRenderer
from generator.metadata import Rights
from generator.model import Site
from generator.pages import plan_pages
from generator.render import render_pages
from generator.statics import collect_static
from generator.templates import default_theme, make_environment
from generator.urls import UrlBuilder, media_url
from generator.writer import check_output, write_site

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
) -> BuildReport:
    """Build the site in ``source`` into ``output`` (default ``source/site``)."""
    started = time.perf_counter()
    source = Path(source).resolve()
    target = Path(output).resolve() if output is not None else source / "site"
    config = load_config(source)
    if base_url:
        config = config.with_base_url(base_url)
    check_output(target, source)

    site = load_site(source, config, MarkdownRenderer(), drafts=drafts)
    published = publish_images(
        _image_requests(site),
        config.images,
        Path(cache_dir) if cache_dir else source / CACHE_DIR / "images",
    )
    atlas = build_atlas(site)
    pages = plan_pages(site, published.images, atlas)

    theme = default_theme()
    env = make_environment([source / "templates", theme / "templates"], UrlBuilder(config.base_url))
    rendered = render_pages(env, pages, config, published.images)
    copies = {
        **collect_static([theme / "static", source / "static"]),
        **published.files,
        "map/region.geojson": REGION_FILE,
    }
    files = write_site(target, rendered, copies)
    return BuildReport(
        output=target,
        pages=sum(1 for path in rendered if path.endswith(".html")),
        images=len(published.images),
        files=files,
        seconds=time.perf_counter() - started,
        warnings=tuple(_warnings(site, published.images)) + published.notes,
        encoded=published.encoded,
        removed=tuple(published.removed.items()),
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
