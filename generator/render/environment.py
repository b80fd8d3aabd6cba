"""The Jinja environment: the site's templates over the default theme, strict and escaped.

The environment's class comes from :mod:`generator.render.speedups`, which isolates the
tricks on Jinja's internals; everything here is Jinja's public interface.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Jinja is loaded when an environment is made, not to find the theme
    import jinja2
    import jinja2.runtime

    from generator.language import Language
    from generator.media.images import ImageSource, PublishedImage
    from generator.site.versions import Version
    from generator.urls import UrlBuilder


def levels(context: jinja2.runtime.Context) -> int:
    """How many folders down the file being rendered is, from its template context: a
    portable site's links are relative to it.

    The page is passed down explicitly: templates import their macros ``with context``,
    so that a macro's links see the page that calls it (not a global set around each
    render). Jinja then runs the macro's module once per page: about 6 µs an import,
    measured, two at most a page, about 1% of a 3,000-page build.
    """
    from generator.errors import TemplateError

    page = context.get("page")
    path = getattr(page, "path", None)
    if not isinstance(path, str):
        raise TemplateError(
            "a link made without the page it is on: a portable site's links are relative to it",
            path=context.name or "a template",
            hint="import macros with the page's context: "
            '{% from "partials/x.html" import y with context %}',
        )
    return path.count("/")


def make_environment(
    template_dirs: Sequence[Path],
    urls: UrlBuilder,
    cache: Path | None = None,
    language: Language | None = None,
    versions: tuple[Version, ...] = (),
    compiled: dict[str, bytes] | None = None,
) -> jinja2.Environment:
    """An environment that looks in ``template_dirs`` in order, the first match winning.

    ``cache`` keeps compiled templates between runs (Jinja checks each against its source).
    ``language`` translates the templates' words (``{% trans %}``, ``_()``, ``ngettext()``)
    and writes their dates, numbers and prices; default English. ``versions`` are the site's
    languages (``generator.site.versions``), for the alternates and the language menu; the
    default is the one language of ``urls``. Without a ``cache`` folder, ``compiled`` (a dict
    the caller keeps) shares compiled templates between the environments of one build: each
    language has its own, and they compile the same code.
    """
    import jinja2
    from markupsafe import Markup

    from generator.content import sale
    from generator.language import english
    from generator.render.speedups import environment_class, install_quick_gettext
    from generator.site import contact
    from generator.site.exhibitions import when
    from generator.site.jsonld import in_language
    from generator.urls import region_url, rewrite_site_links

    bytecode: jinja2.BytecodeCache | None = None
    if cache is not None:
        folder = cache / _code_shape()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            bytecode = jinja2.FileSystemBytecodeCache(str(folder))
        except OSError:
            bytecode = None  # a read-only project builds without one
    if bytecode is None and compiled is not None:
        bytecode = _in_memory(compiled)
    env = environment_class()(
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
        # Jinja's gettext extension: {% trans %} blocks, _() and ngettext(). Its new-style
        # calls escape the translation's values and are made at each render, never folded
        # into the compiled (and cached) template: one build's language is not another's.
        extensions=["jinja2.ext.i18n"],
    )
    language = language or english()
    env.install_gettext_translations(language.translations, newstyle=True)  # type: ignore[attr-defined]
    install_quick_gettext(env, language.translations)
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
    # A story's or description's HTML, its links to site paths made like the url filter's.
    env.filters["site_links"] = jinja2.pass_context(
        lambda _, html: Markup(rewrite_site_links(html, urls.href))
    )
    env.filters["absolute_url"] = jinja2.pass_context(lambda _, value: urls.absolute(value))
    env.filters["srcset"] = jinja2.pass_context(srcset)
    env.filters["permalink"] = permalink
    env.filters["in_language"] = in_language  # structured data, in the page's language
    # The map's pins, leading to the artists' pages in this language; the script adds the
    # site's root (``base_path``) to their links and pictures' addresses.
    env.filters["in_this_language"] = jinja2.pass_context(
        lambda _, data: _pins_in_language(urls.language, data)
    )
    env.globals["base_path"] = urls.base_path
    # What the build's language writes: numbers ('3 000', '43,26'), dates, a work's sale facts
    # (generator.content.sale). Each takes the context, as the URL filters do, so that Jinja
    # never folds '{{ 3000|number }}' into a compiled template another language would reuse.
    said: dict[str, Callable[..., str]] = {
        "count": functools.partial(_count, language),
        "number": language.number,
        "fixed": language.fixed,
        "long_date": language.long_date,
        "dates": functools.partial(when, language=language),
        "shown_price": functools.partial(sale.shown_price, language=language),
        "edition": functools.partial(sale.format_edition, language=language),
    }
    for name, function in said.items():
        env.filters[name] = _at_render(function)
    env.globals["language"] = language
    if not versions:
        from generator.site.versions import site_versions

        versions = site_versions((language.code,), urls.base_url, urls.renamed, urls.portable)
    # The site's languages, the default first: each page's alternates and language menu.
    env.globals["versions"] = versions
    default = versions[0].code
    _language_globals(env, versions, language.code)
    # ' lang="en"' on what shows an item's text in the default language, for want of a
    # translation ({{ artist|fallback("story") }}), so that it is read out in its language.
    env.filters["fallback"] = lambda item, name: (
        Markup(f' lang="{default}"') if name in item.untranslated else Markup("")
    )
    # Email addresses and links as the contact settings are shown (generator.site.contact).
    env.filters["mailto"] = contact.mailto
    env.filters["encoded"] = contact.encoded
    env.filters["contact_link"] = contact.contact_link
    env.globals["region_url"] = region_url()
    env.globals["portable"] = urls.portable
    if urls.portable:
        _make_portable(env, urls)
    return env


def _language_globals(env: jinja2.Environment, versions: tuple[Version, ...], code: str) -> None:
    """What the templates write of the site's versions (generator.site.versions), each made
    once an address: ``alternate_links(url)``, ``sitemap_alternates(url)`` and
    ``language_menu(url, label)``, whose links lead to the same page in each language (the
    home page, for a page not made in each language), relative on a portable site."""
    import jinja2
    from markupsafe import Markup

    from generator.site import versions as made
    from generator.urls import in_each_language

    alternates: dict[str, Markup] = {}
    listed: dict[str, Markup] = {}
    menus: dict[tuple[str, int, str], Markup] = {}
    portable = versions[0].link.portable

    def alternate_links(url: str) -> Markup:
        if url not in alternates:
            alternates[url] = Markup(made.alternate_links(versions, url))
        return alternates[url]

    def sitemap_alternates(url: str) -> Markup:
        if url not in listed:
            listed[url] = Markup(made.sitemap_alternates(versions, url))
        return listed[url]

    def language_menu(context: jinja2.runtime.Context, url: str, label: str) -> Markup:
        down = levels(context) if portable else 0
        key = (url, down, label)
        if key not in menus:
            there = url if in_each_language(url) else "/"
            hrefs = [
                v.link.relative(there, down) if portable else v.link.href(there) for v in versions
            ]
            menus[key] = Markup(made.language_menu(versions, code, hrefs, label))
        return menus[key]

    env.globals["alternate_links"] = alternate_links
    env.globals["sitemap_alternates"] = sitemap_alternates
    env.globals["language_menu"] = jinja2.pass_context(language_menu)


def _make_portable(env: jinja2.Environment, urls: UrlBuilder) -> None:
    """Links relative to the page, and the map's data in the page: a site opened from disk.

    The map page's script cannot fetch files from file://, but can a data: URL; it reads the
    pins from the page itself (``#atlas-data``).
    """
    import jinja2
    from markupsafe import Markup

    from generator import layout
    from generator.urls import rewrite_site_links

    srcsets: dict[tuple[int, int], tuple[object, str]] = {}

    def srcset(context: jinja2.runtime.Context, image: PublishedImage | ImageSource) -> str:
        down = levels(context)
        known = srcsets.get((id(image), down))
        if known is None or known[0] is not image:
            text = ", ".join(f"{urls.relative(r.url, down)} {r.width}w" for r in image.renditions)
            known = srcsets[(id(image), down)] = (image, text)
        return known[1]

    def root(context: jinja2.runtime.Context) -> str:
        """The site's root folder, from the page: '../' (or './' on a page at the root)."""
        return "../" * levels(context) or "./"

    def site_links(context: jinja2.runtime.Context, html: str) -> Markup:
        down = levels(context)
        return Markup(rewrite_site_links(html, lambda url: urls.relative(url, down)))

    region = base64.b64encode(layout.REGION_FILE.read_bytes()).decode("ascii")
    env.filters["url"] = jinja2.pass_context(
        lambda context, value: urls.relative(value, levels(context))
    )
    env.filters["srcset"] = jinja2.pass_context(srcset)
    env.filters["site_links"] = jinja2.pass_context(site_links)
    env.filters["portable_map_data"] = _portable_map_data
    env.globals["site_root"] = jinja2.pass_context(root)
    env.globals["region_data_url"] = "data:application/geo+json;base64," + region


def _in_memory(store: dict[str, bytes]) -> jinja2.BytecodeCache:
    """A bytecode cache in ``store``: the languages' environments compile each template once.

    Their compiled code is the same: what differs between languages (the words, the links)
    is looked up when a page is rendered, never folded into the code (see the filters)."""
    import jinja2

    class InMemory(jinja2.BytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            code = store.get(bucket.key)
            if code is not None:
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            store[bucket.key] = bucket.bytecode_to_string()

    return InMemory()


def _pins_in_language(code: str, data: dict[str, object]) -> dict[str, object]:
    """The map's pins with links to the pages of the language whose folder is ``code``."""
    from generator.urls import language_path

    pins = data["pins"]
    assert isinstance(pins, list)
    if not code:
        return data
    return {**data, "pins": [{**pin, "url": language_path(pin["url"], code)} for pin in pins]}


def _portable_map_data(data: dict[str, object]) -> dict[str, object]:
    """The map's pins with links to files: the script adds the root folder to each."""
    from generator.urls import output_path

    pins = data["pins"]
    assert isinstance(pins, list)
    return {**data, "pins": [{**pin, "url": "/" + output_path(pin["url"])} for pin in pins]}


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
    """Compiled code depends on the filters below (and on the environment class the speed-ups
    make) as much as on the templates: a cache per version of this module, of the speed-ups
    and of Jinja never hands one the other's code."""
    import jinja2

    from generator.render import speedups

    shape = hashlib.sha256(
        Path(__file__).read_bytes()
        + Path(speedups.__file__).read_bytes()
        + jinja2.__version__.encode()
    )
    return shape.hexdigest()[:16]


def _srcset(image: PublishedImage | ImageSource, urls: UrlBuilder) -> str:
    return ", ".join(f"{urls.href(r.url)} {r.width}w" for r in image.renditions)


def _count(language: Language, number: int, singular: str, plural: str | None = None) -> str:
    """``3 works``: the number as the language writes it, then English words, as given.

    Kept for a site's own templates; the theme's counts go through ``ngettext()``, whose
    catalogues know each language's plural forms.
    """
    word = singular if number == 1 else (plural or singular + "s")
    return f"{language.number(number)} {word}"


def _at_render(function: Callable[..., str]) -> Callable[..., str]:
    """``function`` as a filter Jinja calls when a page is rendered, never when compiling."""
    import jinja2

    return jinja2.pass_context(lambda _, *args, **kwargs: function(*args, **kwargs))


def permalink(item: object) -> str:
    """The page of an artist, series or work: the templates' ``permalink`` filter."""
    from generator.content.model import Artist, Series, Work
    from generator.urls import artist_url, series_url, work_url

    if isinstance(item, Artist):
        return artist_url(item.slug)
    if isinstance(item, Series):
        return series_url(item.slug)
    if isinstance(item, Work):
        return work_url(item.series_slug, item.slug)
    raise TypeError(f"no page for {type(item).__name__}")
