"""Site settings: SiteConfig and load_config(), from ``site.yaml``."""

from __future__ import annotations

import difflib
import ipaddress
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from generator.errors import ConfigError, ContentErrors
from generator.layout import CONFIG_FILE
from generator.source.confine import linked_out, outside
from generator.source.fields import Fields, Problems
from generator.source.frontmatter import load_yaml_document
from generator.source.languages import SiteTexts, read_languages, read_texts

_KEYS = (
    "title",
    "tagline",
    "description",
    "base_url",
    "language",
    "languages",
    "author",
    "copyright",
    "navigation",
    "contact",
    "map",
    "images",
    "markdown_html",
    "redirects",
    "publish",
    "artists_per_page",
    "currency",
    "prices",
)
ARTISTS_PER_PAGE = 24  # cards on each page of the home page: a long list is split in pages

# How HTML written in a story is treated: passed through ("trust") or made harmless
# ("sanitize"). The Markdown converter (generator.content.markdown) takes these modes.
HtmlMode = Literal["trust", "sanitize"]
HTML_MODES: tuple[HtmlMode, ...] = ("trust", "sanitize")

# Whether the pages show works' prices ("show"), say "Price on request" ("on-request"), or
# say nothing of prices anywhere ("hide"): ``prices:`` in site.yaml.
PriceMode = Literal["show", "on-request", "hide"]
PRICE_MODES: tuple[PriceMode, ...] = ("show", "on-request", "hide")

# Where ``showcase publish`` can send a site. generator.publish.targets has one entry for
# each, and checks at import that it covers exactly these.
PUBLISH_TARGETS = ("github-pages", "directory", "rsync")

# The base URL of a site whose site.yaml has none: the preview's address, good for looking at
# a build on this computer. 'showcase publish' never sends a site built for it to a server.
DEFAULT_BASE_URL = "http://localhost:8000/"


@dataclass(frozen=True, slots=True)
class NavItem:
    """One entry of the main navigation."""

    title: str
    url: str


# Who to write to, and how: ``contact:`` in site.yaml, and in an artist's front-matter.
FORM_PROVIDERS = ("plain", "netlify", "formspree")
CONTACT_KEYS = ("email", "phone", "address", "links", "form")
_EMAIL = re.compile(r"[^@\s<>\"',;:()]+@[^@\s<>\"',;:()]+\.[^@\s<>\"',;:().]+")


@dataclass(frozen=True, slots=True)
class ContactLink:
    """A profile or page elsewhere (Instagram, a gallery): a ``rel="me"`` link."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class ContactForm:
    """A form that posts enquiries to ``action``, with what its ``provider`` needs."""

    action: str
    provider: str = "plain"


@dataclass(frozen=True, slots=True)
class Contact:
    """How to reach the site, or one artist. An empty value is one that was not given."""

    email: str = ""
    phone: str = ""
    address: str = ""
    links: tuple[ContactLink, ...] = ()
    form: ContactForm | None = None

    def over(self, base: Contact | None) -> Contact | None:
        """This contact with what it does not give taken from ``base`` (the site's): an
        artist's keys win, key by key."""
        if base is None:
            return self if self.given else None
        return Contact(
            email=self.email or base.email,
            phone=self.phone or base.phone,
            address=self.address or base.address,
            links=self.links or base.links,
            form=self.form or base.form,
        )

    @property
    def given(self) -> bool:
        """Whether any key is set."""
        return bool(self.email or self.phone or self.address or self.links or self.form)

    @property
    def phone_href(self) -> str:
        """The phone number as a ``tel:`` link: its digits, with a leading +."""
        digits = re.sub(r"[^0-9+]", "", self.phone)
        return "tel:" + (digits[0] + digits[1:].replace("+", "") if digits else "")


@dataclass(frozen=True, slots=True)
class TileLayer:
    """An optional raster tile layer for the interactive map."""

    url: str
    attribution: str
    max_zoom: int = 18


@dataclass(frozen=True, slots=True)
class MapSettings:
    """How the hometown map is drawn."""

    tiles: TileLayer | None = None


IMAGE_FORMATS = ("avif", "webp", "jpeg")


@dataclass(frozen=True, slots=True)
class ImageSettings:
    """How published images are made."""

    widths: tuple[int, ...] = (480, 960, 1600, 2400)
    formats: tuple[str, ...] = IMAGE_FORMATS
    avif_quality: int = 55
    webp_quality: int = 80
    jpeg_quality: int = 82
    keep_gps: bool = False
    downloads: bool = False
    copyright: str = ""

    def quality(self, image_format: str) -> int:
        """The encoder quality for one format."""
        return int(getattr(self, f"{image_format}_quality"))


@dataclass(frozen=True, slots=True)
class PublishSettings:
    """Where ``showcase publish`` sends the site when the command line does not say."""

    target: str = ""
    dest: str = ""
    remote: str = ""
    branch: str = "gh-pages"
    cname: str = ""
    max_delete: float = 0.5


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The settings of one site."""

    title: str
    description: str
    base_url: str
    language: str = "en"
    tagline: str = ""
    author: str = ""
    copyright: str = ""
    navigation: tuple[NavItem, ...] = ()
    contact: Contact | None = None
    map: MapSettings = MapSettings()
    images: ImageSettings = ImageSettings()
    markdown_html: HtmlMode = "trust"
    redirects: tuple[tuple[str, str], ...] = ()
    publish: PublishSettings = PublishSettings()
    artists_per_page: int = ARTISTS_PER_PAGE
    currency: str = ""
    prices: PriceMode = "on-request"
    base_url_written: bool = True  # False when site.yaml has no base_url (the default is used)
    # Every language the site is published in, the default (``language``) first: the
    # default at the site's root, each other under /<code>/. One language unless site.yaml
    # has ``languages:``.
    languages: tuple[str, ...] = ()
    # The texts site.yaml gives in each language (``title: {en: …, ru: …}``), by code, the
    # default language's included; empty for a config not read from a site.yaml.
    texts: tuple[tuple[str, SiteTexts], ...] = ()

    def __post_init__(self) -> None:
        if not self.languages:
            object.__setattr__(self, "languages", (self.language,))

    @property
    def default_language(self) -> str:
        """The language published at the site's root: the first of ``languages``."""
        return self.languages[0]

    def in_language(self, code: str) -> SiteConfig:
        """The settings as the pages in ``code`` show them (``language`` is ``code``): each
        text of site.yaml in ``code`` where it gives one, else in the default language."""
        if code == self.language:
            return self
        texts = dict(self.texts)
        default = texts.get(self.default_language)
        if default is None:
            return replace(self, language=code)
        shown = texts.get(code, SiteTexts()).over(default)
        contact = self.contact
        if contact is not None and contact.address:
            contact = replace(contact, address=shown.address)
        return replace(
            self,
            language=code,
            title=shown.title,
            tagline=shown.tagline,
            description=shown.description,
            copyright=shown.copyright,
            author=shown.author,
            navigation=tuple(
                replace(item, title=title)
                for item, title in zip(self.navigation, shown.navigation, strict=True)
            ),
            contact=contact,
        )

    def untranslated(self, code: str) -> tuple[str, ...]:
        """The texts of site.yaml that pages in ``code`` show in the default language, for
        want of one in ``code`` ('tagline', 'navigation[2].title', 'contact.address');
        none in the default language."""
        texts = dict(self.texts)
        default = texts.get(self.default_language)
        if code == self.default_language or default is None:
            return ()
        return texts.get(code, SiteTexts()).missing(default)

    def with_base_url(self, base_url: str) -> SiteConfig:
        """A copy with another base URL (from the command line)."""
        return replace(self, base_url=_normalise_base_url(base_url), base_url_written=True)


def load_config(source: Path) -> SiteConfig:
    """Read and check ``site.yaml`` in ``source``; raise ContentErrors listing every problem."""
    path = source / CONFIG_FILE
    if not path.is_file():
        raise ConfigError(
            f"no {CONFIG_FILE} in {source}",
            hint="run the command from the site's folder or pass --source DIR",
        )
    real = outside(path, source)
    if real is not None:
        raise linked_out(CONFIG_FILE, real, ConfigError)
    data, marks = load_yaml_document(path.read_text(encoding="utf-8"), CONFIG_FILE)
    problems = Problems(CONFIG_FILE, ConfigError)
    if not isinstance(data, dict):
        raise ConfigError(
            f"{CONFIG_FILE} must be a set of 'key: value' settings", path=CONFIG_FILE, line=1
        )
    fields = Fields(data, marks, problems)
    fields.check_keys(_KEYS)
    languages = read_languages(fields)
    language = languages[0] if languages else fields.text("language", required=False)
    codes = languages or (language or "en",)
    # Each text in each language that gives it, the default's included.
    given: dict[str, dict[str, str]] = {}
    title, given["title"] = read_texts(fields, "title", codes, required=True)
    description, given["description"] = read_texts(fields, "description", codes, required=True)
    tagline, given["tagline"] = read_texts(fields, "tagline", codes)
    copyright, given["copyright"] = read_texts(fields, "copyright", codes)
    navigation, titles = _read_navigation(fields, codes)
    given["address"] = {}
    contact = read_contact(fields, given["address"], codes)
    config = SiteConfig(
        title=title,
        description=description,
        base_url=_read_base_url(fields),
        base_url_written="base_url" in fields.data,
        language=language or "en",
        tagline=tagline,
        author=_read_author(fields, codes, given),
        copyright=copyright,
        navigation=tuple(navigation),
        contact=contact,
        map=_read_map(fields),
        images=_read_images(fields),
        markdown_html=_read_markdown_html(fields),
        redirects=_read_redirects(fields),
        publish=_read_publish(fields),
        artists_per_page=fields.integer(
            "artists_per_page", low=1, high=10_000, required=False, default=ARTISTS_PER_PAGE
        ),
        currency=read_currency(fields, "currency"),
        prices=_read_prices(fields),
        languages=languages,
        texts=tuple(
            (
                code,
                SiteTexts(
                    title=given["title"].get(code, ""),
                    tagline=given["tagline"].get(code, ""),
                    description=given["description"].get(code, ""),
                    copyright=given["copyright"].get(code, ""),
                    navigation=tuple(item.get(code, "") for item in titles),
                    address=given["address"].get(code, ""),
                    author=given["author"].get(code, ""),
                ),
            )
            for code in codes
        ),
    )
    if problems.errors:
        raise ContentErrors(problems.errors)
    return config


def _read_base_url(fields: Fields) -> str:
    url = fields.text("base_url", required=False, default=DEFAULT_BASE_URL)
    if not is_base_url(url):
        fields.problems.add(
            f"'base_url' must be a full http(s) URL (got {url!r})",
            fields.mark("base_url"),
            "for example 'https://example.org/' or 'https://user.github.io/showcase/'",
        )
        return DEFAULT_BASE_URL
    return _normalise_base_url(url)


def is_base_url(url: str) -> bool:
    """Whether ``url`` is a full http(s) URL, as a base URL must be."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this computer (localhost, 127.x, ::1, 0.0.0.0, *.localhost):
    an address nobody else can open."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:  # a malformed IPv6 literal
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def _normalise_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _read_author(
    fields: Fields, languages: tuple[str, ...], given: dict[str, dict[str, str]]
) -> str:
    """The author's name: ``author: Name``, or ``author: {name, email, url}``, whose ``name``
    may be written per language (``name: {en: …, ru: …}``), as ``given["author"]``."""
    given["author"] = {}
    if isinstance(fields.data.get("author"), dict):
        author = fields.mapping("author")
        if author is None:
            return ""
        author.check_keys(("name", "email", "url"))
        name, given["author"] = read_texts(author, "name", languages, required=True)
        return name
    name = fields.text("author", required=False)
    given["author"] = {code: name for code in languages} if name else {}
    return name


def _read_navigation(
    fields: Fields, languages: tuple[str, ...]
) -> tuple[list[NavItem], list[dict[str, str]]]:
    """The navigation's items, and each item's title in each language that gives one."""
    items = []
    titles = []
    for item in fields.mappings("navigation"):
        item.check_keys(("title", "url"))
        url = item.text("url")
        # A link is a page of the site, or a web or mail address: never javascript: or data:.
        if urlsplit(url).scheme not in ("", "http", "https", "mailto"):
            item.problems.add(
                "a navigation 'url' must be a path of the site or an http(s) or mailto: link"
                f" (got {url!r})",
                item.mark("url"),
                "for example '/gallery/' or 'https://example.org/'",
            )
        title, texts = read_texts(item, "title", languages, required=True)
        items.append(NavItem(title=title, url=url))
        titles.append(texts)
    return items, titles


def read_contact(
    fields: Fields, addresses: dict[str, str] | None = None, languages: tuple[str, ...] = ()
) -> Contact | None:
    """The ``contact:`` block of site.yaml or of an artist's front-matter; None without one.

    Given ``addresses`` (site.yaml's), the address may be written in each of ``languages``
    (``address: {en: …, ru: …}``): its text in each is put there.
    """
    block = fields.mapping("contact", required=False)
    if block is None:
        return None
    block.check_keys(CONTACT_KEYS)
    email = block.text("email", required=False)
    if email and not _EMAIL.fullmatch(email):
        block.problems.add(
            f"{block.label('email')} is not an email address (got {email!r})",
            block.mark("email"),
            "write the address alone, like 'studio@example.org', without 'mailto:' or a name",
        )
        email = ""
    phone = block.text("phone", required=False)
    if phone and not re.search(r"[0-9]", phone):
        block.problems.add(
            f"{block.label('phone')} must be a phone number (got {phone!r})",
            block.mark("phone"),
            "for example '+7 727 123 45 67', with the country code",
        )
        phone = ""
    contact = Contact(
        email=email,
        phone=phone,
        address=_read_address(block, addresses, languages),
        links=tuple(_read_contact_link(item) for item in block.mappings("links")),
        form=_read_contact_form(block),
    )
    if not block.data:
        block.problems.add(
            f"{fields.label('contact')} is empty",
            block.mark(),
            f"give at least one of {', '.join(CONTACT_KEYS)}, or remove the 'contact:' line",
        )
        return None
    return contact if contact.given else None


def _read_address(
    block: Fields, addresses: dict[str, str] | None, languages: tuple[str, ...]
) -> str:
    if addresses is None:
        return block.text("address", required=False)
    address, texts = read_texts(block, "address", languages)
    addresses.update(texts)
    return address


def _read_contact_link(item: Fields) -> ContactLink:
    item.check_keys(("title", "url"))
    url = item.text("url")
    if url and urlsplit(url).scheme not in ("http", "https", "mailto"):
        item.problems.add(
            f"{item.label('url')} must be an http(s) or mailto: link (got {url!r})",
            item.mark("url"),
            "for example 'https://www.instagram.com/your.name/'",
        )
    return ContactLink(title=item.text("title"), url=url)


def _read_contact_form(block: Fields) -> ContactForm | None:
    form = block.mapping("form", required=False)
    if form is None:
        return None
    form.check_keys(("action", "provider"))
    action = form.text("action")
    parts = urlsplit(action)
    posts_here = action.startswith("/") and not action.startswith("//")
    secure = parts.scheme == "https" or (parts.scheme == "http" and is_loopback(action))
    if action and not (posts_here or (secure and parts.netloc)):
        form.problems.add(
            f"{form.label('action')} must be an https:// address or a path of the site"
            f" (got {action!r})",
            form.mark("action"),
            "the address your form service gives you, like 'https://formspree.io/f/abcdwxyz'",
        )
    provider = form.choice(
        "provider", FORM_PROVIDERS, default="plain", otherwise="leave it out for a plain form"
    )
    return ContactForm(action=action, provider=provider)


def _read_map(fields: Fields) -> MapSettings:
    settings = fields.mapping("map", required=False)
    if settings is None:
        return MapSettings()
    settings.check_keys(("tiles",))
    tiles = settings.mapping("tiles", required=False)
    if tiles is None:
        return MapSettings()
    tiles.check_keys(("url", "attribution", "max_zoom"))
    url = tiles.text("url")
    if url and not all(part in url for part in ("{z}", "{x}", "{y}")):
        tiles.problems.add("'map.tiles.url' must contain {z}, {x} and {y}", tiles.mark("url"))
    return MapSettings(
        tiles=TileLayer(
            url=url,
            attribution=tiles.text("attribution"),
            max_zoom=tiles.integer("max_zoom", low=1, high=22, required=False, default=18),
        )
    )


def _read_markdown_html(fields: Fields) -> HtmlMode:
    """Whether HTML in stories is passed through ("trust") or made harmless ("sanitize")."""
    value = fields.choice(
        "markdown_html",
        HTML_MODES,
        default="trust",
        otherwise="'sanitize' removes scripts and event handlers from stories; "
        "'trust' keeps their HTML as written",
    )
    return next(mode for mode in HTML_MODES if mode == value)


def _read_redirects(fields: Fields) -> tuple[tuple[str, str], ...]:
    """Moved pages: each old path and the path that replaces it."""
    moves = []
    for item in fields.mappings("redirects"):
        item.check_keys(("from", "to"))
        old, new = item.text("from"), item.text("to")
        for key, value in (("from", old), ("to", new)):
            if value and not value.startswith("/"):
                item.problems.add(
                    f"{item.label(key)} must be a site path starting with '/'",
                    item.mark(key),
                    "for example '/artists/old-name/'",
                )
        moves.append((old, new))
    return tuple(moves)


def _read_images(fields: Fields) -> ImageSettings:
    settings = fields.mapping("images", required=False)
    default = ImageSettings()
    if settings is None:
        return default
    settings.check_keys(("widths", "formats", "quality", "keep_gps", "downloads", "copyright"))
    widths = settings.data.get("widths", list(default.widths))
    if not (
        isinstance(widths, list)
        and widths
        and all(isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= 8192 for w in widths)
    ):
        settings.problems.add(
            "'images.widths' must be a list of widths in pixels (16–8192)",
            settings.mark("widths"),
            "for example [480, 960, 1600, 2400]",
        )
        widths = list(default.widths)
    formats = settings.data.get("formats", list(default.formats))
    if not (isinstance(formats, list) and formats and all(f in IMAGE_FORMATS for f in formats)):
        settings.problems.add(
            f"'images.formats' must be a list drawn from {list(IMAGE_FORMATS)}",
            settings.mark("formats"),
            "keep 'jpeg' last: it is the fallback",
        )
        formats = list(default.formats)
    quality = settings.mapping("quality", required=False)
    qualities = {}
    if quality is not None:
        quality.check_keys(IMAGE_FORMATS)
        for name in IMAGE_FORMATS:
            qualities[f"{name}_quality"] = quality.integer(
                name, low=1, high=100, required=False, default=default.quality(name)
            )
    return ImageSettings(
        widths=tuple(sorted(set(widths))),
        formats=tuple(dict.fromkeys(formats)),
        keep_gps=settings.flag("keep_gps"),
        downloads=settings.flag("downloads"),
        copyright=settings.text("copyright", required=False),
        **qualities,
    )


def _read_publish(fields: Fields) -> PublishSettings:
    settings = fields.mapping("publish", required=False)
    default = PublishSettings()
    if settings is None:
        return default
    settings.check_keys(("target", "dest", "remote", "branch", "cname", "max_delete"))
    target = settings.choice("target", PUBLISH_TARGETS)
    cname = settings.text("cname", required=False)
    if any(char in cname for char in "/: "):
        settings.problems.add(
            f"'publish.cname' must be a bare domain name (got {cname!r})",
            settings.mark("cname"),
            "for example 'art.example.org', without https:// or a path",
        )
        cname = ""
    return PublishSettings(
        target=target,
        dest=settings.text("dest", required=False),
        remote=settings.text("remote", required=False),
        branch=settings.text("branch", required=False, default=default.branch),
        cname=cname,
        max_delete=settings.number(
            "max_delete", low=0, high=1, required=False, default=default.max_delete
        ),
    )


def currencies() -> frozenset[str]:
    """The ISO 4217 currency codes CLDR knows (through Babel), which prices may be in."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def read_currency(fields: Fields, key: str) -> str:
    """An ISO 4217 currency code (``KZT``), upper-cased; empty when not given or wrong."""
    code = fields.text(key, required=False).upper()
    if not code or code in currencies():
        return code
    close = closest_code(code, currencies())
    fields.problems.add(
        f"{fields.label(key)} is not an ISO 4217 currency code (got {code!r})",
        fields.mark(key),
        (f"did you mean '{close}'? " if close else "")
        + "write a three-letter code such as KZT, EUR or USD",
    )
    return ""


def closest_code(code: str, codes: frozenset[str]) -> str:
    """The code ``code`` was most likely meant to be: one letter off or two letters swapped
    (KTZ for KZT, EUT for EUR); swapped letters win a tie (UDS is USD, not UGS), then the
    same first two letters (the country), then the closest by difflib. Empty when none is
    that close."""
    near = [known for known in codes if _slips(code, known) <= 1]
    if not near:
        return ""
    return min(
        near,
        key=lambda known: (
            sorted(known) != sorted(code),
            known[:2] != code[:2],
            -difflib.SequenceMatcher(None, code, known).ratio(),
            known,
        ),
    )


def _slips(typed: str, meant: str) -> int:
    """How many slips turn ``meant`` into ``typed``: a letter changed, added, left out, or two
    neighbours swapped (the optimal string alignment distance)."""
    rows = [list(range(len(meant) + 1))]
    for i in range(1, len(typed) + 1):
        row = [i] + [0] * len(meant)
        for j in range(1, len(meant) + 1):
            cost = typed[i - 1] != meant[j - 1]
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and typed[i - 1] == meant[j - 2] and typed[i - 2] == meant[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _read_prices(fields: Fields) -> PriceMode:
    """Whether works' prices are shown, said to be on request, or hidden everywhere."""
    value = fields.choice(
        "prices",
        PRICE_MODES,
        default="on-request",
        otherwise="'show' shows the prices of works, 'on-request' says \"Price on request\", "
        "'hide' says nothing of prices anywhere",
    )
    return next(mode for mode in PRICE_MODES if mode == value)
