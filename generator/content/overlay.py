"""A site in another of its languages: each item with its translation's texts over its own.

``Site.in_language`` calls ``overlay_site``. Each item's version in a language lists in
``untranslated`` the texts it shows in the default language, for want of a translation.

Speed: an item's version is kept with the original and translation it was made from
(``Versions.memos``, which the loader keeps between builds with the original's file), so a
rebuild after an edit gives the very same objects for everything else, which the page memo
and the fingerprints reuse; and each version is fingerprinted from the fingerprints of its
original and translation (``Versions.prints``), never spelled out again. An item without a
translation reads the same in every language: its version is made once for all of them.

Measured (CPU time, on a loaded two-core machine) for 1,000 artists and 4,000 works, half of
them translated into Russian, none into Kazakh: the first overlay into both takes 55 ms
(80 ms with fingerprints), the next build's 11 ms.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from generator.content.model import Artist, OwnPage, Place, Series, Site, View, Work
from generator.content.translations import (
    HOMETOWN_TEXTS,
    PLACE_TEXTS,
    PlaceText,
    Translation,
    ViewText,
    WorkText,
)

if TYPE_CHECKING:
    from generator.incremental.fingerprint import Fingerprints

# The names ``untranslated`` uses for each kind's texts, in the order messages list them.
ARTIST_TEXTS = (
    *("name", "discipline", "summary", "story", "statement", "press_bio", "portrait_alt"),
    *("hometown", "places", "cv"),
)
SERIES_TEXTS = ("title", "description")
WORK_TEXTS = ("title", "medium", "alt", "caption", "dimensions", "credit", "views")
PAGE_TEXTS = ("title", "summary", "body")

Item = TypeVar("Item", Artist, Series, OwnPage)
T = TypeVar("T")
# An item's versions, by language: what each was made from, the version and its fingerprint.
ItemMemo = dict[str, tuple[Any, "Translation | None", Any, tuple[str, ...]]]


@dataclass(slots=True)
class Versions:
    """What a site's versions in its other languages are made from: the loader's part."""

    # The translations that apply, by language, then by their original's source file.
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict)
    # Each original's versions, by its source file: kept between builds with its file.
    memos: dict[str, ItemMemo] = field(default_factory=dict)
    # The build's fingerprints, which know the originals' and translations' already.
    prints: Fingerprints | None = None


def overlay_site(site: Site, code: str) -> Site:
    """``site`` (in its default language) as its pages in ``code`` show it."""
    versions = site.versions or Versions()
    translations = versions.translations.get(code, {})

    def version(item: Item, make: Callable[[Item, Translation | None], Item]) -> Item:
        translation = translations.get(item.source)
        # An item without a translation reads the same in every language: made once.
        key = code if translation is not None else ""
        memo = versions.memos.get(item.source)
        if memo is None:
            memo = versions.memos[item.source] = {}
        entry = memo.get(key)
        made: Item
        if entry is not None and entry[0] is item and entry[1] is translation:
            made, tokens = entry[2], entry[3]
        else:
            made = make(item, translation)
            tokens = _tokens(versions.prints, key, item, translation)
            memo[key] = (item, translation, made, tokens)
        if versions.prints is not None and tokens:
            for part, token in zip(_parts(made), tokens, strict=True):
                versions.prints.adopt(part, token)
        return made

    return Site(
        config=site.config.in_language(code),
        root=site.root,
        artists=tuple(version(artist, _artist) for artist in site.artists),
        series=tuple(version(series, _series) for series in site.series),
        pages=tuple(version(page, _page) for page in site.pages),
        left_out=site.left_out,
        versions=site.versions,
    )


def _parts(item: Any) -> tuple[Any, ...]:
    """An item and what in it has pages of its own (a series' works)."""
    return (item, *item.works) if isinstance(item, Series) else (item,)


def _tokens(
    prints: Fingerprints | None, code: str, item: Any, translation: Translation | None
) -> tuple[str, ...]:
    """The fingerprints of a version and its parts, from those of the original's parts and
    of the translation: both are known already (the loader adopted them), so nothing is
    spelled out again. A token is what a value is known by inside other digests: these,
    with '|' in them, cannot be taken for a spelled one."""
    if prints is None:
        return ()
    translated = prints.token(translation) if translation is not None else ""
    return tuple(f"{code}|{prints.token(part)}|{translated}" for part in _parts(item))


def replace(item: T, **changes: Any) -> T:
    """``dataclasses.replace(item, **changes)``, quicker for the model's classes.

    A speed trick, here alone: a version of an item is a copy of it with a few texts
    changed, made for every item and language. ``dataclasses.replace`` checks each field and
    calls ``__init__`` (6.5 µs for a Work); a copier made for the class sets its slots directly
    (2.7 µs), which takes a first overlay of 1,000 artists and 4,000 works into one language
    from 54 ms to 39 ms. Made only for what it suits (a frozen dataclass with slots, every
    field set by ``__init__``, no ``__post_init__``), checked when made; anything else is
    replaced the plain way.
    """
    copy = _copier(cast(Hashable, type(item)))
    if copy is None:
        return dataclasses.replace(item, **changes)  # type: ignore[type-var]
    made: T = copy(item, changes)
    return made


@functools.cache
def _copier(cls: Any) -> Callable[[Any, dict[str, Any]], Any] | None:
    """A function copying an instance of ``cls`` with ``changes``; None if ``cls`` is not
    a class it can copy exactly."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or hasattr(cls, "__post_init__"):
        return None
    fields = dataclasses.fields(cls)
    names = [f.name for f in fields]
    if not all(f.init for f in fields) or set(getattr(cls, "__slots__", ())) != set(names):
        return None
    lines = [f"    set(x, {n!r}, changes[{n!r}] if {n!r} in changes else item.{n})" for n in names]
    code = "def copy(item, changes):\n    x = new(cls)\n" + "\n".join(lines) + "\n    return x\n"
    space: dict[str, Any] = {"new": object.__new__, "set": object.__setattr__, "cls": cls}
    exec(code, space)  # the names are the class's own fields, identifiers all
    copy: Callable[[Any, dict[str, Any]], Any] = space["copy"]
    return copy


class _Texts:
    """An item's texts in a language: the translation's where it gives one, else the
    original's, noting which were missing."""

    __slots__ = ("given", "missing")

    def __init__(self, given: dict[str, str]) -> None:
        self.given = given
        self.missing: set[str] = set()

    def pick(self, name: str, original: str) -> str:
        if not original:
            return original  # nothing to translate: nothing shows
        text = self.given.get(name)
        if text:
            return text
        self.missing.add(name)
        return original


# The fields that hold each kind's plain texts, by the name ``untranslated`` gives them.
_ARTIST_FIELDS = {
    **{name: name for name in ("name", "discipline", "summary", "portrait_alt")},
    **{name: f"{name}_html" for name in ("story", "statement", "press_bio")},
}
_SERIES_FIELDS = {"title": "title", "description": "description_html"}
_WORK_FIELDS = {
    name: name for name in ("title", "medium", "alt", "caption", "dimensions", "credit")
}
_PAGE_FIELDS = {"title": "title", "summary": "summary", "body": "body_html"}


def _untranslated(item: Any, fields: dict[str, str], *more: str) -> frozenset[str]:
    """The names of the texts ``item`` has (and ``more``): a version without a translation
    shows all of them untranslated."""
    return frozenset((*(name for name, key in fields.items() if getattr(item, key)), *more))


def _artist(artist: Artist, translation: Translation | None) -> Artist:
    if translation is None:
        more = [name for name in ("hometown", "places", "cv") if _has_texts(artist, name)]
        return replace(artist, untranslated=_untranslated(artist, _ARTIST_FIELDS, *more))
    texts = _Texts(translation.texts)
    hometown, whole = _place(
        artist.hometown, translation.hometown if translation else None, HOMETOWN_TEXTS
    )
    if not whole:
        texts.missing.add("hometown")
    given = translation.places if translation is not None else None
    places = artist.places
    if given is not None and len(given) == len(places):
        pairs = [
            _place(place, text, PLACE_TEXTS) for place, text in zip(places, given, strict=True)
        ]
        places = tuple(place for place, _ in pairs)
        if not all(whole for _, whole in pairs):
            texts.missing.add("places")
    elif any(_has_text(place, PLACE_TEXTS) for place in places):
        texts.missing.add("places")
    if artist.cv:
        texts.missing.add("cv")  # the record is never translated
    return replace(
        artist,
        name=texts.pick("name", artist.name),
        discipline=texts.pick("discipline", artist.discipline),
        summary=texts.pick("summary", artist.summary),
        story_html=texts.pick("story", artist.story_html),
        statement_html=texts.pick("statement", artist.statement_html),
        press_bio_html=texts.pick("press_bio", artist.press_bio_html),
        portrait_alt=texts.pick("portrait_alt", artist.portrait_alt),
        hometown=hometown,
        places=places,
        untranslated=frozenset(texts.missing),
    )


def _has_text(place: Place, keys: tuple[str, ...]) -> bool:
    return any(getattr(place, key) for key in keys)


def _has_texts(artist: Artist, name: str) -> bool:
    """Whether the artist's hometown, places or CV has any text to translate."""
    if name == "hometown":
        return _has_text(artist.hometown, HOMETOWN_TEXTS)
    if name == "places":
        return any(_has_text(place, PLACE_TEXTS) for place in artist.places)
    return bool(artist.cv)


def _place(place: Place, text: PlaceText | None, keys: tuple[str, ...]) -> tuple[Place, bool]:
    """The place with its translated words, and whether every word it has was translated."""
    if text is None:
        return place, not _has_text(place, keys)
    changes = {}
    whole = True
    for key in keys:
        if not getattr(place, key):
            continue
        translated = getattr(text, key)
        if translated:
            changes[key] = translated
        else:
            whole = False
    return (replace(place, **changes) if changes else place), whole


def _series(series: Series, translation: Translation | None) -> Series:
    if translation is None:
        return replace(
            series,
            works=tuple(_work(work, None) for work in series.works),
            untranslated=_untranslated(series, _SERIES_FIELDS),
        )
    texts = _Texts(translation.texts)
    works = {text.slug: text for text in translation.works}
    return replace(
        series,
        title=texts.pick("title", series.title),
        description_html=texts.pick("description", series.description_html),
        works=tuple(_work(work, works.get(work.slug)) for work in series.works),
        untranslated=frozenset(texts.missing),
    )


def _work(work: Work, text: WorkText | None) -> Work:
    if text is None:
        more = ("views",) if any(view.alt or view.caption for view in work.views) else ()
        untranslated = _untranslated(work, _WORK_FIELDS, *more)
        if "dimensions" in untranslated and not _has_words(work.dimensions):
            untranslated -= {"dimensions"}
        return replace(work, untranslated=untranslated)
    texts = _Texts({key: text.text(key) for key in _WORK_FIELDS})
    views = work.views
    given = text.views
    if given is not None and len(given) == len(views):
        pairs = [_view(view, view_text) for view, view_text in zip(views, given, strict=True)]
        views = tuple(view for view, _ in pairs)
        if not all(whole for _, whole in pairs):
            texts.missing.add("views")
    elif any(view.alt or view.caption for view in views):
        texts.missing.add("views")
    return replace(
        work,
        title=texts.pick("title", work.title),
        medium=texts.pick("medium", work.medium),
        alt=texts.pick("alt", work.alt),
        caption=texts.pick("caption", work.caption),
        dimensions=texts.pick("dimensions", work.dimensions),
        credit=texts.pick("credit", work.credit),
        views=views,
        untranslated=frozenset(texts.missing)
        - (set() if _has_words(work.dimensions) else {"dimensions"}),
    )


def _has_words(dimensions: str) -> bool:
    """Whether dimensions are written with words to translate ('60 × 90 cm'); '60 × 90' is
    the same in every language, and a translation rightly leaves it out."""
    return any(character.isalpha() for character in dimensions)


def _view(view: View, text: ViewText) -> tuple[View, bool]:
    alt = text.alt or view.alt
    caption = text.caption or view.caption
    whole = (not view.alt or bool(text.alt)) and (not view.caption or bool(text.caption))
    return replace(view, alt=alt, caption=caption), whole


def _page(page: OwnPage, translation: Translation | None) -> OwnPage:
    if translation is None:
        return replace(page, untranslated=_untranslated(page, _PAGE_FIELDS))
    texts = _Texts(translation.texts)
    return replace(
        page,
        title=texts.pick("title", page.title),
        summary=texts.pick("summary", page.summary),
        body_html=texts.pick("body", page.body_html),
        untranslated=frozenset(texts.missing),
    )


def unused_texts(item: Artist | Series | OwnPage, translation: Translation) -> tuple[str, ...]:
    """The texts ``translation`` gives that its original (``item``) has not, which therefore
    show in no language ('press_bio', "work 'dusk': caption")."""
    fields = {Artist: _ARTIST_FIELDS, Series: _SERIES_FIELDS, OwnPage: _PAGE_FIELDS}[type(item)]
    unused = [
        name for name, key in fields.items() if name in translation.texts and not getattr(item, key)
    ]
    if isinstance(item, Series):
        works = {work.slug: work for work in item.works}
        for text in translation.works:
            work = works.get(text.slug)
            if work is None:
                continue
            names = [name for name in _WORK_FIELDS if text.text(name) and not getattr(work, name)]
            unused += [f"work '{work.slug}': {', '.join(names)}"] if names else []
    return tuple(unused)
