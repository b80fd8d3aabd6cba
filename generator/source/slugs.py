"""Slugs: made from names in any script, checked to be one safe segment of a URL."""

from __future__ import annotations

import re

from anyascii import anyascii

_NON_WORD = re.compile(r"[^a-z0-9]+")

# The folder of a list's later pages (the home page's, the gallery's beside the series: no
# series may take its name). Defined here, below both the reader that refuses it as a slug
# and the URLs that use it.
PAGES = "page"


def slugify(text: str) -> str:
    """A lowercase ASCII slug: 'Bakhyt Kalējs' → 'bakhyt-kalejs', 'Жеңіс' → 'zhengis'."""
    ascii_text = anyascii(text).lower().replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub("-", ascii_text).strip("-")


def is_valid_slug(slug: str) -> bool:
    """Whether ``slug`` is safe to use as one path segment of a URL."""
    return bool(slug) and _NON_WORD.sub("-", slug).strip("-") == slug
