"""Every page kind passes an axe-core audit at WCAG 2.2 AA, in the light and the dark scheme."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIES = "/gallery/steppe-awakening/"
PAGES = {
    "home": "/",
    "artist": "/artists/bekzat-ayumi/",  # with a statement and a link to the CV
    "gallery": "/gallery/",
    "series": SERIES,
    "work": None,  # the first work of SERIES, reached through its link
    "map": "/map/",
    "not-found": "/404.html",
    "lightbox": SERIES,  # the series page with the lightbox open on its first work
    "price-list": "/artists/bekzat-ayumi/prices/",
    "cv": "/artists/bekzat-ayumi/cv/",
    "press-kit": "/artists/bekzat-ayumi/press/",
    "work-for-sale": "/gallery/the-people-of-aktybek/horses-at-grazing/",
    "series-with-marks": "/gallery/the-people-of-aktybek/",
}
SCHEMES = ["light", "dark"]
VIEWPORT = {"width": 1440, "height": 900}
SETTLED = """async () => {
    await document.fonts.ready;
    await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
    return true;
}"""


def describe(violations: list[dict[str, Any]]) -> str:
    """axe's violations as a readable list: the rule, its impact, and each element it failed."""
    lines = []
    for violation in violations:
        lines.append(
            f"\n{violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(str(t) for t in node['target'])}")
            lines.append(f"    {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def violations_on(axe: Any, page: Any) -> list[dict[str, Any]]:
    """axe's WCAG 2.2 AA violations on ``page``, once its fonts and animations have settled."""
    page.evaluate(SETTLED)
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return list(results.response["violations"])


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_has_no_wcag_violations(
    browser: Any, served_site: str, axe: Any, kind: str, scheme: str
) -> None:
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    page = context.new_page()
    try:
        path = PAGES[kind]
        if path is None:
            page.goto(served_site + SERIES, wait_until="networkidle")
            path = page.locator(".works-grid__link").first.get_attribute("href")
        page.goto(served_site + path, wait_until="networkidle")
        if kind == "map":
            page.wait_for_selector(".leaflet-container")
        if kind == "lightbox":
            page.locator(".works-grid__link").first.click()
            page.wait_for_selector("dialog.lightbox[open]")
            page.wait_for_function(
                "() => { const i = document.querySelector('.lightbox__stage img');"
                " return i && i.complete && i.naturalWidth > 0; }"
            )
        violations = violations_on(axe, page)
    finally:
        context.close()
    assert not violations, f"axe found on {kind} ({scheme} scheme):" + describe(violations)
