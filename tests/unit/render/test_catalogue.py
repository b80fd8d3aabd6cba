"""The theme's catalogues, a site's own over them, and what a build says of a missing or
broken one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import layout
from generator.errors import CatalogueError
from generator.language import Language
from generator.render.catalogue import load_language

THEME = layout.default_theme() / layout.TEMPLATES_DIR


def theme_language(code: str) -> Language:
    language, warning = load_language(code, [Path("/nonexistent/templates"), THEME])
    assert warning is None
    return language


def works(language: Language, n: int) -> str:
    return language.ngettext("%(num)s work", "%(num)s works", n)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", ["0 works", "1 work", "2 works", "5 works", "21 works"]),
        ("ru", ["0 работ", "1 работа", "2 работы", "5 работ", "21 работа"]),
        ("kk", ["0 жұмыс", "1 жұмыс", "2 жұмыс", "5 жұмыс", "21 жұмыс"]),
    ],
)
def test_a_count_takes_the_plural_form_its_number_asks_for(code: str, expected: list[str]) -> None:
    language = theme_language(code)
    assert [works(language, n) for n in (0, 1, 2, 5, 21)] == expected


def test_russian_plurals_past_twenty_follow_the_last_digits() -> None:
    russian = theme_language("ru")
    assert [works(russian, n) for n in (11, 12, 22, 25, 101, 111)] == [
        "11 работ",
        "12 работ",
        "22 работы",
        "25 работ",
        "101 работа",
        "111 работ",
    ]


def test_the_theme_speaks_russian_and_kazakh() -> None:
    assert theme_language("ru").gettext("Gallery") == "Галерея"
    assert theme_language("kk").gettext("Hometown map") == "Туған қалалар картасы"
    assert theme_language("ru").gettext("Press kit — %(name)s", name="Анна") == (
        "Материалы для прессы — Анна"
    )


def write(
    folder: Path, code: str, entries: str, plural: str = "nplurals=2; plural=(n != 1);"
) -> Path:
    path = folder / "templates" / "locale" / f"{code}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        'msgid ""\nmsgstr ""\n'
        f'"Language: {code}\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        f'"Plural-Forms: {plural}\\n"\n\n'
    )
    path.write_text(header + entries, encoding="utf-8")
    return path


def test_a_sites_own_catalogue_wins_and_leaves_the_rest_to_the_themes(tmp_path: Path) -> None:
    write(
        tmp_path,
        "ru",
        'msgid "Gallery"\nmsgstr "Собрание"\n\nmsgid "Hometown map"\nmsgstr ""\n',
        plural="nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
    )
    language, warning = load_language("ru", [tmp_path / "templates", THEME])
    assert warning is None
    assert language.gettext("Gallery") == "Собрание"  # the site's
    assert language.gettext("Hometown map") == "Карта родных городов"  # left to the theme
    assert works(language, 5) == "5 работ"


def test_a_site_may_add_a_language_the_theme_lacks(tmp_path: Path) -> None:
    write(tmp_path, "de", 'msgid "Gallery"\nmsgstr "Galerie"\n')
    language, warning = load_language("de", [tmp_path / "templates", THEME])
    assert warning is None
    assert language.gettext("Gallery") == "Galerie"
    assert language.gettext("Hometown map") == "Hometown map"


def test_a_changed_catalogue_changes_the_pages_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "de", 'msgid "Gallery"\nmsgstr "Galerie"\n')
    before = load_language("de", [tmp_path / "templates", THEME])[0].digest
    path.write_text(path.read_text(encoding="utf-8").replace("Galerie", "Sammlung"), "utf-8")
    assert load_language("de", [tmp_path / "templates", THEME])[0].digest != before


def test_a_language_without_catalogue_is_english_with_a_warning_naming_the_file(
    tmp_path: Path,
) -> None:
    language, warning = load_language("de", [tmp_path / "templates", THEME])
    assert language.gettext("Gallery") == "Gallery"
    assert language.locale.language == "de"  # dates and prices still German
    assert warning is not None
    assert "templates/locale/de.po" in warning and "messages.pot" in warning


def test_english_needs_no_catalogue(tmp_path: Path) -> None:
    assert load_language("en", [tmp_path / "templates", THEME])[1] is None
    assert load_language("en-GB", [tmp_path / "templates", THEME])[1] is None


def test_a_malformed_catalogue_is_an_error_naming_its_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "ru", 'msgid "Gallery"\nmsgstr "Галерея"\n\nmsgid "Map"\nnonsense here\n')
    with pytest.raises(CatalogueError) as caught:
        load_language("ru", [tmp_path / "templates", THEME])
    assert caught.value.path == "templates/locale/ru.po"
    assert caught.value.line == 11
    assert "not a valid catalogue" in str(caught.value)


def test_a_translation_that_loses_a_placeholder_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "ru", 'msgid "Price list — %(name)s"\nmsgstr "Прайс-лист — %(имя)s"\n')
    with pytest.raises(CatalogueError) as caught:
        load_language("ru", [tmp_path / "templates", THEME])
    assert caught.value.path == "templates/locale/ru.po"
    assert caught.value.line == 7
    assert "Price list" in str(caught.value)
