"""A site in several languages: the default at the root, each other under /<code>/ with the
same slugs; every page names its versions (hreflang, reciprocal, with x-default), the
sitemap lists them, each language has its feed, and the language menu leads to the same
page in each language, without JavaScript or redirects.

The example site is in English, Russian and Kazakh (``languages: [en, ru, kk]``).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator import BuildReport, build

BASE = "https://example.org"
LANGUAGES = ("en", "ru", "kk")
FOLDERS = {"en": "", "ru": "ru/", "kk": "kk/"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class Head(HTMLParser):
    """What a page says of its language: <html lang>, canonical, alternates, the language menu
    and the JSON-LD."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.canonical = ""
        self.alternates: dict[str, str] = {}
        self.menu: list[dict[str, str | None]] = []
        self.structured: list[str] = []
        self._in_menu = False
        self._in_json = False
        self._link: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href") or ""
        elif tag == "link" and values.get("rel") == "alternate" and values.get("hreflang"):
            self.alternates[values["hreflang"] or ""] = values.get("href") or ""
        elif tag == "nav" and values.get("class") == "language-menu":
            self._in_menu = True
        elif tag == "a" and self._in_menu:
            self._link = {**values, "text": ""}
            self.menu.append(self._link)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_json = True
            self.structured.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_menu = False
        elif tag == "a":
            self._link = None
        elif tag == "script":
            self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link["text"] = (self._link["text"] or "") + data
        if self._in_json:
            self.structured[-1] += data


def head(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def file_of(output: Path, url: str) -> Path:
    """The built file that serves an absolute URL of the site."""
    path = urlsplit(url).path
    return output / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


@pytest.fixture(scope="module")
def output(example_build: BuildReport) -> Path:
    return example_build.output


def pages_of(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if p.name != "404.html")


def test_the_default_language_is_at_the_root_and_the_others_under_their_code(
    output: Path,
) -> None:
    for slug in ("bakhyt-morel", "bekzat-ayumi", "bakhyt-kalejs"):
        for code, folder in FOLDERS.items():
            page = output / folder / "artists" / slug / "index.html"
            assert head(page).lang == code, page
    # The same slugs in every language, down to a work's page.
    work = "gallery/the-people-of-aktybek/tending-the-yurt/index.html"
    assert all((output / folder / work).is_file() for folder in FOLDERS.values())
    # Styles, scripts, images and calendars are shared: no copy of them per language.
    for shared in ("css", "js", "media", "vendor", "img"):
        assert (output / shared).is_dir()
        assert not (output / "ru" / shared).exists() and not (output / "kk" / shared).exists()
    # The host's 404 page, the sitemap and robots.txt are the site's, once.
    for once in ("404.html", "sitemap.xml", "robots.txt"):
        assert (output / once).is_file()
        assert not (output / "ru" / once).exists()
    # As many pages in each language.
    every = {p.relative_to(output).as_posix() for p in output.glob("**/index.html")}
    russian = {p.removeprefix("ru/") for p in every if p.startswith("ru/")}
    kazakh = {p.removeprefix("kk/") for p in every if p.startswith("kk/")}
    english = {p for p in every if not p.startswith(("ru/", "kk/"))}
    assert english == russian == kazakh and len(english) > 30


def test_every_page_names_each_version_and_every_pair_is_reciprocal(output: Path) -> None:
    pages = pages_of(output)
    heads = {page: head(page) for page in pages}
    checked = 0
    for page, found in heads.items():
        if not found.canonical:  # an unlisted page names no versions
            assert not found.alternates
            continue
        # The canonical URL of each version is itself.
        assert file_of(output, found.canonical) == page
        assert set(found.alternates) == {*LANGUAGES, "x-default"}, page
        assert found.alternates[found.lang] == found.canonical
        assert found.alternates["x-default"] == found.alternates["en"]
        for code in LANGUAGES:
            other = file_of(output, found.alternates[code])
            assert other.is_file(), (page, code)
            back = heads[other]
            assert back.lang == code
            # Reciprocal: the other version names this one, under its own language.
            assert back.alternates[found.lang] == found.canonical, (page, other)
            checked += 1
    assert checked > 300


def test_the_language_menu_leads_to_the_same_page_in_each_language(output: Path) -> None:
    for page in pages_of(output):
        found = head(page)
        names = [(link["hreflang"], (link["text"] or "").strip()) for link in found.menu]
        assert names == [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")], page
        for link in found.menu:
            # Each name is said in its own language, and the current one is marked.
            assert link["lang"] == link["hreflang"]
            assert ("aria-current" in link) == (link["hreflang"] == found.lang)
            target = output / (link["href"] or "").lstrip("/")
            target = target / "index.html" if (link["href"] or "").endswith("/") else target
            assert head(target).lang == link["hreflang"]
            if found.canonical:  # the same page: its version in that language
                assert f"{BASE}{link['href']}" == found.alternates[link["hreflang"] or ""]
    # The 404 page (at the root, for every address) leads to each language's home page.
    menu = head(output / "404.html").menu
    assert [link["href"] for link in menu] == ["/", "/ru/", "/kk/"]


def test_links_stay_in_the_language_of_the_page(output: Path) -> None:
    page = (output / "ru/artists/bekzat-ayumi/index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(/[^"]*)"', page)
    pages = [link for link in links if link.split("#")[0].endswith("/")]
    # Every link to a page leads to a Russian page, but those of the language menu.
    assert {link for link in pages if not link.startswith("/ru/")} <= {"/", "/kk/"} | {
        "/artists/bekzat-ayumi/",
        "/kk/artists/bekzat-ayumi/",
    }
    assert "/ru/gallery/the-people-of-aktybek/" in pages
    # Styles and images are the shared ones.
    assert any(link.startswith("/css/") for link in links)
    assert "/ru/css/" not in page and "/ru/media/" not in page


def test_the_sitemap_lists_every_version_with_its_alternates(output: Path) -> None:
    root = ET.parse(output / "sitemap.xml").getroot()
    entries = root.findall(f"{SITEMAP}url")
    locs = [entry.findtext(f"{SITEMAP}loc") or "" for entry in entries]
    assert len(locs) == len(set(locs))
    for code, folder in FOLDERS.items():
        assert f"{BASE}/{folder}artists/bakhyt-morel/" in locs, code
    for entry, loc in zip(entries, locs, strict=True):
        links = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
        assert set(links) == {*LANGUAGES, "x-default"}
        assert loc in links.values()
        # The sitemap and the page agree on the alternates.
        assert head(file_of(output, loc)).alternates == links


def test_each_language_has_its_feed_and_map_data(output: Path) -> None:
    for code, folder in FOLDERS.items():
        feed = ET.parse(output / folder / "feed.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == code
        ids = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}id")]
        assert ids and all(i.startswith(f"{BASE}/{folder}") for i in ids)
        others = [f"{BASE}/{o}" for o in ("ru/", "kk/") if o != folder]
        assert not any(i.startswith(tuple(others)) for i in ids)
        # Each page's head links its own language's feed.
        home = (output / folder / "index.html").read_text(encoding="utf-8")
        assert 'type="application/atom+xml"' in home and f'href="/{folder}feed.xml"' in home
        pins = json.loads((output / folder / "map/hometowns.json").read_text(encoding="utf-8"))
        assert {pin["url"] for pin in pins["pins"]} >= {f"/{folder}artists/bekzat-ayumi/"}


def test_structured_data_says_the_language(output: Path) -> None:
    for code, folder in FOLDERS.items():
        page = output / folder / "gallery/steppe-awakening/index.html"
        (data,) = [json.loads(text) for text in head(page).structured]
        assert data["inLanguage"] == code
        assert data["url"] == f"{BASE}/{folder}gallery/steppe-awakening/"
    # A Person has no language in schema.org: the artist's page does not give one.
    artist = head(output / "ru/artists/bakhyt-morel/index.html")
    (person,) = [json.loads(text) for text in artist.structured]
    assert person["@type"] == "Person" and "inLanguage" not in person


def test_a_one_language_site_has_no_versions(tiny_project: Path, tmp_path: Path) -> None:
    report = build(tiny_project, tmp_path / "site")
    page = head(report.output / "artists/dana-sadyk/index.html")
    assert page.lang == "en" and not page.alternates and not page.menu
    sitemap = (report.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "xhtml" not in sitemap
    assert not (report.output / "en").exists()


def test_a_portable_site_links_each_version_relatively(tiny_project: Path, tmp_path: Path) -> None:
    site_yaml = tiny_project / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "languages: [en, ru]\n", encoding="utf-8")
    report = build(tiny_project, tmp_path / "site", portable=True)
    russian = report.output / "ru/artists/dana-sadyk/index.html"
    menu = head(russian).menu
    assert [link["href"] for link in menu] == [
        "../../../artists/dana-sadyk/index.html",
        "../../../ru/artists/dana-sadyk/index.html",
    ]
    text = russian.read_text(encoding="utf-8")
    assert 'href="../../../ru/index.html"' in text  # its home page is the Russian one
    assert 'href="../../../css/' in text  # the styles are the shared ones
    # The map's pins lead to the Russian pages, its pictures are the shared ones.
    russian_map = (report.output / "ru/map/index.html").read_text(encoding="utf-8")
    data = json.loads(russian_map.split('id="atlas-data">')[1].split("</script>")[0])
    assert data["pins"][0]["url"] == "/ru/artists/dana-sadyk/index.html"
    assert data["pins"][0]["picture"]["src"].startswith("/media/")
    assert 'data-base="../../"' in russian_map  # the root, for pins and pictures


def add_russian(project: Path, translation: str) -> None:
    """Declare English and Russian, and translate Dana Sadyk's page as ``translation`` says."""
    site_yaml = project / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "languages: [en, ru]\n", encoding="utf-8")
    (project / "content/artists/dana-sadyk.ru.md").write_text(translation, encoding="utf-8")


def test_untranslated_texts_are_shown_in_the_default_language_marked_so(
    tiny_project: Path, tmp_path: Path
) -> None:
    # The name and summary are translated; the story and the series are not.
    add_russian(
        tiny_project,
        "---\nname: Дана Садык\nsummary: Художница из Тараза, которая пишет рассветы.\n---\n",
    )
    report = build(tiny_project, tmp_path / "site")
    page = (report.output / "ru/artists/dana-sadyk/index.html").read_text(encoding="utf-8")
    assert '<h1 class="artist__name p-name">Дана Садык</h1>' in page
    assert '<p class="artist__summary p-note">Художница из Тараза' in page
    # The English story is there, in its own language, and a note says why.
    assert '<div class="story prose" lang="en">' in page
    assert "Dana Sadyk paints the open sky" in page
    assert "Часть этой страницы ещё не переведена" in page
    series = (report.output / "ru/gallery/small-hours/index.html").read_text(encoding="utf-8")
    assert '<h1 lang="en">Small Hours</h1>' in series
    assert 'alt="A band of pale orange light under a dark blue sky." lang="en"' in series
    # The English pages have no such marks, and no note.
    english = (report.output / "artists/dana-sadyk/index.html").read_text(encoding="utf-8")
    assert 'lang="en">' not in english.split("</head>")[1].replace('hreflang="en" lang="en">', "")
    assert "not translated yet" not in english


def test_a_fully_translated_page_has_no_note(tiny_project: Path, tmp_path: Path) -> None:
    add_russian(
        tiny_project,
        "---\nname: Дана Садык\ndiscipline: живописец\n"
        "summary: Художница из Тараза, которая пишет рассветы.\n"
        "hometown: {name: Тараз, region: Жамбылская область, country: Казахстан}\n"
        "places:\n  - {name: Шымкент, country: Казахстан, reason: Здесь была её первая выставка.}\n"
        "---\nДана Садык пишет открытое небо над Таразом на краях дня.\n",
    )
    (tiny_project / "content/series/small-hours.ru.md").write_text(
        "---\ntitle: Ранние часы\nworks:\n"
        "  - {slug: dawn, title: Рассвет, medium: Масло на доске, alt: Полоса оранжевого света.}\n"
        "  - {slug: dusk, title: Закат, medium: Масло на доске, alt: Фиолетовое небо.}\n"
        "---\nДве небольшие картины одного поля, на обоих концах дня.\n",
        encoding="utf-8",
    )
    report = build(tiny_project, tmp_path / "site")
    page = (report.output / "ru/artists/dana-sadyk/index.html").read_text(encoding="utf-8")
    assert "Дана Садык пишет открытое небо" in page
    assert "translation-note" not in page
    menu = page.split('class="language-menu"')[1].split("</nav>")[0]
    body = page.split("</head>")[1].replace(menu, "")
    assert ' lang="en"' not in body


def test_links_written_in_a_story_lead_to_its_language_however_written(
    tiny_project: Path, tmp_path: Path
) -> None:
    add_russian(
        tiny_project,
        "---\nname: Дана Садык\n---\n[Карта](/map), [карта](/map/index.html), "
        "[та же карта](/ru/map/), [по-английски](/map/#pin-dana-sadyk) и [фото](/media/x.jpg).\n",
    )
    report = build(tiny_project, tmp_path / "site")
    page = (report.output / "ru/artists/dana-sadyk/index.html").read_text(encoding="utf-8")
    story = page.split('class="story prose"')[1].split("</div>")[0]
    assert re.findall(r'href="([^"]*)"', story) == [
        "/ru/map",
        "/ru/map/index.html",
        "/ru/map/",  # already in the Russian folder: not made /ru/ru/map/
        "/ru/map/#pin-dana-sadyk",
        "/media/x.jpg",  # a file: the languages share it
    ]


def test_a_file_named_with_a_dot_is_not_taken_for_a_translation() -> None:
    from generator.content.translations import translation_name

    assert translation_name("content/pages/about.ru.md") == ("about", "ru")
    assert translation_name("content/pages/the.end.md") is None  # 'end' is no language
    assert translation_name("content/pages/about.md") is None


def test_the_language_menu_escapes_its_label_once() -> None:
    from markupsafe import Markup

    from generator.site.versions import language_menu, site_versions

    versions = site_versions(("en", "ru"), "https://example.org/", {})
    label = Markup("Sprache &amp; &#34;Land&#34;")  # as _() gives it to a template
    menu = language_menu(versions, "en", ["/", "/ru/"], label)
    assert 'aria-label="Sprache &amp; &#34;Land&#34;"' in menu
    menu = language_menu(versions, "en", ["/", "/ru/"], 'Sprache & "Land"')
    assert 'aria-label="Sprache &amp; &#34;Land&#34;"' in menu
