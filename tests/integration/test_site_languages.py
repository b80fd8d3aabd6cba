"""site.yaml in several languages: ``languages:``, and texts written once per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import NavItem, load_config
from generator.errors import ContentErrors

TRILINGUAL = """\
title: {en: Steppe & City, ru: Степь и город, kk: Дала мен қала}
description: Artists of the steppe and its cities.
base_url: https://example.org/
languages: [en, ru, kk]
tagline: {en: New work from Kazakhstan, ru: Новые работы из Казахстана}
copyright: © Steppe & City
navigation:
  - title: {en: Artists, ru: Художники, kk: Суретшілер}
    url: /#artists
  - title: {en: Map, ru: Карта}
    url: /map/
contact:
  email: studio@example.org
  address: {en: "Abay Avenue 1, Almaty", kk: "Абай даңғылы 1, Алматы"}
"""


def write_site(tmp_path: Path, text: str) -> Path:
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(ContentErrors) as raised:
        load_config(write_site(tmp_path, text))
    return [(e.line, e.message, e.hint or "") for e in raised.value.errors]


def test_languages_are_listed_the_default_first(tmp_path: Path) -> None:
    config = load_config(write_site(tmp_path, TRILINGUAL))
    assert config.languages == ("en", "ru", "kk")
    assert config.default_language == "en"
    assert config.language == "en"


def test_a_site_without_languages_has_its_one_language(tmp_path: Path) -> None:
    config = load_config(write_site(tmp_path, "title: T\ndescription: D\nlanguage: ru\n"))
    assert config.languages == ("ru",)
    assert config.default_language == "ru"
    assert config.in_language("ru") is config
    assert config.untranslated("ru") == ()


def test_the_default_language_shows_the_default_texts(tmp_path: Path) -> None:
    config = load_config(write_site(tmp_path, TRILINGUAL))
    assert config.title == "Steppe & City"
    assert config.tagline == "New work from Kazakhstan"
    assert config.navigation == (NavItem("Artists", "/#artists"), NavItem("Map", "/map/"))
    assert config.contact is not None and config.contact.address == "Abay Avenue 1, Almaty"
    assert config.in_language("en") is config


def test_each_language_shows_its_own_texts_and_the_default_where_it_has_none(
    tmp_path: Path,
) -> None:
    config = load_config(write_site(tmp_path, TRILINGUAL))
    russian = config.in_language("ru")
    assert russian.language == "ru"
    assert russian.languages == ("en", "ru", "kk")
    assert russian.title == "Степь и город"
    assert russian.tagline == "Новые работы из Казахстана"
    assert russian.copyright == "© Steppe & City"  # a plain text is every language's
    assert [item.title for item in russian.navigation] == ["Художники", "Карта"]
    assert russian.contact is not None
    assert russian.contact.address == "Abay Avenue 1, Almaty"  # none in Russian
    assert russian.contact.email == "studio@example.org"
    kazakh = config.in_language("kk")
    assert kazakh.title == "Дала мен қала"
    assert kazakh.tagline == "New work from Kazakhstan"
    assert [item.title for item in kazakh.navigation] == ["Суретшілер", "Map"]
    assert kazakh.contact is not None and kazakh.contact.address == "Абай даңғылы 1, Алматы"
    assert kazakh.in_language("en") == config


def test_the_texts_a_language_lacks_are_listed(tmp_path: Path) -> None:
    config = load_config(write_site(tmp_path, TRILINGUAL))
    assert config.untranslated("en") == ()
    assert config.untranslated("ru") == ("contact.address",)
    assert config.untranslated("kk") == ("tagline", "navigation[2].title")


def test_language_may_be_given_too_when_it_is_the_first(tmp_path: Path) -> None:
    config = load_config(
        write_site(tmp_path, "title: T\ndescription: D\nlanguage: kk\nlanguages: [kk, ru]\n")
    )
    assert config.languages == ("kk", "ru")
    assert config.language == "kk"


SETTINGS = "description: D\n"


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        (
            "title: T\nlanguages: [en, kz]\n",
            2,
            "'languages': 'kz' is not a language code Babel knows",
            "did you mean 'kk'?",
        ),
        (
            "title: T\nlanguages: [en, RU]\n",
            2,
            "'languages': 'RU' is not a language code Babel knows",
            "did you mean 'ru'?",
        ),
        (
            "title: T\nlanguages:\n  - en\n  - ru\n  - en\n",
            5,
            "'languages' names 'en' twice",
            "list each language once",
        ),
        (
            "title: T\nlanguages: []\n",
            2,
            "'languages' must be a list of language codes, the default first",
            "languages: [en, ru, kk]",
        ),
        (
            "title: T\nlanguage: ru\nlanguages: [en, ru]\n",
            2,
            "'language' is 'ru', but the first of 'languages' (the default) is 'en'",
            "list 'ru' first in 'languages'",
        ),
        (
            "languages: [en, ru]\ntitle:\n  en: Steppe\n  de: Steppe\n",
            4,
            "'title': 'de' is not one of the site's languages (en, ru)",
            "add 'de' to 'languages:', or remove its line",
        ),
        (
            "languages: [en, ru]\ntitle:\n  en: Steppe\n  rus: Степь\n",
            4,
            "'title': 'rus' is not one of the site's languages (en, ru)",
            "did you mean 'ru'?",
        ),
        (
            "languages: [en, ru]\ntitle: T\ntagline: {ru: Степь}\n",
            3,
            "'tagline' has no text in the default language ('en')",
            "add 'en: …' beside ru: …",
        ),
        (
            "languages: [en, ru]\ntitle: T\nnavigation:\n  - title: {ru: Карта}\n    url: /map/\n",
            4,
            "navigation 1: 'title' has no text in the default language ('en')",
            "add 'en: …'",
        ),
        (
            "title: {en: T, ru: Т}\n",
            1,
            "'title': 'ru' is not one of the site's languages (en)",
            "add 'ru' to 'languages:'",
        ),
    ],
)
def test_a_wrong_language_setting_is_reported_at_its_line(
    tmp_path: Path, text: str, line: int, message: str, hint: str
) -> None:
    found = problems(tmp_path, text + SETTINGS)
    assert any(at == line and said == message and hint in hinted for at, said, hinted in found), (
        found
    )
