"""What the preview refuses: foreign host names, too many connections, requests too slow.

The preview server (livereload.py) applies them; the README's notes on the preview say
what each one promises.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARDS = ("", "0.0.0.0", "::")
MAX_CONNECTIONS = 64  # browsers open about six per site, plus one live stream per tab
REQUEST_TIMEOUT = 5.0  # seconds for a request's head to arrive, and for any one read or write


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (a name like 127.example.com
    is not: any machine may bear it)."""
    if host.lower() in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_is_allowed(header: str | None, bound: str) -> bool:
    """Whether a request's ``Host`` is one the preview answers to.

    Only loopback names and the address the server was told to bind: a page on another site
    whose name was re-pointed at this machine (DNS rebinding) sends its own name and is refused.
    A server bound to every address (0.0.0.0) also answers to any address typed as numbers,
    which no other site's page can send.
    """
    if not header:
        return False
    name, port = header.strip().lower(), ""
    if name.startswith("["):
        end = name.find("]")
        if end < 0:
            return False
        name, port = name[1:end], name[end + 1 :]
    elif name.count(":") == 1:
        name, port = name.split(":")
        port = ":" + port
    if port and not (port.startswith(":") and port[1:].isdigit()):
        return False
    bound = bound.lower().strip("[]")
    if name in LOOPBACK or (name == bound and bound not in WILDCARDS):
        return True
    if bound in WILDCARDS:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


def refuse_busy(request: socket.socket) -> None:
    """Answer 503 without blocking the thread that accepts connections."""
    try:
        request.setblocking(False)
        request.send(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Length: 36\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
            b"The preview is busy; try it again.\r\n"
        )
        request.shutdown(socket.SHUT_WR)
        request.recv(65536)  # what the client already sent, so closing does not reset
    except OSError:
        pass


class Deadlines:
    """Cuts off connections whose request head has not arrived in time: one thread for all."""

    def __init__(self) -> None:
        self._due: dict[socket.socket, float] = {}
        self._changed = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="preview-deadlines", daemon=True)
        self._thread.start()

    def arm(self, connection: socket.socket, seconds: float) -> None:
        """Cut ``connection`` off in ``seconds`` unless disarmed before."""
        with self._changed:
            self._due[connection] = time.monotonic() + seconds
            self._changed.notify()

    def disarm(self, connection: socket.socket) -> bool:
        """Stop the clock; False when it had already run out (the connection is cut off)."""
        with self._changed:
            return self._due.pop(connection, None) is not None

    def close(self) -> None:
        """Stop the thread."""
        with self._changed:
            self._closed = True
            self._changed.notify()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._changed:
                if self._closed:
                    return
                now = time.monotonic()
                late = [c for c, due in self._due.items() if due <= now]
                for connection in late:
                    del self._due[connection]
                if not late:
                    soonest = min(self._due.values(), default=now + 60)
                    self._changed.wait(timeout=soonest - now)
            for connection in late:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)  # its thread reads end-of-file
