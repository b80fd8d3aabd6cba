"""The build's interface language: the theme's words translated (gettext), and dates, numbers
and prices as that language writes them (CLDR, through Babel).

One :class:`Language` is made per build (``generator.render.catalogue`` reads its catalogues)
and handed to whatever writes words on pages: the Jinja environment, the page builders. English
is the language the theme is written in: its words need no catalogue.

Strings written in Python are marked with :func:`N_` where they are defined, so that Babel's
extraction finds them, and translated where they are shown, with :meth:`Language.gettext`.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

# The languages the default theme speaks, each named in itself (for a language menu, say).
NAMES: dict[str, str] = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; it is translated where shown."""
    return message


# The last two names of a list: 'Anna, Bakhyt and Dana'.
AND = N_("%(items)s and %(last)s")


@dataclass(frozen=True, slots=True)
class Language:
    """The language a build writes its pages' interface in: ``code`` as ``site.yaml``'s
    ``language`` gives it, its Babel locale, and the translations of the theme's strings."""

    code: str
    translations: gettext.NullTranslations = field(compare=False, repr=False)
    # What the catalogues said (a digest of them): part of every page's key.
    digest: str = ""

    @property
    def locale(self) -> Locale:
        """Its Babel locale (English for a code Babel does not know), loaded when first used:
        an English site that shows no price or date never loads Babel at all."""
        return locale_of(self.code)

    @property
    def name(self) -> str:
        """The language as it names itself: 'Русский', 'Қазақша', 'Deutsch'."""
        known = NAMES.get(self.code)
        if known is not None:
            return known
        own = self.locale.get_display_name(self.locale) or self.code
        return own[:1].upper() + own[1:]

    def gettext(self, message: str, **values: object) -> str:
        """``message`` translated, with its ``%(name)s`` placeholders filled from ``values``."""
        text = self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form of ``singular``/``plural`` that goes with ``n``; ``%(num)s`` is ``n`` as
        the language writes numbers ('3 000' in Russian), the other placeholders ``values``."""
        text = self.translations.ngettext(singular, plural, n)
        return text % {"num": self.number(n), **values}

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        """Names in a list as a sentence says them: 'A, B and C', 'A, B и C', 'A, B және C'."""
        if len(items) < 2:
            return "".join(items)
        return self.gettext(AND, items=", ".join(items[:-1]), last=items[-1])

    def number(self, value: int | float | Decimal) -> str:
        """A number with the language's grouping and decimal sign: '3,000', '3 000', '43,26'."""
        if self.code == "en" and type(value) is int:
            return f"{value:,}"  # CLDR's English: groups of three, a comma, a hyphen-minus
        return _number(self.locale, value)

    def fixed(self, value: float, digits: int = 2) -> str:
        """A number with exactly ``digits`` decimals, as the language writes it: '43.26' in
        English, '43,26' in Russian and Kazakh. Not grouped, as coordinates are written, and
        rounded as Python's ``'%.2f'`` rounds (what the English pages always said)."""
        text = f"{value:.{digits}f}"
        if self.code == "en":
            return text  # CLDR's English: a point, a hyphen-minus
        decimal, minus = _signs(self.locale)
        return text.replace("-", minus).replace(".", decimal)

    def long_date(self, day: datetime.date) -> str:
        """A date in full (CLDR's long format): 'May 2, 2024', '2 мая 2024 г.',
        '2024 ж. 2 мамыр'."""
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.locale)

    def date_range(self, start: datetime.date, end: datetime.date) -> str:
        """Two days as the language writes a span of them, the shared month and year once
        (CLDR's intervals): '3–30 мар. 2025 г.', '2025 ж. 3–30 нау.'."""
        from babel.dates import format_interval

        return format_interval(start, end, "yMMMd", locale=self.locale)

    def price(self, amount: Decimal, currency: str) -> str:
        """``amount`` in ``currency`` as the language writes it, whole amounts without
        decimals: 'KZT 450,000' in English, '450 000 ₸' in Kazakh, '450 000 KZT' in Russian.

        CLDR's currency spacing is applied here, as Babel does not: a code or any sign that is
        not a symbol next to a digit is parted from it by a no-break space (``KZT 450,000`` but
        ``$450,000``).
        """
        from babel.numbers import format_currency, get_currency_symbol

        locale = self.locale
        if amount == amount.to_integral_value():
            # Drop the pattern's decimals ("¤#,##0.00" → "¤#,##0"): 450 000 ₸, not 450 000,00 ₸.
            pattern = re.sub(r"\.0+", "", locale.currency_formats["standard"].pattern)
            text = format_currency(
                amount, currency, format=pattern, locale=locale, currency_digits=False
            )
        else:
            text = format_currency(amount, currency, locale=locale)
        return _spaced(text, get_currency_symbol(currency, locale))


def _spaced(text: str, symbol: str) -> str:
    """``text`` with CLDR's currency spacing: a no-break space between ``symbol`` and a digit
    when the symbol's side facing the digit is neither a symbol nor a space."""

    def apart(character: str) -> bool:
        return unicodedata.category(character)[0] not in "SZ"

    size = len(symbol)
    if text.startswith(symbol) and text[size : size + 1].isdigit() and apart(symbol[-1]):
        return f"{symbol}\u00a0{text[size:]}"
    if text.endswith(symbol) and text[:-size][-1:].isdigit() and apart(symbol[0]):
        return f"{text[:-size]}\u00a0{symbol}"
    return text


@functools.lru_cache(maxsize=4096)
def _number(locale: Locale, value: int | float | Decimal) -> str:
    """CLDR's number format (its grouping, its minimum grouping digits): a page shows the
    same few counts again and again, so each is formatted once."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)


@cache
def _signs(locale: Locale) -> tuple[str, str]:
    """The language's decimal sign and minus sign."""
    from babel.numbers import get_decimal_symbol, get_minus_sign_symbol

    return get_decimal_symbol(locale), get_minus_sign_symbol(locale)


def english() -> Language:
    """The theme's own language: its strings as written, English dates and numbers."""
    return language_for("en")


@cache
def language_for(code: str) -> Language:
    """``code``'s dates, numbers and prices, with the theme's words untranslated: what
    formatting needs where no build made a :class:`Language` (a check, a test)."""
    return Language(code, gettext.NullTranslations())


@cache
def locale_of(code: str) -> Locale:
    """The Babel locale of a ``language`` code ('kk', 'pt-BR'), English for one Babel does
    not know (the site then reads as English, and the build says so)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")
