"""The authoring loop: `showcase serve` (build into a private folder, serve it, rebuild on every
change, tell the open pages) and `showcase build --watch` (rebuild the site folder itself on
every change)."""

from __future__ import annotations

import contextlib
import gc
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.authoring.livereload import LiveState, PreviewServer, bind, error_payload
from generator.build import Builder, BuildOptions, BuildReport
from generator.config import load_config
from generator.errors import SiteError, from_os_error
from generator.layout import CONFIG_FILE, INPUT_DIRS, STATIC_DIR
from generator.output.scratch import scratch_folder, sweep_stale

SCRATCH_PREFIX = "showcase-serve-"


def preview(
    source: Path | str = ".",
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    drafts: bool = False,
    cache_dir: Path | str | None = None,
    report: Callable[[str], None] = print,
) -> Preview:
    """Start previewing the site in ``source``; call ``shutdown()`` on the result to stop.

    The site is built into a temporary folder of its own (never the site's ``site/``), with
    its base URL pointed at the preview. The folder is deleted on shutdown, also when the
    process is stopped by SIGTERM or SIGHUP; one left by a process killed outright is swept
    at the next start.
    """
    source = Path(source).resolve()
    base_path = urlsplit(load_config(source).base_url).path or "/"
    sweep_stale(SCRATCH_PREFIX)
    cleanup = contextlib.ExitStack()
    root = cleanup.enter_context(scratch_folder(SCRATCH_PREFIX)) / "site"

    def make_rebuild(url: str) -> Callable[[], str]:
        cache = Path(cache_dir) if cache_dir else None
        options = BuildOptions(base_url=url, drafts=drafts, cache_dir=cache, preview=True)
        builder = Builder(source, root, options)
        failed = False

        def rebuild() -> str:
            nonlocal failed
            try:
                result = builder.build()
            except BaseException:
                failed = True
                raise
            fixed, failed = failed, False
            told = rebuilt(result, fixed=fixed)
            drafts = result.left_out("showcase serve")
            return f"{told}\n{drafts}" if drafts else told

        return rebuild

    try:
        return start_preview(
            source, root, base_path, host, port, make_rebuild, report, on_stop=cleanup.close
        )
    except BaseException:  # no port, or stopped while building: the folder goes all the same
        cleanup.close()
        raise


def rebuilt(result: BuildReport, *, fixed: bool) -> str:
    """What a rebuild of the preview did, in a line; ``fixed`` when the one before failed.

    A fix often changes no page (the file is back as it was at the last good build): then
    "Rendered 0 pages" would read as if nothing happened, so the line says the site is back.
    """
    count, took = len(result.rendered), f"{result.seconds * 1000:.0f} ms"
    total = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    if fixed:
        return f"Fixed: the site is up to date ({total}, {count} rendered again in {took})"
    if not count:
        verb = "is" if result.pages == 1 else "are"
        return f"No page changed: the site's {total} {verb} up to date ({took})"
    return f"Rendered {count} page{'s' if count != 1 else ''} in {took}"


def classify(changes: Iterable[Path], source: Path) -> str:
    """'css' when only stylesheets changed (swap them in place), else 'reload'."""
    paths = list(changes)
    static = source / STATIC_DIR
    if paths and all(p.suffix == ".css" and p.is_relative_to(static) for p in paths):
        return "css"
    return "reload"


SOURCES = (*INPUT_DIRS, CONFIG_FILE)  # what a build reads from a project


def watch_changes(source: Path, stop: threading.Event) -> Iterator[set[Path]]:
    """Sets of changed files among the project's sources (watchfiles), until ``stop`` is set.

    Hidden files (an editor's swap and lock files) are left out. The first set comes once the
    watcher listens, so no save made after it is missed; an empty set comes every tenth of a
    second without changes.
    """
    from watchfiles import watch

    existing = [str(source / name) for name in SOURCES if (source / name).exists()]
    for changes in watch(
        *existing,
        stop_event=stop,
        debounce=50,
        step=20,
        rust_timeout=100,
        yield_on_timeout=True,
        raise_interrupt=False,
    ):
        changed = (Path(path) for _, path in changes)
        yield {p for p in changed if not any(part.startswith(".") for part in p.parts[-2:])}


def rebuild_on_changes(
    source: Path,
    rebuild: Callable[[set[Path]], None],
    on_error: Callable[[SiteError], None],
    stop: threading.Event,
    on_ready: Callable[[], None] = lambda: None,
) -> None:
    """The one watch loop, of the preview and of ``build --watch``: call ``rebuild`` with the
    files changed among ``source``'s inputs at every change, until ``stop`` is set.

    A rebuild that fails goes to ``on_error`` and the loop keeps watching: a SiteError as it
    is, and anything else as one located line (:func:`as_site_error`), its traceback kept as
    the cause. ``on_ready`` is called once the watcher listens.
    """
    announced = False
    for changed in watch_changes(source, stop):
        if not announced:
            announced = True
            on_ready()
        if not changed:
            continue
        try:
            rebuild(changed)
        except Exception as exc:  # a bug must not stop the watching either: shown, and on
            on_error(as_site_error(exc))
        gc.collect()  # the cycles a build left, collected while waiting for the next change


def as_site_error(exc: Exception) -> SiteError:
    """``exc`` as an error the author is shown: a refusal of the system in one line, a bug
    named as one; the original stays attached as the cause (``--debug`` shows it)."""
    if isinstance(exc, SiteError):
        return exc
    if isinstance(exc, OSError):
        error = from_os_error(exc)
    else:
        error = SiteError(
            f"{type(exc).__name__}: {exc}", hint="this is a bug in showcase; please report it"
        )
    error.__cause__ = exc
    return error


@dataclass(frozen=True, slots=True)
class Preview:
    """A running preview: where it is, and how to stop it."""

    url: str
    moved: bool
    server: PreviewServer
    stop: threading.Event
    watcher: threading.Thread
    on_stop: Callable[[], None]

    def shutdown(self) -> None:
        """Stop watching and serving, then clean up."""
        self.stop.set()
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self.watcher.join(timeout=5)
        self.on_stop()


def start_preview(
    source: Path,
    root: Path,
    base_path: str,
    host: str,
    port: int,
    make_rebuild: Callable[[str], Callable[[], str]],
    report: Callable[[str], None],
    on_stop: Callable[[], None] = lambda: None,
) -> Preview:
    """Bind, build once, then serve and watch in background threads.

    ``make_rebuild`` receives the preview's base URL and returns the function that rebuilds
    the site into ``root`` and describes what it did (raising SiteError when it cannot).
    """
    live = LiveState()
    server, moved = bind(host, port, root, base_path, live)
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{server.server_address[1]}{server.base_path}"
    rebuild = make_rebuild(url)
    try:
        report(rebuild())
    except SiteError as exc:
        live.errors = error_payload(exc)
        report(str(exc))

    def rebuild_and_tell(changed: set[Path]) -> None:
        outcome = rebuild()
        had_errors = bool(live.errors)
        live.errors = []
        report(outcome)
        live.publish("ok" if had_errors else classify(changed, source))

    def tell_error(exc: SiteError) -> None:
        live.errors = error_payload(exc)
        report(str(exc))
        live.publish("build-error", json.dumps(live.errors))

    stop, ready = threading.Event(), threading.Event()
    watcher = threading.Thread(
        target=rebuild_on_changes,
        args=(source, rebuild_and_tell, tell_error, stop, ready.set),
        daemon=True,
    )
    watcher.start()
    ready.wait(timeout=10)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
    ).start()
    return Preview(url=url, moved=moved, server=server, stop=stop, watcher=watcher, on_stop=on_stop)


def watch(
    builder: Builder,
    on_build: Callable[[BuildReport], None],
    on_error: Callable[[SiteError], None],
    on_ready: Callable[[], None] = lambda: None,
    stop: threading.Event | None = None,
) -> None:
    """Rebuild ``builder``'s site on every change to its sources, until ``stop`` is set.

    A build that fails reports its errors and leaves the folder as the last good build left
    it; the next change tries again (see :func:`rebuild_on_changes`).
    """
    # Rebuilds touch a few pages: one process does them sooner than starting workers would.
    builder.workers = 1
    if not builder.primed:
        with contextlib.suppress(SiteError):  # read the whole site now, not at the first change
            builder.build(shortcut=False)
    rebuild_on_changes(
        builder.source,
        lambda changed: on_build(builder.build()),
        on_error,
        stop or threading.Event(),
        on_ready,
    )
