"""Preview server: serves a built folder, watches the sources, rebuilds, and reloads the browser.

It knows nothing about building: it is given a ``rebuild`` callable that raises SiteError
when the content is broken, and the folder that callable writes to.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import posixpath
import queue
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.errors import ContentErrors, SiteError
from generator.state import CONFIG_FILE, INPUT_DIRS

EVENTS_PATH = "/__showcase/events"
LIVE_SCRIPT_PATH = "/__showcase/live.js"
LIVE_SCRIPT = Path(__file__).parent / "data" / "live.js"
TYPES = {
    ".avif": "image/avif",
    ".webp": "image/webp",
    ".geojson": "application/geo+json",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".html": "text/html",
    ".json": "application/json",
    ".ico": "image/x-icon",
}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class LiveState:
    """What connected browsers are told: the last outcome, and a queue per browser."""

    errors: list[dict[str, str]] = field(default_factory=list)
    listeners: list[queue.Queue[tuple[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, event: str, data: str = "") -> None:
        """Send an event to every open page."""
        with self.lock:
            for listener in self.listeners:
                listener.put((event, data))

    def subscribe(self) -> queue.Queue[tuple[str, str]]:
        """A queue of events for one page; it first gets the current error, if any."""
        mine: queue.Queue[tuple[str, str]] = queue.Queue()
        with self.lock:
            if self.errors:
                mine.put(("build-error", json.dumps(self.errors)))
            self.listeners.append(mine)
        return mine

    def unsubscribe(self, mine: queue.Queue[tuple[str, str]]) -> None:
        """Forget a page that went away."""
        with self.lock:
            if mine in self.listeners:
                self.listeners.remove(mine)


def error_payload(exc: SiteError) -> list[dict[str, str]]:
    """The errors of a failed build, as the overlay shows them."""
    errors = exc.errors if isinstance(exc, ContentErrors) else (exc,)
    return [{"location": e.location, "message": e.message, "hint": e.hint or ""} for e in errors]


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server for one built folder, under the site's base path."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], root: Path, base_path: str, live: LiveState
    ) -> None:
        self.root = root.resolve()
        self.base_path = base_path if base_path.endswith("/") else base_path + "/"
        self.live = live
        self.stopping = threading.Event()
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, PreviewHandler)


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD for files of the site, clean URLs, the 404 page, and live events."""

    server: PreviewServer
    server_version = "showcase"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        """Serve a file, or the live-reload stream."""
        self._respond(head=False)

    def do_HEAD(self) -> None:
        """Serve a file's headers only."""
        self._respond(head=True)

    def _not_allowed(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the terminal is for build messages."""

    def _respond(self, *, head: bool) -> None:
        path = urlsplit(self.path).path
        if path == EVENTS_PATH and not head:
            self._stream_events()
            return
        if path == LIVE_SCRIPT_PATH:
            self._send(HTTPStatus.OK, LIVE_SCRIPT.read_bytes(), "text/javascript", head)
            return
        base = self.server.base_path
        if path + "/" == base:
            self._redirect(base)
            return
        if not path.startswith(base):
            self._not_found(head)
            return
        target = self._resolve(path[len(base) :])
        if target is None:
            self._not_found(head)
        elif target.is_dir():
            if not path.endswith("/"):
                self._redirect(path + "/")
            elif (target / "index.html").is_file():
                self._send_file(target / "index.html", HTTPStatus.OK, head)
            else:
                self._not_found(head)
        else:
            self._send_file(target, HTTPStatus.OK, head)

    def _resolve(self, relative: str) -> Path | None:
        """The file a URL names, or None when it is missing or outside the site."""
        decoded = unquote(relative)
        if "\0" in decoded or "\\" in decoded:
            return None
        parts = [p for p in decoded.split("/") if p]
        if any(p in ("..", ".") or p.startswith(".") for p in parts):
            return None  # no climbing out, and no hidden files (the build marker, temp files)
        normal = posixpath.normpath("/" + "/".join(parts)).lstrip("/")
        root = self.server.root
        target = (root / normal).resolve()
        if not target.is_relative_to(root) or not target.exists():
            return None  # a symlink pointing out of the site counts as missing
        return target

    def _not_found(self, head: bool) -> None:
        page = self.server.root / "404.html"
        if page.is_file():
            self._send_file(page, HTTPStatus.NOT_FOUND, head)
        else:  # nothing built yet: a page that still shows the overlay and reloads when fixed
            body = inject_live_script(
                b"<!doctype html><title>Not built yet</title><body>"
                b"<p>The site has not been built yet.</p></body>"
            )
            self._send(HTTPStatus.NOT_FOUND, body, "text/html", head)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_file(self, path: Path, status: HTTPStatus, head: bool) -> None:
        kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        body = path.read_bytes()
        if kind == "text/html":
            body = inject_live_script(body)
        self._send(status, body, kind or "application/octet-stream", head)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool) -> None:
        textual = kind.startswith("text/") or kind in (
            "application/json",
            "application/xml",
            "application/geo+json",
            "image/svg+xml",
        )
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if textual else kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _stream_events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        mine = self.server.live.subscribe()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not self.server.stopping.is_set():
                try:
                    event, data = mine.get(timeout=15)
                except queue.Empty:
                    event, data = "", ""  # a comment keeps the connection alive
                message = f"event: {event}\ndata: {data}\n\n" if event else ": ping\n\n"
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.server.live.unsubscribe(mine)


def inject_live_script(html: bytes) -> bytes:
    """Add the live-reload script to a page being previewed (never to a built site)."""
    tag = f'<script src="{LIVE_SCRIPT_PATH}" defer></script>'.encode()
    index = html.rfind(b"</body>")
    return html[:index] + tag + html[index:] if index >= 0 else html + tag


def bind(
    host: str, port: int, root: Path, base_path: str, live: LiveState, *, tries: int = 20
) -> tuple[PreviewServer, bool]:
    """A server on ``port``, or on the next free one; says whether it had to move."""
    for candidate in range(port, port + tries):
        try:
            return PreviewServer((host, candidate), root, base_path, live), candidate != port
        except OSError as exc:
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES) or port == 0:
                raise
    raise OSError(errno.EADDRINUSE, f"ports {port}–{port + tries - 1} are all busy")


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


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    return host in LOOPBACK or host.startswith("127.")
