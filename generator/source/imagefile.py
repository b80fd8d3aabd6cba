"""A source image file: which files are images, how many pixels one may have, and the title
and caption it carries (XMP, IPTC or EXIF).

Below both the content readers (a work without a title takes its image's) and media/ (which
publishes images and keeps their rights): neither has to import the other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from html import unescape
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported where an image is read: a site without any skips it
    from PIL import Image

# HEIC/HEIF (what iPhones take) is read through pillow-heif; no published file is one.
HEIF_SUFFIXES = (".heic", ".heif")
IMAGE_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".png",
    ".webp",
    ".tif",
    ".tiff",
    ".gif",
    ".avif",
    *HEIF_SUFFIXES,
)
MAX_PIXELS = 80_000_000  # larger sources are refused before they are decoded

# Files artists have that showcase cannot read, by suffix: what each is, and how to convert it.
_EXPORT = "export it as JPEG or PNG from Photos, Preview or your editor"
_RAW = (
    "a camera raw file",
    "open it in your raw editor (Lightroom, Darktable, Photos) and export it as JPEG",
)
UNREADABLE_FORMATS: dict[str, tuple[str, str]] = {
    ".psd": ("a Photoshop document", "in Photoshop: File › Export › Export As… JPEG or PNG"),
    ".psb": ("a Photoshop document", "in Photoshop: File › Export › Export As… JPEG or PNG"),
    ".kra": ("a Krita document", "in Krita: File › Export… as JPEG or PNG"),
    ".xcf": ("a GIMP document", "in GIMP: File › Export As… with a .jpg or .png name"),
    ".procreate": ("a Procreate document", "in Procreate: Share › JPEG or PNG"),
    ".jxl": ("a JPEG XL image", _EXPORT),
    ".pdf": ("a PDF document", _EXPORT),
    ".bmp": ("a BMP image", _EXPORT),
    **dict.fromkeys(
        (".raw", ".dng", ".cr2", ".cr3", ".nef", ".nrw", ".arw", ".orf", ".rw2", ".raf", ".pef"),
        _RAW,
    ),
}

# Where the title and caption stand: EXIF tags (TIFF numbering) and IPTC records.
IMAGE_DESCRIPTION = 0x010E
XP_TITLE = 0x9C9B
IPTC_TITLE = (2, 5)
IPTC_CAPTION = (2, 120)
MAKE = 0x010F
MODEL = 0x0110

# What cameras write into every photograph's description: never a title or a caption.
STOCK_DESCRIPTIONS = frozenset(
    {
        "olympus digital camera",
        "konica minolta digital camera",
        "minolta digital camera",
        "sony dsc",
        "nikon digital camera",
        "panasonic digital camera",
        "samsung digital camera",
        "samsung camera pictures",
        "sanyo digital camera",
        "kodak digital still camera",
        "digital camera",
        "digital still camera",
        "hp photosmart",
        "casio qv digital",
        "sony digital still camera",
        "default",
        "dcim",
    }
)
# The words by which an all-capitals description gives itself away as a camera's.
_CAMERA_WORDS = frozenset(
    {"CAMERA", "DSC", "DSLR", "DIGICAM", "DIGIMAX", "PHOTOSMART", "EASYSHARE"}
)
# Who makes cameras and phones, as their names stand in a description ("CANON EOS 5D MARK
# IV", "iPhone 14 Pro"); a name of two words is matched at the start of the text.
_MAKERS = frozenset(
    {
        *("canon", "nikon", "sony", "fujifilm", "fuji", "olympus", "panasonic", "lumix"),
        *("pentax", "ricoh", "leica", "kodak", "samsung", "apple", "iphone", "ipad", "huawei"),
        *("xiaomi", "redmi", "sigma", "hasselblad", "dji", "gopro", "konica", "minolta"),
        *("casio", "epson", "pixel", "nokia", "motorola", "oneplus", "oppo", "sanyo"),
    }
)
_MAKER_PHRASES = ("om system", "om digital solutions", "google pixel", "google")
# Words of a camera's model name that are not its maker's and hold no digit.
_MODEL_WORDS = frozenset(
    {
        *("mark", "mk", "eos", "alpha", "pro", "max", "plus", "ultra", "mini", "lite", "se"),
        *("digital", "camera", "zoom", "rebel", "coolpix", "powershot", "ixus", "finepix"),
        *("cyber-shot", "cybershot", "mirrorless", "dslr", "compact", "edition", "mavic"),
        *("hero", "galaxy"),
    }
)
# The names cameras and phones give their files: IMG_3307, DSC01234, P1010001.JPG…
_CAMERA_FILE_NAME = re.compile(
    r"(?:img|dsc[nf]?|_dsc|_mg|pict?|p|dji|gopr|mvc|cimg|sam|wp)[_-]?\d{3,}(?:\.\w{2,4})?",
    re.I,
)


def open_image(path: Path) -> Image.Image:
    """Pillow's ``Image.open``, able to read HEIC/HEIF photographs too."""
    from PIL import Image

    _read_heif()
    return Image.open(path)


@functools.cache
def _read_heif() -> None:
    """Teach Pillow to open HEIC/HEIF files (once per process: it registers a decoder)."""
    from pillow_heif import register_heif_opener

    register_heif_opener(thumbnails=False)


def not_an_image(name: str) -> tuple[str, str]:
    """The problem, and its hint, for an image path whose suffix showcase does not read.

    A format artists have (Photoshop, camera raw, JPEG XL…) is named, with how to export it.
    """
    known = UNREADABLE_FORMATS.get(PurePath(name).suffix.lower())
    if known is None:
        return f"'{name}' is not an image file", f"use one of: {', '.join(IMAGE_SUFFIXES)}"
    what, how = known
    return (
        f"'{name}' is {what}: showcase cannot read it, nor can browsers show it",
        f"{how}, and name the exported file here",
    )


@dataclass(frozen=True, slots=True)
class EmbeddedText:
    """A title and caption found inside an image file."""

    title: str = ""
    caption: str = ""


def read_embedded_text(image: Image.Image) -> EmbeddedText:
    """The title and caption an image carries in XMP, IPTC or EXIF, in that order.

    What a camera writes by itself (a stock description, its model, the file's name) is
    passed over: it would otherwise be published as the work's caption.
    """
    xmp = _xmp_text(image)
    iptc = _iptc_text(image)
    exif = image.getexif()
    description = exif_text(exif.get(IMAGE_DESCRIPTION, ""))
    xp_title = exif.get(XP_TITLE, b"")
    if isinstance(xp_title, bytes):
        xp_title = xp_title.decode("utf-16-le", "ignore").rstrip("\x00")
    make, model = exif_text(exif.get(MAKE, "")), exif_text(exif.get(MODEL, ""))
    cameras = {make, model, f"{make} {model}"}
    file_name = str(getattr(image, "filename", "") or "")

    def authored(*texts: str) -> str:
        return next(
            (
                text
                for text in texts
                if not is_camera_text(text, file_name=file_name, cameras=cameras)
            ),
            "",
        )

    return EmbeddedText(
        title=authored(xmp.title, iptc.title, _clean(xp_title)),
        caption=authored(xmp.caption, iptc.caption, description),
    )


def is_camera_text(text: str, *, file_name: str = "", cameras: Collection[str] = ()) -> bool:
    """Whether ``text`` is empty or was written by the camera, not by a person.

    That is: a manufacturer's stock description ("OLYMPUS DIGITAL CAMERA", "SONY DSC"), any
    all-capitals text naming a camera, the camera's make or model, or a file name (this
    file's own, with or without its suffix, or one a camera gives, such as IMG_3307).
    """
    words = text.split()
    if not words:
        return True
    folded = " ".join(words).casefold()
    if folded in STOCK_DESCRIPTIONS or _CAMERA_FILE_NAME.fullmatch(folded):
        return True
    if text == text.upper() and _CAMERA_WORDS.intersection(re.split(r"[^A-Z]+", text)):
        return True
    if _names_a_camera(text, folded):
        return True
    if any(folded == " ".join(camera.split()).casefold() for camera in cameras if camera.strip()):
        return True
    base = PurePath(file_name.replace("\\", "/")).name.casefold()
    return bool(base) and folded in {base, base.rsplit(".", 1)[0]}


def _names_a_camera(text: str, folded: str) -> bool:
    """Whether ``text`` is a maker's name and a model's: in capitals, a text naming a maker
    ("CANON EOS 5D MARK IV"); in any case, a maker followed by nothing but model words
    ("Canon EOS 5D Mark IV", "iPhone 14 Pro"). A sentence that mentions a maker ("Shot on
    a Leica in the rain") is a person's caption, and so is a maker's name alone ("Apple")."""
    words = re.findall(r"[\w-]+", folded)
    if text == text.upper() and any(word in _MAKERS for word in words):
        return True
    phrase = next((p for p in _MAKER_PHRASES if folded.startswith(p + " ")), None)
    if phrase is not None:
        rest = text.split()[len(phrase.split()) :]
    elif words and words[0] in _MAKERS:
        rest = text.split()[1:]
    else:
        return False
    return bool(rest) and all(_model_like(token) for token in rest)


def _model_like(token: str) -> bool:
    """Whether a word reads as part of a camera's model name: 5D, X-T4, IV, GR, Mark."""
    word = token.strip("(),.")
    return (
        any(char.isdigit() for char in word)
        or (word.isupper() and len(word) <= 5)
        or word.casefold() in _MODEL_WORDS
        or word.casefold() in _MAKERS
    )


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


def iptc_info(image: Image.Image) -> dict[tuple[int, int], bytes | list[bytes]]:
    """The IPTC records ``image`` carries (none if they cannot be read)."""
    from PIL import IptcImagePlugin

    try:
        info = IptcImagePlugin.getiptcinfo(image)  # type: ignore[arg-type]
    except (SyntaxError, ValueError, IndexError, OSError):
        return {}
    return info or {}


def _iptc_text(image: Image.Image) -> _Found:
    info = iptc_info(image)

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
