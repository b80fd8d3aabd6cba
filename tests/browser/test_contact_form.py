"""The contact form and the enquiry in Chromium: posted without JavaScript, encoded email
addresses shown as written, axe in light and dark, and screenshots to look at."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from generator import build
from tests.browser.test_accessibility import SETTLED, WCAG_TAGS, describe
from tests.sitecheck import serve_folder

pytestmark = pytest.mark.browser

AVAILABLE = "/gallery/the-people-of-aktybek/harvest-at-first-light/"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


class _Receiver(BaseHTTPRequestHandler):
    """Keeps each form posted to it, and answers with a small thank-you page."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        self.server.posted.append(parse_qs(body, keep_blank_values=True))  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>Thanks</title><p>Thank you.")

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[dict[str, list[str]]]]]:
    """A loopback server that records what forms post; yields its address and the record."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.posted = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/submit", server.posted  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site_posting_to(
    tiny_project: Path, receiver: tuple[str, list[dict[str, list[str]]]]
) -> Iterator[str]:
    """The tiny site with a netlify form posting to the receiver, served; yields its URL."""
    action, _ = receiver
    settings = tiny_project / "site.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + f"contact:\n  email: dana@example.org\n  form:\n    action: {action}\n"
        "    provider: netlify\n",
        encoding="utf-8",
    )
    report = build(tiny_project, tiny_project / "site", cache_dir=tiny_project / "cache")
    with serve_folder(report.output) as url:
        yield url


def test_the_contact_form_posts_its_fields_without_javascript(
    browser: Any, site_posting_to: str, receiver: tuple[str, list[dict[str, list[str]]]]
) -> None:
    _, posted = receiver
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_posting_to + "/contact/")
        page.get_by_label("Your name").fill("Aruzhan")
        page.get_by_label("Your email address").fill("aruzhan@example.net")
        page.get_by_label("The work it is about").fill("Dawn")
        page.get_by_label("Message").fill("Is it still available?\nThank you.")
        page.get_by_role("button", name="Send").click()
        page.wait_for_selector("text=Thank you.")
    finally:
        context.close()
    assert posted == [
        {
            "form-name": ["contact"],
            "bot-field": [""],
            "name": ["Aruzhan"],
            "email": ["aruzhan@example.net"],
            "work": ["Dawn"],
            "message": ["Is it still available?\r\nThank you."],
        }
    ]


def test_a_work_page_enquiry_posts_the_work_without_javascript(
    browser: Any, site_posting_to: str, receiver: tuple[str, list[dict[str, list[str]]]]
) -> None:
    _, posted = receiver
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_posting_to + "/gallery/small-hours/dusk/")
        page.get_by_text("Enquire about this work").click()  # opens the <details>
        assert page.get_by_label("The work").input_value() == "Dusk"
        page.get_by_label("Your name").fill("Aruzhan")
        page.get_by_label("Your email address").fill("aruzhan@example.net")
        page.get_by_label("Message").fill("The price, please.")
        page.get_by_role("button", name="Send").click()
        page.wait_for_selector("text=Thank you.")
    finally:
        context.close()
    assert len(posted) == 1
    assert posted[0]["work"] == ["Dusk"] and posted[0]["bot-field"] == [""]


def test_a_required_field_left_empty_posts_nothing(
    browser: Any, site_posting_to: str, receiver: tuple[str, list[dict[str, list[str]]]]
) -> None:
    _, posted = receiver
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_posting_to + "/contact/")
        page.get_by_label("Your name").fill("Aruzhan")
        page.get_by_role("button", name="Send").click()
        page.wait_for_timeout(300)
        assert page.url.endswith("/contact/")
    finally:
        context.close()
    assert posted == []


def test_the_encoded_email_address_is_shown_and_followed_as_written(
    browser: Any, served_site: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        response = page.goto(served_site + "/contact/")
        assert response is not None and "studio@example.org" not in response.text()
        link = page.locator(".contact__address a").first
        assert link.inner_text() == "studio@example.org"
        assert link.get_attribute("href") == "mailto:studio@example.org"
        assert page.evaluate("() => document.querySelector('.contact__address a').href") == (
            "mailto:studio@example.org"
        )
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/contact/", AVAILABLE])
def test_contact_and_enquiry_pass_axe(
    browser: Any, served_site: str, artifacts: Path, path: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    name = "contact" if path == "/contact/" else "work-enquiry"
    for size, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(served_site + path, wait_until="networkidle")
            if name == "work-enquiry":
                page.locator("details.enquire summary").click()
                page.locator("details.enquire form").scroll_into_view_if_needed()
            page.evaluate(SETTLED)
            page.screenshot(path=str(artifacts / f"{name}-{size}-{scheme}.png"), full_page=True)
            if size == "desktop":
                results = Axe().run(
                    page,
                    options={
                        "runOnly": {"type": "tag", "values": WCAG_TAGS},
                        "resultTypes": ["violations"],
                    },
                )
                violations = results.response["violations"]
                assert not violations, f"axe on {path} ({scheme}):" + describe(violations)
        finally:
            context.close()
