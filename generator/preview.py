"""`showcase serve`: build into a private folder, serve it, rebuild on every change."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from generator.build import Builder
from generator.config import load_config
from generator.serve import Preview, start_preview


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
    its base URL pointed at the preview, and the folder is deleted on shutdown.
    """
    source = Path(source).resolve()
    base_path = urlsplit(load_config(source).base_url).path or "/"
    scratch = Path(tempfile.mkdtemp(prefix="showcase-serve-"))
    root = scratch / "site"

    def make_rebuild(url: str) -> Callable[[], str]:
        builder = Builder(
            source, root, base_url=url, drafts=drafts, cache_dir=cache_dir, incremental=True
        )

        def rebuild() -> str:
            result = builder.build()
            count = len(result.rendered)
            return (
                f"Rendered {count} page{'s' if count != 1 else ''} in "
                f"{result.seconds * 1000:.0f} ms"
            )

        return rebuild

    return start_preview(
        source,
        root,
        base_path,
        host,
        port,
        make_rebuild,
        report,
        on_stop=lambda: shutil.rmtree(scratch, ignore_errors=True),
    )
