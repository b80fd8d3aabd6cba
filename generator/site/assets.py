"""Production touches on the written files: fingerprinted names, minified text, host headers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

FINGERPRINTED = (".css", ".js")
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=0, must-revalidate"
MEDIA = "public, max-age=86400, stale-while-revalidate=604800"


@dataclass(frozen=True, slots=True)
class Assets:
    """Static files after fingerprinting: what to write, and the new name of each old one."""

    files: dict[str, bytes]
    copies: dict[str, Path]
    renamed: dict[str, str]


def fingerprint(copies: Mapping[str, Path], *, minify: bool) -> Assets:
    """Name every stylesheet and script after a hash of its content: 'css/site.1a2b3c4d.css'."""
    files: dict[str, bytes] = {}
    kept: dict[str, Path] = {}
    renamed: dict[str, str] = {}
    for rel, source in sorted(copies.items()):
        suffix = Path(rel).suffix
        if suffix not in FINGERPRINTED:
            kept[rel] = source
            continue
        data = source.read_bytes()
        if minify and not rel.startswith("vendor/"):
            data = minify_text(data, suffix)
        digest = hashlib.sha256(data).hexdigest()[:10]
        new = f"{rel[: -len(suffix)]}.{digest}{suffix}"
        files[new] = data
        renamed["/" + rel] = "/" + new
    return Assets(files=files, copies=kept, renamed=renamed)


def minify_text(data: bytes, suffix: str) -> bytes:
    """A smaller stylesheet or script, by rcssmin and rjsmin."""
    text = data.decode("utf-8")
    if suffix == ".css":
        import rcssmin

        return str(rcssmin.cssmin(text)).encode("utf-8")
    import rjsmin

    return str(rjsmin.jsmin(text)).encode("utf-8")


def minify_page(html: bytes) -> bytes:
    """A smaller HTML page that is still valid HTML, by minify-html."""
    import minify_html

    return str(
        minify_html.minify(
            html.decode("utf-8"),
            minify_css=True,
            minify_js=True,
            keep_closing_tags=True,
            keep_html_and_head_opening_tags=True,
        )
    ).encode("utf-8")


def headers_file(pages: Iterable[str], immutable: Iterable[str], base_path: str) -> bytes:
    """Netlify and Cloudflare Pages '_headers': long caching only for names that change."""
    lines = [
        "/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "",
    ]
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
