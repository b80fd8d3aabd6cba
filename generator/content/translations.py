"""Translation files: ``content/<folder>/<slug>.<code>.md``, an item's texts in another language.

A translation holds only texts; everything else comes from its original, ``<slug>.md``
beside it. Reading one (``read_translation``) needs nothing but the file, so the loader reads
it as it reads originals: once, in a worker process perhaps, and not again while it is
unchanged. What depends on the site (its languages, the original's works and places) is
checked each load by ``link_translations``, which is cheap. ``generator.content.overlay``
applies them.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config import SiteConfig
from generator.content.artists import ARTIST_KEYS
from generator.content.markdown import MarkdownRenderer, NestingTooDeep
from generator.content.model import Artist, Series
from generator.content.pages import PAGE_KEYS
from generator.content.places import PLACE_KEYS
from generator.content.reading import Reading, render_body
from generator.content.recordings import VIEW_KEYS
from generator.content.series import SERIES_KEYS, WORK_KEYS
from generator.errors import ContentError, SiteError
from generator.source.fields import Fields
from generator.source.frontmatter import FrontMatter
from generator.source.languages import language_name, language_problem
from generator.source.marks import Mark

# A translation's file name: the original's, then '.', a language code, '.md' (x.ru.md).
_NAME = re.compile(r"(?P<base>.+)\.(?P<code>[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)")

# What a translation may give, by folder: the texts of its kind ("works", "places" and
# "hometown" hold texts of their own). The body is the story, description or page text.
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "artists": (
        *("name", "discipline", "summary", "statement", "press_bio", "portrait_alt"),
        *("hometown", "places"),
    ),
    "series": ("title", "works"),
    "pages": ("title", "summary"),
}
_ORIGINAL_KEYS = {"artists": ARTIST_KEYS, "series": SERIES_KEYS, "pages": PAGE_KEYS}
BODY = {"artists": "story", "series": "description", "pages": "body"}
PLACE_TEXTS = ("name", "region", "country", "reason")
HOMETOWN_TEXTS = ("name", "region", "country")
WORK_TEXTS = ("slug", "title", "medium", "alt", "caption", "dimensions", "credit", "views")
VIEW_TEXTS = ("alt", "caption")
_MARKDOWN = ("statement", "press_bio")


def translation_name(path: Path | str) -> tuple[str, str] | None:
    """``(original's file stem, language code)`` when the file is named as a translation
    (``bakhyt-morel.ru.md``, a code Babel knows); None for an original (``the.end.md``)."""
    stem = os.path.basename(path).removesuffix(".md")
    found = _NAME.fullmatch(stem)
    if found is None or not _is_language(found["code"]):
        return None
    return found["base"], found["code"]


@functools.cache
def _is_language(code: str) -> bool:
    return language_problem(code) is None


@dataclass(frozen=True, slots=True)
class PlaceText:
    """A place's words in another language (its position is the original's)."""

    name: str = ""
    region: str = ""
    country: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ViewText:
    """A view's words in another language."""

    alt: str = ""
    caption: str = ""


@dataclass(frozen=True, slots=True)
class WorkText:
    """A work's words in another language, matched to the original's work by ``slug``."""

    slug: str
    title: str = ""
    medium: str = ""
    alt: str = ""
    caption: str = ""
    dimensions: str = ""
    credit: str = ""
    views: tuple[ViewText, ...] | None = None  # None: not translated

    def text(self, key: str) -> str:
        """One of the texts, by name."""
        value = getattr(self, key)
        return value if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class Translation:
    """One translation file, read: its texts, and where what linking checks was written."""

    folder: str  # the kind's folder: artists, series, pages
    base: str  # the original's file name without .md
    code: str  # the language
    source: str  # content/artists/bakhyt-morel.ru.md
    # The texts it gives, by the name ``untranslated`` uses: "name", "story" (HTML), "title",
    # "description" (HTML), "statement" (HTML)…; a text left out is not here.
    texts: dict[str, str] = field(default_factory=dict)
    hometown: PlaceText | None = None
    places: tuple[PlaceText, ...] | None = None  # None: not translated
    works: tuple[WorkText, ...] = ()
    # Where the keys linking checks stand: "places", "works[2].slug", "works[2].views".
    marks: dict[str, Mark] = field(default_factory=dict, compare=False, repr=False)

    def mark(self, key: str) -> Mark:
        """Where ``key`` was written (the file's start when it was not)."""
        return self.marks.get(key, Mark(1, 1))


def read_translation(
    folder: str, fields: Fields, document: FrontMatter, path: Path, reading: Reading
) -> Translation:
    """Read one translation file's texts, each problem recorded in ``fields``."""
    name = translation_name(path)
    assert name is not None
    base, code = name
    _check_keys(fields, TRANSLATABLE[folder], _ORIGINAL_KEYS[folder], "the original")
    texts: dict[str, str] = {}
    for key in TRANSLATABLE[folder]:
        if key in ("hometown", "places", "works"):
            continue
        text = (
            _markdown(fields, key, reading.markdown)
            if key in _MARKDOWN
            else fields.text(key, required=False)
        )
        if text:
            texts[key] = text
    body = render_body(fields, document, reading.markdown) if document.body.strip() else ""
    if body:
        texts[BODY[folder]] = body
    marks = {key: fields.mark(key) for key in ("places",) if key in fields.data}
    return Translation(
        folder=folder,
        base=base,
        code=code,
        source=fields.problems.path,
        texts=texts,
        hometown=_read_hometown(fields) if folder == "artists" else None,
        places=_read_places(fields) if folder == "artists" else None,
        works=_read_works(fields, marks) if folder == "series" else (),
        marks=marks,
    )


def _check_keys(
    fields: Fields, allowed: tuple[str, ...], original: tuple[str, ...], whose: str
) -> None:
    """Report keys a translation cannot have: another of the original's (a price, an
    image: not a text), or one nobody knows (with the closest translatable one)."""
    for key in fields.data:
        if key in allowed:
            continue
        if key in original:
            fields.problems.add(
                f"{fields.label(key)} cannot be translated: it is not a text, and comes from "
                f"{whose}",
                fields.mark(key),
                f"remove the line; a translation here gives {', '.join(allowed)}",
            )
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        within = f"{fields.item}: " if fields.item else ""
        name = fields.name(key) if not fields.item else key
        fields.problems.add(
            f"{within}unknown key '{name}'",
            fields.mark(key),
            f"did you mean '{close[0]}'?"
            if close
            else f"a translation here gives {', '.join(allowed)}",
        )


def _markdown(fields: Fields, key: str, markdown: MarkdownRenderer) -> str:
    """A Markdown text (``statement``, ``press_bio``) as HTML, or ''."""
    text = fields.text(key, required=False)
    if not text:
        return ""
    try:
        return markdown.render(text)
    except NestingTooDeep as exc:
        fields.problems.add(f"{fields.label(key)}: {exc.message}", fields.mark(key), exc.hint)
        return ""


def _place_text(fields: Fields, keys: tuple[str, ...], original: tuple[str, ...]) -> PlaceText:
    _check_keys(fields, keys, original, "the original's place (its position, say)")
    return PlaceText(**{key: fields.text(key, required=False) for key in keys})


def _read_hometown(fields: Fields) -> PlaceText | None:
    block = fields.mapping("hometown", required=False)
    return _place_text(block, HOMETOWN_TEXTS, PLACE_KEYS) if block is not None else None


def _read_places(fields: Fields) -> tuple[PlaceText, ...] | None:
    if fields.data.get("places") is None:
        return None
    return tuple(_place_text(item, PLACE_TEXTS, PLACE_KEYS) for item in fields.mappings("places"))


def _read_works(fields: Fields, marks: dict[str, Mark]) -> tuple[WorkText, ...]:
    works: list[WorkText] = []
    for index, item in enumerate(fields.mappings("works")):
        _check_keys(item, WORK_TEXTS, WORK_KEYS, "the original's work")
        slug = item.text("slug", required=False)
        marks[f"works[{index}].slug"] = item.mark("slug" if slug else None)
        if not slug:
            item.problems.add(
                f"{item.item}: 'slug' is required: it names the work translated",
                item.mark(),
                "add 'slug: <work-slug>', the last part of the work's address "
                "(/gallery/<series>/<work-slug>/)",
            )
            continue
        if any(work.slug == slug for work in works):
            item.problems.add(
                f"{item.item}: the work '{slug}' is translated twice",
                item.mark("slug"),
                "keep one entry for each work",
            )
        views = None
        if item.data.get("views") is not None:
            marks[f"works[{index}].views"] = item.mark("views")
            views = []
            for view in item.mappings("views"):
                _check_keys(view, VIEW_TEXTS, VIEW_KEYS, "the original's view")
                views.append(
                    ViewText(**{key: view.text(key, required=False) for key in VIEW_TEXTS})
                )
        texts = {key: item.text(key, required=False) for key in WORK_TEXTS[1:-1]}
        works.append(WorkText(slug=slug, views=None if views is None else tuple(views), **texts))
    return tuple(works)


# -- Linking: each translation to its original, against the site's languages ------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A translation file as the loader hands it for linking."""

    translation: Translation | None  # None when the file had problems
    problems: tuple[SiteError, ...]
    base: str
    code: str
    source: str


def link_translations(
    candidates: Mapping[str, Iterable[Candidate]],
    originals: Mapping[str, Iterable[Any]],
    config: SiteConfig,
    *,
    broken: Mapping[str, set[str]],
    hidden: set[str],
) -> tuple[dict[str, dict[str, Translation]], list[SiteError]]:
    """The translations that apply, by language then by their original's source, and the
    problems of all of them; ``candidates`` and ``originals`` are by the kind's folder.

    ``broken`` holds, by folder, the file stems and slugs of originals with problems (their
    translations are not also reported); ``hidden`` the draft artists' slugs: the
    translations of a draft, or of a draft's series, are left out with it, problems and all.
    """
    found: dict[str, dict[str, Translation]] = {}
    problems: list[SiteError] = []
    for folder, files in candidates.items():
        items = list(originals.get(folder, ()))
        by_name: dict[str, Any] = {item.slug: item for item in items}
        by_name.update((_stem(item.source), item) for item in items)  # the file's name first
        for candidate in files:
            original = by_name.get(candidate.base)
            if original is not None and _owner(original) in hidden:
                continue
            language = _language_problem(candidate, folder, config)
            if language is not None:
                problems.append(language)
                continue
            problems += candidate.problems
            if original is None:
                if candidate.base not in broken.get(folder, set()):
                    problems.append(_no_original(candidate, folder, items))
                continue
            if candidate.translation is None:
                continue
            mismatches = _mismatches(candidate.translation, original)
            problems += mismatches
            if not mismatches:
                found.setdefault(candidate.code, {})[original.source] = candidate.translation
    return found, problems


def _stem(source: str) -> str:
    return source.rsplit("/", 1)[-1].removesuffix(".md")


def _owner(item: Any) -> str:
    """The slug of the artist whose draft would hide ``item``."""
    if isinstance(item, Artist):
        return item.slug
    if isinstance(item, Series):
        return item.artist_slug
    return ""


def _error(candidate: Candidate | Translation, message: str, mark: Mark, hint: str) -> SiteError:
    return ContentError(
        message, path=candidate.source, line=mark.line, column=mark.column, hint=hint
    )


def _language_problem(candidate: Candidate, folder: str, config: SiteConfig) -> SiteError | None:
    code, base, languages = candidate.code, candidate.base, config.languages
    start = Mark(1, 1)
    if code == config.default_language:
        return _error(
            candidate,
            f"'{code}' is the site's default language ({language_name(code)}): its text is "
            f"in {base}.md",
            start,
            f"write what this file says in content/{folder}/{base}.md, and delete this file",
        )
    if code in languages:
        return None
    name = language_name(code)
    said = f"'{code}' ({name})" if name != code else f"'{code}'"
    if len(languages) == 1:
        return _error(
            candidate,
            f"the file is named as a translation into {said}, but the site is in "
            f"{language_name(languages[0])} only",
            start,
            f"to publish it, add 'languages: [{languages[0]}, {code}]' to site.yaml; if it is "
            f"not a translation, rename it without the '.' (content/{folder}/"
            f"{base.replace('.', '-')}-{code}.md)",
        )
    return _error(
        candidate,
        f"a translation into {said}, which is not one of the site's languages "
        f"({', '.join(languages)})",
        start,
        f"add '{code}' to 'languages:' in site.yaml, or rename the file "
        f"({base}.<code>.md with one of {', '.join(languages[1:])})",
    )


def _no_original(candidate: Candidate, folder: str, items: list[Any]) -> SiteError:
    stems = sorted({_stem(item.source) for item in items})
    close = difflib.get_close_matches(candidate.base, stems, n=1, cutoff=0.6)
    hint = (
        f"did you mean {close[0]}.{candidate.code}.md? A translation is named after its "
        "original's file"
        if close
        else f"name it after the file it translates: <name>.{candidate.code}.md beside <name>.md"
    )
    return _error(
        candidate,
        f"a translation of content/{folder}/{candidate.base}.md, which does not exist",
        Mark(1, 1),
        hint,
    )


def _mismatches(translation: Translation, original: Any) -> list[SiteError]:
    """What a translation says that its original does not fit: an unknown work, a list of
    places or views of another length."""
    problems = []
    original_name = _stem(original.source) + ".md"
    if translation.places is not None and len(translation.places) != len(original.places):
        problems.append(
            _error(
                translation,
                f"'places' has {_entries(len(translation.places))}, but {original_name} has "
                f"{len(original.places)}",
                translation.mark("places"),
                "give one entry for each place of the original, in its order (or leave out "
                "'places:' to show them untranslated)",
            )
        )
    if isinstance(original, Series):
        works = {work.slug: work for work in original.works}
        for index, text in enumerate(translation.works):
            work = works.get(text.slug)
            if work is None:
                known = sorted(works)
                close = difflib.get_close_matches(text.slug, known, n=1, cutoff=0.5)
                problems.append(
                    _error(
                        translation,
                        f"work {index + 1}: '{text.slug}' is not a work of the series "
                        f"'{original.slug}'",
                        translation.mark(f"works[{index}].slug"),
                        f"did you mean '{close[0]}'?"
                        if close
                        else f"its works' slugs are: {', '.join(known)}",
                    )
                )
            elif text.views is not None and len(text.views) != len(work.views):
                problems.append(
                    _error(
                        translation,
                        f"work {index + 1}, '{text.slug}': 'views' has "
                        f"{_entries(len(text.views))}, but the work has {len(work.views)} in "
                        f"{original_name}",
                        translation.mark(f"works[{index}].views"),
                        "give one entry for each view of the original, in its order (or leave "
                        "out 'views:' to show them untranslated)",
                    )
                )
    return problems


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"
