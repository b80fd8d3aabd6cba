"""The language versions of a site: one per code of ``site.yaml``'s ``languages``.

The default language is published at the site's root, every other under ``/<code>/`` with
the same slugs (``urls.language_path``). Each version links with its own ``UrlBuilder``, so a
page of one language leads to that language's pages; the templates read the versions to
write a page's alternates (``hreflang``), the sitemap's and the language menu.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import escape

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
            link=UrlBuilder(base_url, renamed, portable, folder, frozenset(languages[1:])),
        )
        for i, code in enumerate(languages)
        for folder in ("" if i == 0 else code,)
    )


# What each page writes of the site's versions is the same for every page of one address, and
# a site in three languages writes it on every page of each: it is made here, once an address,
# not by the templates' loops (which cost about a tenth of a three-language build).


def alternates(versions: tuple[Version, ...], url: str) -> list[tuple[str, str]]:
    """(hreflang, full URL) of each version of the page at ``url``, then ``x-default`` (the
    default language's): reciprocal, since every version names the same."""
    links = [(version.code, version.link.absolute(url)) for version in versions]
    return [*links, ("x-default", links[0][1])]


def alternate_links(versions: tuple[Version, ...], url: str) -> str:
    """The page's ``<link rel="alternate" hreflang>``, one for each of ``alternates``."""
    return "\n  ".join(
        f'<link rel="alternate" hreflang="{escape(code)}" href="{escape(href)}">'
        for code, href in alternates(versions, url)
    )


def sitemap_alternates(versions: tuple[Version, ...], url: str) -> str:
    """The sitemap's ``xhtml:link`` of each of ``alternates``, as the page's head has them."""
    return "".join(
        f'<xhtml:link rel="alternate" hreflang="{escape(code)}" href="{escape(href)}"/>'
        for code, href in alternates(versions, url)
    )


def language_menu(versions: tuple[Version, ...], current: str, hrefs: list[str], label: str) -> str:
    """The language menu: a link to the page in each language (``hrefs``, in the versions'
    order), each named in its own language, the ``current`` one marked."""
    items = "".join(
        f'\n          <li><a href="{escape(href)}" hreflang="{escape(version.code)}" '
        f'lang="{escape(version.code)}"'
        + (' aria-current="page"' if version.code == current else "")
        + f">{escape(version.name)}</a></li>"
        for version, href in zip(versions, hrefs, strict=True)
    )
    return (
        f'<nav class="language-menu" aria-label="{escape(label)}">\n        <ul>{items}\n'
        "        </ul>\n      </nav>"
    )
