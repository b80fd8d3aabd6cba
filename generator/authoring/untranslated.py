"""What ``check`` says of a site in several languages: the texts each language lacks.

Each is a warning (``check --strict`` fails on them): a page that lacks a translation still
builds, in the default language. One line per file and language, grouped by language.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from generator.authoring.findings import Finding
from generator.content.model import Artist, OwnPage, Series, Site
from generator.content.overlay import (
    ARTIST_TEXTS,
    PAGE_TEXTS,
    SERIES_TEXTS,
    WORK_TEXTS,
    unused_texts,
)
from generator.layout import CONFIG_FILE
from generator.source.languages import language_name

KIND = "translation"


def untranslated_warnings(site: Site) -> list[Finding]:
    """For each language but the default: site.yaml's texts it lacks, each item without a
    translation file, each translation lacking texts its original has, and each giving
    texts its original has not (which no page shows)."""
    config = site.config
    default = language_name(config.default_language)
    found: list[Finding] = []
    for code in config.languages[1:]:
        name = language_name(code)
        missing = config.untranslated(code)
        if missing:
            found.append(
                Finding(
                    KIND,
                    f"no {name} text for {', '.join(missing)}: pages in {name} show the "
                    f"{default} (write it as {{{config.default_language}: …, {code}: …}})",
                    CONFIG_FILE,
                    language=code,
                )
            )
        version = site.in_language(code)
        items: tuple[Artist | Series | OwnPage, ...] = (*site.artists, *site.series, *site.pages)
        translated: tuple[Artist | Series | OwnPage, ...] = (
            *version.artists,
            *version.series,
            *version.pages,
        )
        for item, shown in zip(items, translated, strict=True):
            translation = site.translation(code, item)
            if translation is None:
                own = PurePosixPath(item.source)
                found.append(
                    Finding(
                        KIND,
                        f"no {name} translation (add {own.with_suffix(f'.{code}.md')}); its "
                        f"pages show the {default}",
                        item.source,
                        language=code,
                    )
                )
                continue
            lacking = "; ".join(_lacking(shown))
            if lacking:
                found.append(
                    Finding(KIND, f"not translated: {lacking}", translation.source, language=code)
                )
            unused = unused_texts(item, translation)
            if unused:
                found.append(
                    Finding(
                        KIND,
                        f"translates what {PurePosixPath(item.source).name} does not have, so "
                        f"no page shows it: {'; '.join(unused)}",
                        translation.source,
                        language=code,
                    )
                )
    return found


def _lacking(item: Artist | Series | OwnPage) -> Iterator[str]:
    """The texts a version shows untranslated, as a line of the report lists them; the CV
    is not listed (it is never translated)."""
    order = {Artist: ARTIST_TEXTS, Series: SERIES_TEXTS, OwnPage: PAGE_TEXTS}[type(item)]
    names = [name for name in order if name in item.untranslated and name != "cv"]
    if names:
        yield ", ".join(names)
    if isinstance(item, Series):
        for work in item.works:
            if work.untranslated:
                texts = [name for name in WORK_TEXTS if name in work.untranslated]
                yield f"work '{work.slug}': {', '.join(texts)}"
