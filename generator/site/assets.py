"""Static files: collected from the theme and the site, then fingerprinted and minified."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, ContentErrors, SiteError, from_os_error
from generator.media.statics import Unpublishable, publishable, sweep
from generator.source.confine import linked_out, outside

FINGERPRINTED = (".css", ".js")

LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)
LEAFLET_URL = "vendor/leaflet/"


CLEAN_HINT = "convert it, or put the image in content/ to publish it through the image pipeline"


def collect_static(folders: Iterable[Path], cache_dir: Path) -> dict[str, Path]:
    """Map output paths to the files to publish; a later folder overrides an earlier one.

    Each folder is ``<project>/static`` (or the theme's); a file in it that leads out of
    ``<project>`` (or the theme) through a link is refused with a ContentError. An image
    that carries metadata is published from a copy without it kept in ``cache_dir``, or,
    when that cannot be done losslessly, refused (``media.statics``).
    """
    files: dict[str, Path] = dict(_leaflet())
    shown: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            real = outside(path, folder.parent)
            if real is not None:
                raise linked_out(f"{folder.name}/{rel.as_posix()}", real, ContentError)
            files[rel.as_posix()] = path
            shown[rel.as_posix()] = f"{folder.name}/{rel.as_posix()}"
    problems: list[SiteError] = []
    for name, source in files.items():
        try:
            files[name] = publishable(source, cache_dir)
        except Unpublishable as exc:
            problems.append(ContentError(str(exc), path=shown.get(name, name), hint=CLEAN_HINT))
        except OSError as exc:
            problems.append(from_os_error(exc, f"cannot read {shown.get(name, name)}"))
    if problems:
        raise ContentErrors(problems)
    sweep(cache_dir, files.values())
    return files


def _leaflet() -> Iterable[tuple[str, Path]]:
    """Leaflet from the installed xstatic package, so the map needs no CDN."""
    from xstatic.pkg import leaflet

    base = Path(leaflet.BASE_DIR)
    for name in LEAFLET_FILES:
        yield LEAFLET_URL + name, base / name


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

    text = html.decode("utf-8")
    # minify-html decodes character references; hexadecimal ones (``&#x61;``) are written on
    # purpose (generator.site.contact.encoded: email addresses kept out of the plain source),
    # so they are hidden from it behind a private-use character and put back.
    kept = "&#x" in text
    if kept:
        text = text.replace("&#x", _KEPT_REFERENCE)
    text = str(
        minify_html.minify(
            text,
            minify_css=True,
            minify_js=True,
            keep_closing_tags=True,
            keep_html_and_head_opening_tags=True,
        )
    )
    return (text.replace(_KEPT_REFERENCE, "&#x") if kept else text).encode("utf-8")


# Stands for '&#x' while a page is minified; a Unicode noncharacter, which no page holds.
_KEPT_REFERENCE = "\ufdd0"
