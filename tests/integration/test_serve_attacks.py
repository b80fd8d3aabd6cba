"""The preview under attack: foreign hosts, stalled and vanishing clients, odd paths and files.

Every server here listens on loopback only, and every request is bounded in count and time.
"""

from __future__ import annotations

import http.client
import os
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.authoring.livereload import EVENTS_PATH, LiveState, PreviewServer

HOME = "<!doctype html><title>Home</title><body><p>the private home page</p></body>"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "css").mkdir(parents=True)
    (root / "index.html").write_text(HOME, encoding="utf-8")
    (root / "404.html").write_text("<body><p>This page is not here</p></body>", encoding="utf-8")
    (root / "css/site.css").write_text("body{}", encoding="utf-8")
    (root / "big.bin").write_bytes(os.urandom(4 * 1024 * 1024))
    return root


Start = Callable[..., PreviewServer]


@pytest.fixture
def start(site: Path) -> Iterator[Start]:
    """Start a preview server of ``site`` on a free loopback port; all are stopped at the end."""
    started: list[PreviewServer] = []

    def starter(host: str = "127.0.0.1", **options: float) -> PreviewServer:
        server = PreviewServer((host, 0), site, "/", LiveState(), **options)  # type: ignore[arg-type]
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        started.append(server)
        return server

    yield starter
    for server in started:
        server.stopping.set()
        server.shutdown()
        server.server_close()


def raw(server: PreviewServer, request: bytes, *, seconds: float = 5) -> bytes:
    """Send ``request`` as is and read until the server closes the connection."""
    host, port = str(server.server_address[0]), int(server.server_address[1])
    with socket.create_connection((host, port), timeout=seconds) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


def wait_until(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def get(server: PreviewServer, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# -- Host: a page on another origin must not read the preview through DNS rebinding ----------


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "localhost.evil.example", "127.0.0.1.nip.io"]
)
def test_a_foreign_host_is_refused_and_shown_nothing(start: Start, host: str) -> None:
    server = start()
    port = server.server_address[1]
    request = f"GET / HTTP/1.1\r\nHost: {host.format(port=port)}\r\n\r\n".encode()
    reply = raw(server, request)
    assert status(reply) == 421
    assert b"private home page" not in reply
    assert len(reply) < 1000


def test_a_request_without_a_host_is_refused(start: Start) -> None:
    reply = raw(start(), b"GET / HTTP/1.0\r\n\r\n")
    assert status(reply) == 421 and b"private" not in reply


@pytest.mark.parametrize("hosts", [("localhost", "evil.example"), ("localhost", "localhost")])
def test_a_request_with_two_hosts_is_refused(start: Start, hosts: tuple[str, str]) -> None:
    lines = "".join(f"Host: {host}\r\n" for host in hosts)
    reply = raw(start(), f"GET / HTTP/1.1\r\n{lines}\r\n".encode())
    assert status(reply) == 421 and b"private" not in reply


def test_an_absolute_request_target_naming_a_foreign_host_is_refused(start: Start) -> None:
    server = start()
    reply = raw(server, b"GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert status(reply) == 421 and b"private" not in reply


@pytest.mark.parametrize(
    "host", ["localhost:{port}", "127.0.0.1:{port}", "LOCALHOST", "127.0.0.1", "[::1]:{port}"]
)
def test_loopback_names_are_served_with_or_without_a_port(start: Start, host: str) -> None:
    server = start()
    port = server.server_address[1]
    request = f"GET / HTTP/1.1\r\nHost: {host.format(port=port)}\r\nConnection: close\r\n\r\n"
    reply = raw(server, request.encode())
    assert status(reply) == 200 and b"private home page" in reply


def test_an_ipv6_loopback_server_answers_to_its_own_address(start: Start) -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        server = start("::1")
    except OSError:
        pytest.skip("IPv6 loopback is not configured")
    port = server.server_address[1]
    request = f"GET / HTTP/1.1\r\nHost: [::1]:{port}\r\nConnection: close\r\n\r\n".encode()
    assert status(raw(server, request)) == 200


# -- Connections that stall, pile up or vanish ----------------------------------------------


def is_closed_by_server(sock: socket.socket) -> bool:
    """Whether the server has closed ``sock`` (it reads end-of-file or a reset)."""
    try:
        data = sock.recv(65536)
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return data == b"" or is_closed_by_server(sock)


def test_idle_half_sent_requests_are_closed_and_others_still_served(start: Start) -> None:
    server = start(request_timeout=1.0)
    port = server.server_address[1]
    stalled = [socket.create_connection(("127.0.0.1", port), timeout=4) for _ in range(6)]
    try:
        for sock in stalled:
            sock.sendall(b"GET / HT")
        assert get(server, "/")[0] == 200  # served while the others hang
        started = time.monotonic()
        assert all(is_closed_by_server(sock) for sock in stalled)
        assert time.monotonic() - started < 3.5
    finally:
        for sock in stalled:
            sock.close()


def test_a_request_sent_a_byte_at_a_time_is_cut_off(start: Start) -> None:
    server = start(request_timeout=1.0)
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=1) as sock:
        started = time.monotonic()
        closed = False
        for byte in b"GET / HTTP/1.1\r\nX-Slow: " + b"a" * 200:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            time.sleep(0.1)
            if time.monotonic() - started > 4:
                break
        else:
            pytest.fail("the whole trickle was accepted")
        closed = closed or is_closed_by_server(sock)
        assert closed and time.monotonic() - started < 3.5


def test_connections_beyond_the_cap_are_refused_with_503(start: Start) -> None:
    server = start(max_connections=2, request_timeout=1.5)
    port = server.server_address[1]
    held = [socket.create_connection(("127.0.0.1", port), timeout=4) for _ in range(2)]
    try:
        for sock in held:
            sock.sendall(b"GET / HT")
        time.sleep(0.3)  # both accepted: each holds a slot
        reply = raw(server, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert status(reply) == 503 and b"private" not in reply
        assert all(is_closed_by_server(sock) for sock in held)
        assert wait_until(lambda: get(server, "/")[0] == 200, 3)  # slots are given back
    finally:
        for sock in held:
            sock.close()


def test_a_live_reload_stream_ends_soon_after_its_page_goes_away(start: Start) -> None:
    server = start()
    time.sleep(0.1)
    baseline = threading.active_count()
    sock = socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5)
    sock.sendall(f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    assert b": connected" in sock.recv(4096) or b": connected" in sock.recv(4096)
    assert threading.active_count() == baseline + 1
    assert len(server.live.listeners) == 1
    sock.close()
    assert wait_until(lambda: threading.active_count() == baseline, 2.5)
    assert server.live.listeners == []


# -- Odd paths and files answer 404, quietly ------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/" + "a" * 300, "/css/" + "b" * 300 + "/x.css", "/" + "%61" * 300, "/" + "%C3%A9" * 200],
)
def test_an_overlong_path_segment_is_a_plain_404_on_a_kept_connection(
    start: Start, path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    server = start()
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    try:
        started = time.monotonic()
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == 404 and b"not here" in response.read()
        assert time.monotonic() - started < 2
        connection.request("GET", "/")  # the same connection still answers
        assert connection.getresponse().status == 200
    finally:
        connection.close()
    assert "Traceback" not in capsys.readouterr().err


def test_a_symlink_loop_in_the_site_is_a_404(
    start: Start, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.symlink(site / "loop-b", site / "loop-a")
    os.symlink(site / "loop-a", site / "loop-b")
    server = start()
    assert get(server, "/loop-a")[0] == 404
    assert "Traceback" not in capsys.readouterr().err


def test_a_named_pipe_in_the_site_is_not_read(start: Start, site: Path) -> None:
    os.mkfifo(site / "pipe.txt")
    server = start()
    assert get(server, "/pipe.txt")[0] == 404  # never blocks reading a pipe that has no writer


@pytest.mark.parametrize("target", ["/etc/passwd", "/etc"])
def test_a_symlink_in_a_sub_folder_pointing_out_is_a_404(
    start: Start, site: Path, target: str
) -> None:
    os.symlink(target, site / "css" / "passwd")
    server = start()
    code, body = get(server, "/css/passwd")
    assert code == 404 and b"root:" not in body
    assert get(server, "/css/passwd/")[0] == 404


@pytest.mark.parametrize(
    "path",
    [
        "/%2E%2E/%2E%2E/etc/passwd",
        "/css/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/css%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/..\\..\\etc\\passwd",
        "/css%5C..%5C..%5Cetc%5Cpasswd",
        "/index.html%00.css",
        "/%252e%252e/etc/passwd",
    ],
)
def test_encoded_climbs_and_nul_bytes_are_404(start: Start, path: str) -> None:
    code, body = get(start(), path)
    assert code == 404 and b"root:" not in body


def test_a_double_slash_never_redirects_to_another_host(start: Start) -> None:
    server = start()
    reply = raw(server, b"GET //css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert status(reply) == 301
    [location] = [line for line in reply.split(b"\r\n") if line.lower().startswith(b"location:")]
    assert location.split(b":", 1)[1].strip() == b"/css/"


@pytest.mark.parametrize("method", ["TRACE", "PROPFIND", "CONNECT", "OPTIONS", "POST"])
def test_only_get_and_head_are_answered(start: Start, method: str) -> None:
    server = start()
    reply = raw(
        server, f"{method} / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
    )
    assert status(reply) in (405, 501) and b"private" not in reply


def test_clients_vanishing_mid_response_leave_no_traceback(
    start: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    server = start()
    time.sleep(0.1)
    baseline = threading.active_count()
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5)
        sock.sendall(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
        sock.recv(1024)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()  # a reset, mid-response
    assert wait_until(lambda: threading.active_count() == baseline, 5)
    assert get(server, "/")[0] == 200
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error" not in err
