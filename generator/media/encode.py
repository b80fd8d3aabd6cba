"""Open one source image safely, normalise it to upright sRGB, and encode its derivatives."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from generator.config import ImageSettings
from generator.errors import ImageError
from generator.media.images import EXTENSIONS
from generator.media.metadata import (
    Privacy,
    Rights,
    encoder_options,
    published_exif,
    read_privacy,
    read_rights,
    strip_jpeg,
    strip_png,
)
from generator.source.imagefile import HEIF_SUFFIXES, MAX_PIXELS, open_image

PREVIEW_WIDTH = 16
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# The same profile as bytes, for the press kit's JPEGs, which leave the web for layout programs
# that do not all take an untagged file for sRGB. LittleCMS stamps a profile with the time it
# was made (bytes 24–35 of its header): a fixed date keeps every build's files identical.
SRGB_PROFILE = (
    _SRGB.tobytes()[:24] + bytes.fromhex("07d0 0001 0001 0000 0000 0000") + (_SRGB.tobytes()[36:])
)


@dataclass(frozen=True, slots=True)
class EncodeResult:
    """What encoding one source produced."""

    width: int
    height: int
    colour: str
    preview: str
    sizes: list[tuple[int, int]]
    formats: tuple[str, ...]
    privacy: Privacy
    notes: tuple[str, ...]
    encoded: int


def encode_image(
    source: Path, folder: Path, settings: ImageSettings, formats: tuple[str, ...], rights: Rights
) -> EncodeResult:
    """Write ``<width>.<ext>`` for every width and format into ``folder``.

    An image with transparency gets a PNG instead of a JPEG fallback (see ``formats_for``).
    """
    notes: list[str] = []
    with _open(source) as opened:
        privacy = read_privacy(opened)
        exif = published_exif(opened, _rights_of(opened, rights), keep_gps=settings.keep_gps)
        image = _normalise(opened, notes)
    formats = formats_for(image, formats)
    widths = sorted({min(width, image.width) for width in settings.widths})
    sizes = [(w, max(1, round(image.height * w / image.width))) for w in widths]
    encoded = 0
    for width, height in sizes:
        resized = (
            image
            if width == image.width
            else image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        for image_format in formats:
            path = folder / f"{width}.{EXTENSIONS[image_format]}"
            quality = 0 if image_format == "png" else settings.quality(image_format)
            _save(resized, path, image_format, quality, exif)
            encoded += 1
    return EncodeResult(
        width=image.width,
        height=image.height,
        colour=_dominant_colour(image),
        preview=_preview(image),
        sizes=sizes,
        formats=formats,
        privacy=privacy,
        notes=tuple(notes),
        encoded=encoded,
    )


def publish_original(source: Path, folder: Path, settings: ImageSettings, rights: Rights) -> str:
    """Copy the original for download, under the same metadata policy as every derivative.

    A JPEG or PNG keeps its own bytes for the pixels (only the primary image, and only the
    metadata ``published_exif`` allows, with its orientation); anything else (a HEIC photo,
    which only Safari shows, among them), or a file whose structure cannot be followed, is
    encoded again as a JPEG from its upright pixels.
    """
    suffix = source.suffix.lower()
    with _open(source, load=False) as opened:
        exif = published_exif(
            opened, _rights_of(opened, rights), keep_gps=settings.keep_gps, orientation=True
        )
    data = source.read_bytes()
    try:
        if suffix in (".jpg", ".jpeg"):
            name, clean = "original.jpg", strip_jpeg(data, exif)
        elif suffix == ".png":
            name, clean = "original.png", strip_png(data, exif)
        else:
            raise ValueError("re-encode")
    except ValueError:
        with _open(source) as opened:
            exif = published_exif(opened, _rights_of(opened, rights), keep_gps=settings.keep_gps)
            image = _normalise(opened, [])
        image_format = formats_for(image, ("jpeg",))[0]
        name = f"original.{EXTENSIONS[image_format]}"
        buffer = io.BytesIO()
        _save(image, buffer, image_format, 95, exif)
        clean = buffer.getvalue()
    (folder / name).write_bytes(clean)
    return name


def encode_press_jpeg(
    source: Path, rights: Rights, long_side: int, quality: int
) -> tuple[bytes, int, int]:
    """A JPEG for the press kit, its width and height: upright sRGB pixels (a transparent
    image laid on white), at most ``long_side`` pixels on the longer side and never enlarged,
    tagged with the sRGB profile, its only EXIF the Artist and Copyright ``published_exif``
    writes, and never a GPS position, whatever ``images.keep_gps`` says for the site."""
    with _open(source) as opened:
        exif = published_exif(opened, _rights_of(opened, rights), keep_gps=False)
        image = _normalise(opened, [])
    if image.mode == "RGBA":
        image = _flatten(image)
    scale = long_side / max(image.size)
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    options = {**encoder_options(exif), "icc_profile": SRGB_PROFILE}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, **options)
    return buffer.getvalue(), image.width, image.height


def _rights_of(image: Image.Image, rights: Rights) -> Rights:
    """The artist and copyright the image names, else the work's."""
    own = read_rights(image)
    return Rights(artist=own.artist or rights.artist, copyright=own.copyright or rights.copyright)


def _open(source: Path, *, load: bool = True) -> Image.Image:
    """Open an image, refusing what is not one, is damaged, or would decode to a bomb.

    Without ``load``, only its header is read: enough for its metadata.
    """
    try:
        image = open_image(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(
            f"the image is over the limit of {MAX_PIXELS // 1_000_000} megapixels",
            hint="export a smaller version (8,000 px on the long side is plenty for the web)",
        ) from None
    except UnidentifiedImageError:
        if source.suffix.lower() in HEIF_SUFFIXES:
            raise ImageError(
                f"cannot read this {source.suffix} file as a HEIC/HEIF photo: it is damaged, "
                "only partly copied, or another format under a HEIC name",
                hint="copy it from the phone again, or export it as JPEG from Photos "
                "(File › Export) or Preview (File › Export…)",
            ) from None
        raise ImageError(
            "not an image showcase can read: it is damaged, or its content is not JPEG, "
            "PNG, WebP, AVIF, TIFF, GIF or HEIC, whatever its name says",
            hint="export it as JPEG or PNG from Photos, Preview or your editor",
        ) from None
    except OSError as exc:
        raise ImageError(f"cannot open the image: {exc}") from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise ImageError(
            f"the image is {width} × {height} pixels, over the limit of "
            f"{MAX_PIXELS // 1_000_000} megapixels",
            hint="export a smaller version (8,000 px on the long side is plenty for the web)",
        )
    if not load:
        return image
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as exc:
        image.close()
        raise ImageError(
            f"the image file is damaged: {exc}", hint="export it again from the original"
        ) from None
    return image


def _normalise(image: Image.Image, notes: list[str]) -> Image.Image:
    """Upright, 8-bit, sRGB (or sRGB with alpha) pixels, whatever the source was."""
    if getattr(image, "is_animated", False):
        notes.append("animated: only its first frame is published")
    upright = ImageOps.exif_transpose(image)
    if upright.mode in ("I;16", "I;16B", "I;16L", "I"):
        upright = upright.point(lambda value: value / 256).convert("L")
        notes.append("16-bit: converted to 8 bits per channel")
    profile = upright.info.get("icc_profile")
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    target = "RGBA" if has_alpha else "RGB"
    pixels = None
    if profile:
        pixels = _to_srgb(upright, profile, target)
        if pixels is None:
            notes.append("its colour profile could not be read: colours are taken as sRGB")
    if pixels is None:
        pixels = upright.convert(target) if upright.mode != target else upright.copy()
    pixels.info = {}  # what the source carried (comment, XMP, EXIF, profile) stays behind
    return pixels


def _to_srgb(image: Image.Image, profile: bytes, target: str) -> Image.Image | None:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = image.mode if image.mode in ("RGB", "RGBA", "CMYK", "L") else target
        working = image if image.mode == mode else image.convert(mode)
        if mode == "RGBA":
            rgb = ImageCms.profileToProfile(working.convert("RGB"), source, _SRGB, outputMode="RGB")
            assert rgb is not None
            rgb.putalpha(working.getchannel("A"))
            return rgb
        converted = ImageCms.profileToProfile(working, source, _SRGB, outputMode="RGB")
        assert converted is not None
        return converted if target == "RGB" else converted.convert(target)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


def formats_for(image: Image.Image, formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats to publish ``image`` in: PNG stands in for JPEG when it has transparency.

    JPEG has no alpha, and no one colour to lay a cut-out on suits both the light and the
    dark theme, so the fallback keeps the transparency losslessly (WebP and AVIF keep it
    too). An image whose alpha channel is opaque everywhere is published as any other.
    """
    if image.mode != "RGBA" or "jpeg" not in formats:
        return formats
    lowest, _ = image.getchannel("A").getextrema()
    if lowest == 255:
        return formats
    return tuple("png" if f == "jpeg" else f for f in formats)


def _save(
    image: Image.Image, target: Path | io.BytesIO, image_format: str, quality: int, exif: bytes
) -> None:
    options = {"quality": quality, **encoder_options(exif)}
    if image_format == "png":
        del options["quality"]
        image.save(target, "PNG", optimize=True, **options)
    elif image_format == "jpeg":
        if image.mode == "RGBA":
            image = _flatten(image)
        image.save(target, "JPEG", optimize=True, progressive=True, **options)
    elif image_format == "webp":
        image.save(target, "WEBP", method=4, **options)
    else:
        image.save(target, "AVIF", speed=8, **options)


def _flatten(image: Image.Image) -> Image.Image:
    ground = Image.new("RGB", image.size, (255, 255, 255))
    ground.paste(image, mask=image.getchannel("A"))
    return ground


def _dominant_colour(image: Image.Image) -> str:
    pixel = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    red, green, blue = pixel if isinstance(pixel, tuple) else (0, 0, 0)
    return f"#{red:02x}{green:02x}{blue:02x}"


def _preview(image: Image.Image) -> str:
    """A tiny WebP as a data URI: the blurred stand-in shown until the image arrives."""
    height = max(1, round(image.height * PREVIEW_WIDTH / image.width))
    tiny = image.convert("RGB").resize((PREVIEW_WIDTH, height), Image.Resampling.BOX)
    buffer = io.BytesIO()
    tiny.save(buffer, "WEBP", quality=40, method=6, **encoder_options(b""))
    return "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
