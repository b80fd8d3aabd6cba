"""build(): the one place that sets the order of the steps, from content to a written site.

load (content files → model) → plan (pages, images, maps) → render (pages → bytes) → write.
A build first compares its inputs with the state the last build of the folder left; when
nothing changed it stops there, before loading the pipeline's modules at all.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import layout, parallel
from generator.errors import ContentErrors, from_os_error
from generator.incremental.state import (
    BuildState,
    forget_state,
    inputs_digest,
    load_state,
    options_digest,
    save_state,
    state_file,
)
from generator.output.lock import output_lock
from generator.output.scratch import stopping_signals_raise
from generator.output.update import Update, sweep_update
from generator.output.writer import MARKER, check_output, recover, write_site
from generator.report import (
    BROKEN,
    KEPT,
    NOTHING,
    WRITTEN,
    BuildReport,
    artists_without_series,
    count_pages,
)

if TYPE_CHECKING:
    import jinja2

    from generator.content.loader import Memo
    from generator.content.markdown import MarkdownRenderer
    from generator.content.model import Site
    from generator.incremental.fingerprint import Fingerprints
    from generator.incremental.memo import DigestMemo, LocatorMemo, PageMemo, PressKitMemo
    from generator.render.render import Job, Rendered
    from generator.site.pages import Page


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to build a site, as a command or a caller chooses; None means the default.

    ``production`` minifies HTML, CSS and JavaScript, as ``showcase publish`` does.
    ``workers`` is how many processes render pages (default: one per core). ``cache_dir``
    holds what builds reuse (default ``source/.showcase-cache``); ``fresh`` ignores all of it
    but the images. ``temporary`` says the output folder is thrown away after: no build
    record is kept for it. ``preview`` keeps asset names plain, so that the preview can swap
    a stylesheet in place (and is temporary too). ``portable`` links every page to the others
    relatively, naming their ``index.html``, so that the folder works opened from disk.
    ``today`` is the day the exhibitions page is built for (what is upcoming, what past):
    default ``build_day()``.
    """

    base_url: str | None = None
    drafts: bool = False
    cache_dir: Path | None = None
    preview: bool = False
    production: bool = False
    workers: int | None = None
    fresh: bool = False
    temporary: bool = False
    portable: bool = False
    today: datetime.date | None = None


def build_day(today: datetime.date | None = None) -> datetime.date:
    """The day a build sorts exhibitions around: ``today`` when given (``--today``), else the
    UTC day of ``SOURCE_DATE_EPOCH`` when set (reproducible builds' convention), else the
    computer's local date when the build starts. Only the exhibitions page, its calendar
    files and the feed depend on it."""
    if today is not None:  # a datetime too (what click reads): its day
        return datetime.date(today.year, today.month, today.day)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def build(
    source: Path | str = ".",
    output: Path | str | None = None,
    options: BuildOptions | None = None,
    **changes: Any,
) -> BuildReport:
    """Build the site in ``source`` into ``output`` (default ``source/site``).

    ``options`` (default: all defaults) with ``changes``, keywords named as the fields of
    :class:`BuildOptions`, applied: ``build("path", "out", base_url="https://…/")``.
    A name that is not a field is a TypeError.
    """
    if changes.get("cache_dir"):
        changes["cache_dir"] = Path(changes["cache_dir"])
    options = replace(options or BuildOptions(), **changes)
    return Builder(source, output, options).build()


class Builder:
    """Builds one site, and again after changes, redoing only what the changes touch.

    The first build of a folder renders every page into a fresh folder and swaps it in. Later
    builds, in this process or (through the state kept in the cache) in the next one, read
    only the content files that changed, render only the pages whose inputs changed, and
    update the folder in place; when nothing changed at all they stop at that.
    """

    def __init__(
        self,
        source: Path | str = ".",
        output: Path | str | None = None,
        options: BuildOptions = BuildOptions(),
    ) -> None:
        self.source = Path(source).resolve()
        self.output = (
            Path(output).resolve() if output is not None else self.source / layout.OUTPUT_DIR
        )
        self.options = options
        self.cache_dir = options.cache_dir or self.source / layout.CACHE_DIR
        self.workers = options.workers or parallel.cores()  # the preview's loop sets 1
        self._fresh = options.fresh  # from scratch once: later builds reuse what it made
        # A folder thrown away after (a preview's, or the one check and publish build into)
        # keeps its build record in memory: one in the cache would never be read again.
        self.temporary = options.temporary or options.preview
        self._options_digest = options_digest(
            str(self.output),
            options.base_url,
            options.drafts,
            options.preview,
            options.production,
            # Only when set: a normal build's record stays valid.
            *(("portable",) if options.portable else ()),
        )
        self._state_file = state_file(self.cache_dir, self.output)
        # Beside the record: the lock that keeps builds of this folder one at a time, and the
        # journal of an in-place update while it runs.
        self._lock_file = self._state_file.with_suffix(".lock")
        self._journal = self._state_file.with_suffix(".update")
        # What the last build left in the output (report.KEPT…): the message of a failure.
        self.left = NOTHING
        self._state: BuildState | None = None
        self._memo: Memo = {}
        self._locators: LocatorMemo | None = None
        self._digests: DigestMemo = {}
        self._press: PressKitMemo = {}
        self._markdown: MarkdownRenderer | None = None
        self._prints: Fingerprints | None = None
        self._page_memos: dict[str, PageMemo] = {}  # each language's
        self._sources: dict[str, tuple[str, ...]] = {}
        self._today = build_day(options.today)

    @property
    def primed(self) -> bool:
        """Whether this builder holds the whole site from a build that read it all: the next
        change then costs only what it touches."""
        return self._state is not None

    def build(self, *, shortcut: bool = True) -> BuildReport:
        """Run every step in order; raise SiteError, leaving the output as it was, on problems.

        With nothing changed since the last build the build stops early, unless ``shortcut``
        is False: then it reads and plans the whole site (rewriting nothing that is up to
        date), which readies this builder to rebuild quickly after the next change.
        """
        # A build makes hundreds of thousands of objects and frees them by reference counts;
        # the cycle collector would only walk the growing site again and again (a fifth of
        # a rebuild at 4,000 artists). It is off while a build runs, and back on after.
        collecting = gc.isenabled()
        gc.disable()
        self.left = KEPT if (self.output / MARKER).is_file() else NOTHING
        # A folder thrown away after is this process's alone: it needs no lock. SIGTERM and
        # SIGHUP stop a build as Ctrl-C does, undoing an update in place.
        lock = (
            contextlib.nullcontext()
            if self.temporary
            else output_lock(self._lock_file, self.output)
        )
        try:
            check_output(self.output, self.source)  # before the lock makes the cache folder
            with stopping_signals_raise(), lock:
                return self._build_once(shortcut)
        except OSError as exc:  # one the writer did not meet: reading a file, say
            raise from_os_error(exc) from exc
        finally:
            if collecting:
                gc.enable()

    def _build_once(self, shortcut: bool) -> BuildReport:
        started = time.perf_counter()
        recover(self.output)
        sweep_update(self._journal, self.output)  # of a build killed outright while updating
        # The day is an input: on the next one, a build goes on (and remakes what it changes).
        self._today = build_day(self.options.today)
        inputs = inputs_digest(self.source, layout.default_theme(), self._today.isoformat())
        current = BuildState(options=self._options_digest, inputs=inputs)
        fresh, self._fresh = self._fresh, False
        previous = None if fresh else self._previous_state(current)
        # Output files changed by hand since the last build: they are written again.
        stale = set(previous.altered(self.output)) if previous is not None else set()
        if shortcut and previous is not None and previous.unchanged(current) and not stale:
            seconds = time.perf_counter() - started
            return BuildReport.up_to_date(self.output, previous.keys, previous.outputs, seconds)
        return self._build(current, previous, stale, started, fresh)

    def _build(
        self,
        current: BuildState,
        previous: BuildState | None,
        stale: set[str],
        started: float,
        fresh: bool,
    ) -> BuildReport:
        from functools import partial

        from generator.config import load_config
        from generator.content.loader import load_site
        from generator.content.markdown import MarkdownRenderer
        from generator.content.placeholders import vague_alt_warnings
        from generator.incremental.fingerprint import Fingerprints
        from generator.incremental.memo import LocatorMemo, PageMemo
        from generator.map.atlas import build_atlas
        from generator.media.images import publish_images
        from generator.media.presskit import publish_press_kits
        from generator.media.requests import (
            image_requests,
            player_origins,
            recorded_places,
            recording_files,
            soft_images,
        )
        from generator.output.batch import Batch
        from generator.render.catalogue import load_language
        from generator.render.environment import make_environment
        from generator.render.render import plan_jobs, render_pages
        from generator.site.assets import Assets, collect_static, fingerprint
        from generator.site.feed import plan_feed
        from generator.site.hosts import headers_file, redirects_file
        from generator.site.pages import plan_pages
        from generator.site.versions import site_versions
        from generator.urls import output_path, region_url

        config = load_config(self.source)
        if self.options.base_url:
            config = config.with_base_url(self.options.base_url)
        theme = layout.default_theme()
        template_dirs = [self.source / layout.TEMPLATES_DIR, theme / layout.TEMPLATES_DIR]
        if self._markdown is None or self._markdown.mode != config.markdown_html:
            self._markdown = MarkdownRenderer(config.markdown_html)
            self._memo.clear()  # the setting changed: read everything again
        if self._locators is None:
            self._locators = LocatorMemo()
        # Digests of what this build shares with the last one are not worked out again, and
        # pages made from the same objects as last time are the same pages.
        self._prints = Fingerprints(self._prints)
        site = load_site(
            self.source,
            config,
            self._markdown,
            drafts=self.options.drafts,
            memo=self._memo,
            workers=self.workers,
            prints=self._prints,
        )
        if not config.images.keep_gps:  # a video is published as it is, its position too
            recorded = recorded_places(site)
            if recorded:
                raise ContentErrors(recorded)
        published = publish_images(
            image_requests(site), config.images, self.cache_dir / "images", self._digests
        )
        # Each artist's press kit download: its JPEGs and zip cached beside the images.
        press = publish_press_kits(
            site,
            config.images.copyright or config.copyright,
            self.cache_dir / "press",
            self._digests,
            self._press,
        )

        static = collect_static(
            [theme / layout.STATIC_DIR, self.source / layout.STATIC_DIR], self.cache_dir / "static"
        )
        # Fingerprinted names let hosts cache CSS and JS for a year; the preview keeps the
        # plain names so that a stylesheet can be swapped in place.
        assets = (
            Assets(files={}, copies=static, renamed={})
            if self.options.preview
            else fingerprint(static, minify=self.options.production)
        )
        # Each language's pages: the default's at the root, each other's under /<code>/.
        versions = site_versions(
            config.languages, config.base_url, assets.renamed, self.options.portable
        )
        link = versions[0].link
        envs: dict[str, jinja2.Environment] = {}
        compiled: dict[str, bytes] = {}  # the templates compiled once for every language
        settings: dict[str, str] = {}
        pages: list[Page] = []
        jobs: list[Job] = []
        missing: list[str] = []  # the languages without the theme's words
        for version in versions:
            # The interface's words: the theme's catalogue, the site's over it.
            language, untranslated = load_language(version.code, template_dirs)
            missing += [untranslated] if untranslated else []
            in_language = site.in_language(version.code)
            # The map's pins and journeys, named in the language (locators are drawn once).
            atlas = build_atlas(in_language, memo=self._locators)
            # Every page also depends on the settings, the images, the links (a stylesheet's
            # new name) and the translations.
            settings[version.folder] = self._prints.of(
                (in_language.config, published.images, version.link, language.digest)
            )
            memo = self._page_memos.setdefault(version.folder, PageMemo(version.folder))
            memo.begin(settings[version.folder])
            planned = plan_pages(
                in_language, published.images, atlas, version.link, memo, self._today, language
            )
            envs[version.folder] = make_environment(
                template_dirs,
                version.link,
                None if fresh else self.cache_dir / "templates",
                language,
                versions,
                compiled,
            )
            feed = plan_feed(in_language, self._today, language)
            jobs += plan_jobs(
                planned,
                in_language.config,
                published.images,
                feed,
                version.folder,
                config.languages if len(versions) > 1 else (),
            )
            pages += planned
        extra: dict[str, bytes] = {}
        if not self.options.preview:
            page_urls = [page.address for page in pages if page.in_sitemap]
            extra["_headers"] = headers_file(
                page_urls,
                assets.renamed.values(),
                link.base_path,
                # A trusted story may frame what it likes: the build cannot list it.
                player_origins(site) if config.markdown_html == "sanitize" else None,
            )
            if config.redirects:
                extra["_redirects"] = redirects_file(config.redirects, link.base_path)
            extra.update(assets.files)
        copies = {
            **assets.copies,
            **published.files,
            **recording_files(site),
            **press.files,
            output_path(region_url()): layout.REGION_FILE,
        }
        finish = _minify if self.options.production else None
        if previous is None:  # a fresh folder, swapped in whole
            rendered: Rendered | None = None

            def fill(staging: Path) -> None:
                nonlocal rendered
                rendered = render_pages(
                    envs,
                    jobs,
                    settings,
                    finish=finish,
                    into=partial(Batch, staging),
                    workers=self.workers,
                    fingerprints=self._prints,
                    sources=self._sources,
                )

            files = write_site(self.output, extra, copies, fill)
            self.left = WRITTEN
            assert rendered is not None
            files += len(rendered.written)
            # Pages were measured as they were written (moving the folder keeps their times);
            # the files written after them (over a page, perhaps) are measured now.
            after = set(extra) | set(copies)
            current.record(self.output, set(rendered.keys) | after, rendered.written, after)
        else:  # the same folder, brought up to date in place
            rendered, written = self._update(envs, jobs, settings, previous, stale, extra, copies)
            files = len(rendered.keys) + len(extra) + len(copies)
            wanted = set(rendered.keys) | set(extra) | set(copies)
            current.record(self.output, wanted, previous.outputs, written)
        current.keys = rendered.keys
        self._state = current
        if not self.temporary:
            save_state(self._state_file, current)
        return BuildReport(
            output=self.output,
            pages=count_pages(rendered.keys),
            images=len(published.images),
            files=files,
            seconds=time.perf_counter() - started,
            warnings=(
                *missing,
                *artists_without_series(site),
                *vague_alt_warnings(site),
                *soft_images(site.root, published.images),
                *_place_warnings(site),
                *published.notes,
            ),
            encoded=published.encoded + press.encoded,
            removed=tuple(published.removed.items()),
            rendered=rendered.pages,
            sources=tuple((page.address, page.source) for page in pages if page.source is not None),
            drafts=site.left_out,
        )

    def _update(
        self,
        envs: dict[str, jinja2.Environment],
        jobs: list[Job],
        settings: dict[str, str],
        previous: BuildState,
        stale: set[str],
        extra: dict[str, bytes],
        copies: dict[str, Path],
    ) -> tuple[Rendered, set[str]]:
        """Render and write what changed, in place: the pages of what was edited first.

        Returns what was rendered, and the paths written (or checked, having been changed
        by hand).

        The indexes (home, gallery, map, feed, sitemap) list everything, so they take the
        longest and come second; should they fail, the pages written first are put back.
        """
        from generator.render.render import Rendered, render_pages

        keys = {path: key for path, key in previous.keys.items() if path not in stale}

        def render(part: list[Job]) -> Rendered:
            return render_pages(
                envs,
                part,
                settings,
                keys,
                finish=_minify if self.options.production else None,
                workers=self.workers,
                fingerprints=self._prints,
                sources=self._sources,
            )

        pages = render([job for job in jobs if not job.index])
        if not self.temporary:
            forget_state(self._state_file)  # from here on the folder is being changed
        update = Update(self.output, self._journal)
        try:
            with update:  # all of it, or none: a failure puts back every file it changed
                written = update.write(pages.files)
                indexes = render([job for job in jobs if job.index])
                written += update.write({**indexes.files, **extra})
                written += update.copy(copies)
                wanted = {*pages.keys, *indexes.keys, *extra, *copies}
                update.remove(set(previous.outputs) - wanted)
        except BaseException:
            self.left = KEPT if update.undone else BROKEN
            if update.undone and not self.temporary:
                save_state(self._state_file, previous)  # the folder is as it recorded
            raise
        self.left = WRITTEN
        all_keys = {**pages.keys, **indexes.keys}
        return Rendered({**pages.files, **indexes.files}, all_keys), {*written, *stale}

    def _previous_state(self, current: BuildState) -> BuildState | None:
        """The last build of this folder with these options, if the folder still holds it."""
        previous = self._state
        if previous is None and not self.temporary:
            previous = load_state(self._state_file)
        same = previous is not None and previous.options == current.options
        return previous if same and (self.output / MARKER).is_file() else None


def _minify(path: str, data: bytes) -> bytes:
    from generator.site.assets import minify_page

    return minify_page(data) if path.endswith(".html") else data


__all__ = ["BuildOptions", "BuildReport", "Builder", "build"]


def _place_warnings(site: Site) -> list[str]:
    """Hometowns and places whose point may not lie in the country they name."""
    from generator.content.places import place_warnings  # imported when a build needs it

    return [f"{source}: {warning}" for source, warning in place_warnings(site.artists)]
