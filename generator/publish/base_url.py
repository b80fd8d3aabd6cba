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
from pathlib import Path

from generator.config import DEFAULT_BASE_URL, is_base_url, is_loopback
from generator.errors import PublishError
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
_GITHUB = re.compile(
    r"(?:(?:https?|ssh|git)://(?:[^@/]+@)?github\.com(?::\d+)?/|(?:[^@/:]+@)?github\.com:)"
    r"(?P<user>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/(?P<repo>[A-Za-z0-9._-]+?)"
    r"(?:\.git)?/?",
    re.IGNORECASE,
)


def github_pages_url(remote: str) -> str | None:
    """The address GitHub Pages serves the repository ``remote`` at, or None when it is not a
    GitHub repository: ``https://<user>.github.io/<repo>/``, or ``https://<user>.github.io/``
    for the repository named ``<user>.github.io``."""
    match = _GITHUB.fullmatch(remote.strip())
    if match is None or match["repo"] in (".", ".."):
        return None
    user, repo = match["user"].lower(), match["repo"]
    if repo.lower() == f"{user}.github.io":
        return f"https://{user}.github.io/"
    return f"https://{user}.github.io/{repo}/"


def static_cname(source: Path) -> str:
    """The domain of a ``static/CNAME`` file (its first line), or ``""``."""
    path = source / STATIC_DIR / "CNAME"
    try:
        lines = path.read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return ""
    domain = lines[0] if lines else ""
    return "" if any(char in domain for char in "/:@") else domain


def resolve_base_url(
    target: str,
    given: str | None,
    configured: str,
    *,
    remote_target: bool,
    remote: str = "",
    cname: str = "",
) -> BaseUrl:
    """The base URL to publish with, or a PublishError that says what to write.

    ``given`` is ``--base-url``, ``configured`` the base URL of ``site.yaml`` (the default
    when it has none); ``remote`` and ``cname`` are github-pages' repository and domain. A
    ``remote_target`` (a server, not a local folder) never gets a loopback address.
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
        unset = configured == DEFAULT_BASE_URL  # or written so: the same to a build
        return BaseUrl(
            configured,
            "from site.yaml, or the default when it has none" if unset else "from site.yaml",
        )
    if cname:
        return BaseUrl(f"https://{cname.removesuffix('.')}/", f"from the custom domain {cname}")
    pages = github_pages_url(remote) if remote else None
    if pages:
        return BaseUrl(pages, f"from the GitHub repository {remote}")
    suggestion = _suggestion(target)
    raise PublishError(
        f"no base URL to publish with: site.yaml gives none but {configured}, this "
        f"computer's address, and published with {target} every link, the sitemap and the "
        "feed would point there",
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
