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
