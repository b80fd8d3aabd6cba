"""The base URL a site is published with: never one that points at this computer, on a server.

A site built for ``http://localhost:8000/`` (the default of a ``site.yaml`` without
``base_url``) works only on the computer that built it: published, its canonical links, link
previews, sitemap and feed point there. ``resolve_base_url`` picks the URL to build for, in
this order: ``--base-url``; ``site.yaml``'s ``base_url`` unless it is a loopback address; for
``github-pages``, the custom domain (``--cname``, ``publish.cname`` or a ``static/CNAME``
file) or the address GitHub serves the repository at; otherwise it stops and says what to
write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from generator.config import is_base_url, is_loopback
from generator.errors import PublishError, from_os_error
from generator.layout import STATIC_DIR


@dataclass(frozen=True, slots=True)
class BaseUrl:
    """The base URL a publish builds for, and where it came from (for the report)."""

    url: str
    origin: str

    def line(self) -> str:
        """``Base URL: https://…/ (from site.yaml)``."""
        return f"Base URL: {self.url} ({self.origin})"


# git@github.com:user/repo.git, ssh://git@github.com/user/repo, https://github.com/user/repo…
# ASCII only (re.IGNORECASE alone lets 'ſ' and the Kelvin sign match [A-Za-z]). GitHub's
# names: an owner is letters, digits and single hyphens, not at either end, at most 39; a
# repository is letters, digits, '.', '_' and '-' (its '.git' suffix is not part of it).
_GITHUB = re.compile(
    r"(?:(?:https?|ssh|git)://(?:[^@/]+@)?github\.com(?::\d+)?/|(?:[^@/:]+@)?github\.com:)"
    r"(?P<user>[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38})/(?P<repo>[A-Za-z0-9._-]+)/?",
    re.IGNORECASE | re.ASCII,
)


def github_pages_url(remote: str) -> str | None:
    """The address GitHub Pages serves the repository ``remote`` at, or None when it is not a
    GitHub repository: ``https://<user>.github.io/<repo>/``, or ``https://<user>.github.io/``
    for the repository named ``<user>.github.io``."""
    match = _GITHUB.fullmatch(remote.strip())
    if match is None:
        return None
    user, repo = match["user"].lower(), match["repo"].removesuffix(".git")
    if repo in ("", ".", ".."):
        return None
    if repo.lower() == f"{user}.github.io":
        url = f"https://{user}.github.io/"
    else:
        url = f"https://{user}.github.io/{repo}/"
    # What the pattern let through is an address: checked as any base URL is.
    return url if is_base_url(url) and domain_problem(f"{user}.github.io") is None else None


# One label of a domain name: ASCII letters, digits and inner hyphens, at most 63 (a domain
# of other letters is written in its xn-- form, as DNS and GitHub take it).
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?", re.ASCII)


def domain_problem(domain: str) -> str | None:
    """Why ``domain`` is not a bare domain name (``art.example.org``), or None when it is:
    the rule of every custom domain, ``--cname``, ``publish.cname`` and ``static/CNAME``."""
    labels = domain.removesuffix(".").split(".")
    if "://" in domain:
        return "it is an address, not a domain name"
    if len(domain) > 253 or len(labels) < 2:
        return "it is not a domain name such as art.example.org"
    if not all(_LABEL.fullmatch(label) for label in labels):
        return (
            "a domain name has only letters a-z, digits, inner '-' and dots between its "
            "parts (a name in other letters is written in its xn-- form)"
        )
    return None


def domain_hint(domain: str) -> str:
    """What to write instead of ``domain``: its host, when it is an address."""
    host = ""
    if "://" in domain or "/" in domain:
        try:
            host = urlsplit(domain if "://" in domain else "//" + domain).hostname or ""
        except ValueError:
            host = ""
    if host and domain_problem(host) is None:
        return f"write just the domain, {host}, without http(s):// or a path"
    return "write just the domain, for example art.example.org, without https:// or a path"


def static_cname(source: Path) -> str:
    """The domain of a ``static/CNAME`` file (its first line that is not blank), or ``""``
    when there is none; a PublishError, naming the file and line, when it is not a bare
    domain name (GitHub Pages would serve the site at it, and every link would name it)."""
    path = source / STATIC_DIR / "CNAME"
    where = f"{STATIC_DIR}/CNAME"
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        raise PublishError(
            f"{where} is not UTF-8 text",
            path=where,
            hint=domain_hint("") + "; nothing was published",
        ) from None
    except OSError as exc:
        raise from_os_error(exc, f"cannot read {where}", kind=PublishError) from exc
    for number, line in enumerate(text.splitlines(), 1):
        domain = line.strip()
        if not domain:
            continue
        problem = domain_problem(domain)
        if problem is not None:
            raise PublishError(
                f"{where} must hold a bare domain name, and {_shown(domain)} is not: {problem}",
                path=where,
                line=number,
                hint=domain_hint(domain) + "; nothing was published",
            )
        return domain
    return ""


def _shown(text: str, limit: int = 80) -> str:
    """``text`` quoted for a message, shortened past ``limit`` characters."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def resolve_base_url(
    target: str,
    given: str | None,
    configured: str,
    *,
    remote_target: bool,
    remote: str = "",
    cname: str = "",
    written: bool = True,
) -> BaseUrl:
    """The base URL to publish with, or a PublishError that says what to write.

    ``given`` is ``--base-url``, ``configured`` the base URL of ``site.yaml`` (the default
    when it has none, ``written`` False); ``remote`` and ``cname`` are github-pages' repository
    and domain. A ``remote_target`` (a server, not a local folder) never gets a loopback address.
    """
    if given:
        if not is_base_url(given):
            raise PublishError(
                f"--base-url must be a full http(s) URL (got {given!r})",
                hint="for example --base-url https://example.org/",
            )
        url = given if given.endswith("/") else given + "/"
        if remote_target and is_loopback(url):
            raise PublishError(
                f"--base-url {url} points at this computer: published with {target}, every "
                "link, the sitemap and the feed would point there",
                hint="pass the address the site will have, such as "
                f"--base-url {_suggestion(target)}",
            )
        return BaseUrl(url, "from --base-url")
    if not is_loopback(configured) or not remote_target:
        return BaseUrl(
            configured,
            "from site.yaml" if written else "the default: site.yaml sets no base_url",
        )
    if cname:
        return BaseUrl(f"https://{cname.removesuffix('.')}/", f"from the custom domain {cname}")
    pages = github_pages_url(remote) if remote else None
    if pages:
        return BaseUrl(pages, f"from the GitHub repository {remote}")
    suggestion = _suggestion(target)
    raise PublishError(
        "no base URL to publish with: "
        + (
            f"site.yaml sets 'base_url: {configured}'"
            if written
            else f"site.yaml sets no base_url, so the site would be built for {configured}"
        )
        + f", this computer's address, and published with {target} every link, the sitemap "
        "and the feed would point there",
        path="site.yaml",
        hint=f"write the site's address in site.yaml, as the line 'base_url: {suggestion}', "
        f"or pass --base-url {suggestion}; nothing was published",
    )


def _suggestion(target: str) -> str:
    if target == "github-pages":
        return "https://USER.github.io/REPOSITORY/"
    return "https://YOUR-DOMAIN/"


def built_base_url(site: Path) -> str | None:
    """The base URL the built ``site`` was made for, as its ``robots.txt`` or ``sitemap.xml``
    records it; None when neither says."""
    try:
        robots = (site / "robots.txt").read_text(encoding="utf-8", errors="replace")
    except OSError:
        robots = ""
    for line in robots.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if key.strip().lower() == "sitemap" and value.endswith("/sitemap.xml"):
            return value.removesuffix("sitemap.xml")
    try:
        sitemap = (site / "sitemap.xml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    first = re.search(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap)
    return first[1] if first else None


class _Links(HTMLParser):
    """The ``<link>`` elements of a page that point into the site itself (its stylesheet,
    icon and feed: the theme's, never an author's text), by no scheme or host."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = (dict(attrs).get("href") or "").strip() if tag == "link" else ""
        if href and not href.startswith(("#", "//")) and not urlsplit(href).scheme:
            self.links.append(href)


def built_portable(site: Path) -> bool:
    """Whether the built ``site`` was made with ``showcase build --portable``: its home page
    links its stylesheet and icon relatively (``css/…``), where a site built for a server
    links them from its root (``/css/…``, ``/sub-path/css/…``)."""
    for page in ("index.html", "404.html"):
        try:
            text = (site / page).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        parser = _Links()
        parser.feed(text)
        parser.close()
        if parser.links:
            return any(not link.startswith("/") for link in parser.links)
    return False
