"""Render planned pages with Jinja into bytes, keyed by their output path."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import meta

from generator.config import SiteConfig
from generator.errors import TemplateError
from generator.images import PublishedImage
from generator.pages import FeedEntry, Page


@dataclass(frozen=True, slots=True)
class Rendered:
    """Pages rendered this time, and the fingerprint of every page's inputs."""

    files: dict[str, bytes]
    keys: dict[str, str]

    @property
    def pages(self) -> tuple[str, ...]:
        """The HTML pages that were rendered, in order."""
        return tuple(path for path in self.files if path.endswith(".html"))


def render_pages(
    env: jinja2.Environment,
    pages: Sequence[Page],
    config: SiteConfig,
    images: dict[Any, PublishedImage],
    previous: Mapping[str, str] | None = None,
    feed: Sequence[FeedEntry] = (),
) -> Rendered:
    """Every page whose inputs changed since ``previous``, plus the sitemap and robots.txt.

    A page's fingerprint covers its template and everything the template includes, the
    settings, the published images and the page's own data: the same fingerprint renders
    the same bytes, so that page is skipped.
    """
    previous = previous or {}
    shared = {"site": config, "images": images}
    digests: dict[str, str] = {}
    common = _digest(repr(config), repr(sorted(images.items())))
    files: dict[str, bytes] = {}
    keys: dict[str, str] = {}
    listed = [page for page in pages if page.in_sitemap]
    jobs: list[tuple[str, str, str, dict[str, Any]]] = [
        (page.path, page.template, repr(page), {**shared, **page.data, "page": page})
        for page in pages
    ]
    jobs.append(
        ("sitemap.xml", "sitemap.xml", repr([p.url for p in listed]), {**shared, "pages": listed})
    )
    jobs.append(("robots.txt", "robots.txt", "", shared))
    jobs.append(("feed.xml", "feed.xml", repr(feed), {**shared, "entries": feed}))
    for path, template, data, context in jobs:
        key = _digest(common, template_digest(env, template, digests), data)
        keys[path] = key
        if previous.get(path) != key:
            files[path] = _render(env, template, context)
    return Rendered(files=files, keys=keys)


def template_digest(env: jinja2.Environment, name: str, memo: dict[str, str]) -> str:
    """A hash of a template's source and of every template it extends, includes or imports."""
    if name in memo:
        return memo[name]
    memo[name] = ""  # a template that includes itself does not recurse forever
    assert env.loader is not None
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return ""
    try:
        referenced = sorted(n for n in meta.find_referenced_templates(env.parse(source)) if n)
    except jinja2.TemplateSyntaxError:
        referenced = []
    memo[name] = _digest(
        filename or name, source, *(template_digest(env, ref, memo) for ref in referenced)
    )
    return memo[name]


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> bytes:
    try:
        return env.get_template(name).render(context).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}", path=exc.filename or name, line=exc.lineno
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template not found: {exc.name}",
            path=name,
            hint="add it to templates/ or check its name",
        ) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc, name)
        raise TemplateError(f"{exc.message} while rendering {name}", path=path, line=line) from None


def _template_frame(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The innermost template file and line of a rendering error (Jinja maps its frames)."""
    path, line = name, None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith((".html", ".xml", ".txt")):
            path, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return path, line
