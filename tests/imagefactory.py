"""Make test images with the metadata, profiles and flaws real photographs come with."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image

# Adobe RGB (1998) primaries adapted to D50, as in Adobe's own profile, and its gamma.
ADOBE_RGB_COLORANTS = (
    (0.60974, 0.31111, 0.01947),
    (0.20528, 0.62567, 0.06087),
    (0.14919, 0.06322, 0.74457),
)
ADOBE_RGB_GAMMA = 563 / 256  # 2.19921875, as a u8Fixed8 number
D50 = (0.9642, 1.0, 0.8249)


def _s15f16(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ " + b"\0" * 4 + _s15f16(x) + _s15f16(y) + _s15f16(z)


def _desc(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    body = b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_text)) + ascii_text
    return body + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67


def adobe_rgb_profile() -> bytes:
    """A minimal ICC v2 matrix/TRC display profile for Adobe RGB (1998)."""
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(ADOBE_RGB_GAMMA * 256)) + b"\0\0"
    tags = [
        (b"desc", _desc("Adobe RGB (1998) test")),
        (b"wtpt", _xyz(*D50)),
        (b"rXYZ", _xyz(*ADOBE_RGB_COLORANTS[0])),
        (b"gXYZ", _xyz(*ADOBE_RGB_COLORANTS[1])),
        (b"bXYZ", _xyz(*ADOBE_RGB_COLORANTS[2])),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"cprt", b"text" + b"\0" * 4 + b"No copyright\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0" * 4
        + struct.pack(">I", 0x02100000)
        + b"mntr"
        + b"RGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + _s15f16(D50[0])
        + _s15f16(D50[1])
        + _s15f16(D50[2])
        + b"\0" * 48
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def gps_exif(*, artist: str = "", serial: str = "SN-0042", description: str = "") -> Image.Exif:
    """EXIF as a phone writes it: a GPS position, a camera serial number, maybe more."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if artist:
        exif[0x013B] = artist
    if description:
        exif[0x010E] = description
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (43.0, 15.0, 9.0), 3: "E", 4: (76.0, 54.0, 41.4)})
    exif.get_ifd(0x8769)[0xA431] = serial
    return exif


def save_jpeg(
    path: Path,
    size: tuple[int, int] = (1200, 800),
    colour: tuple[int, int, int] = (180, 120, 60),
    **options: object,
) -> Path:
    """A flat-coloured JPEG, with whatever ``save`` options (exif=, icc_profile=, xmp=)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG", quality=95, **options)
    return path


def truncated_jpeg(path: Path) -> Path:
    """A JPEG cut off in the middle of its image data."""
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    return path


# Hostile metadata: every private value below contains MARK, which no published byte may.
MARK = "QZX-PRIVATE-7731"


def private_exif(tag: str, *, orientation: int = 1) -> Image.Exif:
    """EXIF with everything a camera or phone leaks: position, serial numbers, owner, make."""
    exif = Image.Exif()
    exif[0x010F] = f"MAKE-{tag}-{MARK}"
    exif[0x0110] = f"MODEL-{tag}-{MARK}"
    exif[0x010E] = f"DESCRIPTION-{tag}-{MARK}"
    exif[0x0131] = f"SOFTWARE-{tag}-{MARK}"
    if orientation != 1:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (43.0, 15.0, 9.0), 3: "E", 4: (76.0, 54.0, 41.4)})
    gps[0x001B] = f"GPS-AREA-{tag}-{MARK}".encode()  # GPSAreaInformation
    details = exif.get_ifd(0x8769)
    details[0xA430] = f"OWNER-NAME-{tag}-{MARK}"
    details[0xA431] = f"SERIAL-7731-{tag}-{MARK}"
    details[0xA435] = f"LENS-SERIAL-{tag}-{MARK}"
    details[0x927C] = f"MAKERNOTE-{tag}-{MARK}".encode()
    return exif


def private_xmp(tag: str) -> bytes:
    """An XMP packet with a position, an owner and a description."""
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        'xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" '
        f'exif:GPSLatitude="43,15.15N" exif:GPSLongitude="76,54.69E" '
        f'aux:SerialNumber="XMP-SERIAL-{tag}-{MARK}" aux:OwnerName="XMP-OWNER-{tag}-{MARK}"/>'
        "</rdf:RDF></x:xmpmeta>"
    ).encode()


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    """One JPEG marker segment."""
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def comment_segment(text: str) -> bytes:
    """A JPEG COM segment."""
    return jpeg_segment(0xFE, text.encode())


def iptc_segment(caption: str) -> bytes:
    """An APP13 Photoshop segment holding an IPTC caption (2:120)."""
    record = b"\x1c\x02\x78" + struct.pack(">H", len(caption.encode())) + caption.encode()
    record += b"\x00" * (len(record) % 2)
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    return jpeg_segment(0xED, b"Photoshop 3.0\x00" + resource)


def insert_segments(jpeg: bytes, *segments: bytes, before: bytes = b"") -> bytes:
    """``jpeg`` with ``segments`` right after its start (or before the first ``before``)."""
    at = jpeg.index(before, 2) if before else 2
    return jpeg[:at] + b"".join(segments) + jpeg[at:]


def jpeg_bytes(
    size: tuple[int, int] = (320, 240),
    colour: tuple[int, int, int] = (180, 120, 60),
    **options: object,
) -> bytes:
    """A JPEG with some texture (so its entropy-coded data holds 0xFF bytes), in memory."""
    image = Image.new("RGB", size, colour)
    noise = Image.effect_noise(size, 40).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(image, noise, 0.3).save(buffer, "JPEG", quality=95, **options)
    return buffer.getvalue()


def multi_picture_jpeg(tag: str, **options: object) -> bytes:
    """An MPF file as a phone or 3-D camera writes it: a secondary image with its own EXIF."""
    primary = Image.blend(
        Image.new("RGB", (320, 240), (40, 90, 160)),
        Image.effect_noise((320, 240), 40).convert("RGB"),
        0.3,
    )
    secondary = Image.new("RGB", (160, 120), (200, 30, 30))
    secondary.info["comment"] = f"MPF-SECONDARY-COMMENT-{tag}-{MARK}".encode()
    buffer = io.BytesIO()
    primary.save(buffer, "MPO", save_all=True, append_images=[secondary], quality=95, **options)
    return buffer.getvalue()


def motion_photo_trailer(tag: str) -> bytes:
    """What a phone appends after the JPEG of a motion photo: a short MP4 with a position."""
    box = b"ftypmp42\x00\x00\x00\x00mp42isom"
    meta = f"\xa9xyz+43.2525+076.9115/TRAILER-{tag}-{MARK}".encode("latin-1")
    return struct.pack(">I", len(box) + 4) + box + struct.pack(">I", len(meta) + 8) + b"udta" + meta


def private_png(tag: str, size: tuple[int, int] = (320, 240)) -> bytes:
    """A PNG with text, compressed text, international text, EXIF, time, a private chunk and
    a trailer after its end."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"PNG-TEXT-{tag}-{MARK} LAT 43.25")
    info.add_text("Author", f"PNG-ZTXT-{tag}-{MARK}", zip=True)
    info.add_itxt("XML:com.adobe.xmp", private_xmp(f"{tag}-itxt").decode(), zip=True)
    info.add_itxt("Description", f"PNG-ITXT-{tag}-{MARK}")
    info.add(b"prVt", f"PNG-PRIVATE-{tag}-{MARK}".encode())
    info.add(b"tIME", b"\x07\xe9\x01\x02\x03\x04\x05")
    image = Image.blend(
        Image.new("RGB", size, (30, 160, 90)), Image.effect_noise(size, 40).convert("RGB"), 0.3
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, exif=private_exif(f"{tag}-exif"))
    return buffer.getvalue() + f"PNG-TRAILER-{tag}-{MARK}".encode()


def private_webp(tag: str, size: tuple[int, int] = (320, 240)) -> bytes:
    """A WebP with EXIF and XMP chunks."""
    image = Image.new("RGB", size, (90, 60, 160))
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", exif=private_exif(tag), xmp=private_xmp(tag), quality=90)
    return buffer.getvalue()
