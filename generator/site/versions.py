"""The language versions of a site: one per code of ``site.yaml``'s ``languages``.

The default language is published at the site's root, every other under ``/<code>/`` with
the same slugs (``urls.language_path``). Each version links with its own ``UrlBuilder``, so a
page of one language leads to that language's pages; the templates read the versions to
write a page's alternates (``hreflang``), the sitemap's and the language menu.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.language import NAMES
from generator.urls import UrlBuilder


@dataclass(frozen=True, slots=True)
class Version:
    """One language of the site, as the pages link to it."""

    code: str  # as site.yaml's ``languages`` gives it: 'ru', also its hreflang
    folder: str  # where its pages are: '' for the default language (the root), else the code
    name: str  # the language as it names itself: 'Русский'
    link: UrlBuilder  # links to its pages

    @property
    def default(self) -> bool:
        """Whether it is the default language, at the site's root."""
        return not self.folder


def site_versions(
    languages: tuple[str, ...],
    base_url: str,
    renamed: Mapping[str, str],
    portable: bool = False,
    names: Mapping[str, str] | None = None,
) -> tuple[Version, ...]:
    """A version for each of ``languages``, the default (first) at the root.

    ``names`` gives a language's own name when the theme does not know it
    (``generator.language.NAMES`` does for English, Russian and Kazakh).
    """
    named = {**NAMES, **(names or {})}
    return tuple(
        Version(
            code=code,
            folder=folder,
            name=named.get(code, code),
            link=UrlBuilder(base_url, renamed, portable, folder),
        )
        for i, code in enumerate(languages)
        for folder in ("" if i == 0 else code,)
    )
