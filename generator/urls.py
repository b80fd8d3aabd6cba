"""Permalinks and output paths: every URL of the site is made here (slugs: source/slugs.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.source.slugs import PAGES


def home_url(number: int = 1) -> str:
    """The home page, or the ``number``th page of its list of artists."""
    return "/" if number <= 1 else f"/{PAGES}/{number}/"


def artist_url(artist_slug: str) -> str:
    """An artist's page."""
    return f"/artists/{artist_slug}/"


def price_list_url(artist_slug: str) -> str:
    """An artist's printable price list: unlisted, for the artist to hand out."""
    return f"/artists/{artist_slug}/prices/"


def cv_url(artist_slug: str) -> str:
    """An artist's CV: exhibitions, education, awards… for curators, printable on A4."""
    return f"/artists/{artist_slug}/cv/"


def press_url(artist_slug: str) -> str:
    """An artist's press kit: biography, statement, selected works and the download."""
    return f"/artists/{artist_slug}/press/"


def press_kit_url(artist_slug: str) -> str:
    """The press kit's download: the selected works and texts in one zip."""
    return f"{press_url(artist_slug)}{artist_slug}-press-kit.zip"


def gallery_url(number: int = 1) -> str:
    """The index of every series, or its ``number``th page."""
    return "/gallery/" if number <= 1 else f"/gallery/{PAGES}/{number}/"


def series_url(series_slug: str) -> str:
    """A series' page with its works."""
    return f"/gallery/{series_slug}/"


def work_url(series_slug: str, work_slug: str) -> str:
    """A single work's page."""
    return f"/gallery/{series_slug}/{work_slug}/"


def recording_url(series_slug: str, work_slug: str, suffix: str) -> str:
    """Where a work's video, sound or captions file is published, as it is."""
    return f"/{MEDIA}/{series_slug}/{work_slug}{suffix.lower()}"


def map_url() -> str:
    """The hometown map."""
    return "/map/"


def map_data_url() -> str:
    """The pins and journeys the map page's script draws, as JSON."""
    return "/map/hometowns.json"


def region_url() -> str:
    """The outline of the region the map page's script draws under its pins, as GeoJSON."""
    return "/map/region.geojson"


def locator_url(cell: str) -> str:
    """The base map shared by the locator maps of one grid cell."""
    return f"/map/locators/{cell}.svg"


def exhibitions_url() -> str:
    """Every artist's exhibitions: current and upcoming, then past ones by year."""
    return "/exhibitions/"


def calendar_url() -> str:
    """The exhibitions calendar as one iCalendar file, every dated exhibition in it."""
    return "/exhibitions/exhibitions.ics"


def event_url(key: str) -> str:
    """One upcoming exhibition as an iCalendar file ("Add to calendar")."""
    return f"/exhibitions/{key}.ics"


def page_url(page_slug: str) -> str:
    """A page of one's own (``content/pages/<slug>.md``): at the top of the site."""
    return f"/{page_slug}/"


# The slug of the page whose text the contact page shows (``content/pages/contact.md``).
CONTACT = "contact"

# The folder the published images are in (media/requests.py names them /media/<series>/…).
MEDIA = "media"
# The folder of the libraries the site ships (site/assets.py copies Leaflet into vendor/leaflet/).
VENDOR = "vendor"
# The files the build writes at the top of the site besides the pages above.
SITE_FILES = ("index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml")
HOST_FILES = ("_headers", "_redirects")


# The files besides pages that each language has of its own: its feed, and the pins of its
# map (names and stories' words). Images, styles, scripts, calendars and press kits are shared.
LANGUAGE_FILES = frozenset({"/feed.xml", map_data_url()})


def in_each_language(url: str) -> bool:
    """Whether a site path has a version in each language (under /<code>/ but the default's):
    every page (an address ending in '/', or written '/map' or '/map/index.html') and
    ``LANGUAGE_FILES``; not the 404 page, images, styles, scripts, calendars or downloads,
    which the languages share."""
    path, _ = _split(url)
    last = path.rsplit("/", 1)[-1]
    return "." not in last or last == "index.html" or path in LANGUAGE_FILES


def language_path(url: str, code: str, folders: frozenset[str] = frozenset()) -> str:
    """``url`` in the language whose folder is ``code`` ('' for the default language, at the
    root): ('/artists/x/', 'ru') → '/ru/artists/x/'. A shared file is the same in each, and
    so is an address already in a language's folder (``folders``: '/kk/map/')."""
    if not code or not in_each_language(url):
        return url
    first = url[1:].split("/", 1)[0]
    if first == code or first in folders:
        return url
    return f"/{code}{url}"


def built_in_names() -> frozenset[str]:
    """The first segment of every address the build makes itself: no page of one's own may
    take one (the static folders, css/ js/ img/ and a project's own, are added by the loader,
    which reads them). tests/integration/test_own_pages.py holds this to what a build writes."""
    made = (
        home_url(2),
        artist_url("x"),
        gallery_url(),
        map_url(),
        map_data_url(),
        exhibitions_url(),
        region_url(),
        locator_url("x"),
        f"/{MEDIA}/",
        f"/{VENDOR}/",
    )
    return frozenset({url.strip("/").split("/")[0] for url in made} | {*SITE_FILES, *HOST_FILES})


def output_path(url: str) -> str:
    """The file that serves ``url``: '/artists/x/' → 'artists/x/index.html'."""
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        return f"{path}index.html"
    return path


def depth(path: str) -> int:
    """How many folders down an output file is: 'artists/x/index.html' → 2, '404.html' → 0."""
    return path.count("/")


@dataclass(frozen=True, slots=True)
class UrlBuilder:
    """Turns site paths ('/map/') into links that honour the base URL's sub-path.

    A ``portable`` site (``showcase build --portable``) is opened from disk: its pages link
    with :meth:`relative` instead, to files rather than folders.
    """

    base_url: str
    renamed: Mapping[str, str] = field(default_factory=dict)
    portable: bool = False
    # The folder of the language the links are made for: '' for the default language (at
    # the root), 'ru' for /ru/…: links to pages lead to that language's (``language_path``),
    # but those written into another language's folder (``folders``, every language's).
    language: str = ""
    folders: frozenset[str] = frozenset()
    # The sub-path the site lives under, always ending in '/' (often just '/'); every link
    # of every page goes through href(), so it is worked out once.
    base_path: str = field(init=False, compare=False)
    _origin: str = field(init=False, repr=False, compare=False)
    # A site has a few thousand distinct links, each written on many pages: each is worked
    # out once.
    _hrefs: dict[str, str] = field(init=False, repr=False, compare=False)
    _absolutes: dict[str, str] = field(init=False, repr=False, compare=False)
    # Relative links depend on how deep the page is: each is worked out once per depth.
    _relatives: dict[tuple[str, int], str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        path = parts.path or "/"
        object.__setattr__(self, "base_path", path if path.endswith("/") else path + "/")
        object.__setattr__(self, "_origin", f"{parts.scheme}://{parts.netloc}")
        object.__setattr__(self, "_hrefs", {})
        object.__setattr__(self, "_absolutes", {})
        object.__setattr__(self, "_relatives", {})

    def href(self, url: str) -> str:
        """A root-relative link to a site path, or ``url`` unchanged if it is external."""
        link = self._hrefs.get(url)
        if link is None:
            if _is_external(url):
                link = url
            else:
                path = language_path(url, self.language, self.folders)
                link = self.base_path + self.renamed.get(path, path).lstrip("/")
            self._hrefs[url] = link
        return link

    def relative(self, url: str, levels: int) -> str:
        """A link to a site path from a page ``levels`` folders down, naming a folder's
        ``index.html``: ('/artists/x/', 2) → '../../artists/x/index.html'. It works from disk
        (file://), whatever the base URL; an external ``url`` is returned unchanged."""
        link = self._relatives.get((url, levels))
        if link is None:
            if _is_external(url):
                link = url
            else:
                path, rest = _split(language_path(url, self.language, self.folders))
                path = self.renamed.get(path, path).lstrip("/")
                if not path or path.endswith("/"):
                    path += "index.html"
                link = "../" * levels + path + rest
            self._relatives[(url, levels)] = link
        return link

    def absolute(self, url: str) -> str:
        """The full URL of a site path, for canonical links, the sitemap and feeds."""
        link = self._absolutes.get(url)
        if link is None:
            link = url if _is_external(url) else self._origin + self.href(url)
            self._absolutes[url] = link
        return link


# A start tag of HTML (quoted values may hold '>'), or what holds no tags to rewrite: a
# comment, and the text of a script or style (its start tag's src is rewritten all the same).
_TAG = re.compile(
    r"<!--.*?(?:-->|$)"
    r"|<([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_RAW_TEXT_END = {"script": re.compile(r"</script", re.I), "style": re.compile(r"</style", re.I)}
# One attribute of a start tag, its value quoted either way or not at all.
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+))?""")
_LINKING = frozenset({"href", "src", "srcset"})


def rewrite_site_links(fragment: str, link: Callable[[str], str]) -> str:
    """``fragment`` (a story's HTML) with each site path in an href, src or srcset made
    into ``link(path)``: ``UrlBuilder.href``, or ``relative`` for a portable page.

    A site path starts with one '/'; external links, fragments, ``mailto:`` and
    protocol-relative ``//`` ones are left as they are, and so is every value ``link``
    does not change, byte for byte.
    """
    if "href" not in fragment and "src" not in fragment:
        return fragment  # most stories link nowhere
    out: list[str] = []
    done = 0
    position = 0
    while True:
        tag = _TAG.search(fragment, position)
        if tag is None:
            break
        position = tag.end()
        name, attributes = tag.group(1), tag.group(2)
        if name is None:
            continue  # a comment
        if attributes and ("href" in attributes.lower() or "src" in attributes.lower()):
            rewritten = _rewrite_attributes(attributes, link)
            if rewritten != attributes:
                out += (fragment[done : tag.start(2)], rewritten)
                done = tag.end(2)
        end = _RAW_TEXT_END.get(name.lower())
        if end is not None:  # a script's or style's text holds no tags
            closing = end.search(fragment, position)
            position = len(fragment) if closing is None else closing.start()
    if not out:
        return fragment
    out.append(fragment[done:])
    return "".join(out)


def _rewrite_attributes(attributes: str, link: Callable[[str], str]) -> str:
    def rewrite(found: re.Match[str]) -> str:
        name, equals, quoted = found.groups()
        if quoted is None or name.lower() not in _LINKING:
            return found.group(0)
        quote = len(quoted) > 1 and quoted[0] in "\"'" and quoted[-1] == quoted[0]
        raw = quoted[1:-1] if quote else quoted
        value = html.unescape(raw)
        if name.lower() == "srcset":
            if "data:" in value:
                return found.group(0)  # its commas are not all between candidates
            new = ", ".join(_rewrite_candidate(c, link) for c in value.split(","))
            if new == ", ".join(c.strip() for c in value.split(",")):
                return found.group(0)
        elif _is_site_path(value.strip()):
            new = link(value.strip())
            if new == value:
                return found.group(0)
        else:
            return found.group(0)
        return f'{name}{equals}"{html.escape(new, quote=True)}"'

    return _ATTRIBUTE.sub(rewrite, attributes)


def _rewrite_candidate(candidate: str, link: Callable[[str], str]) -> str:
    """One 'url 480w' of a srcset."""
    url, _, descriptor = candidate.strip().partition(" ")
    if _is_site_path(url):
        url = link(url)
    return f"{url} {descriptor.strip()}" if descriptor.strip() else url


def _split(url: str) -> tuple[str, str]:
    """A site path's path, and its query and fragment: '/map/#pin' → ('/map/', '#pin')."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


def _is_site_path(url: str) -> bool:
    return url.startswith("/") and not url.startswith(("//", "/\\"))


def _is_external(url: str) -> bool:
    if url.startswith("/") and not url.startswith("//"):
        return False  # a site path, as nearly every link is
    return bool(urlsplit(url).scheme) or url.startswith(("//", "#", "mailto:"))
