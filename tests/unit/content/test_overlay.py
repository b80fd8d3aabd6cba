"""The overlay: an item's version in a language, built from its original and translation."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.content.model import Artist, OwnPage, Place, Series, Site, View, Work
from generator.content.overlay import Versions, replace
from generator.content.translations import (
    PlaceText,
    Translation,
    ViewText,
    WorkText,
    translation_name,
)

TARAZ = Place("Taraz", "Kazakhstan", 42.9, 71.37, region="Jambyl Region")
DAWN = Work(
    slug="dawn",
    title="Dawn",
    year=2024,
    medium="Oil on board",
    alt="A band of pale light.",
    image=Path("/site/content/series/hours/01-dawn.jpg"),
    series_slug="hours",
    caption="The first of two.",
    views=(View(Path("/site/content/series/hours/02.jpg"), "The back.", "Signed."),),
)
HOURS = Series(
    slug="hours",
    title="Hours",
    artist_slug="dana",
    years="2024",
    description_html="<p>Two paintings.</p>",
    works=(DAWN,),
    source="content/series/hours.md",
)
DANA = Artist(
    slug="dana",
    name="Dana",
    discipline="painter",
    summary="A painter.",
    hometown=TARAZ,
    story_html="<p>Her story.</p>",
    source="content/artists/dana.md",
)
CONFIG = SiteConfig("T", "D", "https://example.org/", languages=("en", "ru", "kk"))


def site(*translations: Translation) -> Site:
    by_language: dict[str, dict[str, Translation]] = {}
    for translation in translations:
        original = f"content/{translation.folder}/{translation.base}.md"
        by_language.setdefault(translation.code, {})[original] = translation
    return Site(CONFIG, Path("/site"), (DANA,), (HOURS,), versions=Versions(by_language))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dana.ru.md", ("dana", "ru")),
        ("dana.kk.md", ("dana", "kk")),
        ("st.petersburg.md", None),
        ("dana.md", None),
        ("bakhyt-morel.pt-BR.md", ("bakhyt-morel", "pt-BR")),
    ],
)
def test_a_translation_is_told_from_an_original_by_its_name(
    name: str, expected: tuple[str, str] | None
) -> None:
    assert translation_name(name) == expected


def test_a_work_version_takes_the_translated_texts_and_keeps_the_rest() -> None:
    text = WorkText("dawn", title="Рассвет", alt="Полоса света.", views=(ViewText(alt="Оборот."),))
    translation = Translation("series", "hours", "ru", "content/series/hours.ru.md", works=(text,))
    work = site(translation).in_language("ru").series[0].works[0]
    assert (work.title, work.alt, work.medium) == ("Рассвет", "Полоса света.", "Oil on board")
    assert work.views[0] == View(DAWN.views[0].image, "Оборот.", "Signed.")
    assert work.untranslated == frozenset({"medium", "caption", "views"})
    assert (work.image, work.year, work.slug) == (DAWN.image, 2024, "dawn")


def test_a_hometown_keeps_its_position_and_the_words_not_translated() -> None:
    translation = Translation(
        "artists",
        "dana",
        "kk",
        "content/artists/dana.kk.md",
        hometown=PlaceText(name="Тараз", country="Қазақстан"),
    )
    artist = site(translation).in_language("kk").artists[0]
    assert artist.hometown == dataclasses.replace(TARAZ, name="Тараз", country="Қазақстан")
    assert artist.untranslated == frozenset({"name", "discipline", "summary", "story", "hometown"})


def test_a_version_without_a_translation_is_shared_by_the_languages() -> None:
    whole = site()
    assert whole.in_language("ru").artists[0] is whole.in_language("kk").artists[0]
    assert whole.in_language("ru").series[0].works[0].untranslated == frozenset(
        {"title", "medium", "alt", "caption", "views"}
    )


@pytest.mark.parametrize(
    "item",
    [DANA, HOURS, DAWN, TARAZ, DAWN.views[0], OwnPage("about", "About", "<p>x</p>", "p.md")],
    ids=lambda item: type(item).__name__,
)
def test_the_quick_copy_is_what_dataclasses_replace_gives(item: object) -> None:
    changes = {"untranslated": frozenset({"title"})} if hasattr(item, "untranslated") else {}
    quick = replace(item, **changes)
    assert quick == dataclasses.replace(item, **changes)  # type: ignore[type-var]
    assert quick is not item


def test_a_class_the_quick_copy_does_not_suit_is_replaced_the_plain_way() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    with pytest.raises(ValueError, match="negative"):
        replace(Checked(1), value=-1)


def test_dimensions_without_words_need_no_translation() -> None:
    bare = dataclasses.replace(DAWN, dimensions="60 × 90", views=(), caption="")
    worded = dataclasses.replace(bare, slug="dusk", dimensions="60 × 90 cm")
    series = dataclasses.replace(HOURS, works=(bare, worded))
    whole = Site(CONFIG, Path("/site"), (DANA,), (series,))
    dawn, dusk = whole.in_language("ru").series[0].works
    assert "dimensions" not in dawn.untranslated
    assert "dimensions" in dusk.untranslated
    text = WorkText("dawn", title="Рассвет", medium="Масло", alt="Свет.")
    translation = Translation("series", "hours", "kk", "content/series/hours.kk.md", works=(text,))
    translated = Site(
        CONFIG,
        Path("/site"),
        (DANA,),
        (series,),
        versions=Versions({"kk": {"content/series/hours.md": translation}}),
    )
    assert translated.in_language("kk").series[0].works[0].untranslated == frozenset()
