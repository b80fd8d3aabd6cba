"""The keyboard alone reaches everything: Tab visits every link and button, Enter opens a work."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}
SERIES = "/gallery/steppe-awakening/"

# Numbers every link and button that is rendered (so not inside a closed <dialog>, nor
# display: none), and returns a description of each by its number.
MARK_TARGETS = """() => {
    const shown = el => el.getClientRects().length > 0
        && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert]');
    const targets = [...document.querySelectorAll('a[href], button')].filter(shown);
    return targets.map((el, i) => {
        el.dataset.kb = String(i);
        return `${el.tagName.toLowerCase()} ${el.getAttribute('href') || ''} `
            + `"${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
    });
}"""
FOCUSED = "() => document.activeElement && document.activeElement.dataset.kb || null"


def tab_walk(page: Any, count: int, on_focus: Any = None) -> list[str]:
    """Presses Tab until focus comes round to the first element again; returns what it reached."""
    reached: list[str] = []
    for _ in range(count * 2 + 10):
        page.keyboard.press("Tab")
        mark = page.evaluate(FOCUSED)
        if mark is None:
            continue  # the body, or the browser's own controls between two rounds
        if reached and mark == reached[0]:
            break
        reached.append(mark)
        if on_focus is not None:
            on_focus(mark)
    return reached


def open_page(browser: Any, served_site: str, path: str, viewport: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(served_site + path, wait_until="networkidle")
    return context, page


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_tab_reaches_every_link_on_the_home_page(
    browser: Any, served_site: str, viewport: str
) -> None:
    context, page = open_page(browser, served_site, "/", viewport)
    try:
        targets = page.evaluate(MARK_TARGETS)
        reached = tab_walk(page, len(targets))
    finally:
        context.close()
    assert targets, "the home page has no links"
    missed = [targets[i] for i in range(len(targets)) if str(i) not in reached]
    assert not missed, "Tab never reaches:\n" + "\n".join(missed)
    assert len(reached) == len(set(reached)), "Tab visits an element twice in one round"
    assert reached == sorted(reached, key=int), "Tab order does not follow the page's order"


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_tab_reaches_every_work_and_enter_opens_it(
    browser: Any, served_site: str, viewport: str
) -> None:
    context, page = open_page(browser, served_site, SERIES, viewport)
    try:
        targets = page.evaluate(MARK_TARGETS)
        works: dict[str, dict[str, str]] = {
            mark: work
            for mark, work in page.evaluate(
                """() => [...document.querySelectorAll('.works-grid li[data-slug] a[href]')]
                    .map(a => [a.dataset.kb, {slug: a.closest('li').dataset.slug,
                                              title: a.closest('li').dataset.title}])"""
            )
        }
        opened: list[str] = []
        problems: list[str] = []

        def enter(mark: str) -> None:
            """On a work's link, Enter shows that work in the lightbox and Escape comes back."""
            if mark not in works:
                return
            work = works[mark]
            page.keyboard.press("Enter")
            page.wait_for_selector("dialog.lightbox[open]")
            title = page.locator("#lightbox-title").inner_text()
            address = page.evaluate("location.hash")
            if title != work["title"] or address != "#" + work["slug"]:
                problems.append(f"{work['slug']}: the lightbox shows {title!r} at {address!r}")
            page.keyboard.press("Escape")
            page.wait_for_function("!document.querySelector('dialog.lightbox').open")
            page.wait_for_function("location.hash === ''")
            if page.evaluate(FOCUSED) != mark:
                problems.append(f"{work['slug']}: focus did not return to the work's link")
            opened.append(mark)

        reached = tab_walk(page, len(targets), on_focus=enter)
    finally:
        context.close()
    assert len(works) >= 2, "the series page should link to each of its works"
    missed = [targets[int(mark)] for mark in works if mark not in reached]
    assert not missed, "Tab never reaches these work links:\n" + "\n".join(missed)
    assert sorted(opened, key=int) == sorted(works, key=int)
    assert not problems, "\n".join(problems)
