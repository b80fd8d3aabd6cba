"""The authoring loop: `showcase serve` (build into a private folder, serve it, rebuild on every
change) and `showcase build --watch` (rebuild the site folder itself on every change)."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from generator.build import Builder, BuildReport
from generator.config import load_config
from generator.errors import SiteError
from generator.scratch import scratch_folder, sweep_stale
from generator.serve import Preview, start_preview, watch_changes

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
        builder = Builder(
            source, root, base_url=url, drafts=drafts, cache_dir=cache_dir, preview=True
        )

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
