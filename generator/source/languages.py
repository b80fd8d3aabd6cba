"""The languages of a site and its texts in each: ``languages:`` and the per-language values of
site.yaml (``title: {en: …, ru: …}``), read with their locations.

Babel is imported only when ``languages:`` is written: a one-language site never loads it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from generator.source.fields import Fields

# Country codes written where a language code was meant: the hint names the language.
_COUNTRY_FOR_LANGUAGE = {
    "kz": "kk",
    "ua": "uk",
    "cz": "cs",
    "gr": "el",
    "jp": "ja",
    "dk": "da",
    "se": "sv",
    "cn": "zh",
    "kr": "ko",
    "by": "be",
    "ee": "et",
    "gb": "en",
    "us": "en",
    "rs": "sr",
    "si": "sl",
    "kg": "ky",
    "tj": "tg",
    "am": "hy",
    "ge": "ka",
}
EXAMPLE = "for example: languages: [en, ru, kk] (the default language first)"


@dataclass(frozen=True, slots=True)
class SiteTexts:
    """The texts of site.yaml in one language; an empty text is one not given in it (the
    default language's shows instead). ``navigation`` has a title for each item."""

    title: str = ""
    tagline: str = ""
    description: str = ""
    copyright: str = ""
    navigation: tuple[str, ...] = ()
    address: str = ""
    author: str = ""  # the author's name

    def over(self, default: SiteTexts) -> SiteTexts:
        """These texts, with the default language's where this one gives none."""
        titles = self.navigation
        return SiteTexts(
            title=self.title or default.title,
            tagline=self.tagline or default.tagline,
            description=self.description or default.description,
            copyright=self.copyright or default.copyright,
            navigation=tuple(
                (titles[i] if i < len(titles) else "") or title
                for i, title in enumerate(default.navigation)
            ),
            address=self.address or default.address,
            author=self.author or default.author,
        )

    def missing(self, default: SiteTexts) -> tuple[str, ...]:
        """The texts ``default`` gives and this language does not, as site.yaml names them."""
        names = [
            key
            for key in ("title", "tagline", "description", "copyright")
            if getattr(default, key) and not getattr(self, key)
        ]
        names += [
            f"navigation[{i + 1}].title"
            for i, title in enumerate(default.navigation)
            if title and not (i < len(self.navigation) and self.navigation[i])
        ]
        if default.address and not self.address:
            names.append("contact.address")
        if default.author and not self.author:
            names.append("author")
        return tuple(names)


def read_languages(fields: Fields) -> tuple[str, ...]:
    """``languages:``, distinct codes Babel knows, the default first (empty when absent)."""
    value = fields.data.get("languages")
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        fields.problems.add(
            "'languages' must be a list of language codes, the default first",
            fields.mark("languages"),
            EXAMPLE,
        )
        return ()
    codes: list[str] = []
    items = Fields({}, fields.marks, fields.problems, (*fields.prefix, "languages"))
    for index, code in enumerate(value):
        mark = items.mark(index)
        if not isinstance(code, str) or not code.strip():
            fields.problems.add(
                f"'languages[{index + 1}]' must be a language code (got {code!r})", mark, EXAMPLE
            )
            continue
        code = code.strip()
        problem = language_problem(code)
        if problem is not None:
            fields.problems.add(
                f"'languages': {code!r} is not a language code Babel knows", mark, problem
            )
            continue
        if code in codes:
            fields.problems.add(
                f"'languages' names {code!r} twice", mark, "list each language once"
            )
            continue
        codes.append(code)
    # ``language:`` beside them (the config reads it when it is alone).
    written = fields.text("language", required=False) if codes else ""
    if written and written != codes[0]:
        fields.problems.add(
            f"'language' is {written!r}, but the first of 'languages' (the default) is "
            f"{codes[0]!r}",
            fields.mark("language"),
            f"remove the 'language:' line, or list {written!r} first in 'languages'",
        )
    return tuple(codes)


def language_problem(code: str) -> str | None:
    """None when Babel knows the language ``code`` ('kk', 'pt-BR'); else a hint: the code
    meant, or how to write one."""
    from babel import Locale, UnknownLocaleError

    if re.fullmatch(r"[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*", code):
        try:
            Locale.parse(code.replace("-", "_"))
            return None
        except (ValueError, UnknownLocaleError):
            pass
    meant = _meant(code)
    guess = f"did you mean '{meant}'? " if meant and meant != code else ""
    return guess + "write a language's ISO 639 code in lowercase: en, ru, kk, de"


def _meant(code: str) -> str:
    lowered = code.strip().lower().replace("_", "-")
    if lowered in _COUNTRY_FOR_LANGUAGE:
        return _COUNTRY_FOR_LANGUAGE[lowered]
    if lowered != code and language_problem(lowered) is None:
        return lowered
    from babel.localedata import locale_identifiers

    known = sorted(name for name in locale_identifiers() if "_" not in name)
    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.5)
    return close[0] if close else ""


def read_texts(
    fields: Fields, key: str, languages: tuple[str, ...], *, required: bool = False
) -> tuple[str, dict[str, str]]:
    """``key``'s text in the default language, and its text in each language that gives one.

    The value is a plain text (the same in every language) or a mapping of language code to
    text, which must give the default language's; a code not in ``languages`` is a problem.
    """
    value = fields.data.get(key)
    if not isinstance(value, dict):
        text = fields.text(key, required=required)
        return text, ({code: text for code in languages} if text else {})
    block = fields.mapping(key)
    assert block is not None
    default = languages[0]
    texts: dict[str, str] = {}
    for code in block.data:
        name = str(code)
        if name not in languages:
            close = [_COUNTRY_FOR_LANGUAGE[name]] if name in _COUNTRY_FOR_LANGUAGE else []
            free = [code for code in languages if code not in block.data]  # not yet given
            close = [c for c in close if c in free] or difflib.get_close_matches(
                name, free, n=1, cutoff=0.5
            )
            block.problems.add(
                f"{fields.label(key)}: {name!r} is not one of the site's languages "
                f"({', '.join(languages)})",
                block.mark(code),
                f"did you mean '{close[0]}'?"
                if close
                else f"add '{name}' to 'languages:', or remove its line",
            )
            continue
        text = block.text(name, required=False)
        if text:
            texts[name] = text
    if default not in texts:
        given = ", ".join(f"{code}: …" for code in texts) or "…"
        block.problems.add(
            f"{fields.label(key)} has no text in the default language ({default!r})",
            fields.mark(key),
            f"add '{default}: …' beside {given}: pages in a language without a text of "
            "its own show the default one",
        )
    return texts.get(default, ""), texts


def language_name(code: str) -> str:
    """The language's name in English ('Russian', 'Kazakh'), as messages name it; the code
    itself for one Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code
