"""The Jinja environment: the site's templates over the default theme, strict and escaped."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2

from generator.images import ImageSource, PublishedImage
from generator.urls import UrlBuilder, permalink


def default_theme() -> Path:
    """The folder holding the default theme's ``templates/`` and ``static/``."""
    packaged = Path(__file__).parent / "theme"
    if (packaged / "templates").is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent


def make_environment(template_dirs: Sequence[Path], urls: UrlBuilder) -> jinja2.Environment:
    """An environment that looks in ``template_dirs`` in order, the first match winning."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs if d.is_dir()]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url"] = urls.href
    env.filters["absolute_url"] = urls.absolute
    env.filters["srcset"] = lambda image: _srcset(image, urls)
    env.filters["count"] = _count
    env.filters["permalink"] = permalink
    return env


def _srcset(image: PublishedImage | ImageSource, urls: UrlBuilder) -> str:
    return ", ".join(f"{urls.href(r.url)} {r.width}w" for r in image.renditions)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number} {word}"
