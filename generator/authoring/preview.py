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
from generator.errors import SiteError
from generator.layout import CONFIG_FILE, INPUT_DIRS
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

        def rebuild() -> str:
            result = builder.build()
            count = len(result.rendered)
            return (
                f"Rendered {count} page{'s' if count != 1 else ''} in "
                f"{result.seconds * 1000:.0f} ms"
            )

        return rebuild

    try:
        return start_preview(
            source, root, base_path, host, port, make_rebuild, report, on_stop=cleanup.close
        )
    except BaseException:  # no port, or stopped while building: the folder goes all the same
        cleanup.close()
        raise


def classify(changes: Iterable[Path], source: Path) -> str:
    """'css' when only stylesheets changed (swap them in place), else 'reload'."""
    paths = list(changes)
    static = source / "static"
    if paths and all(p.suffix == ".css" and p.is_relative_to(static) for p in paths):
        return "css"
    return "reload"


SOURCES = (*INPUT_DIRS, CONFIG_FILE)  # what a build reads from a project


def watch_changes(
    source: Path, stop: threading.Event, ready: threading.Event
) -> Iterator[set[Path]]:
    """Sets of changed files among the project's sources (watchfiles), until ``stop`` is set.

    Hidden files (an editor's swap and lock files) are left out. ``ready`` is set once the
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
        ready.set()
        changed = (Path(path) for _, path in changes)
        yield {p for p in changed if not any(part.startswith(".") for part in p.parts[-2:])}


def run_watcher(
    source: Path,
    rebuild: Callable[[], object],
    live: LiveState,
    stop: threading.Event,
    report: Callable[[str], None],
    ready: threading.Event,
) -> None:
    """Rebuild on every change and tell the open pages what happened."""
    for changed in watch_changes(source, stop, ready):
        if not changed:
            continue
        try:
            outcome = rebuild()
        except SiteError as exc:
            live.errors = error_payload(exc)
            report(str(exc))
            live.publish("build-error", json.dumps(live.errors))
            continue
        except Exception as exc:  # a bug must not stop the preview: show it and keep watching
            live.errors = [
                {
                    "location": "",
                    "message": f"{type(exc).__name__}: {exc}",
                    "hint": "this is a bug in showcase; please report it",
                }
            ]
            report(f"error: {type(exc).__name__}: {exc}")
            live.publish("build-error", json.dumps(live.errors))
            continue
        had_errors = bool(live.errors)
        live.errors = []
        report(str(outcome))
        live.publish("ok" if had_errors else classify(changed, source))


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
    stop, ready = threading.Event(), threading.Event()
    watcher = threading.Thread(
        target=run_watcher, args=(source, rebuild, live, stop, report, ready), daemon=True
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
    it; the next change tries again. ``on_ready`` is called once the watcher listens.
    """
    stop = stop or threading.Event()
    ready = threading.Event()
    announced = False
    # Rebuilds touch a few pages: one process does them sooner than starting workers would.
    builder.workers = 1
    if not builder.primed:
        with contextlib.suppress(SiteError):  # read the whole site now, not at the first change
            builder.build(shortcut=False)
    for changed in watch_changes(builder.source, stop, ready):
        if not announced:
            announced = True
            on_ready()
        if not changed:
            continue
        try:
            on_build(builder.build())
        except SiteError as exc:
            on_error(exc)
        gc.collect()  # the cycles a build left, collected while waiting for the next change
