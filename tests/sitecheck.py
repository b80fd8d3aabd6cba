"""Read a built site the way a browser would: its pages, links, assets and ids."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit


@dataclass
class PageRefs:
    """What one HTML page points at, and the ids it defines."""

    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    text: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs = PageRefs()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.refs.ids.add(values["id"])
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and "href" in values:
            self.refs.links.append(values["href"])
        # The page's own address and its versions in other languages are full URLs
        # (test_language_versions.py follows those).
        own = values.get("rel") == "canonical" or "hreflang" in values
        if tag == "link" and "href" in values and not own:
            self.refs.assets.append(values["href"])
        if tag in ("img", "script", "source") and values.get("src"):
            self.refs.assets.append(values["src"])
        for key in ("srcset", "data-geojson"):
            if values.get(key):
                self.refs.assets += [part.split()[0] for part in values[key].split(",")]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.refs.text.append(data)


def json_ld(page: Path) -> dict[str, object]:
    """The one JSON-LD block of a built page."""
    html = page.read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data: dict[str, object] = json.loads(block)
    assert data["@context"] == "https://schema.org"
    return data


def read_page(path: Path) -> PageRefs:
    """Parse one built page."""
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.refs


def page_text(path: Path) -> str:
    """The visible text of a page, with white space folded."""
    return " ".join(" ".join(read_page(path).text).split())


def url_of(site: Path, page: Path) -> str:
    """The URL path a page is served at."""
    rel = page.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, url: str) -> Path:
    """The file a site-relative URL path is served from (clean URLs → index.html)."""
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def broken_references(site: Path, base_path: str = "/") -> list[str]:
    """Every internal link, asset or fragment of the site that points nowhere."""
    pages = sorted(site.rglob("*.html"))
    parsed = {page: read_page(page) for page in pages}
    broken = []
    for page, refs in parsed.items():
        page_url = base_path.rstrip("/") + url_of(site, page)
        for ref in refs.links + refs.assets:
            absolute = urljoin(page_url, ref)
            parts = urlsplit(absolute)
            if ref not in refs.assets and parts.scheme in ("http", "https", "mailto", "tel"):
                continue  # a way out (a profile, an address): `check --external` follows those
            if parts.scheme or parts.netloc:
                broken.append(f"{page_url}: external reference {ref}")
                continue
            if not parts.path.startswith(base_path):
                broken.append(f"{page_url}: {ref} is outside {base_path}")
                continue
            target = target_file(site, "/" + parts.path[len(base_path) :])
            if not target.is_file():
                broken.append(f"{page_url}: {ref} → missing {target.relative_to(site)}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else read_page(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{page_url}: {ref} → no id '{parts.fragment}'")
    return broken


def tree_digest(folder: Path) -> dict[str, str]:
    """Path → SHA-256 of every file below ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Chromium drops connections it no longer needs; that is not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A plain static server for ``folder`` on a free loopback port; yields its base URL."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
