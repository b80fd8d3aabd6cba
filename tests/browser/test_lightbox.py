"""The lightbox of a series page: keyboard, address, back button, swipe, preloading, no script."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SERIES = "/gallery/steppe-awakening/"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}
OPEN = "dialog.lightbox[open]"
TITLE = "#lightbox-title"
SETTLED = """async () => {
    const img = document.querySelector('.lightbox__stage .lightbox__frame:not(.is-leaving) img');
    if (!img) return false;
    await img.decode().catch(() => null);
    await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
    return img.complete && img.naturalWidth > 0;
}"""


class Visit:
    """A page in its own browser context that records every error it meets."""

    def __init__(self, browser: Any, base: str, **options: Any) -> None:
        self.base = base
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        page = self.page
        page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on(
            "response",
            lambda r: (
                self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None
            ),
        )

    def goto(self, path: str) -> Any:
        self.page.goto(self.base + path, wait_until="networkidle")
        return self.page

    def works(self) -> list[dict[str, str]]:
        works: list[dict[str, str]] = self.page.eval_on_selector_all(
            ".works-grid li[data-slug]",
            "items => items.map(li => ({slug: li.dataset.slug, title: li.dataset.title,"
            " href: li.querySelector('a').href}))",
        )
        return works

    def title(self) -> str:
        text: str = self.page.locator(TITLE).inner_text()
        return text

    def hash(self) -> str:
        value: str = self.page.evaluate("location.hash")
        return value

    def wait_closed(self) -> None:
        self.page.wait_for_function("!document.querySelector('dialog.lightbox').open")
        self.page.wait_for_function("location.hash === ''")


@pytest.fixture
def visit(browser: Any, served_site: str) -> Iterator[Any]:
    visits: list[Visit] = []

    def make(**options: Any) -> Visit:
        options.setdefault("viewport", VIEWPORTS["desktop"])
        visits.append(Visit(browser, served_site, **options))
        return visits[-1]

    yield make
    for v in visits:
        v.context.close()


def tab_to_first_work(page: Any) -> None:
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.works-grid__link')"):
            return
    raise AssertionError("Tab never reached the first work's link")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_keyboard_opens_moves_and_closes(
    visit: Any, artifacts: Path, viewport: str, scheme: str
) -> None:
    v = visit(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = v.goto(SERIES)
    works = v.works()
    assert len(works) >= 3
    assert not page.locator("dialog.lightbox").is_visible()

    tab_to_first_work(page)
    page.keyboard.press("Enter")
    page.wait_for_selector(OPEN)
    assert page.url.startswith(v.base + SERIES), "the link was followed instead"
    assert v.title() == works[0]["title"]
    assert v.hash() == "#" + works[0]["slug"]
    assert page.locator(".lightbox__position").inner_text() == f"1 / {len(works)}"
    assert page.locator("[data-lightbox-link]").get_attribute("href") == works[0]["href"]
    assert page.get_by_role("dialog").count() == 1
    page.wait_for_function(SETTLED)
    page.screenshot(path=str(artifacts / f"lightbox-{viewport}-{scheme}.png"))

    # The work is fitted to the wall, whole, and the buttons are large enough to touch.
    fit = page.evaluate(
        """() => {
        const img = document.querySelector('.lightbox__stage img');
        const r = img.getBoundingClientRect();
        return {left: r.left, top: r.top,
                right: innerWidth - r.right, bottom: innerHeight - r.bottom,
                ratio: r.width / r.height, natural: img.width / img.height,
                sizes: img.sizes, loading: img.loading};
    }"""
    )
    assert min(fit["left"], fit["top"], fit["right"], fit["bottom"]) >= 0
    assert fit["ratio"] == pytest.approx(fit["natural"], rel=0.02)
    assert fit["sizes"].endswith("px") and fit["loading"] == "eager"
    for name in ("Close", "Previous work", "Next work"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, name

    page.keyboard.press("ArrowRight")
    assert v.title() == works[1]["title"]
    assert v.hash() == "#" + works[1]["slug"]
    assert page.locator(".lightbox__position").inner_text() == f"2 / {len(works)}"
    page.keyboard.press("ArrowLeft")
    assert v.title() == works[0]["title"]
    assert v.hash() == "#" + works[0]["slug"]

    page.keyboard.press("Escape")
    v.wait_closed()
    page.wait_for_function("document.activeElement === document.querySelector('.works-grid__link')")
    assert page.url == v.base + SERIES
    assert v.problems == []


def test_the_buttons_move_and_close(visit: Any) -> None:
    v = visit()
    page = v.goto(SERIES)
    works = v.works()
    page.locator(".works-grid__title a").nth(2).click()
    page.wait_for_selector(OPEN)
    assert v.title() == works[2]["title"]
    page.get_by_role("button", name="Next work").click()
    assert v.title() == works[3]["title"]
    page.get_by_role("button", name="Previous work").click()
    page.get_by_role("button", name="Previous work").click()
    assert v.title() == works[1]["title"]
    assert v.hash() == "#" + works[1]["slug"]
    page.get_by_role("button", name="Close").click()
    v.wait_closed()
    page.wait_for_function(
        "document.activeElement === document.querySelectorAll('.works-grid__title a')[2]"
    )
    assert v.problems == []


def test_a_click_on_the_wall_closes(visit: Any) -> None:
    v = visit()
    page = v.goto(SERIES)
    works = v.works()
    page.locator(".works-grid__link").nth(1).click()  # a tall work leaves wall on either side
    page.wait_for_selector(OPEN)
    page.wait_for_function(SETTLED)
    image = page.locator(".lightbox__stage img").bounding_box()
    stage = page.locator(".lightbox__stage").bounding_box()
    page.mouse.click(image["x"] + image["width"] / 2, image["y"] + image["height"] / 2)
    assert page.locator(OPEN).count() == 1, "a click on the work itself closed the lightbox"
    assert v.title() == works[1]["title"]
    page.mouse.click((stage["x"] + image["x"]) / 2, image["y"] + image["height"] / 2)
    v.wait_closed()
    assert v.problems == []


def test_the_first_and_last_works_wrap_around(visit: Any) -> None:
    v = visit()
    page = v.goto(SERIES)
    works = v.works()
    page.locator(".works-grid__link").first.click()
    page.wait_for_selector(OPEN)
    page.keyboard.press("ArrowLeft")
    assert v.title() == works[-1]["title"]
    assert page.locator(".lightbox__position").inner_text() == f"{len(works)} / {len(works)}"
    page.keyboard.press("ArrowRight")
    assert v.title() == works[0]["title"]


@pytest.mark.parametrize("arrival", ["load", "fragment"])
def test_a_shared_address_opens_its_work(visit: Any, arrival: str) -> None:
    v = visit(viewport=VIEWPORTS["phone"])
    page = v.goto(SERIES)
    works = v.works()
    if arrival == "load":  # a new visit, from a shared link
        page.goto("about:blank")
    page = v.goto(SERIES + "#" + works[2]["slug"])
    page.wait_for_selector(OPEN)
    assert v.title() == works[2]["title"]
    page.wait_for_function(
        "document.querySelector('dialog.lightbox').contains(document.activeElement)"
    )
    page.keyboard.press("ArrowRight")
    assert v.hash() == "#" + works[3]["slug"]
    page.keyboard.press("Escape")
    v.wait_closed()
    assert page.url == v.base + SERIES
    # Focus lands on the work that was shown when the lightbox was opened from an address.
    page.wait_for_function("document.activeElement.matches('.works-grid__link')")
    assert v.problems == []


def test_the_back_button_steps_back_then_closes(visit: Any) -> None:
    v = visit()
    page = v.goto(SERIES)
    works = v.works()
    page.locator(".works-grid__link").first.click()
    page.wait_for_selector(OPEN)
    page.keyboard.press("ArrowRight")
    assert v.title() == works[1]["title"]
    page.go_back()
    page.wait_for_function(f"location.hash === '#{works[0]['slug']}'")
    assert page.locator(OPEN).count() == 1
    assert v.title() == works[0]["title"]
    page.go_back()
    v.wait_closed()
    assert page.url == v.base + SERIES
    page.wait_for_function("document.activeElement === document.querySelector('.works-grid__link')")
    # Forward reopens the work, as the address says.
    page.go_forward()
    page.wait_for_selector(OPEN)
    assert v.title() == works[0]["title"]
    assert v.problems == []


def test_the_neighbours_are_preloaded(visit: Any) -> None:
    v = visit()
    page = v.goto(SERIES)
    works = v.works()
    page.locator(".works-grid__link").first.click()
    page.wait_for_selector(OPEN)
    preloaded = page.eval_on_selector_all(
        "[data-lightbox-preload] img", "imgs => imgs.map(i => ({alt: i.alt, sizes: i.sizes}))"
    )
    alts = page.eval_on_selector_all(".works-grid .art", "imgs => imgs.map(i => i.alt)")
    assert {p["alt"] for p in preloaded} == {alts[1], alts[-1]}
    assert all(p["sizes"].endswith("px") for p in preloaded)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-lightbox-preload] img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    page.keyboard.press("ArrowRight")
    assert v.title() == works[1]["title"]
    shown = page.evaluate(
        "(() => { const i = document.querySelector('.lightbox__frame:not(.is-leaving) img');"
        " return i.complete && i.naturalWidth > 0; })()"
    )
    assert shown, "the next work was not ready when it was shown"


def test_modified_clicks_open_the_work_page(visit: Any) -> None:
    v = visit()
    page = v.goto(SERIES)
    works = v.works()
    with v.context.expect_page() as opened:
        page.locator(".works-grid__link").first.click(modifiers=["ControlOrMeta"])
    opened.value.wait_for_load_state()
    assert opened.value.url == works[0]["href"]
    assert page.locator(OPEN).count() == 0
    assert v.hash() == ""


def test_swipe_moves_between_works(visit: Any, artifacts: Path) -> None:
    v = visit(viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True, device_scale_factor=2)
    page = v.goto(SERIES)
    works = v.works()
    page.locator(".works-grid__link").first.tap()
    page.wait_for_selector(OPEN)
    page.wait_for_function(SETTLED)
    box = page.locator(".lightbox__stage").bounding_box()
    y = box["y"] + box["height"] / 2
    cdp = v.context.new_cdp_session(page)

    def touch(kind: str, *points: dict[str, float]) -> None:
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": list(points)})

    def swipe(start: float, end: float) -> None:
        touch("touchStart", {"x": start, "y": y})
        for i in range(1, 9):
            touch("touchMove", {"x": start + (end - start) * i / 8, "y": y})
        touch("touchEnd")

    swipe(box["x"] + box["width"] * 0.85, box["x"] + box["width"] * 0.15)
    page.wait_for_function(f"location.hash === '#{works[1]['slug']}'")
    assert v.title() == works[1]["title"]
    page.wait_for_function(SETTLED)
    page.screenshot(path=str(artifacts / "lightbox-phone-swiped.png"))
    swipe(box["x"] + box["width"] * 0.15, box["x"] + box["width"] * 0.85)
    page.wait_for_function(f"location.hash === '#{works[0]['slug']}'")
    assert v.title() == works[0]["title"]
    # A short, slow drag is not a swipe: the work stays.
    swipe(box["x"] + box["width"] * 0.5, box["x"] + box["width"] * 0.45)
    page.wait_for_timeout(100)
    assert v.title() == works[0]["title"]
    assert page.locator(OPEN).count() == 1
    assert v.problems == []


def test_no_motion_when_reduced(visit: Any) -> None:
    v = visit(reduced_motion="reduce")
    page = v.goto(SERIES)
    page.locator(".works-grid__link").first.click()
    page.wait_for_selector(OPEN)
    page.keyboard.press("ArrowRight")
    running = page.evaluate(
        "document.getAnimations().filter(a => a.effect && a.effect.target"
        " && a.effect.target.closest && a.effect.target.closest('.lightbox')).length"
    )
    assert running == 0
    assert page.locator(".lightbox__stage .lightbox__frame").count() == 1


def test_without_javascript_works_link_to_their_pages(visit: Any) -> None:
    v = visit(java_script_enabled=False)
    page = v.goto(SERIES)
    first = page.locator(".works-grid__link").first
    href = first.get_attribute("href")
    assert not page.locator("dialog.lightbox").is_visible()
    first.click()
    page.wait_for_load_state()
    assert page.url == v.base + href
    assert page.locator("h1").count() == 1
