"""Ask other hosts whether the site's links to them answer: ``check --external``.

Each link has one deadline for all it takes (looking up names, connecting, redirects, a slow
answer): when the time is up, every connection made for it is cut, and a name lookup still
waiting is left to finish on its own. A HEAD request is tried first, then a GET; only the
status is read, never a body. Redirects are followed to http and https only. Links carrying a
user name and password are reported, never sent.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import IO
from urllib.parse import urlsplit

from generator import __version__

DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 8
_USER_AGENT = f"showcase-check/{__version__}"


def fetch_all(urls: Sequence[str], timeout: float, workers: int) -> list[str | None]:
    """``fetch`` every URL, ``workers`` at a time; the outcomes in the order of ``urls``."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda url: fetch(url, timeout), urls))


def fetch(url: str, timeout: float) -> str | None:
    """None when ``url`` answers with success, else the status or error, in a few words.

    The link has ``timeout`` seconds in all, however slowly a server sends its answer.
    """
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        return "the link carries a user name and password: remove them"  # never sent
    deadline = _Deadline(timeout)
    opener = urllib.request.build_opener(
        _Watched.http(deadline), _Watched.https(deadline), _WebRedirects()
    )
    timer = threading.Timer(timeout, deadline.expire)
    timer.daemon = True
    timer.start()
    try:
        problem = _request(opener, url, "HEAD", deadline)
        if problem is not None and not deadline.expired:
            problem = _request(opener, url, "GET", deadline)
    finally:
        timer.cancel()
    return f"no answer within {timeout:g} s" if deadline.expired else problem


def _request(
    opener: urllib.request.OpenerDirector, url: str, method: str, deadline: _Deadline
) -> str | None:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": _USER_AGENT})
    try:
        # Only the status is wanted: the body is never read.
        with opener.open(request, timeout=max(deadline.remaining(), 0.01)) as response:
            status = int(response.status)
    except _Refused as exc:
        return str(exc.reason)
    except urllib.error.HTTPError as exc:
        exc.close()
        return f"status {exc.code} {exc.reason}".rstrip()
    except urllib.error.URLError as exc:
        return f"cannot be reached: {exc.reason}"
    except (OSError, ValueError, http.client.HTTPException) as exc:
        return f"cannot be reached: {exc or type(exc).__name__}"
    return None if status < 400 else f"status {status}"


class _Deadline:
    """When a link's time is up: then every connection made for it is cut, so that no read
    waits on, whatever a server's pace."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._connections: list[http.client.HTTPConnection] = []
        self.expired = False

    def remaining(self) -> float:
        """Seconds left."""
        return self._end - time.monotonic()

    def watch(self, connection: http.client.HTTPConnection) -> None:
        """Cut ``connection`` when the time is up (now, if it is)."""
        with self._lock:
            self._connections.append(connection)
            if self.expired:
                _cut(connection)

    def expire(self) -> None:
        """The time is up: cut every connection."""
        with self._lock:
            self.expired = True
            for connection in self._connections:
                _cut(connection)


class _Refused(urllib.error.URLError):
    """A redirect the check does not follow; its reason is the whole outcome."""


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, but only to http and https: an ``ftp://`` target would be fetched
    by a handler the deadline does not watch, from a host the page never named."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            fp.close()
            raise _Refused(f"redirects to {newurl}: only http and https links are checked")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _resolve(host: str, port: int, deadline: _Deadline) -> list[tuple[str, int]]:
    """The addresses of ``host``, looked up in a thread of its own so that the deadline holds:
    the system's resolver cannot be interrupted, and may wait much longer than the link may."""
    found: list[tuple[str, int]] = []
    failed: list[OSError] = []

    def look_up() -> None:
        try:
            for *_, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
                found.append((str(address[0]), int(address[1])))
        except OSError as exc:
            failed.append(exc)

    lookup = threading.Thread(target=look_up, name=f"resolve {host}", daemon=True)
    lookup.start()
    lookup.join(max(deadline.remaining(), 0.0))
    if lookup.is_alive():
        deadline.expire()
        raise TimeoutError(f"no address for {host} in time")
    if failed:
        raise failed[0]
    return found


def _connect(
    address: tuple[str, int],
    timeout: float | None,
    source_address: tuple[str, int] | None,
    deadline: _Deadline,
) -> socket.socket:
    """``socket.create_connection``, with the name looked up within the deadline."""
    problem: OSError = OSError(f"no address for {address[0]}")
    for numeric in _resolve(address[0], address[1], deadline):
        try:
            return socket.create_connection(numeric, timeout, source_address)
        except OSError as exc:
            problem = exc
    raise problem


def _cut(connection: http.client.HTTPConnection) -> None:
    if connection.sock is not None:
        with contextlib.suppress(OSError):
            connection.sock.shutdown(socket.SHUT_RDWR)


class _Watched:
    """urllib's handlers (proxies, redirects and all), with connections a deadline cuts."""

    @staticmethod
    def http(deadline: _Deadline) -> urllib.request.HTTPHandler:
        class Connection(http.client.HTTPConnection):
            def connect(self) -> None:
                self._create_connection = partial(_connect, deadline=deadline)
                super().connect()
                deadline.watch(self)

        class Handler(urllib.request.HTTPHandler):
            def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                return self.do_open(Connection, req)

        return Handler()

    @staticmethod
    def https(deadline: _Deadline) -> urllib.request.HTTPSHandler:
        class Connection(http.client.HTTPSConnection):
            def connect(self) -> None:
                self._create_connection = partial(_connect, deadline=deadline)
                super().connect()
                deadline.watch(self)

        class Handler(urllib.request.HTTPSHandler):
            def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                return self.do_open(Connection, req, context=context)

        context = ssl.create_default_context()
        return Handler(context=context)
