"""Views, videos and sounds in Chromium: nothing asked of YouTube or Vimeo before play is
pressed, then only their privacy-friendly players; views in the lightbox at #view-<n>; plain
links without script; axe in both schemes; screenshots at phone and desktop width."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.browser.test_accessibility import axe as axe  # the fixture, shared
from tests.browser.test_accessibility import describe, violations_on
from tests.mediasite import VIMEO_ID, YOUTUBE_ID, make_media_site
from tests.sitecheck import serve_folder

pytestmark = pytest.mark.browser

DAWN = "/gallery/small-hours/dawn/"
WIND = "/gallery/moving/wind/"
YOUTUBE = "/gallery/moving/field-on-youtube/"
VIMEO = "/gallery/moving/field-on-vimeo/"
SOUND = "/gallery/moving/steppe-sound/"
OPEN = "dialog.lightbox[open]"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def media_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The media site, built and served on a loopback port."""
    project = make_media_site(tmp_path_factory.mktemp("media") / "source")
    result = CliRunner().invoke(
        cli,
        ["build", "--source", str(project), "--quiet"],
        env={"SHOWCASE_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))},
    )
    assert result.exit_code == 0, result.output
    with serve_folder(project / "site") as url:
        yield url


class Guarded:
    """A page whose every request is recorded; any to another host is aborted, so nothing
    really leaves the machine, and the test can say what was asked."""

    def __init__(self, browser: Any, base: str, **options: Any) -> None:
        self.base = base
        self.context = browser.new_context(**options)
        self.elsewhere: list[str] = []
        self.local: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base + "/") or url.startswith("data:"):
            self.local.append(url)
            route.continue_()
        else:
            self.elsewhere.append(url)
            route.abort()

    def goto(self, path: str) -> Any:
        self.page.goto(self.base + path, wait_until="networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def guarded(browser: Any, media_url: str) -> Iterator[Guarded]:
    visit = Guarded(browser, media_url, viewport=VIEWPORTS["desktop"])
    yield visit
    visit.close()


@pytest.mark.parametrize(
    ("path", "host", "player"),
    [
        (
            YOUTUBE,
            "www.youtube-nocookie.com",
            f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?",
        ),
        (VIMEO, "player.vimeo.com", f"https://player.vimeo.com/video/{VIMEO_ID}?dnt=1"),
    ],
)
def test_nothing_is_asked_of_the_video_host_until_play_is_pressed(
    guarded: Guarded, path: str, host: str, player: str
) -> None:
    page = guarded.goto(path)
    page.mouse.wheel(0, 400)  # lazy images and anything else the page would load
    page.wait_for_load_state("networkidle")
    assert guarded.elsewhere == [], "asked of another host before play"
    assert page.locator("iframe").count() == 0
    button = page.get_by_role("button", name="Play the video")
    assert button.count() == 1
    button.click()
    frame = page.locator("iframe.player__frame")
    frame.wait_for()
    src = frame.get_attribute("src") or ""
    assert src.startswith(player) and "autoplay=1" in src
    assert frame.get_attribute("title")
    page.wait_for_timeout(300)
    assert guarded.elsewhere, "the player was never asked for"
    assert {url.split("/")[2] for url in guarded.elsewhere} == {host}, guarded.elsewhere
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert guarded.errors == []


def test_the_play_button_answers_the_keyboard(guarded: Guarded) -> None:
    page = guarded.goto(YOUTUBE)
    page.locator("[data-player-start]").focus()
    page.keyboard.press("Space")
    page.locator("iframe.player__frame").wait_for()
    assert {url.split("/")[2] for url in guarded.elsewhere} == {"www.youtube-nocookie.com"}


def test_without_script_the_play_button_is_a_link_to_the_video_page(
    browser: Any, media_url: str
) -> None:
    visit = Guarded(browser, media_url, java_script_enabled=False)
    try:
        page = visit.goto(YOUTUBE)
        link = page.get_by_role("link", name="Play the video")
        assert link.get_attribute("href") == f"https://www.youtube.com/watch?v={YOUTUBE_ID}"
        assert visit.elsewhere == []
    finally:
        visit.close()


def test_a_local_video_and_a_sound_fetch_nothing_before_play(guarded: Guarded) -> None:
    page = guarded.goto(WIND)
    video = page.locator("video")
    assert video.evaluate("v => [v.preload, v.autoplay, v.controls, v.paused]") == [
        "none",
        False,
        True,
        True,
    ]
    assert video.evaluate("v => v.textTracks[0].kind + ' ' + v.textTracks[0].language") == (
        "captions en"
    )
    assert not [url for url in guarded.local if url.endswith(".mp4")]
    page = guarded.goto(SOUND)
    audio = page.locator("audio")
    assert audio.evaluate("a => [a.preload, a.autoplay, a.paused]") == ["none", False, True]
    assert not [url for url in guarded.local if url.endswith(".wav")]
    assert guarded.elsewhere == []


def test_a_view_opens_in_the_lightbox_and_the_address_names_it(guarded: Guarded) -> None:
    page = guarded.goto(DAWN)
    page.locator(".views__link").first.click()
    page.wait_for_selector(OPEN)
    assert page.evaluate("location.hash") == "#view-1"
    assert page.locator("[data-lightbox-meta]").inner_text() == "View 1 of 2"
    assert page.locator("[data-lightbox-caption]").inner_text() == "Detail of the edge."
    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.hash === '#view-2'")
    shown = page.locator(".lightbox__stage .lightbox__frame:not(.is-leaving) img")
    assert shown.get_attribute("alt") == "The back of the board, bare wood with a pencilled title."
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('dialog.lightbox').open")
    # Closing goes back through history (history.go), which the page finishes after 'close'.
    page.wait_for_function("location.hash === ''")
    assert guarded.errors == []


def test_an_address_with_a_view_opens_it(guarded: Guarded) -> None:
    page = guarded.goto(DAWN + "#view-2")
    page.wait_for_selector(OPEN)
    assert page.locator("[data-lightbox-position]").inner_text() == "2 / 2"


def test_without_script_a_view_is_a_link_to_its_full_image(browser: Any, media_url: str) -> None:
    visit = Guarded(browser, media_url, java_script_enabled=False)
    try:
        page = visit.goto(DAWN)
        page.locator(".views__link").nth(1).click()
        page.wait_for_load_state()
        assert page.url == media_url + "/media/small-hours/dawn--view-2-480.jpg"
    finally:
        visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [DAWN, WIND, YOUTUBE, SOUND])
def test_media_pages_have_no_wcag_violations(
    browser: Any, media_url: str, axe: Any, path: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme=scheme)
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(media_url) else r.abort()
    )
    page = context.new_page()
    try:
        page.goto(media_url + path, wait_until="networkidle")
        violations = violations_on(axe, page)
    finally:
        context.close()
    assert not violations, f"axe found on {path} ({scheme} scheme):" + describe(violations)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_screenshots_of_media_pages(
    browser: Any, media_url: str, artifacts: Path, viewport: str
) -> None:
    for scheme in ("light", "dark"):
        visit = Guarded(browser, media_url, viewport=VIEWPORTS[viewport], color_scheme=scheme)
        try:
            for name, path in (
                ("views", DAWN),
                ("video", WIND),
                ("embed", YOUTUBE),
                ("sound", SOUND),
            ):
                page = visit.goto(path)
                page.screenshot(
                    path=str(artifacts / f"work-{name}-{viewport}-{scheme}.png"), full_page=True
                )
            page = visit.goto(DAWN + "#view-1")
            page.wait_for_selector(OPEN)
            page.wait_for_timeout(400)
            page.screenshot(path=str(artifacts / f"work-views-lightbox-{viewport}-{scheme}.png"))
            assert visit.elsewhere == []
        finally:
            visit.close()
