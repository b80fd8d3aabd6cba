"""Image metadata: what a source carries, what is private, and what a published file keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported where an image is read: a site without any skips it
    from PIL import Image

# EXIF tags (TIFF numbering) this module reads or writes.
IMAGE_DESCRIPTION = 0x010E
ARTIST = 0x013B
COPYRIGHT = 0x8298
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
MAKER_NOTE = 0x927C
BODY_SERIAL = 0xA431
LENS_SERIAL = 0xA435
CAMERA_OWNER = 0xA430
XP_TITLE = 0x9C9B
IPTC_TITLE = (2, 5)
IPTC_CAPTION = (2, 120)


@dataclass(frozen=True, slots=True)
class EmbeddedText:
    """A title and caption found inside an image file."""

    title: str = ""
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Privacy:
    """What a source image carried that is not published by default."""

    gps: bool = False
    serial_numbers: bool = False
    thumbnail: bool = False
    other: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Rights:
    """The authorship written into every published file."""

    artist: str = ""
    copyright: str = ""


def read_embedded_text(image: Image.Image) -> EmbeddedText:
    """The title and caption an image carries in XMP, IPTC or EXIF, in that order."""
    xmp = _xmp_text(image)
    iptc = _iptc_text(image)
    exif = image.getexif()
    description = exif_text(exif.get(IMAGE_DESCRIPTION, ""))
    xp_title = exif.get(XP_TITLE, b"")
    if isinstance(xp_title, bytes):
        xp_title = xp_title.decode("utf-16-le", "ignore").rstrip("\x00")
    return EmbeddedText(
        title=xmp.title or iptc.title or _clean(xp_title),
        caption=xmp.caption or iptc.caption or description,
    )


def read_privacy(image: Image.Image) -> Privacy:
    """Which private details ``image`` carries."""
    exif = image.getexif()
    details = exif.get_ifd(EXIF_IFD)
    other = []
    if MAKER_NOTE in details:
        other.append("maker notes")
    if image.info.get("xmp"):
        other.append("XMP")
    if _iptc(image):
        other.append("IPTC")
    if CAMERA_OWNER in details:
        other.append("camera owner")
    return Privacy(
        gps=bool(exif.get_ifd(GPS_IFD)),
        serial_numbers=BODY_SERIAL in details or LENS_SERIAL in details,
        thumbnail=_has_thumbnail(image),
        other=tuple(other),
    )


def read_rights(image: Image.Image) -> Rights:
    """The artist and copyright the image itself names."""
    exif = image.getexif()
    return Rights(
        artist=exif_text(exif.get(ARTIST, "")), copyright=exif_text(exif.get(COPYRIGHT, ""))
    )


def published_exif(image: Image.Image, rights: Rights, *, keep_gps: bool) -> bytes:
    """The only EXIF a published file carries: authorship, and GPS when the site opts in."""
    from PIL import Image

    exif = Image.Exif()
    # EXIF text fields are nominally ASCII; UTF-8 is what readers understand for "©" or "ē".
    if rights.artist:
        exif[ARTIST] = rights.artist.encode("utf-8")
    if rights.copyright:
        exif[COPYRIGHT] = rights.copyright.encode("utf-8")
    if keep_gps:
        gps = image.getexif().get_ifd(GPS_IFD)
        if gps:
            exif.get_ifd(GPS_IFD).update(gps)
    return exif.tobytes() if len(exif) else b""


def strip_jpeg(data: bytes) -> bytes:
    """A JPEG without its EXIF, XMP, IPTC and comment segments, pixels untouched."""
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG file")
    out = bytearray(b"\xff\xd8")
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError("malformed JPEG segment")
        marker = data[pos + 1]
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[pos:]
            return bytes(out)
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segment = data[pos : pos + 2 + length]
        private = marker in (0xE1, 0xED, 0xFE) or 0xE3 <= marker <= 0xEF
        if not private:  # keeps JFIF (APP0), the ICC profile (APP2) and Adobe (APP14)
            out += segment
        pos += 2 + length
    raise ValueError("truncated JPEG file")


_PNG_PRIVATE = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


def strip_png(data: bytes) -> bytes:
    """A PNG without its EXIF and text chunks, pixels untouched."""
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        raise ValueError("not a PNG file")
    out = bytearray(signature)
    pos = len(signature)
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if kind not in _PNG_PRIVATE:
            out += data[pos:end]
        pos = end
        if kind == b"IEND":
            return bytes(out)
    raise ValueError("truncated PNG file")


def _has_thumbnail(image: Image.Image) -> bool:
    """Whether the EXIF carries a second image directory: the embedded thumbnail."""
    from PIL import ExifTags

    return bool(image.getexif().get_ifd(ExifTags.IFD.IFD1))


@dataclass(frozen=True, slots=True)
class _Found:
    title: str = ""
    caption: str = ""


_XMP_FIELD = r"<dc:{name}\b[^>]*>.*?<rdf:li\b[^>]*>(.*?)</rdf:li>"


def _xmp_text(image: Image.Image) -> _Found:
    raw = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    text = raw.decode("utf-8", "ignore") if isinstance(raw, bytes) else str(raw)
    if not text:
        return _Found()

    def field_of(name: str) -> str:
        match = re.search(_XMP_FIELD.format(name=name), text, re.S)
        return _clean(unescape(match.group(1))) if match else ""

    return _Found(title=field_of("title"), caption=field_of("description"))


def _iptc(image: Image.Image) -> dict[tuple[int, int], bytes | list[bytes]]:
    from PIL import IptcImagePlugin

    try:
        info = IptcImagePlugin.getiptcinfo(image)  # type: ignore[arg-type]
    except (SyntaxError, ValueError, IndexError, OSError):
        return {}
    return info or {}


def _iptc_text(image: Image.Image) -> _Found:
    info = _iptc(image)

    def field_of(key: tuple[int, int]) -> str:
        value = info.get(key, b"")
        if isinstance(value, list):
            value = value[0] if value else b""
        return _clean(value.decode("utf-8", "replace") if isinstance(value, bytes) else value)

    return _Found(title=field_of(IPTC_TITLE), caption=field_of(IPTC_CAPTION))


def exif_text(value: object) -> str:
    """An EXIF text value as the author wrote it (UTF-8 bytes that Pillow reads as Latin-1)."""
    if isinstance(value, str):
        try:
            value = value.encode("latin-1")
        except UnicodeEncodeError:
            return _clean(value)
    return _clean(value)


def _clean(value: object) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or "")
    return " ".join(text.replace("\x00", " ").split())
