"""`showcase serve` in a real browser: edits appear by themselves, errors show and go.

The waits are long (10 s): they tell "appears by itself" from "never appears" on a loaded
machine; how fast an edit appears is measured by bench/edit_latency.py."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.authoring.livereload import LiveState, PreviewServer
from generator.authoring.preview import Preview, preview
from generator.layout import default_theme

pytestmark = pytest.mark.browser
STORY = "content/artists/bekzat-ayumi.md"


@pytest.fixture
def running(project: Path, own_cache: Path) -> Iterator[Preview]:
    (project / "static/css").mkdir(parents=True)
    shutil.copy(default_theme() / "static/css/site.css", project / "static/css/site.css")
    messages: list[str] = []
    server = preview(project, port=0, cache_dir=own_cache, report=messages.append)
    yield server
    server.shutdown()


def edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_story_appears_without_a_manual_reload(
    browser: Any, running: Preview, project: Path, artifacts: Path
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(running.url + "artists/bekzat-ayumi/", wait_until="networkidle")
    assert "knew no bounds" in page.inner_text(".story")

    edit(project, STORY, "knew no bounds", "knew no horizon")
    page.wait_for_function(
        "document.querySelector('.story') && "
        "document.querySelector('.story').innerText.includes('knew no horizon')",
        timeout=10_000,
    )

    edit(project, STORY, "discipline: photographer", "discipline: [photographer")
    overlay = page.locator("#showcase-error-overlay")
    overlay.wait_for(timeout=10_000)
    assert "content/artists/bekzat-ayumi.md:5:8" in overlay.inner_text()  # where YAML noticed
    assert "invalid YAML" in overlay.inner_text()
    page.screenshot(path=str(artifacts / "preview-error-overlay.png"))

    edit(project, STORY, "discipline: [photographer", "discipline: photographer")
    overlay.wait_for(state="detached", timeout=10_000)
    assert "knew no horizon" in page.inner_text(".story")
    assert errors == []
    page.close()


def test_a_stylesheet_change_is_swapped_in_without_a_reload(
    browser: Any, running: Preview, project: Path
) -> None:
    page = browser.new_page()
    page.goto(running.url + "gallery/", wait_until="networkidle")
    page.evaluate("window.scrollTo(0, 200); window.stillHere = true")
    edit(
        project,
        "static/css/site.css",
        ".site-brand__title {",
        ".site-brand__title { color: rgb(1, 2, 3);",
    )
    page.wait_for_function(
        "getComputedStyle(document.querySelector('.site-brand__title')).color === 'rgb(1, 2, 3)'",
        timeout=10_000,
    )
    assert page.evaluate("window.stillHere === true")  # the same document: no reload
    page.close()


HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'


@pytest.fixture
def hostile_server(tmp_path: Path) -> Iterator[tuple[PreviewServer, LiveState]]:
    """A preview of a one-page site whose last build failed with errors full of markup."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text("<!doctype html><body><p>home</p></body>", encoding="utf-8")
    live = LiveState()
    live.errors = [
        {
            "location": f"content/{HOSTILE}.md:1:1",
            "message": HOSTILE + "\n\nevent: reload\ndata: x\n\n",
            "hint": "</div>" + HOSTILE,
        }
    ]
    server = PreviewServer(("127.0.0.1", 0), root, "/", live)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    yield server, live
    server.stopping.set()
    server.shutdown()
    server.server_close()


def test_the_error_overlay_shows_markup_in_messages_as_text(
    browser: Any, hostile_server: tuple[PreviewServer, LiveState]
) -> None:
    server, live = hostile_server
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
    overlay = page.locator("#showcase-error-overlay")
    overlay.wait_for(timeout=10_000)
    page.evaluate("window.stillHere = true")
    text = overlay.inner_text()
    assert HOSTILE in text and "event: reload" in text and "hint: </div>" in text
    assert overlay.locator("img, script").count() == 0
    assert page.evaluate("window.pwned === undefined")

    live.publish("build-error", "not json {")  # malformed or unexpected payloads: no crash
    live.publish("build-error", '{"message": "not a list"}')
    live.publish("build-error", json.dumps([{"message": None}, "text", 7]))
    page.wait_for_function(
        "document.querySelectorAll('#showcase-error-overlay .showcase-error').length === 3",
        timeout=10_000,
    )
    assert page.evaluate("window.stillHere === true && window.pwned === undefined")
    assert errors == []
    page.close()


def test_a_closed_page_ends_its_live_stream(
    browser: Any, hostile_server: tuple[PreviewServer, LiveState]
) -> None:
    server, live = hostile_server
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
    page.locator("#showcase-error-overlay").wait_for(timeout=10_000)
    assert len(live.listeners) == 1
    page.goto("about:blank")
    deadline = time.monotonic() + 3
    while live.listeners and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live.listeners == []
    page.close()
