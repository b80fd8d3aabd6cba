"""The Jinja environment: the site's templates over the default theme, strict and escaped."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Jinja is loaded when an environment is made, not to find the theme
    import jinja2

    from generator.media.images import ImageSource, PublishedImage
    from generator.site.urls import UrlBuilder


def make_environment(
    template_dirs: Sequence[Path], urls: UrlBuilder, cache: Path | None = None
) -> jinja2.Environment:
    """An environment that looks in ``template_dirs`` in order, the first match winning.

    ``cache`` keeps compiled templates between runs (Jinja checks each against its source).
    """
    import jinja2

    from generator.site.urls import permalink

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
        loader=_confined_loader_class()([d for d in template_dirs if d.is_dir()]),
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
def _confined_loader_class() -> type[jinja2.FileSystemLoader]:
    import jinja2
    from jinja2.loaders import split_template_path

    from generator.errors import TemplateError
    from generator.source.confine import linked_out, outside

    class ConfinedLoader(jinja2.FileSystemLoader):
        """Jinja's file loader, refusing a template that leads out of its project.

        Each folder is ``<project>/templates`` (or the theme's): a template found there must
        really be inside ``<project>`` (or the theme), whatever links lead to it. It is
        checked before it is opened.
        """

        def __init__(self, folders: Sequence[Path]) -> None:
            super().__init__([str(folder) for folder in folders])
            self._projects = [folder.parent for folder in folders]

        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            pieces = split_template_path(template)
            for folder, project in zip(self.searchpath, self._projects, strict=True):
                filename = os.path.join(folder, *pieces)
                if os.path.isfile(filename):
                    real = outside(filename, project)
                    if real is not None:
                        shown = "/".join([os.path.basename(folder), *pieces])
                        raise linked_out(shown, real, TemplateError)
                    break
            return super().get_source(environment, template)

    return ConfinedLoader


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

    escape = _escape_function()

    class Template(jinja2.Template):
        """A template whose output escapes with :func:`_escape_function`'s quicker escape."""

        @classmethod
        def from_code(cls, environment: Any, code: Any, globals: Any, uptodate: Any = None) -> Any:
            template = super().from_code(environment, code, globals, uptodate)
            # The compiled module looks ``escape`` up in its namespace at each use.
            template.root_render_func.__globals__["escape"] = escape
            return template

    class Environment(jinja2.Environment):
        """An environment made for rendering thousands of pages with the same templates.

        - A build parses each template to find what it includes (for its fingerprint), then
          compiles it: the compiler is handed the tree already made.
        - Each template's globals are one flat dict rather than Jinja's ChainMap over the
          environment's: every page and every import reads them in Python-level ChainMap
          calls otherwise (a tenth of a work page's time). Jinja asks that globals not change
          once templates are loaded, and this environment's never do.
        - Output is escaped with a quicker escape (below).
        """

        template_class = Template

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self._trees: dict[tuple[str, str | None, str | None], Any] = {}

        def make_globals(self, d: Any = None) -> Any:
            return {**self.globals, **(d or {})}

        def parse(self, source: str, name: str | None = None, filename: str | None = None) -> Any:
            tree = super().parse(source, name, filename)
            self._trees[(source, name, filename)] = tree
            return tree

        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            tree = self._trees.pop((source, name, filename), None)
            return tree if tree is not None else super()._parse(source, name, filename)

    return Environment


def _escape_function() -> Callable[[object], Any]:
    """MarkupSafe's ``escape`` with the common cases done in fewer steps: the same result.

    A page escapes a hundred values, nearly all plain strings and numbers. MarkupSafe 3
    wraps its C escaping in a Python function and makes the result through ``Markup``'s
    Python-level constructor: about two thirds of the time of escaping a short string. Here
    a string goes straight to that C function and the result is made as a ``Markup`` directly;
    a ``Markup`` is returned as it is and a number needs no escaping. Anything else, or a
    MarkupSafe without that function (or where it no longer gives escape's results), takes
    ``escape`` itself.
    """
    from markupsafe import Markup, escape

    try:
        from markupsafe import _escape_inner as escape_text  # type: ignore[attr-defined]
    except ImportError:  # MarkupSafe 2's escape is C already
        return escape
    make = str.__new__

    def quick(value: object, /) -> Any:
        kind = type(value)
        if kind is str:
            return make(Markup, escape_text(value))  # type: ignore[arg-type]
        if kind is Markup:
            return value
        if kind is int:
            return make(Markup, str(value))
        return escape(value)

    # That function is MarkupSafe's own business: should a release change what it does,
    # escape() itself is used.
    text = "<a href='x' title=\"y\">&amp; é</a>"
    escaped = "&lt;a href=&#39;x&#39; title=&#34;y&#34;&gt;&amp;amp; é&lt;/a&gt;"
    if quick(text) != escaped or any(quick(v) != escape(v) for v in (text, Markup("<b>"), 7)):
        return escape
    return quick


def _srcset(image: PublishedImage | ImageSource, urls: UrlBuilder) -> str:
    return ", ".join(f"{urls.href(r.url)} {r.width}w" for r in image.renditions)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number} {word}"
