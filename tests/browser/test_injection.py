"""Script in content never runs: every text field carries a payload, every page is visited.

A copy of the example project gets a script payload in every text field of one artist, her
series and its works (and the site's own settings); in ``sanitize`` mode the Markdown bodies
carry raw HTML too. Chromium then visits every page of the built site, hovers the map's
pins, journeys and countries, opens every pin's card and steps through the lightbox. No
payload may run, and each must be shown as the text it is.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import build
from tests.sitecheck import serve_folder

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIST = "bakhyt-kalejs"
SERIES = "steppe-awakening"
TILES = "http://tiles.invalid/"

# An image that fails without a request: ``sanitize`` keeps the <img>, only its handler goes.
BROKEN = "data:image/png;base64,AA=="


class Payloads:
    """Script payloads, each calling ``__pwn(n)`` (defined by the test before any script of
    the page), numbered so that one that runs names the field it was put in."""

    def __init__(self) -> None:
        self.fields: dict[int, str] = {}

    def _call(self, field: str) -> tuple[int, str]:
        n = len(self.fields) + 1
        self.fields[n] = field
        return n, f"__pwn({n})"

    def text(self, field: str) -> str:
        """For a front-matter or settings field: a payload for every context it could escape
        into (an element, a quoted or unquoted attribute, a <script>, a <title>, a URL)."""
        n, call = self._call(field)
        return (
            f"F{n} <img src=x onerror={call}> \"><svg onload={call}> '><svg onload={call}> "
            f"</script><script>{call}</script> </title></textarea><img src=x onerror={call}> "
            f"javascript:{call}"
        )

    def body(self, field: str) -> str:
        """Raw HTML for a Markdown body, which ``sanitize`` must disarm."""
        n, call = self._call(field)
        return (
            f"F{n} <script>{call}</script>\n\n"
            f'<img src="{BROKEN}" onerror={call}>\n\n'
            f"[a link](javascript:{call})\n\n"
            f'<a href="javascript:{call}">another link</a>\n\n'
            f'<svg><script>{call}</script><a href="javascript:{call}"><text>x</text></a></svg>\n\n'
            f'<iframe srcdoc="<script>parent.{call}</script>"></iframe>\n\n'
            f'<details open ontoggle="{call}">x</details>\n\n'
            f'<p style="background:url(\'javascript:{call}\')" onclick="{call}">text</p>\n'
        )


def split(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def join(path: Path, front: dict[str, Any], body: str) -> None:
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")


def poison(project: Path, mode: str, payloads: Payloads) -> dict[str, str]:
    """Put a payload in every text field; returns the literal texts the pages must show."""
    payload = payloads.text
    config = yaml.safe_load((project / "site.yaml").read_text(encoding="utf-8"))
    config["markdown_html"] = mode
    # One language: every text the pages show is one of the payloads below (the same
    # templates and filters write a translation's texts).
    config["language"] = config.pop("languages")[0]
    config["contact"]["address"] = config["contact"]["address"]["en"]
    for translation in (project / "content").glob("*/*.*.md"):
        translation.unlink()
    config["title"] = payload("site.title")
    config["tagline"] = payload("site.tagline")
    config["description"] = payload("site.description")
    config["author"] = {"name": payload("site.author")}
    config["copyright"] = payload("site.copyright")
    for item in config["navigation"]:
        item["title"] = payload(f"site.navigation {item['url']}")
    config["map"] = {
        "tiles": {"url": TILES + "{z}/{x}/{y}.png", "attribution": payload("map.tiles.attribution")}
    }
    # One small rendition each: the test is about text, not images.
    config["images"] = {"widths": [480], "formats": ["jpeg"]}
    (project / "site.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")

    artist_file = project / "content" / "artists" / f"{ARTIST}.md"
    artist, story = split(artist_file)
    artist.update(
        slug=ARTIST,
        name=payload("artist.name"),
        discipline=payload("artist.discipline"),
        summary=payload("artist.summary"),
        portrait=f"../series/{SERIES}/01-steppe-at-first-light.jpg",
        portrait_alt=payload("artist.portrait_alt"),
    )
    for key in ("name", "region", "country"):
        artist["hometown"][key] = payload(f"artist.hometown.{key}")
    for i, place in enumerate(artist["places"]):
        for key in ("name", "country", "region", "reason"):
            place[key] = payload(f"artist.places[{i}].{key}")
    if mode == "sanitize":
        story = payloads.body("artist story") + "\n" + story
    join(artist_file, artist, story)

    series_file = project / "content" / "series" / f"{SERIES}.md"
    series, description = split(series_file)
    series.update(slug=SERIES, title=payload("series.title"), years=payload("series.years"))
    for i, work in enumerate(series["works"]):
        work["slug"] = f"work-{i + 1}"
        for key in ("title", "medium", "dimensions", "alt", "caption"):
            work[key] = payload(f"works[{i}].{key}")
    if mode == "sanitize":
        description = payloads.body("series description") + "\n" + description
    join(series_file, series, description)
    return {
        "site": config["title"],
        "name": artist["name"],
        "summary": artist["summary"],
        "hometown": artist["hometown"]["name"],
        "place": artist["places"][0]["name"],
        "reason": artist["places"][0]["reason"],
        "series": series["title"],
        "work": series["works"][0]["title"],
        "caption": series["works"][0]["caption"],
        "medium": series["works"][0]["medium"],
        "portrait_alt": artist["portrait_alt"],
        "story": story.split(" ", 1)[0],
        "attribution": config["map"]["tiles"]["attribution"],
    }


class Poisoned:
    """The poisoned site, built and served."""

    def __init__(
        self, mode: str, url: str, output: Path, texts: dict[str, str], fields: dict[int, str]
    ) -> None:
        self.mode = mode
        self.fields = fields
        self.url = url
        self.output = output
        self.texts = texts


# Both markdown_html modes; and the published form (minified), which visitors are sent.
BUILDS = {
    "trust": ("trust", False),
    "sanitize": ("sanitize", False),
    "published": ("sanitize", True),
}


@pytest.fixture(scope="module", params=list(BUILDS))
def poisoned(request: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Poisoned]:
    mode, production = BUILDS[request.param]
    project = tmp_path_factory.mktemp(f"poisoned-{request.param}")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy2(ROOT / "site.yaml", project / "site.yaml")
    payloads = Payloads()
    texts = poison(project, mode, payloads)
    report = build(
        project,
        project / "site",
        cache_dir=tmp_path_factory.mktemp("cache"),
        production=production,
    )
    with serve_folder(report.output) as url:
        yield Poisoned(mode, url, report.output, texts, payloads.fields)


# A blank tile for the tile layer the poisoned site.yaml names: no request leaves the machine.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

GUARD = """
window.__pwned = [];
window.__pwn = function (n) { window.__pwned.push(n); };
"""

LD_JSON = 'script[type="application/ld+json"]'

# What must not be in any page: an event-handler attribute, a javascript: link, a frame, or a
# script other than the theme's own files and the page's JSON-LD.
STRUCTURE = """() => {
    const found = [];
    for (const node of document.querySelectorAll('*')) {
        for (const attr of node.attributes) {
            if (attr.name.startsWith('on')) found.push(`${node.localName}[${attr.name}]`);
            if (/^\\s*javascript:/i.test(attr.value) && /href|src|action/i.test(attr.name))
                found.push(`${node.localName}[${attr.name}=${attr.value}]`);
        }
        if (['iframe', 'object', 'embed', 'frame'].includes(node.localName))
            found.push(node.localName);
        if (node.localName === 'script' && !node.src && node.type !== 'application/ld+json')
            found.push('inline script: ' + node.textContent.slice(0, 60));
    }
    return found;
}"""


class Guarded:
    """A browser context where payloads that run are recorded, with every error."""

    def __init__(self, browser: Any, site: Poisoned) -> None:
        self.site = site
        self.context = browser.new_context(viewport={"width": 1440, "height": 900})
        self.context.add_init_script(GUARD)
        self.context.route(
            TILES + "**", lambda route: route.fulfill(body=PNG, content_type="image/png")
        )
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page = self.page
        page.on("dialog", self.dismiss)
        page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", self.request_failed)
        page.on(
            "response",
            lambda r: (
                self.problems.append(f"HTTP {r.status}: {r.url}")
                if r.status >= 400 and not r.url.endswith("/404.html")
                else None
            ),
        )

    def request_failed(self, request: Any) -> None:
        # Leaflet cancels the tiles it no longer needs when the map moves to a card: an
        # aborted tile is not a problem, any other failed request is.
        if request.url.startswith(TILES) and request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"failed: {request.url} {request.failure}")

    def dismiss(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str) -> Any:
        self.page.goto(self.site.url + path, wait_until="networkidle")
        return self.page

    def check(self, where: str) -> None:
        """Nothing ran, nothing failed, and the page holds no live markup from content."""
        ran: list[int] = self.page.evaluate("window.__pwned")
        assert not ran, f"{where}: script ran from {[self.site.fields.get(n, n) for n in ran]}"
        assert not self.dialogs, f"{where}: a dialog opened: {self.dialogs}"
        assert not self.problems, f"{where}: {self.problems}"
        assert self.page.evaluate(STRUCTURE) == [], where
        # The JSON-LD is whole JSON, the payloads in it as plain strings.
        for data in self.page.locator(LD_JSON).all_text_contents():
            assert "</script" not in data.lower(), where
            json.loads(data)

    def text(self, selector: str) -> str:
        value: str = self.page.locator(selector).first.text_content() or ""
        return value


def strings(value: object) -> set[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return set().union(*(strings(v) for v in value))
    return set()


def pages(output: Path) -> list[str]:
    """Every HTML page of the built site, as a path from its root."""
    found = []
    for file in sorted(output.rglob("*.html")):
        path = "/" + file.relative_to(output).as_posix()
        found.append(path.removesuffix("index.html"))
    return found


@pytest.fixture
def guarded(browser: Any, poisoned: Poisoned) -> Iterator[Guarded]:
    g = Guarded(browser, poisoned)
    yield g
    g.context.close()


def test_no_payload_runs_on_any_page(guarded: Guarded) -> None:
    site = guarded.site
    paths = pages(site.output)
    assert {"/", "/404.html", "/map/", f"/artists/{ARTIST}/", f"/gallery/{SERIES}/work-1/"} <= set(
        paths
    )
    for path in paths:
        page = guarded.goto(path)
        if path == "/map/":
            page.wait_for_selector(".leaflet-container .map-tooltip")
        guarded.check(path)
        # Every page shows the site's title, payload and all, as text.
        assert page.title().endswith(site.texts["site"]), path
        assert site.texts["site"] in page.locator("body").inner_text(), path

    page = guarded.goto(f"/artists/{ARTIST}/")
    assert guarded.text("h1") == site.texts["name"]
    assert guarded.text(".artist__summary") == site.texts["summary"]
    assert site.texts["reason"] in guarded.text(".journeys")
    assert page.locator(".artist__portrait img").get_attribute("alt") == site.texts["portrait_alt"]
    assert guarded.text(".story").strip().startswith(site.texts["story"])
    found = [strings(json.loads(d)) for d in page.locator(LD_JSON).all_text_contents()]
    assert any(site.texts["name"] in each for each in found)

    guarded.goto(f"/gallery/{SERIES}/work-1/")
    assert guarded.text("h1") == site.texts["work"]
    assert guarded.text(".work__caption") == site.texts["caption"]
    guarded.check("work page")


def test_map_shows_every_label_as_text(guarded: Guarded) -> None:
    site = guarded.site
    page = guarded.goto("/map/")
    page.wait_for_selector(".leaflet-container .map-tooltip")
    guarded.check("map, drawn")

    # The pins' names are shown from the start.
    names = page.locator(".map-tooltip").all_text_contents()
    assert site.texts["name"] in names

    # Hover every shape Leaflet drew: countries, journeys, circles.
    hovered = page.evaluate(
        """() => {
        const shapes = document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive');
        for (const shape of shapes) {
            const r = shape.getBoundingClientRect();
            shape.dispatchEvent(new MouseEvent('mouseover', {bubbles: true,
                clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));
        }
        return shapes.length;
    }"""
    )
    assert hovered > 3
    tooltips = page.locator(".leaflet-tooltip").all_text_contents()
    journey = [t for t in tooltips if site.texts["place"] in t]
    assert journey, tooltips
    assert site.texts["name"] in journey[0] and site.texts["reason"] in journey[0]
    assert any("Kazakhstan" in t for t in tooltips), "the countries' names are shown"
    guarded.check("map, hovered")

    # Each pin's card.
    slugs = page.eval_on_selector_all(
        ".map-marker", "ms => ms.map(m => m.getAttribute('class').match(/map-marker--(\\S+)/)[1])"
    )
    assert ARTIST in slugs
    cards = {}
    for slug in slugs:
        page.locator(f".map-marker--{slug}").dispatch_event("click")
        card = page.locator(f'.leaflet-popup-content:has(a[href$="/artists/{slug}/"])')
        card.wait_for()
        cards[slug] = card.text_content() or ""
        guarded.check(f"map, card of {slug}")
    assert site.texts["name"] in cards[ARTIST] and site.texts["summary"] in cards[ARTIST]

    # The tile layer's credit, from site.yaml, is text too.
    assert site.texts["attribution"] in guarded.text(".leaflet-control-attribution")
    guarded.check("map, cards")


def test_lightbox_shows_every_work_as_text(guarded: Guarded) -> None:
    site = guarded.site
    page = guarded.goto(f"/gallery/{SERIES}/")
    count = page.locator(".works-grid li[data-slug]").count()
    page.locator(".works-grid__link").first.click()
    page.wait_for_selector("dialog.lightbox[open]")
    assert guarded.text("#lightbox-title") == site.texts["work"]
    assert guarded.text(".lightbox__caption") == site.texts["caption"]
    assert site.texts["medium"] in guarded.text(".lightbox__meta")
    for i in range(count):
        title = guarded.text("#lightbox-title")
        assert title.startswith("F") and "<img src=x onerror=__pwn(" in title, i
        assert title in guarded.text(".lightbox__status")
        guarded.check(f"lightbox, work {i + 1}")
        page.keyboard.press("ArrowRight")
    # Opened from its address, too.
    guarded.goto(f"/gallery/{SERIES}/#work-2")
    page.wait_for_selector("dialog.lightbox[open]")
    assert "<img src=x" in guarded.text("#lightbox-title")
    guarded.check("lightbox from its address")
