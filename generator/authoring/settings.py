"""Checks of what a visitor needs to reach the artist and buy: sale facts that contradict
each other or lead nowhere, forms posting to no page, menu settings that do nothing.

They read the loaded site (and, for forms, the built folder) and return findings for
``check``: a build has already refused what is invalid, and these are legal but wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.authoring.findings import Finding, line_of
from generator.config import Contact
from generator.content.model import STATUS_AVAILABLE, STATUS_SOLD, Site, Work
from generator.layout import CONFIG_FILE


def sale_warnings(site: Site) -> list[Finding]:
    """Inventory numbers given twice, available works nobody can be asked about (no site or
    artist ``contact``), and sold works whose price the pages still show."""
    warnings = []
    first: dict[str, Work] = {}
    for work in site.works():
        if not work.inventory:
            continue
        other = first.setdefault(work.inventory, work)
        if other is not work:
            warnings.append(
                Finding(
                    "inventory",
                    f"'{work.title}' has the inventory number {work.inventory!r} of "
                    f"'{other.title}' ({other.source}:{other.line}): give each work its own",
                    work.source,
                    work.line,
                )
            )
    for series in site.series:
        if _reachable(site.config.contact) or _reachable(site.artist_of(series).contact):
            continue
        for work in series.works:
            if work.status == STATUS_AVAILABLE:
                warnings.append(
                    Finding(
                        "no-contact",
                        f"'{work.title}' is available, but nobody can be asked about it: add "
                        "'contact:' with an email, a phone or a form to site.yaml or to the "
                        "artist (an address or links alone are no way to ask)",
                        work.source,
                        work.line,
                    )
                )
    if site.config.prices == "show":
        for work in site.works():
            if work.status == STATUS_SOLD and work.price is not None:
                warnings.append(
                    Finding(
                        "sold-price",
                        f"'{work.title}' is sold and its price is shown (prices: show): remove "
                        "its 'price:' unless you mean to show what it sold for",
                        work.source,
                        work.price.line or work.line,
                    )
                )
    return warnings


def _reachable(contact: Contact | None) -> bool:
    """Whether ``contact`` gives a way to ask about a work: a form, an email or a phone."""
    return contact is not None and bool(contact.form or contact.email or contact.phone)


def form_action_errors(site: Site, output: Path) -> list[Finding]:
    """Forms posting to a path of the site that no page has: the visitor's message is sent,
    then they land on a page that does not exist."""
    owners = [(site.config.contact, CONFIG_FILE)]
    owners += [(artist.contact, artist.source) for artist in site.artists]
    errors = []
    for contact, source in owners:
        if contact is None or contact.form is None:
            continue
        action = contact.form.action
        if not action.startswith("/") or action.startswith("//"):
            continue  # a form service's address: checked with --external
        path = unquote(urlsplit(action).path)
        target = output / path.lstrip("/")
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        inside = target.resolve().is_relative_to(output.resolve())
        if not inside or not target.is_file():
            errors.append(
                Finding(
                    "link",
                    f"the contact form posts to {action}, but the site has no page {path}: "
                    f"write content/pages/{path.strip('/') or 'thanks'}.md (the page visitors "
                    "see once their message is sent), or give your form service's https:// "
                    "address",
                    source,
                    line_of(site.root / source, rf"^\s*action:\s*['\"]?{re.escape(action)}"),
                )
            )
    return errors


def menu_warnings(site: Site) -> list[Finding]:
    """Unlisted pages with a ``menu`` number: the menu leaves them out all the same."""
    return [
        Finding(
            "menu",
            f"'menu: {page.menu}' has no effect: the page is 'visibility: unlisted', which "
            "keeps it out of the menu; remove 'menu:', or the 'visibility' line to list it",
            page.source,
            line_of(site.root / page.source, r"^menu:"),
        )
        for page in site.pages
        if page.unlisted and page.menu is not None
    ]
