"""Which images a site publishes, under which URLs and rights; which will look soft."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from generator import urls
from generator.content.model import PLAYER_ORIGINS, Site
from generator.errors import ContentError
from generator.media.images import ImageRequest, PublishedImage
from generator.media.metadata import Rights

# On a typical screen a work page shows an image about 960 px wide, and a tall one about as
# tall: an image whose longer side is shorter is shown blown up. The build and `check` both
# warn by this one rule.
SHARP_SIZE = 960


def looks_soft(width: int, height: int) -> bool:
    """Whether an image this size will look soft on a work page."""
    return max(width, height) < SHARP_SIZE


def media_url(series_slug: str, name: str) -> str:
    """The URL stem of a published image's files."""
    return f"/media/{series_slug}/{name}"


def view_name(work_slug: str, number: int) -> str:
    """The name a work's view ``number`` (counted from 1) is published under: no work's slug
    has a double hyphen, so it never meets another work's."""
    return f"{work_slug}--view-{number}"


def image_requests(site: Site) -> list[ImageRequest]:
    """Every image the site publishes: each work's and its views', then each artist's
    portrait."""
    default = site.config.images.copyright or site.config.copyright
    label = labeller(site.root)
    requests = []
    for series in site.series:
        rights = Rights(artist=site.artist_of(series).name, copyright=default)
        requests += [
            ImageRequest(
                work.image,
                media_url(work.series_slug, work.slug),
                label(work.image),
                rights,
                work.line,
                work.source,
            )
            for work in series.works
        ]
        requests += [
            ImageRequest(
                view.image,
                media_url(work.series_slug, view_name(work.slug, number)),
                label(view.image),
                rights,
                work.line,
                work.source,
            )
            for work in series.works
            for number, view in enumerate(work.views, 1)
        ]
    requests += [
        ImageRequest(
            a.portrait,
            media_url("artists", a.slug),
            label(a.portrait),
            Rights(artist=a.name, copyright=default),
            None,
            a.source,
        )
        for a in site.artists
        if a.portrait is not None
    ]
    return requests


def recording_files(site: Site) -> dict[str, Path]:
    """The video, sound and captions files the site publishes as they are, by output path."""
    return {
        urls.output_path(urls.recording_url(work.series_slug, work.slug, file.suffix)): file
        for series in site.series
        for work in series.works
        for file in work.files
    }


def recorded_places(site: Site) -> list[ContentError]:
    """An error for each video or sound file of the site that says where it was recorded
    (a phone's position): published as it is, the file would tell everyone. Images lose
    their position unless ``images.keep_gps`` is true; with it true, these are published too."""
    from generator.media.filmed import recorded_position

    errors = []
    for series in site.series:
        for work in series.works:
            if work.recording is None or work.recording.file is None:
                continue
            item = recorded_position(work.recording.file)
            if item is not None:
                name = work.recording.file.name
                errors.append(
                    ContentError(
                        f"the {work.recording.kind} file {name} of '{work.title}' holds the "
                        f"place it was recorded at ({item}): published as it is, it would "
                        "show everyone where that was",
                        path=work.source or series.source,
                        line=work.line,
                        hint=f"save it without its metadata, for example 'ffmpeg -i {name} "
                        f"-map_metadata -1 -c copy clean-{name}' (the same picture and sound), "
                        "or set 'keep_gps: true' under 'images:' in site.yaml to publish "
                        "positions",
                    )
                )
    return errors


def player_origins(site: Site) -> list[str]:
    """The origins of the players of the videos the site embeds from YouTube or Vimeo."""
    return sorted(
        {
            PLAYER_ORIGINS[work.recording.host]
            for series in site.series
            for work in series.works
            if work.recording is not None and work.recording.embedded
        }
    )


def soft_images(root: Path, images: dict[Path, PublishedImage]) -> list[str]:
    """A warning for each image smaller than work pages show it: it will look soft."""
    label = labeller(root)
    return [
        f"{label(path)}: only {image.width}×{image.height} px; work pages show images up "
        f"to {SHARP_SIZE} px, so it will look soft (export it larger)"
        for path, image in sorted(images.items())
        if looks_soft(image.width, image.height)
    ]


def labeller(root: Path) -> Callable[[Path], str]:
    """How images are named in messages: relative to the project, with forward slashes.

    Images are resolved paths inside the project (the loader refuses others), so the name is
    the path's text after the project's: ``Path.relative_to`` did the same in a third of the
    time of planning every image request.
    """
    prefix = str(root) + os.sep

    def label(path: Path) -> str:
        text = str(path)
        if text.startswith(prefix):
            return text[len(prefix) :].replace(os.sep, "/")
        return path.relative_to(root).as_posix()

    return label
