"""Render planned pages with Jinja into bytes, keyed by their output path.

Each page gets a key: the fingerprint of its template (and everything the template includes),
the settings, the published images and the page's own data. The same key renders the same
bytes, so a page whose key did not change since the last build is neither rendered nor
written. Many pages are rendered in worker processes, one per core.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import jinja2
from jinja2 import meta

from generator import parallel, urls
from generator.config import SiteConfig
from generator.errors import TemplateError
from generator.incremental.fingerprint import Fingerprints
from generator.media.images import PublishedImage
from generator.site.feed import FeedEntry
from generator.site.pages import Page

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 400

Finish = Callable[[str, bytes], bytes]


class Batch(Protocol):
    """Where rendered files go when they are not kept in memory (``generator.output.batch``)."""

    def add(self, path: str, data: bytes) -> None:
        """Take one rendered file."""

    def close(self) -> dict[str, tuple[int, int]]:
        """Finish writing; the size and modification time (ns) of every file written."""


@dataclass(frozen=True, slots=True)
class Job:
    """One file to render: where it goes, with which template and context.

    ``data`` is what the file shows beyond the settings and images: its fingerprint is part
    of the file's key.
    """

    path: str
    template: str
    context: dict[str, Any]
    data: Any
    index: bool = False
    language: str = ""  # the folder of the page's language: which environment renders it


@dataclass(frozen=True, slots=True)
class Rendered:
    """What was rendered this time, and the key of every file."""

    files: dict[str, bytes]
    keys: dict[str, str]
    # Files written straight to disk: path → (size, modification time in ns).
    written: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def pages(self) -> tuple[str, ...]:
        """The HTML pages that were rendered, in order."""
        done = [*self.files, *self.written]
        return tuple(path for path in sorted(done) if path.endswith(".html"))


def plan_jobs(
    pages: Sequence[Page],
    config: SiteConfig,
    images: dict[Any, PublishedImage],
    feed: Sequence[FeedEntry] = (),
    language: str = "",
    languages: tuple[str, ...] = (),
) -> list[Job]:
    """Every page of one language (its folder: '' for the default one), plus its feed; the
    default language's also has the sitemap (listing every language's pages) and robots.txt.

    ``languages`` is the site's, default first, when it has several: the sitemap lists the
    alternates of each page (``xhtml:link``).
    """
    shared = {"site": config, "images": images}
    jobs = [
        Job(
            page.path,
            page.template,
            {**shared, **page.data, "page": page},
            page.identity or page,  # what decides the page, when that is known
            page.index,
            language,
        )
        for page in pages
    ]
    if not language:
        listed = [page for page in pages if page.in_sitemap]
        # What the sitemap writes of each page, in each language.
        entries = ([(page.url, page.updated) for page in listed], languages)
        context = {**shared, "pages": listed}
        jobs.append(Job("sitemap.xml", "sitemap.xml", context, entries, True, language))
        jobs.append(Job("robots.txt", "robots.txt", shared, "", False, language))
    feed_path = urls.output_path(urls.language_path("/feed.xml", language))
    context = {**shared, "entries": feed}
    jobs.append(Job(feed_path, "feed.xml", context, list(feed), True, language))
    return jobs


def render_pages(
    envs: Mapping[str, jinja2.Environment],
    jobs: Sequence[Job],
    settings: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
    *,
    finish: Finish | None = None,
    into: Callable[[], Batch] | None = None,
    workers: int = 1,
    fingerprints: Fingerprints | None = None,
    sources: dict[str, tuple[str, ...]] | None = None,
) -> Rendered:
    """Key every job, and render those whose key differs from ``previous``.

    ``envs`` renders the jobs of each language (keyed by its folder, ``Job.language``), and
    ``settings`` holds, for each, the fingerprint of what every page depends on besides its
    own data: the site's settings, the published images, the links the URL filters write
    (the base URL, fingerprinted asset names) and the language's words. It is part of every
    key.

    The result holds the bytes, or with ``into`` (which makes a batch of the writer's for a
    fresh staging folder) each process hands its files to a batch as they are rendered, and
    nothing else is kept in memory: rendering itself writes nothing. ``finish`` post-processes
    each file (minifying, say). With ``workers`` > 1 and enough jobs, worker processes share
    the work, keys included. ``fingerprints`` and ``sources`` (a template's source → the
    templates it refers to) carry what a previous build of the same site worked out.
    """
    digests: dict[str, str] = {}
    sources = {} if sources is None else sources
    names = {job.template for job in jobs}
    # The languages' environments share their templates' files: one digest for each.
    first = next(iter(envs.values()))
    templates = {name: template_digest(first, name, digests, sources) for name in names}
    prints = fingerprints or Fingerprints()
    for code in sorted({job.language for job in jobs}):
        for name in sorted({job.template for job in jobs if job.language == code}):
            _template(envs[code], name)  # compiled once here, inherited by the workers
    task = _Task(
        envs,
        jobs,
        prints,
        settings,
        templates,
        previous or {},
        finish,
        into,
    )
    workers = workers if len(jobs) >= PARALLEL_FROM else 1
    files: dict[str, bytes] = {}
    keys: dict[str, str] = {}
    written: dict[str, tuple[int, int]] = {}
    for part, signatures in parallel.run(task.run, parallel.chunks(len(jobs), workers), workers):
        for path, key, data in part:
            keys[path] = key
            if data is not None:
                files[path] = data
        written.update(signatures)
    order = {job.path: i for i, job in enumerate(jobs)}
    return Rendered(
        files=dict(sorted(files.items(), key=lambda item: order[item[0]])),
        keys=dict(sorted(keys.items(), key=lambda item: order[item[0]])),
        written=written,
    )


@dataclass(frozen=True, slots=True)
class _Task:
    envs: Mapping[str, jinja2.Environment]
    jobs: Sequence[Job]
    prints: Fingerprints
    common: Mapping[str, str]
    templates: Mapping[str, str]
    previous: Mapping[str, str]
    finish: Finish | None
    into: Callable[[], Batch] | None

    def run(
        self, share: range
    ) -> tuple[list[tuple[str, str, bytes | None]], dict[str, tuple[int, int]]]:
        """Key the jobs of ``share`` and render the changed ones.

        Returns (path, key, bytes or None) for each job, and the size and modification time
        of each file written to ``into`` (where the bytes are None).
        """
        out: list[tuple[str, str, bytes | None]] = []
        batch = self.into() if self.into is not None else None
        for job in (self.jobs[i] for i in share):
            common = self.common[job.language]
            key = _digest(common, self.templates[job.template], self.prints.of(job.data))
            if self.previous.get(job.path) == key:
                out.append((job.path, key, None))
                continue
            data = _render(self.envs[job.language], job.template, job.context)
            if self.finish is not None:
                data = self.finish(job.path, data)
            if batch is None:
                out.append((job.path, key, data))
                continue
            out.append((job.path, key, None))
            batch.add(job.path, data)
        signatures = batch.close() if batch is not None else {}
        return out, signatures


def template_digest(
    env: jinja2.Environment,
    name: str,
    memo: dict[str, str],
    sources: dict[str, tuple[str, ...]] | None = None,
) -> str:
    """A hash of a template's source and of every template it extends, includes or imports.

    ``sources`` remembers what each source refers to, so an unchanged one is not parsed again.
    """
    if name in memo:
        return memo[name]
    memo[name] = ""  # a template that includes itself does not recurse forever
    assert env.loader is not None
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return ""
    sources = {} if sources is None else sources
    if source not in sources:
        try:
            parsed = env.parse(source, name, filename)
            sources[source] = tuple(sorted(n for n in meta.find_referenced_templates(parsed) if n))
        except jinja2.TemplateSyntaxError:
            sources[source] = ()
    memo[name] = _digest(
        filename or name,
        source,
        *(template_digest(env, ref, memo, sources) for ref in sources[source]),
    )
    return memo[name]


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _template(env: jinja2.Environment, name: str) -> jinja2.Template:
    try:
        return env.get_template(name)
    except jinja2.TemplateError as exc:
        raise _template_error(exc, name) from None


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> bytes:
    template = _template(env, name)
    try:
        return template.render(context).encode("utf-8")
    except jinja2.TemplateError as exc:  # in the page, or a template it includes
        raise _template_error(exc, name) from None


def _template_error(exc: jinja2.TemplateError, name: str) -> TemplateError | jinja2.TemplateError:
    """The author's view of a Jinja error met while loading or rendering ``name``."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(
            f"template syntax error: {exc.message}", path=exc.filename or name, line=exc.lineno
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(
            f"template not found: {exc.name}",
            path=name,
            hint="add it to templates/ or check its name",
        )
    if isinstance(exc, jinja2.UndefinedError):
        path, line = _template_frame(exc, name)
        return TemplateError(f"{exc.message} while rendering {name}", path=path, line=line)
    return exc  # any other Jinja error is a bug, reported as it is


def _template_frame(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The innermost template file and line of a rendering error (Jinja maps its frames)."""
    path, line = name, None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith((".html", ".xml", ".txt")):
            path, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return path, line
