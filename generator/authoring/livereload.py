"""Preview server: serves a built folder over HTTP, with live-reload events, to this machine.

It knows nothing about building (authoring/preview.py watches and rebuilds). It answers only
to loopback names, bounds every connection in number and time (authoring/guards.py), and
serves nothing outside the folder.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import os
import posixpath
import queue
import selectors
import socket
import stat
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.authoring.guards import (
    MAX_CONNECTIONS,
    REQUEST_TIMEOUT,
    Deadlines,
    host_is_allowed,
    refuse_busy,
)
from generator.errors import ContentErrors, SiteError
from generator.layout import LIVE_SCRIPT
from generator.media.images import EXTENSIONS, MIME_TYPES

EVENTS_PATH = "/__showcase/events"
LIVE_SCRIPT_PATH = "/__showcase/live.js"
TYPES = {
    **{f".{EXTENSIONS[name]}": kind for name, kind in MIME_TYPES.items()},
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
HEARTBEAT = 15.0  # seconds between comments on a quiet live stream


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
    """An HTTP server for one built folder, under the site's base path.

    At most ``max_connections`` are served at once (others get 503), and a request's head
    must arrive within ``request_timeout`` seconds, so stalled clients cannot hold threads.
    """

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        root: Path,
        base_path: str,
        live: LiveState,
        *,
        max_connections: int = MAX_CONNECTIONS,
        request_timeout: float = REQUEST_TIMEOUT,
    ) -> None:
        self.root = root.resolve()
        self.base_path = base_path if base_path.endswith("/") else base_path + "/"
        self.live = live
        self.stopping = threading.Event()
        self.bound_host = address[0]
        self.request_timeout = request_timeout
        self.slots = threading.BoundedSemaphore(max_connections)
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        self.deadlines = Deadlines()  # before binding: a failed bind closes it
        super().__init__(address, PreviewHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve in a thread of its own, or refuse at once when all slots are taken."""
        if not self.slots.acquire(blocking=False):
            refuse_busy(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve one connection, then give its slot back."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away or stalled is no news; anything else gets one line."""
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            return
        sys.stderr.write(
            f"error: the preview could not answer a request: {type(error).__name__}: {error}\n"
        )

    def server_close(self) -> None:
        """Stop listening, and stop the clock of unfinished requests."""
        super().server_close()
        self.deadlines.close()


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD for files of the site, clean URLs, the 404 page, and live events."""

    server: PreviewServer
    server_version = "showcase"
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        """Bound every read and write of this connection in time."""
        self.request.settimeout(self.server.request_timeout)
        super().setup()

    def handle_one_request(self) -> None:
        """Read and answer one request, whose head must arrive before the deadline."""
        self.server.deadlines.arm(self.connection, self.server.request_timeout)
        try:
            super().handle_one_request()
        finally:
            self.server.deadlines.disarm(self.connection)

    def parse_request(self) -> bool:
        """Read the request's head; refuse it when it came too late or names a foreign host."""
        if not super().parse_request():
            return False
        if not self.server.deadlines.disarm(self.connection):
            self.close_connection = True  # cut off while the head trickled in
            return False
        named: list[str] = self.headers.get_all("Host") or []
        single = len(named) == 1  # none, or two (which one would a proxy believe?): refused
        if not self.path.startswith("/"):  # an absolute target names a host of its own
            named.append(urlsplit(self.path).netloc)
        if not single or not all(host_is_allowed(n, self.server.bound_host) for n in named):
            self._send_plain(
                HTTPStatus.MISDIRECTED_REQUEST, b"This preview answers to localhost only.\n"
            )
            self.close_connection = True
            return False
        return True

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
        self.send_header("Connection", "close")  # the body it may carry is never read
        self.end_headers()
        self.close_connection = True

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the terminal is for build messages."""

    def _respond(self, *, head: bool) -> None:
        path = request_path(self.path)
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
                self._redirect("/" + path.lstrip("/") + "/")  # never //host: another site
            elif not self._send_file(target / "index.html", HTTPStatus.OK, head):
                self._not_found(head)
        elif not self._send_file(target, HTTPStatus.OK, head):
            self._not_found(head)

    def _resolve(self, relative: str) -> Path | None:
        """The file or folder a URL names, or None when it is missing or outside the site."""
        decoded = unquote(relative)
        if "\0" in decoded or "\\" in decoded:
            return None
        parts = [p for p in decoded.split("/") if p]
        if any(p in ("..", ".") or p.startswith(".") for p in parts):
            return None  # no climbing out, and no hidden files (the build marker, temp files)
        normal = posixpath.normpath("/" + "/".join(parts)).lstrip("/")
        root = self.server.root
        try:  # a name too long, a symlink loop, a folder that vanished: all are missing
            target = (root / normal).resolve()
            if not target.is_relative_to(root) or not target.exists():
                return None  # a symlink pointing out of the site counts as missing
        except (OSError, RuntimeError, ValueError):
            return None
        return target

    def _not_found(self, head: bool) -> None:
        if not self._send_file(self.server.root / "404.html", HTTPStatus.NOT_FOUND, head):
            # nothing built yet: a page that still shows the overlay and reloads when fixed
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

    def _send_file(self, path: Path, status: HTTPStatus, head: bool) -> bool:
        """Send a regular file of the site; False, having sent nothing, when it cannot be read."""
        body = read_regular_file(path)
        if body is None:
            return False
        kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        if kind == "text/html":
            body = inject_live_script(body)
        self._send(status, body, kind or "application/octet-stream", head)
        return True

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

    def _send_plain(self, status: HTTPStatus, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _stream_events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        mine = self.server.live.subscribe()
        hangup = selectors.DefaultSelector()
        hangup.register(self.connection, selectors.EVENT_READ)  # a client sends nothing more
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            quiet_since = time.monotonic()
            while not self.server.stopping.is_set():
                try:
                    event, data = mine.get(timeout=0.25)
                except queue.Empty:
                    if hangup.select(timeout=0):
                        return  # the page went away (end-of-file or a reset)
                    if time.monotonic() - quiet_since < HEARTBEAT:
                        continue
                    event, data = "", ""  # a comment finds half-open connections
                message = f"event: {event}\ndata: {data}\n\n" if event else ": ping\n\n"
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
                quiet_since = time.monotonic()
        except OSError:
            pass  # gone, reset or stalled: the thread ends either way
        finally:
            hangup.close()
            self.server.live.unsubscribe(mine)


def request_path(target: str) -> str:
    """The path of a request target, as sent (origin form ``/a?b`` or absolute form)."""
    if target.startswith("/"):  # not urlsplit: it would read ``//name/x`` as a host
        return target.split("?", 1)[0].split("#", 1)[0]
    return urlsplit(target).path or "/"


def read_regular_file(path: Path) -> bytes | None:
    """The bytes of a regular file (never a pipe or a device), or None if it cannot be read."""
    try:  # opened without waiting: opening a pipe for reading would wait for a writer
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    with open(descriptor, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            return file.read()
        except OSError:
            return None


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
