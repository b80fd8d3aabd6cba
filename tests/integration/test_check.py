"""`showcase check`: a clean example, and one test per kind of problem it finds."""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from generator import build
from generator.authoring.check import check_site
from generator.cli import cli
from tests.conftest import ROOT

STORY = "content/artists/bakhyt-morel.md"
SERIES = "content/series/steppe-awakening.md"
LAST_LINE = "ready to create something truly special."


def run_check(project: Path, cache: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["check", "--source", str(project), "--cache-dir", str(cache), *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def check_json(project: Path, cache: Path, *args: str) -> tuple[int, dict[str, Any]]:
    code, output = run_check(project, cache, "--format", "json", *args)
    data: dict[str, Any] = json.loads(output)
    return code, data


def append_to_story(project: Path, text: str) -> int:
    """Add a paragraph to Bakhyt Morel's story; return the line it is on."""
    path = project / STORY
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "", text, ""]), encoding="utf-8")
    return len(lines) + 2


def without_public_links(project: Path) -> None:
    """Point the example's links to other hosts (its contact links: Instagram…) at mail
    addresses, so that --external requests nothing but the test's own loopback servers."""
    for path in (project / "site.yaml", *sorted((project / "content/artists").glob("*.md"))):
        text = path.read_text(encoding="utf-8")
        local = re.sub(r"(?m)^(\s+url: )https?://\S+", r"\1mailto:studio@example.org", text)
        path.write_text(local, encoding="utf-8")


def override_template(project: Path, name: str, old: str, new: str) -> None:
    """Copy a theme template into the project's templates/ with one change."""
    text = (ROOT / "templates" / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    target = project / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def kinds(items: list[dict[str, Any]]) -> list[str]:
    return [item["kind"] for item in items]


def test_the_example_site_is_clean(project: Path, own_cache: Path) -> None:
    code, output = run_check(project, own_cache)
    assert code == 0, output
    assert output.strip().splitlines()[-1] == "0 errors, 0 warnings"


def test_checking_keeps_no_build_record_for_its_throwaway_folder(
    project: Path, own_cache: Path
) -> None:
    records = set(own_cache.glob("build/*.json"))
    run_check(project, own_cache)
    assert set(own_cache.glob("build/*.json")) == records  # nobody builds that folder again


def test_a_broken_internal_link_in_a_story_is_an_error_at_its_line(
    project: Path, own_cache: Path
) -> None:
    line = append_to_story(project, "See also [her friend](/artists/anna-nobody/).")
    code, output = run_check(project, own_cache)
    assert code == 1, output
    assert f"{STORY}:{line}: error: /artists/anna-nobody/ points nowhere" in output
    assert output.strip().splitlines()[-1] == "1 error, 0 warnings"


def test_a_relative_link_is_resolved_against_the_page(project: Path, own_cache: Path) -> None:
    append_to_story(project, "Compare [Kalējs](../bakhyt-kalejs/) and [nobody](../nobody/).")
    code, data = check_json(project, own_cache)
    assert code == 1
    assert [(e["kind"], e["file"]) for e in data["errors"]] == [("link", STORY)]
    assert "../nobody/" in data["errors"][0]["message"]


def test_a_missing_anchor_is_an_error(project: Path, own_cache: Path) -> None:
    line = append_to_story(
        project, "His [series](/artists/bakhyt-morel/#series-heading) and [more](/map/#nowhere)."
    )
    code, data = check_json(project, own_cache)
    assert code == 1
    assert data["errors"] == [
        {
            "file": STORY,
            "line": line,
            "message": "/map/#nowhere: the page /map/ has no id 'nowhere'",
            "kind": "anchor",
        }
    ]
    assert data["warnings"] == []


def test_an_image_without_alt_in_a_template_is_an_error(project: Path, own_cache: Path) -> None:
    override_template(
        project,
        "404.html",
        '<h1>{{ _("This page is not here") }}</h1>',
        '<h1>{{ _("This page is not here") }}</h1>\n'
        "<img src=\"{{ '/img/favicon.svg'|url }}\">\n"
        '<img src="{{ \'/img/favicon.svg\'|url }}" alt="" role="presentation">',
    )
    code, data = check_json(project, own_cache)
    assert code == 1
    assert kinds(data["errors"]) == ["alt"]
    assert data["errors"][0]["file"] == "/404.html"
    assert data["errors"][0]["line"] is None
    assert "/img/favicon.svg has no alt text" in data["errors"][0]["message"]


def test_an_unused_file_in_content_is_a_warning(project: Path, own_cache: Path) -> None:
    folder = project / "content" / "series" / "steppe-awakening"
    shutil.copy2(folder / "01-steppe-at-first-light.jpg", folder / "07-left-over.jpg")
    (folder / "notes.txt").write_text("to do\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0")
    code, data = check_json(project, own_cache)
    assert code == 0
    assert data["errors"] == []
    assert [(w["kind"], w["file"]) for w in data["warnings"]] == [
        ("unused-file", "content/series/steppe-awakening/07-left-over.jpg"),
        ("unused-file", "content/series/steppe-awakening/notes.txt"),
    ]


def test_an_image_too_small_for_a_work_page_is_a_warning(project: Path, own_cache: Path) -> None:
    image = project / "content" / "series" / "steppe-awakening" / "02-golden-grass.jpg"
    with Image.open(image) as original:
        original.resize((600, 750)).save(image, quality=85)
    code, output = run_check(project, own_cache)
    assert code == 0, output
    line = next(
        number
        for number, text in enumerate((project / SERIES).read_text().splitlines(), start=1)
        if "02-golden-grass.jpg" in text
    )
    label = "content/series/steppe-awakening/02-golden-grass.jpg"
    assert f"{SERIES}:{line}: warning: {label} is only 600×750 px" in output
    assert output.strip().splitlines()[-1] == "0 errors, 1 warning"


def test_a_page_without_a_description_is_a_warning(project: Path, own_cache: Path) -> None:
    tag = '<meta name="description" content="{{ page.description }}">'
    override_template(
        project, "base.html", tag, '{% if page.url != "/map/" %}' + tag + "{% endif %}"
    )
    code, data = check_json(project, own_cache)
    assert code == 0
    # The map page, in each of the example's three languages.
    found = sorted((w["kind"], w["file"]) for w in data["warnings"])
    assert found == [
        ("description", "/kk/map/"),
        ("description", "/map/"),
        ("description", "/ru/map/"),
    ]


def test_strict_turns_a_warning_into_an_error(project: Path, own_cache: Path) -> None:
    (project / "content" / "series" / "notes.txt").write_text("to do\n", encoding="utf-8")
    code, _ = run_check(project, own_cache)
    assert code == 0
    code, data = check_json(project, own_cache, "--strict")
    assert code == 1
    assert kinds(data["errors"]) == ["unused-file"]
    assert data["warnings"] == []


def test_broken_content_is_reported_with_file_and_line(project: Path, own_cache: Path) -> None:
    path = project / SERIES
    path.write_text(
        path.read_text(encoding="utf-8").replace("years: 2020–2023", "years: [2020", 1),
        encoding="utf-8",
    )
    code, output = run_check(project, own_cache)
    assert code == 1
    assert "Traceback" not in output
    assert f"{SERIES}:" in output
    assert ": error: " in output
    code, data = check_json(project, own_cache)
    assert code == 1
    assert data["errors"][0]["file"] == SERIES
    assert isinstance(data["errors"][0]["line"], int)


@pytest.mark.parametrize(
    ("alt", "why"),
    [
        ("IMG_3307.jpg", "is a file name"),
        ("03-driftwood", "is a file name"),
        ("02-golden-grass", "is a file name"),
        ("TODO", "is a placeholder"),
        ("tbd", "is a placeholder"),
        ("Image", "is a placeholder"),
        ("photo.", "is a placeholder"),
        ("Alt text", "is a placeholder"),
    ],
)
def test_an_alt_text_that_does_not_describe_is_an_error_at_its_line(
    project: Path, own_cache: Path, alt: str, why: str
) -> None:
    path = project / SERIES
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines) if text.startswith("    alt:") and i > 13)
    lines[number] = f'    alt: "{alt}"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run_check(project, own_cache)
    assert code == 1, output
    assert f"{SERIES}:{number + 1}: error: the alt text {alt!r} {why}" in output
    assert output.strip().splitlines()[-1] == "1 error, 0 warnings"


def test_the_build_warns_of_an_alt_text_that_check_counts_an_error(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    path = project / SERIES
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines) if text.startswith("    alt:") and i > 13)
    lines[number] = "    alt: 01-first-work.jpg"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = f"{SERIES}:{number + 1}: the alt text '01-first-work.jpg' is a file name"
    report = build(project, tmp_path / "out", cache_dir=own_cache)
    assert [w for w in report.warnings if w.startswith(message)], report.warnings
    code, output = run_check(project, own_cache)
    assert code == 1
    assert (
        f"{SERIES}:{number + 1}: error: the alt text '01-first-work.jpg' is a file name" in output
    )


def test_an_alt_text_that_describes_is_not_flagged() -> None:
    from generator.content.placeholders import vague_alt

    image = Path("content/series/s/03-driftwood.jpg")
    for alt in ("Driftwood on a grey beach", "Driftwood", "A photo of a dune at noon", "1990s"):
        assert vague_alt(alt, image) is None, alt


def test_a_file_name_made_a_slug_is_a_warning(project: Path, own_cache: Path) -> None:
    (project / STORY).rename(project / "content/artists/Bakhyt Morel.md")
    code, output = run_check(project, own_cache)
    assert code == 0, output
    assert (
        "content/artists/Bakhyt Morel.md: warning: the file name 'Bakhyt Morel.md' is not a "
        "slug, so the artist's address uses 'bakhyt-morel': rename the file bakhyt-morel.md"
    ) in output
    assert output.strip().splitlines()[-1] == "0 errors, 1 warning"


@pytest.fixture
def local_server() -> Iterator[str]:
    """An HTTP server on 127.0.0.1 that answers /ok with 200 and anything else with 404."""

    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(200 if self.path == "/ok" else 404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            self.do_HEAD()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_external_links_are_checked_only_when_asked(
    project: Path, own_cache: Path, local_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    without_public_links(project)
    line = append_to_story(
        project, f"Read [a review]({local_server}/ok) and [an old one]({local_server}/gone)."
    )
    code, data = check_json(project, own_cache)
    assert (code, data) == (0, {"errors": [], "warnings": []})

    code, data = check_json(project, own_cache, "--external", "--timeout", "5")
    assert code == 0
    assert data["errors"] == []
    assert data["warnings"] == [
        {
            "file": STORY,
            "line": line,
            "message": f"{local_server}/gone: status 404 Not Found",
            "kind": "external",
        }
    ]
    code, data = check_json(project, own_cache, "--external", "--strict")
    assert code == 1
    assert kinds(data["errors"]) == ["external"]


def test_check_site_returns_a_report(project: Path, own_cache: Path) -> None:
    report = check_site(project, cache_dir=own_cache)
    assert report.ok
    assert report.pages > 20
    assert report.summary() == "0 errors, 0 warnings"


@pytest.fixture
def watched_server() -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 that drips its answer to /drip a byte every 0.5 s (for a
    minute), answers anything else with 200, and lists the requests it was sent."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            seen.append(f"{self.command} {self.path} {self.headers.get('Authorization')}")
            if self.path != "/drip":
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            for byte in b"HTTP/1.1 200 OK\r\n" * 10:
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:
                    return  # the client gave up
                time.sleep(0.5)

        def do_GET(self) -> None:
            self.do_HEAD()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("no_proxy")
def test_a_server_dripping_its_answer_fails_the_link_at_the_timeout(
    watched_server: tuple[str, list[str]],
) -> None:
    from generator.authoring.external import fetch as _fetch

    host, _ = watched_server
    started = time.monotonic()
    problem = _fetch(f"http://{host}/drip", timeout=2)
    assert time.monotonic() - started < 3.0  # one deadline for the link, not one per byte
    assert problem == "no answer within 2 s"
    assert _fetch(f"http://{host}/fine", timeout=2) is None


@pytest.mark.usefixtures("no_proxy")
def test_protocol_relative_and_credential_links_are_checked_as_such(
    project: Path, own_cache: Path, watched_server: tuple[str, list[str]]
) -> None:
    host, seen = watched_server
    without_public_links(project)
    line = append_to_story(
        project,
        f"A [mirror](//{host}/mirror) and [the archive](http://ada:s3cret@{host}/archive).",
    )
    code, data = check_json(project, own_cache, "--external", "--timeout", "3")
    assert code == 0
    messages = {w["message"]: (w["file"], w["line"]) for w in data["warnings"]}
    assert messages.pop(
        f"http://ada:s3cret@{host}/archive: the link carries a user name and password: remove them"
    ) == (STORY, line)
    # Requested over https (the scheme such a link takes on an https site), which this
    # plain-http server cannot answer: the link was checked, not skipped.
    ((message, place),) = messages.items()
    assert message.startswith(f"//{host}/mirror: cannot be reached") and place == (STORY, line)
    assert not any("/archive" in request or "s3cret" in request for request in seen)


@pytest.mark.usefixtures("no_proxy")
def test_a_redirect_to_another_scheme_is_reported_and_not_followed() -> None:
    from generator.authoring.external import fetch as _fetch

    ftp = socket.create_server(("127.0.0.1", 0))  # would be asked for the file if followed
    ftp.settimeout(0.5)
    target = f"ftp://127.0.0.1:{ftp.getsockname()[1]}/catalogue.pdf"

    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            self.do_HEAD()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        problem = _fetch(f"http://127.0.0.1:{server.server_address[1]}/moved", timeout=3)
        with pytest.raises(TimeoutError):
            ftp.accept()[0].close()  # nothing connected to the ftp server
    finally:
        server.shutdown()
        server.server_close()
        ftp.close()
    assert problem == f"redirects to {target}: only http and https links are checked"


@pytest.mark.usefixtures("no_proxy")
def test_a_name_lookup_that_hangs_fails_the_link_at_the_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.authoring.external import fetch as _fetch

    resolve = socket.getaddrinfo
    answered = threading.Event()

    def slow_resolver(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "slow-dns.example":
            answered.wait(30)  # a resolver that does not answer
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow_resolver)
    try:
        started = time.monotonic()
        problem = _fetch("http://slow-dns.example/", timeout=1)
        assert time.monotonic() - started < 2.0
    finally:
        answered.set()
    assert problem == "no answer within 1 s"
