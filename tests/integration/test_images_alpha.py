"""Transparent images keep their transparency in every format, the fallback included."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from generator.config import ImageSettings
from generator.media.images import ImageRequest, ImageResult, publish_images
from generator.media.metadata import Rights
from generator.source.imagefile import exif_text
from tests.imagefactory import gps_exif

RIGHTS = Rights(artist="Bekzat Ayumi", copyright="© Bekzat Ayumi")
SETTINGS = ImageSettings(widths=(240, 480))


def publish(tmp_path: Path, *sources: Path, settings: ImageSettings = SETTINGS) -> ImageResult:
    requests = [
        ImageRequest(s, f"/media/test/{s.stem}", s.name, RIGHTS, 3, "content/series/test.md")
        for s in sources
    ]
    return publish_images(requests, settings, tmp_path / "cache")


def cut_out(path: Path, *, alpha: int = 0, **options: object) -> Path:
    """A red disc-like square on a background of the given alpha (0: fully transparent)."""
    image = Image.new("RGBA", (600, 400), (20, 120, 40, alpha))
    image.paste((200, 30, 30, 255), (200, 100, 400, 300))
    image.save(path, "PNG", **options)
    return path


def test_a_transparent_png_gets_a_png_fallback_that_keeps_its_alpha(tmp_path: Path) -> None:
    source = cut_out(tmp_path / "cut-out.png", exif=gps_exif())
    result = publish(tmp_path, source)
    image = result.images[source]
    assert [s.format for s in image.sources] == ["avif", "webp", "png"]
    assert image.fallback.mime == "image/png"
    assert image.src.endswith(".png") and image.largest.url.endswith("-480.png")
    for source_set in image.sources:
        for rendition in source_set.renditions:
            with Image.open(result.files[rendition.url.lstrip("/")]) as published:
                assert published.mode == "RGBA", rendition.url
                corner = published.getpixel((2, 2))
                middle = published.getpixel((published.width // 2, published.height // 2))
                assert isinstance(corner, tuple) and isinstance(middle, tuple)
                assert corner[3] < 10, rendition.url  # not turned white (nor any colour)
                assert middle[3] > 245 and middle[0] > 150, rendition.url
                exif = published.getexif()
                assert not exif.get_ifd(0x8825), rendition.url
                assert exif_text(exif[0x013B]) == "Bekzat Ayumi"


def test_a_png_whose_alpha_is_opaque_is_published_as_jpeg_like_any_other(tmp_path: Path) -> None:
    opaque = cut_out(tmp_path / "opaque-alpha.png", alpha=255)
    with Image.open(opaque) as image:
        image.convert("RGB").save(tmp_path / "plain.png")
    plain = tmp_path / "plain.png"
    result = publish(tmp_path, opaque, plain)
    for source in (opaque, plain):
        assert [s.format for s in result.images[source].sources] == ["avif", "webp", "jpeg"]
    for width in (240, 480):
        with_alpha = result.files[f"media/test/opaque-alpha-{width}.jpg"].read_bytes()
        assert with_alpha == result.files[f"media/test/plain-{width}.jpg"].read_bytes()


def test_a_transparent_png_without_jpeg_configured_keeps_its_formats(tmp_path: Path) -> None:
    source = cut_out(tmp_path / "cut-out.png")
    result = publish(tmp_path, source, settings=ImageSettings(widths=(240,), formats=("webp",)))
    assert [s.format for s in result.images[source].sources] == ["webp"]


def test_the_original_of_a_transparent_webp_is_a_png(tmp_path: Path) -> None:
    source = tmp_path / "cut-out.webp"
    with Image.open(cut_out(tmp_path / "cut-out-source.png")) as image:
        image.save(source, "WEBP", lossless=True)
    result = publish(tmp_path, source, settings=ImageSettings(widths=(240,), downloads=True))
    original = result.images[source].original
    assert original == "/media/test/cut-out-original.png"
    with Image.open(result.files[original.lstrip("/")]) as published:
        assert published.mode == "RGBA"
        corner = published.getpixel((2, 2))
        assert isinstance(corner, tuple) and corner[3] == 0
