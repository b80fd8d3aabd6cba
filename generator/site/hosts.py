"""The hosts' own files: Netlify's and Cloudflare Pages' ``_headers`` and ``_redirects``."""

from __future__ import annotations

from collections.abc import Iterable

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=0, must-revalidate"
MEDIA = "public, max-age=86400, stale-while-revalidate=604800"


def headers_file(
    pages: Iterable[str],
    immutable: Iterable[str],
    base_path: str,
    players: Iterable[str] | None = None,
) -> bytes:
    """Netlify and Cloudflare Pages '_headers': long caching only for names that change.

    Given ``players`` (origins: those of the videos the site embeds, often none), pages may
    frame nothing else; None when stories may frame what they like (``markdown_html: trust``).
    """
    lines = [
        "/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "",
    ]
    if players is not None:
        frames = " ".join(sorted(set(players))) or "'none'"
        lines[-1:-1] = [f"  Content-Security-Policy: frame-src {frames}"]
    lines += [f"{base_path}media/*", f"  Cache-Control: {MEDIA}", ""]
    for path in sorted(immutable):
        lines += [base_path + path.lstrip("/"), f"  Cache-Control: {IMMUTABLE}", ""]
    for url in sorted(pages):
        lines += [base_path + url.lstrip("/"), f"  Cache-Control: {SHORT}", ""]
    return "\n".join(lines).encode("utf-8")


def redirects_file(moves: Iterable[tuple[str, str]], base_path: str) -> bytes:
    """Netlify and Cloudflare Pages '_redirects': one permanent redirect per moved page."""
    lines = [f"{base_path}{old.lstrip('/')} {base_path}{new.lstrip('/')} 301" for old, new in moves]
    return ("\n".join(lines) + "\n").encode("utf-8")
