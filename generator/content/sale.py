"""A work's sale facts: its status, price, edition and inventory number, read and shown.

Prices are shown in the site language's number and currency format (CLDR, through Babel):
``450 000 ₸`` in Kazakh, ``450 000 KZT`` in Russian, ``KZT 450,000`` in English (no-break spaces).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from generator.config import SiteConfig, read_currency
from generator.content.model import (
    STATUS_AVAILABLE,
    STATUS_NOT_FOR_SALE,
    STATUS_PRIVATE_COLLECTION,
    STATUS_RESERVED,
    STATUS_SOLD,
    STATUSES,
    Edition,
    Price,
    Site,
    Work,
)
from generator.errors import ContentError, SiteError
from generator.language import N_
from generator.source.fields import Fields
from generator.source.marks import Mark

if TYPE_CHECKING:
    from generator.language import Language

SALE_KEYS = ("status", "price", "edition", "inventory")
PRICE_ON_REQUEST = N_("Price on request")
# The largest amount a price may have: more is a typing slip (a digit too many, twice).
_MOST = Decimal(10) ** 15
# "450000", "450 000", "1 200,50", "1,200.50", "1200.50": digits, grouped by spaces, commas or
# points, with at most two decimals after the last comma or point.
_AMOUNT = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f,.]?\d{3})*(?:[.,]\d{1,2})?$")


def read_status(fields: Fields) -> str:
    """The ``status`` key: one of STATUSES (in any case), or empty when the work has none."""
    return fields.choice("status", STATUSES, otherwise="write for example 'status: available'")


def read_price(fields: Fields) -> Price | None:
    """The ``price`` key: an amount (``450000``, ``1 200,50``) in the site's currency, or
    ``{amount, currency}`` (the currency checked against ISO 4217).

    An unquoted ``1.200`` is the float 1.2 to YAML, so the amount is read again from the
    file's line as it was typed (a point groups thousands).
    """
    value = fields.data.get("price")
    if value is None:
        return None
    currency = ""
    where = fields.mark("price")
    if isinstance(value, dict):
        price = fields.mapping("price")
        if price is None:
            return None
        price.check_keys(("amount", "currency"))
        value = price.data.get("amount")
        if value is None:
            price.text("amount")  # reported as required
            return None
        where = price.mark("amount")
        currency = read_currency(price, "currency")
        if "currency" in price.data and not currency:
            return None
    if isinstance(value, float):
        value = _typed(fields.problems.lines, where, value)
    amount = _amount(value)
    if amount is None:
        fields.problems.add(
            f"{fields.label('price')} must be an amount such as 450000, 450 000 or 1 200,50 "
            f"(got {value!r})",
            where,
            _price_hint(value)
            + "write the amount alone, with no currency sign: the currency is 'site.yaml' "
            "'currency' or the price's own ('price: {amount: 1200, currency: EUR}')",
        )
        return None
    return Price(amount=amount, currency=currency, line=where.line)


def unpriced(site: Site) -> list[SiteError]:
    """A located error for each price in no currency: neither its own nor the site's."""
    if site.config.currency:
        return []
    return [
        ContentError(
            f"the price of '{work.title}' has no currency",
            path=work.source,
            line=work.price.line,
            hint="add 'currency: KZT' (its ISO 4217 code) to site.yaml, or write "
            "'price: {amount: …, currency: KZT}'",
        )
        for work in site.works()
        if work.price is not None and not work.price.currency
    ]


def _price_hint(value: object) -> str:
    """A did-you-mean for a price that is an amount with words or signs around it."""
    if not isinstance(value, str):
        return ""
    if "request" in value.lower():
        return "leave 'price' out: an available work without one says \"Price on request\"; "
    bare = re.sub(r"^\D+|\D+$", "", value.strip()).strip()
    if bare and bare != value.strip() and _amount(bare) is not None:
        return f"did you mean 'price: {bare}'? "
    return ""


def _typed(lines: tuple[str, ...], where: Mark, value: float) -> str | float:
    """The number YAML read as ``value`` as it was typed at ``where`` in ``lines``."""
    if not 0 < where.line <= len(lines):
        return value
    typed = re.match(r"\d+\.\d+(?![\w.])", lines[where.line - 1][where.column - 1 :])
    if typed is None or float(typed.group()) != value:
        return value
    return typed.group()


def _amount(value: Any) -> Decimal | None:
    """A positive amount, or None when ``value`` is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str) and _AMOUNT.match(value.strip()):
        text = re.sub(r"[ \u00a0\u202f]", "", value.strip())
        # The last comma or point followed by one or two digits is the decimal separator;
        # any other comma or point groups thousands.
        whole, separator, fraction = re.match(r"^(.*?)(?:([.,])(\d{1,2}))?$", text).groups()  # type: ignore[union-attr]
        digits = re.sub(r"[.,]", "", whole) + ("." + fraction if separator else "")
        try:
            amount = Decimal(digits)
        except InvalidOperation:
            return None
    else:
        return None
    if not amount.is_finite() or amount < 0 or amount >= _MOST:
        return None
    return amount


def read_edition(fields: Fields) -> Edition | None:
    """The ``edition`` key: ``{size, proofs, number}``, the number at most the size."""
    edition = fields.mapping("edition", required=False)
    if edition is None:
        return None
    edition.check_keys(("size", "proofs", "number"))
    size = edition.integer("size", low=1, high=100_000)
    proofs = edition.integer("proofs", low=0, high=100_000, required=False)
    number = edition.integer("number", low=1, high=100_000, required=False) or None
    if size and number is not None and number > size:
        edition.problems.add(
            f"{edition.label('number')} is {number}, more than the edition's size ({size})",
            edition.mark("number"),
            f"this work is one of {size}: its number is between 1 and {size}",
        )
        number = None
    return Edition(size=size, proofs=proofs, number=number) if size else None


def read_inventory(fields: Fields) -> str:
    """The ``inventory`` key: the artist's own catalogue number, as written."""
    return fields.text("inventory", required=False)


def format_amount(price: Price, config: SiteConfig, language: Language | None = None) -> str:
    """The price in the site language's currency format; whole amounts without decimals."""
    currency = price.in_currency(config.currency)
    if language is not None:
        return language.price(price.amount, currency)
    return format_price(price.amount, currency, config.language)


def format_price(amount: Decimal, currency: str, language: str) -> str:
    """``amount`` in ``currency``, as ``language`` writes it; whole amounts without decimals
    (English for a language Babel does not know): :meth:`generator.language.Language.price`."""
    from generator.language import language_for

    return language_for(language).price(amount, currency)


def format_edition(edition: Edition, language: Language | None = None) -> str:
    """``3/10, edition of 10 + 2 AP``, in the build's language (English without one)."""
    from generator.language import english

    said = language or english()
    size = said.number(edition.size)
    text = said.gettext("edition of %(size)s", size=size)
    if edition.proofs:
        text = said.gettext("%(edition)s + %(proofs)s AP", edition=text, proofs=edition.proofs)
    if edition.number is not None:
        return said.gettext(
            "%(number)s/%(size)s, %(edition)s", number=edition.number, size=size, edition=text
        )
    return text[0].upper() + text[1:]


def shown_price(work: Work, config: SiteConfig, language: Language | None = None) -> str:
    """What the pages say of the work's price under ``prices``: the amount, "Price on
    request", or nothing.

    ``show``: a work's price when it has one, "Price on request" for an available work
    without one. ``on-request``: "Price on request" for available works, no amounts.
    ``hide``: nothing, anywhere.
    """
    mode = config.prices
    if mode == "hide":
        return ""
    if mode == "show" and work.price is not None and work.status not in _NOT_PRICED:
        return format_amount(work.price, config, language)
    if work.status != STATUS_AVAILABLE:
        return ""
    return language.gettext(PRICE_ON_REQUEST) if language is not None else PRICE_ON_REQUEST


def offered_price(work: Work, config: SiteConfig) -> Price | None:
    """The price the site shows as an amount, for structured data; None when it shows none."""
    if config.prices == "show" and work.price is not None and work.status not in _NOT_PRICED:
        return work.price
    return None


# Statuses under which a work is not on the market, whatever its price says.
_NOT_PRICED = frozenset({STATUS_NOT_FOR_SALE, STATUS_PRIVATE_COLLECTION})
# Statuses shown as a mark on the series page and in the lightbox.
MARKED_STATUSES = frozenset({STATUS_SOLD, STATUS_RESERVED})
