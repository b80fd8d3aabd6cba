"""Render planned pages with Jinja into bytes, keyed by their output path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import jinja2

from generator.config import SiteConfig
from generator.errors import TemplateError
from generator.images import PublishedImage
from generator.pages import Page


def render_pages(
    env: jinja2.Environment,
    pages: Sequence[Page],
    config: SiteConfig,
    images: dict[Any, PublishedImage],
) -> dict[str, bytes]:
    """Every page, plus the sitemap and robots.txt, as UTF-8 bytes."""
    shared = {"site": config, "images": images}
    output: dict[str, bytes] = {}
    for page in pages:
        output[page.path] = _render(env, page.template, {**shared, **page.data, "page": page})
    listed = [page for page in pages if page.in_sitemap]
    output["sitemap.xml"] = _render(env, "sitemap.xml", {**shared, "pages": listed})
    output["robots.txt"] = _render(env, "robots.txt", shared)
    return output


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
