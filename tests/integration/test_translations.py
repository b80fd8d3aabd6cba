"""Translation files: <slug>.<code>.md beside an original, read, checked and laid over it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.config import load_config
from generator.content import loader
from generator.content.loader import Memo, load_site
from generator.content.markdown import MarkdownRenderer
from generator.content.model import Site
from generator.errors import ContentErrors
from generator.incremental.fingerprint import Fingerprints

TINY = Path(__file__).parent.parent / "fixtures" / "tiny"

ARTIST_RU = """\
---
name: Дана Садык
discipline: живописец
statement: Я пишу **небо**.
hometown:
  name: Тараз
  country: Казахстан
places:
  - name: Шымкент
    country: Казахстан
    reason: Где она впервые выставлялась.
---
Дана Садык пишет открытое небо над Таразом.
"""

SERIES_RU = """\
---
title: Ранние часы
works:
  - slug: dawn
    title: Рассвет
    medium: Масло, доска
    alt: Полоса бледно-оранжевого света под тёмно-синим небом.
---
Две маленькие картины одного поля.
"""

PAGE = """\
---
title: About
summary: Who we are.
---
We show artists of the steppe.
"""

PAGE_KK = """\
---
title: Біз туралы
---
Біз дала суретшілерін көрсетеміз.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The tiny site in English, Russian and Kazakh, with a Russian artist and series."""
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    with (root / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("languages: [en, ru, kk]\n")
    write(root, "content/artists/dana-sadyk.ru.md", ARTIST_RU)
    write(root, "content/series/small-hours.ru.md", SERIES_RU)
    return root


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(root: Path, **options: object) -> Site:
    return load_site(root, load_config(root), MarkdownRenderer(), **options)  # type: ignore[arg-type]


def problems(root: Path) -> list[tuple[str | None, int | None, str, str]]:
    with pytest.raises(ContentErrors) as raised:
        load(root)
    return [(e.path, e.line, e.message, e.hint or "") for e in raised.value.errors]


# -- What a translation gives ------------------------------------------------------------


def test_an_artist_shows_the_texts_its_translation_gives(project: Path) -> None:
    add_statement(project)
    artist = load(project).in_language("ru").artists[0]
    assert artist.name == "Дана Садык"
    assert artist.discipline == "живописец"
    assert artist.story_html == "<p>Дана Садык пишет открытое небо над Таразом.</p>\n"
    assert artist.statement_html == "<p>Я пишу <strong>небо</strong>.</p>\n"
    assert (artist.hometown.name, artist.hometown.country) == ("Тараз", "Казахстан")
    assert artist.hometown.region == "Jambyl Region"  # not translated: the English
    assert (artist.hometown.lat, artist.hometown.lon) == (42.9, 71.3667)
    assert artist.places[0].name == "Шымкент"
    assert artist.places[0].reason == "Где она впервые выставлялась."
    assert artist.places[0].lat == 42.3417
    assert artist.slug == "dana-sadyk" and artist.date is not None


def test_what_a_translation_leaves_out_is_shown_in_english_and_listed(project: Path) -> None:
    artist = load(project).in_language("ru").artists[0]
    assert artist.summary.startswith("A painter from Taraz")
    assert artist.untranslated == frozenset({"summary", "hometown"})


def test_a_text_the_original_does_not_have_shows_in_no_language(project: Path) -> None:
    artist = load(project).in_language("ru").artists[0]  # the English has no statement
    assert artist.statement_html == ""
    assert "statement" not in artist.untranslated


def add_statement(project: Path) -> None:
    artist = project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8")
    statement = "statement: I paint the *sky*.\n"
    artist.write_text(text.replace("date: 2026-03-01\n", f"date: 2026-03-01\n{statement}"))


def test_works_are_matched_by_slug_and_the_others_stay_english(project: Path) -> None:
    series = load(project).in_language("ru").series[0]
    assert series.title == "Ранние часы"
    assert series.description_html == "<p>Две маленькие картины одного поля.</p>\n"
    assert series.untranslated == frozenset()
    dawn, dusk = series.works
    assert (dawn.title, dawn.medium) == ("Рассвет", "Масло, доска")
    assert dawn.untranslated == frozenset()
    assert dawn.image.name == "01-dawn.jpg" and dawn.year == 2024
    assert (dusk.title, dusk.medium) == ("Dusk", "Oil on board")
    assert dusk.untranslated == frozenset({"title", "medium", "alt"})


def test_an_item_without_a_translation_lists_every_text_it_has(project: Path) -> None:
    site = load(project).in_language("kk")
    assert site.artists[0].name == "Dana Sadyk"
    assert site.artists[0].untranslated == frozenset(
        {"name", "discipline", "summary", "story", "hometown", "places"}
    )
    assert site.series[0].untranslated == frozenset({"title", "description"})
    assert site.series[0].works[0].untranslated == frozenset({"title", "medium", "alt"})


def test_a_page_is_translated_too(project: Path) -> None:
    write(project, "content/pages/about.md", PAGE)
    write(project, "content/pages/about.kk.md", PAGE_KK)
    page = load(project).in_language("kk").pages[0]
    assert page.title == "Біз туралы"
    assert page.body_html == "<p>Біз дала суретшілерін көрсетеміз.</p>\n"
    assert page.summary == "Who we are."
    assert page.untranslated == frozenset({"summary"})


def test_the_default_language_is_the_site_itself_with_nothing_untranslated(
    project: Path,
) -> None:
    site = load(project)
    assert site.in_language("en") is site
    assert site.artists[0].untranslated == frozenset()
    assert site.in_language("ru").in_language("en") is site


def test_each_language_is_made_once_and_keeps_the_order(project: Path) -> None:
    site = load(project)
    russian = site.in_language("ru")
    assert site.in_language("ru") is russian
    assert russian.in_language("kk") is site.in_language("kk")
    assert russian.config.language == "ru"
    assert [a.slug for a in russian.artists] == [a.slug for a in site.artists]
    assert russian.artist_of(russian.series[0]).name == "Дана Садык"
    assert russian.series_of(russian.artists[0]) == russian.series


def test_a_language_the_site_does_not_have_is_refused(project: Path) -> None:
    with pytest.raises(ValueError, match="'de' is not one of the site's languages"):
        load(project).in_language("de")


def test_the_published_site_keeps_its_translations(project: Path) -> None:
    site = load(project, drafts=True).published()
    assert site.in_language("ru").artists[0].name == "Дана Садык"


def test_the_cv_is_listed_as_untranslated_whenever_there_is_one(project: Path) -> None:
    artist = project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8")
    cv = "cv:\n  awards:\n    - title: Steppe Prize\n      year: 2024\n---\n"
    artist.write_text(text.replace("date: 2026-03-01\n---\n", f"date: 2026-03-01\n{cv}"))
    assert "cv" in load(project).in_language("ru").artists[0].untranslated


# -- What is wrong in one ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line", "message", "hint"),
    [
        (
            "content/artists/dana-sadik.ru.md",
            "---\nname: Дана\n---\n",
            1,
            "a translation of content/artists/dana-sadik.md, which does not exist",
            "did you mean dana-sadyk.ru.md?",
        ),
        (
            "content/artists/dana-sadyk.de.md",
            "---\nname: Dana\n---\n",
            1,
            "a translation into 'de' (German), which is not one of the site's languages "
            "(en, ru, kk)",
            "add 'de' to 'languages:' in site.yaml, or rename the file",
        ),
        (
            "content/artists/dana-sadyk.en.md",
            "---\nname: Dana\n---\n",
            1,
            "'en' is the site's default language (English): its text is in dana-sadyk.md",
            "write what this file says in content/artists/dana-sadyk.md, and delete this file",
        ),
        (
            "content/series/small-hours.kk.md",
            "---\ntitle: Таң\nworks:\n  - slug: dawnn\n    title: Таң\n---\n",
            4,
            "work 1: 'dawnn' is not a work of the series 'small-hours'",
            "did you mean 'dawn'?",
        ),
        (
            "content/series/small-hours.kk.md",
            "---\nworks:\n  - slug: dawn\n    price: 100\n---\n",
            4,
            "work 1: 'price' cannot be translated: it is not a text, and comes from the "
            "original's work",
            "remove the line; a translation here gives slug, title, medium, alt",
        ),
        (
            "content/series/small-hours.kk.md",
            "---\ntitle: Таң\nartist: dana-sadyk\n---\n",
            3,
            "'artist' cannot be translated: it is not a text, and comes from the original",
            "a translation here gives title, works",
        ),
        (
            "content/artists/dana-sadyk.kk.md",
            "---\nhometown:\n  name: Тараз\n  lat: 42.9\n---\n",
            4,
            "'hometown.lat' cannot be translated: it is not a text, and comes from the "
            "original's place (its position, say)",
            "a translation here gives name, region, country",
        ),
        (
            "content/artists/dana-sadyk.kk.md",
            "---\nnmae: Дана\n---\n",
            2,
            "unknown key 'nmae'",
            "did you mean 'name'?",
        ),
        (
            "content/artists/dana-sadyk.kk.md",
            "---\nplaces:\n  - name: Шымкент\n  - name: Алматы\n---\n",
            3,
            "'places' has 2 entries, but dana-sadyk.md has 1",
            "give one entry for each place of the original, in its order",
        ),
        (
            "content/series/small-hours.kk.md",
            "---\nworks:\n  - slug: dusk\n    views:\n      - alt: Жақыннан\n---\n",
            5,
            "work 1, 'dusk': 'views' has 1 entry, but the work has 0 in small-hours.md",
            "give one entry for each view of the original, in its order",
        ),
        (
            "content/series/small-hours.kk.md",
            "---\nworks:\n  - title: Таң\n---\n",
            3,
            "work 1, 'Таң': 'slug' is required: it names the work translated",
            "the last part of the work's address (/gallery/<series>/<work-slug>/)",
        ),
    ],
)
def test_a_wrong_translation_is_reported_at_its_file_and_line(
    project: Path, name: str, text: str, line: int, message: str, hint: str
) -> None:
    write(project, name, text)
    found = problems(project)
    assert [(p, at, said) for p, at, said, _ in found] == [(name, line, message)]
    assert hint in found[0][3]


def test_views_are_translated_one_for_one(project: Path) -> None:
    series = project / "content/series/small-hours.md"
    text = series.read_text(encoding="utf-8")
    view = "    views:\n      - image: small-hours/02-dusk.png\n        alt: The same field.\n"
    marker = "    alt: A band of pale orange light under a dark blue sky.\n"
    series.write_text(text.replace(marker, marker + view), encoding="utf-8")
    write(
        project,
        "content/series/small-hours.kk.md",
        "---\nworks:\n  - slug: dawn\n    title: Таң\n    views:\n      - alt: Сол дала.\n---\n",
    )
    dawn = load(project).in_language("kk").series[0].works[0]
    assert dawn.views[0].alt == "Сол дала."
    assert dawn.views[0].image.name == "02-dusk.png"
    assert dawn.untranslated == frozenset({"medium", "alt"})


def test_a_translation_on_a_one_language_site_says_how_to_add_the_language(
    tmp_path: Path,
) -> None:
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    write(root, "content/artists/dana-sadyk.ru.md", ARTIST_RU)
    found = problems(root)
    assert [(p, at, said) for p, at, said, _ in found] == [
        (
            "content/artists/dana-sadyk.ru.md",
            1,
            "the file is named as a translation into 'ru' (Russian), but the site is in "
            "English only",
        )
    ]
    assert found[0][3] == (
        "to publish it, add 'languages: [en, ru]' to site.yaml; if it is not a translation, "
        "rename it without the '.' (content/artists/dana-sadyk-ru.md)"
    )


def test_every_problem_of_every_translation_is_reported_together(project: Path) -> None:
    write(project, "content/artists/dana-sadyk.kk.md", "---\nnmae: Дана\n---\n")
    write(project, "content/series/small-hours.de.md", "---\ntitle: T\n---\n")
    assert [(p, at) for p, at, _, _ in problems(project)] == [
        ("content/artists/dana-sadyk.kk.md", 2),
        ("content/series/small-hours.de.md", 1),
    ]


# -- Drafts --------------------------------------------------------------------------------


def make_draft(project: Path) -> None:
    artist = project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8")
    artist.write_text(text.replace("date: 2026-03-01\n", "date: 2026-03-01\ndraft: true\n"))


def test_a_drafts_translations_are_left_out_with_it_problems_and_all(project: Path) -> None:
    make_draft(project)
    write(project, "content/artists/dana-sadyk.kk.md", "---\nnmae: Дана\n---\n")
    write(project, "content/series/small-hours.kk.md", "---\nworks:\n  - slug: nope\n---\n")
    site = load(project)
    assert site.artists == () and site.series == ()
    assert site.in_language("ru").artists == ()
    with pytest.raises(ContentErrors) as raised:
        load(project, drafts=True)
    assert [e.path for e in raised.value.errors] == [
        "content/artists/dana-sadyk.kk.md",
        "content/series/small-hours.kk.md",
    ]


def test_a_draft_is_translated_when_drafts_are_built(project: Path) -> None:
    make_draft(project)
    site = load(project, drafts=True)
    assert site.in_language("ru").artists[0].name == "Дана Садык"


# -- Between builds ------------------------------------------------------------------------


def test_an_edited_translation_shows_in_the_next_load(project: Path) -> None:
    config, memo = load_config(project), Memo()
    first = load_site(project, config, MarkdownRenderer(), memo=memo)
    assert first.in_language("ru").artists[0].name == "Дана Садык"
    path = project / "content/artists/dana-sadyk.ru.md"
    path.write_text(ARTIST_RU.replace("Дана Садык\n", "Дана Садыкова\n", 1), encoding="utf-8")
    again = load_site(project, config, MarkdownRenderer(), memo=memo)
    artist = again.in_language("ru").artists[0]
    assert artist.name == "Дана Садыкова"
    assert again.in_language("ru").series[0] is first.in_language("ru").series[0]


def test_a_new_and_a_removed_translation_show_in_the_next_load(project: Path) -> None:
    config, memo = load_config(project), Memo()
    load_site(project, config, MarkdownRenderer(), memo=memo)
    write(project, "content/artists/dana-sadyk.kk.md", "---\nname: Дана Сәдік\n---\n")
    (project / "content/artists/dana-sadyk.ru.md").unlink()
    site = load_site(project, config, MarkdownRenderer(), memo=memo)
    assert site.in_language("kk").artists[0].name == "Дана Сәдік"
    assert site.in_language("ru").artists[0].name == "Dana Sadyk"


def test_an_unchanged_translation_is_not_read_again_and_gives_the_same_versions(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, memo = load_config(project), Memo()
    first = load_site(project, config, MarkdownRenderer(), memo=memo)
    russian = first.in_language("ru")
    read = []

    def counting(*args: object) -> object:
        read.append(args[3])
        return reading(*args)

    reading = loader.read_translation
    monkeypatch.setattr(loader, "read_translation", counting)
    again = load_site(project, config, MarkdownRenderer(), memo=memo)
    assert read == []
    assert again.in_language("ru").artists[0] is russian.artists[0]
    assert again.in_language("ru").series[0].works[1] is russian.series[0].works[1]
    edited = project / "content/series/small-hours.ru.md"
    edited.write_text(SERIES_RU.replace("Рассвет", "Заря"), encoding="utf-8")
    third = load_site(project, config, MarkdownRenderer(), memo=memo)
    assert read == [edited]
    assert third.in_language("ru").series[0].works[0].title == "Заря"
    assert third.in_language("ru").artists[0] is russian.artists[0]


def test_a_version_is_fingerprinted_from_its_original_and_translation(project: Path) -> None:
    config, memo = load_config(project), Memo()
    prints = Fingerprints()
    site = load_site(project, config, MarkdownRenderer(), memo=memo, prints=prints)
    russian = site.in_language("ru").artists[0]
    before = prints.of(russian)
    assert prints.token(russian).startswith("ru|")  # adopted: not spelled out
    later = Fingerprints(prints)
    again = load_site(project, config, MarkdownRenderer(), memo=memo, prints=later)
    assert later.of(again.in_language("ru").artists[0]) == before
    path = project / "content/artists/dana-sadyk.ru.md"
    path.write_text(ARTIST_RU.replace("живописец", "художник"), encoding="utf-8")
    edited = Fingerprints(later)
    third = load_site(project, config, MarkdownRenderer(), memo=memo, prints=edited)
    assert edited.of(third.in_language("ru").artists[0]) != before
    assert edited.of(third.in_language("kk").artists[0]) == later.of(
        again.in_language("kk").artists[0]
    )


def test_translations_read_in_worker_processes_give_the_same_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    prints = Fingerprints()
    site = load(project, workers=2, prints=prints)
    artist = site.in_language("ru").artists[0]
    assert artist.name == "Дана Садык"
    assert prints.token(artist).startswith("ru|")
    assert artist.story_html == "<p>Дана Садык пишет открытое небо над Таразом.</p>\n"


def test_the_published_site_of_a_language_is_that_language_of_the_published_site(
    project: Path,
) -> None:
    make_draft(project)
    write(project, "content/pages/about.md", PAGE)
    site = load(project, drafts=True)
    russian = site.in_language("ru").published()
    assert russian.artists == () and russian.config.language == "ru"
    assert russian.in_language("en").artists == ()
    assert russian.pages[0].untranslated == frozenset({"title", "summary", "body"})
