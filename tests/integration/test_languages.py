"""A site in Russian or Kazakh shows none of the theme's English words; a site's catalogue
overrides the theme's; a language without one builds in English, saying so; a broken one
stops the build at its line."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from generator import BuildReport, build, layout
from generator.cli import cli
from generator.language import language_for
from tests.conftest import ROOT
from tests.integration.test_html_validity import validator

LOCALE = layout.default_theme() / layout.TEMPLATES_DIR / layout.LOCALE_DIR
PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Attributes whose values a visitor reads or hears, or a script shows.
SHOWN = {
    "title", "alt", "aria-label", "content", "label", "placeholder", "value",
    "data-label", "data-approximate", "data-status-text", "data-player-title",
    "data-meta", "data-kind", "data-status-label",
}  # fmt: skip


class Shown(HTMLParser):
    """The text of a page and the values of the attributes in SHOWN."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        self.parts += [value for name, value in attrs if name in SHOWN and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def shown_text(page: Path) -> str:
    parser = Shown()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def content_text(project: Path) -> str:
    """Everything the site's own files say: their words are the author's, not the theme's."""
    files = [project / layout.CONFIG_FILE, *sorted((project / "content").rglob("*.md"))]
    return " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in files)


def interface_words(content: str, code: str) -> list[str]:
    """The theme's English, from its catalogue template: each msgid (the parts between its
    placeholders) longer than three letters, unless the site's own content says it too, or
    the language says it the same way (Russian's 'Curriculum vitae')."""
    with (LOCALE / "messages.pot").open("rb") as file:
        catalogue = read_po(file)
    with (LOCALE / f"{code}.po").open("rb") as file:
        translated = read_po(file)
    words = set()
    for message in catalogue:
        own = translated.get(message.id, context=message.context)
        same = " ".join(own.string) if own is not None and isinstance(own.string, tuple) else ""
        same = same or (str(own.string) if own is not None else "")
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for part in PLACEHOLDER.split(msgid):
                part = part.strip(" ,.:;·()—–")
                if len(part) > 3 and part not in content and part not in same:
                    words.add(part)
    return sorted(words)


def copy_example(target: Path, extra: str = "") -> Path:
    """A copy of the example project (English, Russian and Kazakh), with one more language."""
    shutil.copytree(ROOT / "content", target / "content")
    settings = (ROOT / layout.CONFIG_FILE).read_text(encoding="utf-8")
    assert "\nlanguages: [en, ru, kk]\n" in settings
    if extra:
        settings = settings.replace("languages: [en, ru, kk]", f"languages: [en, ru, kk, {extra}]")
    (target / layout.CONFIG_FILE).write_text(settings, encoding="utf-8")
    return target


@pytest.fixture(scope="module", params=["ru", "kk"])
def translated(
    request: pytest.FixtureRequest, example_build: BuildReport
) -> tuple[str, Path, Path]:
    """A language of the example site: its code, the project, and the folder of its pages."""
    code = request.param
    return code, ROOT, example_build.output / code


def test_no_page_shows_the_themes_english(translated: tuple[str, Path, Path]) -> None:
    code, project, output = translated
    words = interface_words(content_text(project), code)
    assert len(words) > 100  # the check covers the theme, not a handful of words
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 30
    left = {
        f"{page.relative_to(output)}: {word!r}"
        for page in pages
        for text in [shown_text(page)]
        for word in words
        if word in text
    }
    assert sorted(left) == [], f"English left in the {code} site"


def test_every_page_says_its_language(
    translated: tuple[str, Path, Path], example_build: BuildReport
) -> None:
    code, _, output = translated
    for page in sorted(output.rglob("*.html")):
        assert f'<html lang="{code}">' in page.read_text(encoding="utf-8"), page
    feed = (output / "feed.xml").read_text(encoding="utf-8")
    assert f'xml:lang="{code}"' in feed
    assert not any("no translation" in w for w in example_build.warnings)


def test_the_feed_speaks_the_language(translated: tuple[str, Path, Path]) -> None:
    code, _, output = translated
    feed = (output / "feed.xml").read_text(encoding="utf-8")
    assert "a series by" not in feed
    assert {"ru": "серия «Краски базара»", "kk": "«Базар бояулары» топтамасы"}[code] in feed


def test_every_translated_page_is_valid_html(translated: tuple[str, Path, Path]) -> None:
    code, _, output = translated
    result = subprocess.run(
        [validator(), "--root", str(output)], capture_output=True, text=True, timeout=300
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, f"the Nu HTML Checker found errors in the {code} site:\n{output}"


SAID = {"ru": ("6 работ", "Материалы для прессы"), "kk": ("6 жұмыс", "Баспасөз материалдары")}


def test_counts_headings_and_prices_are_in_the_language(
    translated: tuple[str, Path, Path],
) -> None:
    code, _, output = translated
    works, heading = SAID[code]
    series = shown_text(output / "gallery" / "bazaar-colours" / "index.html")
    assert f"· {works}" in series
    press = shown_text(output / "artists" / "bakhyt-morel" / "press" / "index.html")
    assert heading in press
    work = output / "gallery" / "bazaar-colours" / "spice-stall" / "index.html"
    price = language_for(code).price(Decimal(1250000), "KZT")
    assert price in html.unescape(work.read_text(encoding="utf-8"))


def override(project: Path, code: str, entries: str) -> None:
    folder = project / layout.TEMPLATES_DIR / layout.LOCALE_DIR
    folder.mkdir(parents=True)
    (folder / f"{code}.po").write_text(
        f'msgid ""\nmsgstr ""\n"Language: {code}\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n\n' + entries,
        encoding="utf-8",
    )


def test_a_sites_own_catalogue_overrides_the_themes(tmp_path: Path, image_cache: Path) -> None:
    project = copy_example(tmp_path / "project")
    override(project, "ru", 'msgid "Hometown map"\nmsgstr "Откуда мы"\n')
    report = build(project, project / "site", cache_dir=image_cache)
    page = shown_text(report.output / "ru" / "map" / "index.html")
    assert "Откуда мы" in page  # the site's
    assert "Родные города" in page  # the theme's, where the site says nothing


def test_a_language_without_catalogue_builds_in_english_and_warns(
    tmp_path: Path, image_cache: Path
) -> None:
    project = copy_example(tmp_path / "project", "de")
    report = build(project, project / "site", cache_dir=image_cache)
    assert [w for w in report.warnings if "templates/locale/de.po" in w] != []
    home = (report.output / "de" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in home and "The hometown map" in home
    work = report.output / "de" / "gallery" / "bazaar-colours" / "spice-stall" / "index.html"
    german = language_for("de").price(Decimal(1250000), "KZT")
    assert german in html.unescape(work.read_text(encoding="utf-8"))  # 1.250.000 KZT


def test_a_broken_catalogue_stops_the_build_at_its_line(tmp_path: Path, image_cache: Path) -> None:
    project = copy_example(tmp_path / "project")
    override(project, "ru", 'msgid "Gallery"\nmsgstr "Галерея"\nnonsense\n')
    result = CliRunner().invoke(cli, ["build", "-s", str(project), "--cache-dir", str(image_cache)])
    assert result.exit_code != 0
    assert "templates/locale/ru.po:8: not a valid catalogue" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site").exists()


def test_an_edited_catalogue_renders_the_pages_again(tmp_path: Path, image_cache: Path) -> None:
    from generator.build import Builder, BuildOptions

    project = copy_example(tmp_path / "project")
    override(project, "ru", 'msgid "Gallery"\nmsgstr "Собрание"\n')
    builder = Builder(project, project / "site", BuildOptions(cache_dir=image_cache))
    builder.build()
    catalogue = project / "templates" / "locale" / "ru.po"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("Собрание", "Коллекция"), "utf-8"
    )
    report = builder.build()
    # A page made from the same series as before (its key is theirs and the settings') too.
    series = shown_text(report.output / "ru" / "gallery" / "bazaar-colours" / "index.html")
    assert "Коллекция" in series and "Собрание" not in series
    assert "Коллекция" in shown_text(report.output / "ru" / "gallery" / "index.html")
