"""Static images: published without their metadata, or refused with what to do.

A file of a ``static/`` folder is published as it is unless its first bytes say it is an
image; then it is read whole, since metadata may stand anywhere in it (between the scans of
a JPEG, after its end). JPEG, PNG and WebP lose every piece of metadata without their pixels
being touched: they keep their colour profile and, if they are shown turned, the
orientation, and nothing else: no camera, owner, place, date, comment or authors (a static
image is part of the site's furniture, not a work: the site's copyright line is not written
into it). An SVG loses its ``<metadata>`` elements, its comments and what an editor
(Inkscape, Sodipodi) keeps there of its own. GIF, TIFF, AVIF and HEIC files carrying
metadata cannot be cleaned without encoding them again: they are refused.

A cleaned file is published from a copy in the build's cache named after the digest of its
source, so later builds link the same copy; an image without metadata is published itself.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

from generator.media.metadata import Rights, published_exif, strip_jpeg, strip_png, strip_webp

# Enough of a file to tell an image by: magic numbers, an ISO box's brand, an SVG's root.
_HEAD = 512
# ISO base media brands of still images (AVIF and HEIF/HEIC), never of video.
_HEIF_BRANDS = {b"avif", b"avis", b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"mif2"}
_SVG_METADATA = re.compile(
    rb"<(?:[\w.-]+:)?metadata\b[^>]*?(?:/>|>.*?</(?:[\w.-]+:)?metadata\s*>)", re.S
)
# What an editor leaves in an SVG: comments ("Created with Inkscape"), and Inkscape's and
# Sodipodi's own elements and attributes (the file's name, the path it was last exported
# to in its author's home folder, the editor's window).
_SVG_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_SVG_EDITOR_ELEMENT = re.compile(
    rb"<(sodipodi|inkscape):([\w.-]+)\b[^>]*?(?:/>|>.*?</\1:\2\s*>)", re.S
)
_SVG_TAG = re.compile(rb"<[A-Za-z_][^<>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^<>\"']*)*>")
_SVG_EDITOR_ATTRIBUTE = re.compile(
    rb"\s+(?:sodipodi|inkscape):[\w.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*')"
)
# The version of the cleaning rules, in the name of a cleaned copy, so that a copy cleaned by
# older rules is never reused (before 2, an SVG kept its comments and its editor's data).
_CLEANING = b"2"
_CACHED = re.compile(r"[0-9a-f]{32}(\.[a-z0-9]+)?")


class Unpublishable(ValueError):
    """A static image that cannot be published without what it carries privately."""


def image_kind(head: bytes, name: str) -> str | None:
    """Which image ``head`` (a file's first bytes) begins, if any: "jpeg", "png", "svg"…"""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heif"
    if head.startswith(b"\x1f\x8b") and name.lower().endswith(".svgz"):
        return "svgz"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if (
        name.lower().endswith(".svg")
        or text.startswith(b"<svg")
        or (text.startswith((b"<?xml", b"<!--", b"<!DOCTYPE svg")) and b"<svg" in head)
    ):
        return "svg"
    return None


def publishable(source: Path, cache_dir: Path) -> Path:
    """The file to publish for ``source``: itself, or its copy without metadata in the cache.

    Raises ``Unpublishable`` for an image whose metadata cannot be removed losslessly.
    """
    with source.open("rb") as file:
        head = file.read(_HEAD)
        kind = image_kind(head, source.name)
        if kind is None:
            return source
        data = head + file.read()
    clean = _clean(kind, data)
    if clean == data:
        return source
    name = hashlib.sha256(_CLEANING + data).hexdigest()[:32] + source.suffix.lower()
    copy = cache_dir / (name if _CACHED.fullmatch(name) else name[:32])
    if not copy.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = copy.with_name(f".{copy.name}.{os.getpid()}")
        partial.write_bytes(clean)
        os.replace(partial, copy)
    return copy


def sweep(cache_dir: Path, used: Iterable[Path]) -> None:
    """Delete the cleaned copies no static file needs any longer (only files named like one)."""
    if not cache_dir.is_dir():
        return
    keep = {path.name for path in used}
    for entry in cache_dir.iterdir():
        if entry.name not in keep and _CACHED.fullmatch(entry.name) and entry.is_file():
            entry.unlink(missing_ok=True)


def _clean(kind: str, data: bytes) -> bytes:
    """``data`` without its metadata: the same bytes when it carries none."""
    try:
        if kind == "jpeg":
            return _stripped(strip_jpeg(data), data, strip_jpeg)
        if kind == "png":
            return _stripped(strip_png(data, frames=True), data, _strip_png_frames)
        if kind == "webp":
            return _stripped(strip_webp(data), data, strip_webp)
    except ValueError as exc:
        raise Unpublishable(f"this image cannot be read to remove its metadata ({exc})") from exc
    if kind == "svg":
        return _clean_svg(data)
    carried = {"gif": _gif_metadata, "tiff": _tiff_metadata, "heif": _heif_metadata}.get(kind)
    if carried is not None:
        found = carried(data)
    else:  # svgz
        svg = _gunzip(data)
        found = "metadata, comments or an editor's data" if _clean_svg(svg) != svg else None
    if found:
        raise Unpublishable(f"this image carries {found}, which cannot be removed losslessly")
    return data


def _clean_svg(data: bytes) -> bytes:
    """An SVG without its ``<metadata>``, its comments and what Inkscape keeps of its own."""
    data = _SVG_COMMENT.sub(b"", _SVG_METADATA.sub(b"", data))
    data = _SVG_EDITOR_ELEMENT.sub(b"", data)
    return _SVG_TAG.sub(lambda tag: _SVG_EDITOR_ATTRIBUTE.sub(b"", tag[0]), data)


def _strip_png_frames(data: bytes, exif: bytes) -> bytes:
    return strip_png(data, exif, frames=True)


def _stripped(clean: bytes, data: bytes, strip: Callable[[bytes, bytes], bytes]) -> bytes:
    """``clean``, or, when ``data`` is shown turned, ``data`` stripped to that orientation."""
    if clean == data:
        return data
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = published_exif(image, Rights(), keep_gps=False, orientation=True)
    except (OSError, ValueError, SyntaxError):  # Pillow cannot tell: published unturned
        exif = b""
    return strip(data, exif) if exif else clean


def _gunzip(data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError) as exc:
        raise Unpublishable(f"this compressed SVG cannot be read ({exc})") from exc


def _gif_metadata(data: bytes) -> str | None:
    """What a GIF carries besides its frames and loop count: comments, XMP, bytes after it."""
    pos = 13 + (3 << ((data[10] & 7) + 1) if data[10] & 0x80 else 0)
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:  # the trailer
            return "bytes after its end" if data[pos + 1 :].strip(b"\x00") else None
        if block == 0x21 and pos + 1 < len(data):
            label, pos = data[pos + 1], pos + 2
            if label == 0xFE:
                return "a comment"
            if label == 0xFF:
                name = data[pos + 1 : pos + 12]
                if name not in (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"):
                    return f"an application block ({name.decode('latin-1')!r})"
        elif block == 0x2C:  # an image: its descriptor, colour table and LZW code size
            flags = data[pos + 9] if pos + 9 < len(data) else 0
            pos += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
        else:
            return "data this check cannot follow"
        while pos < len(data) and data[pos]:  # sub-blocks, up to the empty one
            pos += data[pos] + 1
        pos += 1
    return "data this check cannot follow"  # no trailer


# The TIFF tags that describe the picture: its size, samples, compression, strips or tiles,
# resolution, colour map, colour profile and orientation. Anything else is metadata.
_TIFF_PICTURE = {
    254, 256, 257, 258, 259, 262, 266, 273, 274, 277, 278, 279, 282, 283, 284, 296, 317, 320,
    322, 323, 324, 325, 338, 339, 34675,
}  # fmt: skip


def _tiff_metadata(data: bytes) -> str | None:
    """What the first directory of a TIFF holds besides the picture, or a second image."""
    order: Literal["little", "big"] = "little" if data.startswith(b"II") else "big"
    pos = int.from_bytes(data[4:8], order)
    if pos + 2 > len(data):
        return "data this check cannot follow"
    count = int.from_bytes(data[pos : pos + 2], order)
    entries = data[pos + 2 : pos + 2 + 12 * count]
    tags = {int.from_bytes(entries[i : i + 2], order) for i in range(0, len(entries), 12)}
    if tags - _TIFF_PICTURE:
        return f"metadata (TIFF tags {', '.join(map(str, sorted(tags - _TIFF_PICTURE)))})"
    following = data[pos + 2 + 12 * count : pos + 6 + 12 * count]
    return "a second image" if following.strip(b"\x00") else None


def _heif_metadata(data: bytes) -> str | None:
    """Whether an AVIF or HEIC file holds EXIF or XMP items, or boxes besides the image's."""
    for kind, body in _boxes(data):
        if kind == b"meta":
            for inner, content in _boxes(body[4:]):
                if inner == b"iinf":
                    for item in _items(content):
                        if item in (b"Exif", b"mime", b"uri "):
                            return "EXIF or XMP"
        elif kind not in (b"ftyp", b"mdat", b"free", b"skip"):
            return f"a {kind.decode('latin-1')!r} box"
    return None


def _boxes(data: bytes) -> Iterable[tuple[bytes, bytes]]:
    pos = 0
    while pos + 8 <= len(data):
        size, kind, start = int.from_bytes(data[pos : pos + 4], "big"), data[pos + 4 : pos + 8], 8
        if size == 1:
            size, start = int.from_bytes(data[pos + 8 : pos + 16], "big"), 16
        elif size == 0:
            size = len(data) - pos
        if size < start:
            raise Unpublishable("this image cannot be read to look for its metadata")
        yield kind, data[pos + start : pos + size]
        pos += size


def _items(iinf: bytes) -> Iterable[bytes]:
    """The item types an ``iinf`` box lists (from its ``infe`` entries of version 2 or 3)."""
    skip = 4 + (2 if iinf[:1] == b"\x00" else 4)  # version and flags, then the entry count
    for kind, infe in _boxes(iinf[skip:]):
        if kind == b"infe" and infe[:1] in (b"\x02", b"\x03"):
            offset = 4 + (2 if infe[:1] == b"\x02" else 4) + 2
            yield infe[offset : offset + 4]
