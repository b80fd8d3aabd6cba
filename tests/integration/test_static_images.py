"""Images in static/: published without their metadata, as they are when they carry none, and
refused, naming the file and what to do, when their metadata cannot be removed losslessly."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from generator import build
from generator.errors import ContentErrors
from tests.imagefactory import MARK, jpeg_bytes, private_exif, private_xmp

SECRET = MARK.encode()
HINT = "convert it, or put the image in content/ to publish it through the image pipeline"


def gif_bytes(comment: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("P", (8, 8), index) for index in (1, 2)]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], loop=0)
    data = buffer.getvalue()
    if comment:  # a comment extension before the trailer
        data = data[:-1] + b"\x21\xfe" + bytes((len(comment),)) + comment + b"\x00\x3b"
    return data


def tiff_bytes(**options: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(buffer, "TIFF", **options)
    return buffer.getvalue()


def avif_bytes(**options: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 20, 30)).save(buffer, "AVIF", **options)
    return buffer.getvalue()


def apng_bytes(text: str = "") -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (8, 8), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:], pnginfo=info)
    return buffer.getvalue()


def add_static(project: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = project / "static" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_static_images_without_metadata_are_published_as_they_are(
    tiny_project: Path, tmp_path: Path
) -> None:
    clean = {
        "img/plain.jpg": jpeg_bytes(),
        "img/loop.gif": gif_bytes(),
        "img/scan.tif": tiff_bytes(compression="tiff_lzw"),
        "img/tile.avif": avif_bytes(exif=b"", xmp=b""),
        "img/moving.png": apng_bytes(),
        "img/logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="4"/></svg>',
    }
    add_static(tiny_project, clean)
    cache = tmp_path / "cache"
    build(tiny_project, tmp_path / "site", cache_dir=cache)
    for name, data in clean.items():
        assert (tmp_path / "site" / name).read_bytes() == data, name
    assert not (cache / "static").exists()  # nothing needed a cleaned copy


def test_a_cleaned_copy_is_kept_linked_and_made_again_only_when_the_image_changes(
    tiny_project: Path, tmp_path: Path
) -> None:
    photo = jpeg_bytes(exif=private_exif("kept"), xmp=private_xmp("kept"))
    add_static(tiny_project, {"img/photo.jpg": photo, "img/moving.png": apng_bytes(MARK)})
    cache, site = tmp_path / "cache", tmp_path / "site"
    build(tiny_project, site, cache_dir=cache)
    published = site / "img/photo.jpg"
    assert SECRET not in published.read_bytes()
    assert SECRET not in (site / "img/moving.png").read_bytes()
    with Image.open(site / "img/moving.png") as moving:
        assert getattr(moving, "n_frames", 1) == 2  # still animated
    copies = sorted((cache / "static").iterdir())
    assert len(copies) == 2
    assert any(os.path.samefile(published, copy) for copy in copies)  # linked, not copied
    first = published.stat().st_ino

    build(tiny_project, site, cache_dir=cache)  # the same image: the same copy
    assert published.stat().st_ino == first and sorted((cache / "static").iterdir()) == copies

    add_static(tiny_project, {"img/photo.jpg": jpeg_bytes(exif=private_exif("new"))})
    build(tiny_project, site, cache_dir=cache)
    assert SECRET not in published.read_bytes()
    assert len(list((cache / "static").iterdir())) == 2  # the old copy went


@pytest.mark.parametrize(
    ("name", "data", "carried"),
    [
        ("img/loop.gif", gif_bytes(b"COMMENT-" + SECRET), "a comment"),
        ("img/scan.tif", tiff_bytes(tiffinfo={315: f"OWNER-{MARK}"}), "TIFF tags 315"),
        ("img/tile.avif", avif_bytes(exif=private_exif("avif")), "EXIF or XMP"),
        ("img/tile.avif", avif_bytes(xmp=private_xmp("avif")), "EXIF or XMP"),
    ],
    ids=["gif-comment", "tiff-tag", "avif-exif", "avif-xmp"],
)
def test_an_image_whose_metadata_cannot_be_removed_losslessly_is_refused(
    tiny_project: Path, tmp_path: Path, name: str, data: bytes, carried: str
) -> None:
    add_static(tiny_project, {name: data})
    with pytest.raises(ContentErrors) as failure:
        build(tiny_project, tmp_path / "site", cache_dir=tmp_path / "cache")
    [error] = failure.value.errors
    assert error.path == f"static/{name}"
    assert carried in error.message and error.hint == HINT
    assert not (tmp_path / "site").exists()
