"""Every word of the theme is in messages.pot, and translated in each of its catalogues.

The words are extracted as a translator's tools would: Jinja's extractor over the templates
(which also hold what the scripts show, in data- attributes), Babel's over the Python that
writes pages (N_, gettext, ngettext).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from generator import layout
from generator.render.extraction import extract, template_text

THEME = layout.default_theme()
PACKAGE = Path(__file__).resolve().parents[3] / "generator"
LOCALE = THEME / layout.TEMPLATES_DIR / layout.LOCALE_DIR
PLURALS = {"ru": 3, "kk": 2}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return extract(THEME, PACKAGE)


def read(name: str) -> Catalog:
    with (LOCALE / name).open("rb") as file:
        return read_po(file)


def key(message: Message) -> tuple[str, str | None]:
    first = message.id if isinstance(message.id, str) else message.id[0]
    return first, message.context


def test_messages_pot_holds_exactly_the_msgids_of_the_theme(extracted: Catalog) -> None:
    written = {key(m) for m in read("messages.pot") if m.id}
    found = {key(m) for m in extracted if m.id}
    assert found - written == set(), "new msgids: run python -m generator.render.extraction"
    assert written - found == set(), "gone msgids: run python -m generator.render.extraction"
    assert (LOCALE / "messages.pot").read_text(encoding="utf-8") == template_text(extracted)


def test_the_extraction_finds_the_words_of_templates_python_and_scripts(
    extracted: Catalog,
) -> None:
    ids = {key(m)[0] for m in extracted}
    assert "The hometown map" in ids  # a template
    assert "Price on request" in ids  # marked with N_ in Python
    assert "Press kit — %(name)s" in ids  # Language.gettext in a page builder
    assert "%(num)s work" in ids  # ngettext in a template
    assert "Interactive map of the artists’ hometowns" in ids  # map.js's label
    assert "%(title)s, %(number)s of %(count)s" in ids  # the lightbox's announcement


@pytest.mark.parametrize("code", sorted(PLURALS))
def test_every_msgid_is_translated(code: str, extracted: Catalog) -> None:
    catalogue = read(f"{code}.po")
    missing = []
    for message in extracted:
        if not message.id:
            continue
        translated = catalogue.get(message.id, context=message.context)
        if translated is None or translated.fuzzy:
            missing.append(key(message))
            continue
        forms = translated.string if isinstance(translated.string, tuple) else None
        if isinstance(message.id, tuple):
            if forms is None or len(forms) != PLURALS[code] or not all(forms):
                missing.append(key(message))
        elif not translated.string:
            missing.append(key(message))
    assert missing == [], f"{code}.po lacks translations"


@pytest.mark.parametrize("code", sorted(PLURALS))
def test_a_translation_keeps_its_msgids_placeholders(code: str) -> None:
    for message in read(f"{code}.po"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = {name for text in ids for name in PLACEHOLDER.findall(text)}
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= wanted, (message.id, form)
            # Every value a sentence names is said, unless a plural form leaves the number out.
            assert wanted - {"num"} <= set(PLACEHOLDER.findall(form)), (message.id, form)


@pytest.mark.parametrize(
    ("code", "plural_forms"),
    [
        (
            "ru",
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);",
        ),
        ("kk", "nplurals=2; plural=(n != 1);"),
    ],
)
def test_each_catalogue_declares_its_plural_forms(code: str, plural_forms: str) -> None:
    text = (LOCALE / f"{code}.po").read_text(encoding="utf-8")
    assert f'"Plural-Forms: {plural_forms}\\n"' in text


def test_kazakh_is_written_in_its_own_letters() -> None:
    text = " ".join(str(m.string) for m in read("kk.po") if m.id)
    assert set("әғқңөұүі") <= set(text)
