"""The preview server: clean URLs, the 404 page, types, base path, and nothing outside the site."""

from __future__ import annotations

import http.client
import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import BuildReport
from generator.authoring.livereload import LiveState, PreviewServer, bind, inject_live_script
from generator.authoring.preview import classify, preview, rebuilt


def serve(root: Path, base_path: str = "/") -> Iterator[PreviewServer]:
    server = PreviewServer(("127.0.0.1", 0), root, base_path, LiveState())
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    ).start()
    yield server
    server.stopping.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(example_build: BuildReport) -> Iterator[PreviewServer]:
    yield from serve(example_build.output)


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    text: str

    def getheader(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def get(server: PreviewServer, path: str, method: str = "GET") -> Reply:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        data = response.read()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Reply(response.status, headers, data.decode("utf-8", "replace"))
    finally:
        connection.close()


def body(server: PreviewServer, path: str) -> str:
    return get(server, path).text


def test_clean_urls_serve_index_pages(server: PreviewServer) -> None:
    assert get(server, "/").status == 200
    assert get(server, "/artists/bakhyt-morel/").status == 200
    redirect = get(server, "/artists/bakhyt-morel")
    assert redirect.status == 301 and redirect.getheader("Location") == "/artists/bakhyt-morel/"


def test_missing_pages_get_the_site_404_page_with_status_404(server: PreviewServer) -> None:
    response = get(server, "/no/such/page/")
    assert response.status == 404
    assert "This page is not here" in body(server, "/no/such/page/")


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/css/site.*.css", "text/css; charset=utf-8"),
        ("/js/map.*.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/map/region.geojson", "application/geo+json; charset=utf-8"),
        ("/media/steppe-awakening/golden-grass-480.avif", "image/avif"),
        ("/media/steppe-awakening/golden-grass-480.webp", "image/webp"),
        ("/media/steppe-awakening/golden-grass-480.jpg", "image/jpeg"),
    ],
)
def test_files_have_their_mime_types(server: PreviewServer, path: str, kind: str) -> None:
    if "*" in path:  # stylesheets and scripts carry a content hash in their names
        [found] = server.root.glob(path.lstrip("/"))
        path = "/" + found.relative_to(server.root).as_posix()
    response = get(server, path)
    assert response.status == 200
    assert response.getheader("Content-Type") == kind


def test_pages_get_the_live_reload_script_only_when_served(
    server: PreviewServer, example_build: BuildReport
) -> None:
    assert '<script src="/__showcase/live.js" defer></script></body>' in body(server, "/")
    on_disk = (example_build.output / "index.html").read_text(encoding="utf-8")
    assert "__showcase" not in on_disk
    assert get(server, "/__showcase/live.js").status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/../site.yaml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/css/../../x",
        "/.showcase-build",
        "/%00",
        "/css%5c..%5c..%5cetc",
    ],
)
def test_nothing_outside_the_site_is_served(server: PreviewServer, path: str) -> None:
    assert get(server, path).status == 404


def test_a_symlink_pointing_out_of_the_site_is_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text("<p>home</p>", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    os.symlink(secret, root / "leak.txt")
    for running in serve(root):
        assert get(running, "/leak.txt").status == 404
        assert get(running, "/index.html").status == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_only_get_and_head_are_answered(server: PreviewServer, method: str) -> None:
    response = get(server, "/", method)
    assert response.status == 405
    assert response.getheader("Allow") == "GET, HEAD"
    assert get(server, "/", "HEAD").status == 200


def test_a_base_url_sub_path_is_served_under_that_path(example_build: BuildReport) -> None:
    for running in serve(example_build.output, "/showcase/"):
        assert get(running, "/showcase/").status == 200
        assert get(running, "/showcase/map/").status == 200
        assert get(running, "/showcase").getheader("Location") == "/showcase/"
        assert get(running, "/map/").status == 404


def test_a_busy_port_moves_to_the_next_free_one(example_build: BuildReport) -> None:
    first = PreviewServer(("127.0.0.1", 0), example_build.output, "/", LiveState())
    port = first.server_address[1]
    try:
        second, moved = bind("127.0.0.1", port, example_build.output, "/", LiveState())
        assert moved and second.server_address[1] > port
        second.server_close()
    finally:
        first.server_close()


def test_stylesheet_only_changes_swap_css_without_a_reload(tmp_path: Path) -> None:
    css = tmp_path / "static/css/site.css"
    assert classify([css], tmp_path) == "css"
    assert classify([css, tmp_path / "content/artists/x.md"], tmp_path) == "reload"


def test_the_live_script_goes_before_the_end_of_the_body() -> None:
    assert inject_live_script(b"<body><p>x</p></body></html>").endswith(
        b'<script src="/__showcase/live.js" defer></script></body></html>'
    )


def wait_for(messages: list[str], text: str, timeout: float = 30.0) -> str:
    """The first message holding ``text``, waiting for the preview to print it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [message for message in messages if text in message]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never came; the preview said: {messages}")


def test_a_fixed_build_says_the_site_is_up_to_date_not_rendered_0_pages(
    tiny_project: Path, image_cache: Path
) -> None:
    story = tiny_project / "content/artists/dana-sadyk.md"
    good = story.read_text(encoding="utf-8")
    messages: list[str] = []
    running = preview(tiny_project, port=0, cache_dir=image_cache, report=messages.append)
    try:
        assert wait_for(messages, "Rendered ").startswith("Rendered 9 pages in ")
        story.write_text(good.replace("name: Dana Sadyk", "name: [Dana"), encoding="utf-8")
        wait_for(messages, "content/artists/dana-sadyk.md:")
        story.write_text(good, encoding="utf-8")  # back as it was: no page changes
        fixed = wait_for(messages, "Fixed")
        assert re.fullmatch(
            r"Fixed: the site is up to date \(9 pages, 0 rendered again in \d+ ms\)", fixed
        )
        assert not any(message.startswith("Rendered 0 pages") for message in messages)
    finally:
        running.shutdown()


def test_a_rebuild_that_changes_no_page_says_so() -> None:
    report = BuildReport(Path("site"), pages=8, images=2, files=20, seconds=0.012)
    assert (
        rebuilt(report, fixed=False) == "No page changed: the site's 8 pages are up to date (12 ms)"
    )
    changed = BuildReport(
        Path("site"), pages=8, images=2, files=20, seconds=0.012, rendered=("/", "/map/")
    )
    assert rebuilt(changed, fixed=False) == "Rendered 2 pages in 12 ms"
    assert rebuilt(changed, fixed=True) == (
        "Fixed: the site is up to date (8 pages, 2 rendered again in 12 ms)"
    )
