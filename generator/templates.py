"""The Jinja environment: the site's templates over the default theme, strict and escaped."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Jinja is loaded when an environment is made, not to find the theme
    import jinja2

    from generator.images import ImageSource, PublishedImage
    from generator.urls import UrlBuilder


def default_theme() -> Path:
    """The folder holding the default theme's ``templates/`` and ``static/``."""
    packaged = Path(__file__).parent / "theme"
    if (packaged / "templates").is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent


def make_environment(
    template_dirs: Sequence[Path], urls: UrlBuilder, cache: Path | None = None
) -> jinja2.Environment:
    """An environment that looks in ``template_dirs`` in order, the first match winning.

    ``cache`` keeps compiled templates between runs (Jinja checks each against its source).
    """
    import jinja2

    from generator.urls import permalink

    bytecode = None
    if cache is not None:
        folder = cache / _code_shape()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            bytecode = jinja2.FileSystemBytecodeCache(str(folder))
        except OSError:
            bytecode = None  # a read-only project builds without one
    env = _environment_class()(
        bytecode_cache=bytecode,
        # Each build makes its own environment: within one, a template never changes, so
        # there is no need to look at its file again for every page that includes it.
        auto_reload=False,
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs if d.is_dir()]),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # An image is shown on several pages: its srcset is written out once.
    srcsets: dict[int, tuple[object, str]] = {}

    def srcset(_: object, image: PublishedImage | ImageSource) -> str:
        known = srcsets.get(id(image))
        if known is None or known[0] is not image:  # keyed by identity: images are frozen
            known = srcsets[id(image)] = (image, _srcset(image, urls))
        return known[1]

    # The URL filters depend on this build's base URL and asset names. Taking the context
    # keeps Jinja from folding '/literal'|url into the compiled template, which the bytecode
    # cache would then hand to a build with another base URL.
    env.filters["url"] = jinja2.pass_context(lambda _, value: urls.href(value))
    env.filters["absolute_url"] = jinja2.pass_context(lambda _, value: urls.absolute(value))
    env.filters["srcset"] = jinja2.pass_context(srcset)
    env.filters["count"] = _count
    env.filters["permalink"] = permalink
    return env


@functools.cache
def _code_shape() -> str:
    """Compiled code depends on the filters below as much as on the templates: a cache per
    version of this module and of Jinja never hands one the other's code."""
    import jinja2

    shape = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode())
    return shape.hexdigest()[:16]


@functools.cache
def _environment_class() -> type[jinja2.Environment]:
    import jinja2

    class Environment(jinja2.Environment):
        """An environment that parses a template once when asked for it twice.

        A build parses each template to find what it includes (for its fingerprint), then
        compiles it: the compiler is handed the tree already made.
        """

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self._trees: dict[tuple[str, str | None, str | None], Any] = {}

        def parse(self, source: str, name: str | None = None, filename: str | None = None) -> Any:
            tree = super().parse(source, name, filename)
            self._trees[(source, name, filename)] = tree
            return tree

        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            tree = self._trees.pop((source, name, filename), None)
            return tree if tree is not None else super()._parse(source, name, filename)

    return Environment


def _srcset(image: PublishedImage | ImageSource, urls: UrlBuilder) -> str:
    return ", ".join(f"{urls.href(r.url)} {r.width}w" for r in image.renditions)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number} {word}"
