"""Image metadata: what a source carries, what is private, and what a published file keeps."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.source.imagefile import exif_text, iptc_info

if TYPE_CHECKING:  # Pillow is imported where an image is read: a site without any skips it
    from PIL import Image

# EXIF tags (TIFF numbering) this module reads or writes.
ORIENTATION = 0x0112
ARTIST = 0x013B
COPYRIGHT = 0x8298
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
GPS_POSITION = range(0, 7)  # version, latitude, longitude, altitude (with their references)
MAKER_NOTE = 0x927C
BODY_SERIAL = 0xA431
LENS_SERIAL = 0xA435
CAMERA_OWNER = 0xA430


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


def read_privacy(image: Image.Image) -> Privacy:
    """Which private details ``image`` carries."""
    exif = image.getexif()
    details = exif.get_ifd(EXIF_IFD)
    other = []
    if MAKER_NOTE in details:
        other.append("maker notes")
    if image.info.get("xmp"):
        other.append("XMP")
    if iptc_info(image):
        other.append("IPTC")
    if CAMERA_OWNER in details:
        other.append("camera owner")
    if image.info.get("comment"):
        other.append("comment")
    if getattr(image, "n_frames", 1) > 1:
        other.append("further images")
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


def published_exif(
    image: Image.Image, rights: Rights, *, keep_gps: bool, orientation: bool = False
) -> bytes:
    """The only EXIF a published file carries: the whole privacy policy, in one place.

    Artist and Copyright always; the GPS position (and no other GPS tag) only when the site
    opts in; and, for a downloadable original whose pixels are not turned upright, the
    orientation that shows it the right way up. Nothing else: no camera, lens, serial number,
    owner, date or thumbnail. Every file is written with this EXIF alone: derivatives through
    ``encoder_options``, originals through ``strip_jpeg`` and ``strip_png``.
    """
    from PIL import Image

    source = image.getexif()
    exif = Image.Exif()
    # EXIF text fields are nominally ASCII; UTF-8 is what readers understand for "©" or "ē".
    if rights.artist:
        exif[ARTIST] = rights.artist.encode("utf-8")
    if rights.copyright:
        exif[COPYRIGHT] = rights.copyright.encode("utf-8")
    if orientation and source.get(ORIENTATION) in range(2, 9):
        exif[ORIENTATION] = source[ORIENTATION]
    if keep_gps:
        position = {k: v for k, v in source.get_ifd(GPS_IFD).items() if k in GPS_POSITION}
        if position:
            exif.get_ifd(GPS_IFD).update(position)
    return exif.tobytes() if len(exif) else b""


def encoder_options(exif: bytes) -> dict[str, object]:
    """Every metadata option of Pillow's JPEG, WebP and AVIF encoders, set to the policy.

    Naming each one, even empty, keeps an encoder from falling back to what the source
    carried (Pillow's JPEG encoder writes the source's comment unless told otherwise). The
    pixels are sRGB, which is what a file without a colour profile means on the web.
    """
    return {"exif": exif, "xmp": b"", "comment": b"", "icc_profile": b""}


# JPEG markers: start and end of image, start of scan, restart markers, and the segments kept.
_SOI, _EOI, _SOS, _TEM = 0xD8, 0xD9, 0xDA, 0x01
_RST = range(0xD0, 0xD8)
_APP0, _APP1, _COM = 0xE0, 0xE1, 0xFE
_APP2, _APP14 = 0xE2, 0xEE
# Application segments that describe colour, not the photograph: a chunk of the ICC profile,
# and Adobe's colour transform, whose payload has a fixed length: "Adobe", its version, two
# flag words and the transform.
_ICC, _ADOBE, _ADOBE_LENGTH = b"ICC_PROFILE\x00", b"Adobe", 12
# Frame, table and scan segments: the picture itself (SOFn, DHT, DAC, DQT, DNL, DRI, DHP, EXP).
_PICTURE = {*range(0xC0, 0xC8), *range(0xC9, 0xD0), 0xDB, 0xDC, 0xDD, 0xDE, 0xDF}
_MAX_SEGMENT = 0xFFFF - 2
_EXIF_HEADER = b"Exif\x00\x00"


def strip_jpeg(data: bytes, exif: bytes = b"") -> bytes:
    """The primary image of a JPEG, with ``exif`` as its only metadata, pixels untouched.

    The segments are walked to the end of the primary image: whatever follows it (the
    secondary images of MPF, a gain map, a phone's motion-photo video) is dropped. Of the
    application segments only JFIF (without its thumbnail), the ICC profile and Adobe's
    colour transform (its fixed 12 bytes, nothing after them) are kept; EXIF, XMP, IPTC,
    MPF, makers' segments and comments go, wherever they stand, between scans included.
    """
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG file")
    exif = _tiff(exif)
    if len(exif) + 6 > _MAX_SEGMENT:
        raise ValueError("EXIF too long for a JPEG segment")
    kept: list[bytes] = []
    pos = 2
    while True:
        marker, pos = _next_marker(data, pos)
        if marker == _EOI:
            kept.append(b"\xff\xd9")
            break
        if marker in _RST or marker in (_SOI, _TEM):
            raise ValueError(f"unexpected JPEG marker 0x{marker:02X}")
        if pos + 2 > len(data):
            raise ValueError("truncated JPEG file")
        length = int.from_bytes(data[pos : pos + 2], "big")
        end = pos + length
        if length < 2 or end > len(data):
            raise ValueError("truncated JPEG file")
        payload = data[pos + 2 : end]
        if marker == _SOS:
            end = _end_of_scan(data, end)
            kept.append(b"\xff\xda" + data[pos:end])
        elif marker in _PICTURE or (marker == _APP2 and payload.startswith(_ICC)):
            kept.append(bytes((0xFF, marker)) + data[pos:end])
        elif marker == _APP14 and payload.startswith(_ADOBE) and len(payload) >= _ADOBE_LENGTH:
            kept.append(_segment(_APP14, payload[:_ADOBE_LENGTH]))  # nothing after the transform
        elif marker == _APP0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14:
            kept.append(_segment(_APP0, payload[:12] + b"\x00\x00"))  # no thumbnail
        elif not (0xE0 <= marker <= 0xEF or marker == _COM):
            raise ValueError(f"unknown JPEG marker 0x{marker:02X}")
        pos = end
    head = 1 if kept and kept[0].startswith(b"\xff\xe0") else 0
    if exif:
        kept.insert(head, _segment(_APP1, _EXIF_HEADER + exif))
    return b"\xff\xd8" + b"".join(kept)


def _next_marker(data: bytes, pos: int) -> tuple[int, int]:
    """The marker at ``pos`` (after any fill bytes) and the position after it."""
    if pos >= len(data) or data[pos] != 0xFF:
        raise ValueError("malformed JPEG segment")
    while pos < len(data) and data[pos] == 0xFF:
        pos += 1
    if pos >= len(data):
        raise ValueError("truncated JPEG file")
    return data[pos], pos + 1


def _end_of_scan(data: bytes, pos: int) -> int:
    """Where the entropy-coded data from ``pos`` ends: at the first marker but RST or FF00."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise ValueError("truncated JPEG file")
        after = data[pos + 1]
        if after == 0x00 or after in _RST:
            pos += 2
        elif after == 0xFF:  # fill bytes before a marker
            pos += 1
        else:
            return pos


def _tiff(exif: bytes) -> bytes:
    """The EXIF from its TIFF header on: Pillow's ``Exif.tobytes`` starts with "Exif\\0\\0",
    which a JPEG segment needs once (``strip_jpeg`` adds it) and a PNG or WebP chunk never."""
    return exif.removeprefix(_EXIF_HEADER)


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The chunks of a still PNG: its pixels and how to show their colours. Text, time, EXIF,
# animation frames and any private chunk are not among them.
_PNG_PUBLISHED = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
    b"cICP", b"mDCV", b"cLLI", b"bKGD", b"pHYs",
}  # fmt: skip


# An animated PNG's frames, kept only where asked (a static file is published as it is drawn).
_PNG_FRAMES = {b"acTL", b"fcTL", b"fdAT"}


def strip_png(data: bytes, exif: bytes = b"", *, frames: bool = False) -> bytes:
    """A still PNG with ``exif`` as its only metadata, pixels untouched; nothing after IEND.

    With ``frames``, an animated PNG keeps its animation.
    """
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    exif = _tiff(exif)
    published = _PNG_PUBLISHED | _PNG_FRAMES if frames else _PNG_PUBLISHED
    out = bytearray(_PNG_SIGNATURE)
    pos = len(_PNG_SIGNATURE)
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            break
        if kind == b"iCCP":  # its name is free text: published under a neutral one
            profile = data[pos + 8 : end - 4].partition(b"\x00")[2]
            out += _png_chunk(b"iCCP", b"ICC profile\x00" + profile)
        elif kind in published:
            out += data[pos:end]
        if kind == b"IHDR" and exif:
            out += _png_chunk(b"eXIf", exif)
        pos = end
        if kind == b"IEND":
            return bytes(out)
    raise ValueError("truncated PNG file")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body)
    return len(body).to_bytes(4, "big") + kind + body + crc.to_bytes(4, "big")


# The chunks of a WebP that draw it: the bitstreams, the extended header, alpha, animation
# and the colour profile. EXIF, XMP and any unknown chunk are not among them.
_WEBP_PUBLISHED = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def strip_webp(data: bytes, exif: bytes = b"") -> bytes:
    """A WebP with ``exif`` as its only metadata, its pixels untouched; nothing after it.

    ``exif`` can only be written into an extended WebP (one with a VP8X header), the only
    kind that can carry metadata at all; the header's flags say what the file holds.
    """
    if not (data.startswith(b"RIFF") and data[8:12] == b"WEBP"):
        raise ValueError("not a WebP file")
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data):
        raise ValueError("truncated WebP file")
    exif = _tiff(exif)
    chunks: list[bytes] = []
    pos = 12
    while pos < end:
        if pos + 8 > end:
            raise ValueError("truncated WebP file")
        kind = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        stop = pos + 8 + size
        if stop > end:
            raise ValueError("truncated WebP file")
        chunk = data[pos:stop] + b"\x00" * (size & 1)  # chunks are padded to an even length
        if kind == b"VP8X" and size >= 10:
            flags = chunk[8] & ~(_VP8X_EXIF | _VP8X_XMP) | (_VP8X_EXIF if exif else 0)
            chunk = chunk[:8] + bytes((flags,)) + chunk[9:]
        if kind in _WEBP_PUBLISHED:
            chunks.append(chunk)
        pos = stop + (size & 1)
    if exif and chunks and chunks[0].startswith(b"VP8X"):
        pad = b"\x00" if len(exif) & 1 else b""
        chunks.append(b"EXIF" + len(exif).to_bytes(4, "little") + exif + pad)
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def _has_thumbnail(image: Image.Image) -> bool:
    """Whether the EXIF carries a second image directory: the embedded thumbnail."""
    from PIL import ExifTags

    return bool(image.getexif().get_ifd(ExifTags.IFD.IFD1))
