"""The image pipeline: sizes, formats, metadata, orientation, colour, cache and bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from generator.config import ImageSettings
from generator.errors import ContentErrors
from generator.media.images import ImageRequest, ImageResult, publish_images
from generator.media.metadata import Rights
from generator.source.imagefile import exif_text
from tests.imagefactory import (
    ADOBE_RGB_COLORANTS,
    ADOBE_RGB_GAMMA,
    adobe_rgb_profile,
    gps_exif,
    save_jpeg,
    truncated_jpeg,
)

RIGHTS = Rights(artist="Bekzat Ayumi", copyright="© Bekzat Ayumi")
SMALL = ImageSettings(widths=(480, 960, 1600, 2400))


def publish(
    tmp_path: Path, *sources: Path, settings: ImageSettings = SMALL, cache: str = "cache"
) -> ImageResult:
    requests = [
        ImageRequest(s, f"/media/test/{s.stem}", s.name, RIGHTS, 7, "content/series/test.md")
        for s in sources
    ]
    return publish_images(requests, settings, tmp_path / cache)


def open_output(result: ImageResult, url: str) -> Image.Image:
    return Image.open(result.files[url.lstrip("/")])


def test_every_width_in_every_format_never_upscaled(tmp_path: Path) -> None:
    source = save_jpeg(tmp_path / "wide.jpg", size=(1200, 800))
    result = publish(tmp_path, source)
    image = result.images[source]
    assert [s.format for s in image.sources] == ["avif", "webp", "jpeg"]
    for source_set in image.sources:
        assert [(r.width, r.height) for r in source_set.renditions] == [
            (480, 320),
            (960, 640),
            (1200, 800),
        ]
    for url in result.files:
        with Image.open(result.files[url]) as published:
            assert published.format in ("AVIF", "WEBP", "JPEG")
            assert published.width <= 1200
    assert (image.width, image.height) == (1200, 800)


def test_gps_serial_numbers_and_camera_data_are_removed(tmp_path: Path) -> None:
    source = save_jpeg(tmp_path / "phone.jpg", exif=gps_exif())
    result = publish(tmp_path, source)
    assert result.removed["GPS location"] == 1
    assert result.removed["camera serial numbers"] == 1
    for path in result.files.values():
        with Image.open(path) as published:
            exif = published.getexif()
            assert not exif.get_ifd(0x8825), path
            assert not exif.get_ifd(0x8769), path
            assert 0x010F not in exif, path  # the camera maker
            assert exif_text(exif[0x013B]) == "Bekzat Ayumi"
            assert exif_text(exif[0x8298]) == "© Bekzat Ayumi"


def test_the_artist_named_in_the_image_is_kept(tmp_path: Path) -> None:
    source = save_jpeg(tmp_path / "signed.jpg", exif=gps_exif(artist="Studio Ayumi"))
    result = publish(tmp_path, source)
    with open_output(result, result.images[source].src) as published:
        assert exif_text(published.getexif()[0x013B]) == "Studio Ayumi"


def test_gps_is_kept_only_when_the_site_opts_in(tmp_path: Path) -> None:
    source = save_jpeg(tmp_path / "phone.jpg", exif=gps_exif())
    result = publish(tmp_path, source, settings=ImageSettings(keep_gps=True))
    assert result.removed["GPS location"] == 0
    with open_output(result, result.images[source].src) as published:
        gps = published.getexif().get_ifd(0x8825)
    assert gps[1] == "N" and gps[3] == "E"


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90° clockwise to view
    image = Image.new("RGB", (1000, 500), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, 500, 500))  # blue on the left, red on the right
    source = tmp_path / "turned.jpg"
    image.save(source, "JPEG", exif=exif, quality=95)
    result = publish(tmp_path, source)
    published = result.images[source]
    assert (published.width, published.height) == (500, 1000)
    with open_output(result, published.fallback.renditions[0].url) as upright:
        rgb = upright.convert("RGB")
        top = rgb.getpixel((upright.width // 2, 10))
        bottom = rgb.getpixel((upright.width // 2, upright.height - 10))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[2] > 150 > top[0]  # the left (blue) half is now on top
    assert bottom[0] > 150 > bottom[2]


def expected_srgb(adobe: tuple[int, int, int]) -> tuple[int, int, int]:
    """Adobe RGB → XYZ (D50) → sRGB, with the matrices of the two profiles."""
    linear = [(v / 255) ** ADOBE_RGB_GAMMA for v in adobe]
    xyz = [sum(ADOBE_RGB_COLORANTS[c][i] * linear[c] for c in range(3)) for i in range(3)]
    srgb = ImageCms.createProfile("sRGB")
    del srgb  # the sRGB colorants below are lcms's own, adapted to D50
    to_srgb = ((3.1339, -1.6169, -0.4906), (-0.9788, 1.9161, 0.0335), (0.0719, -0.2290, 1.4052))
    out = []
    for row in to_srgb:
        value = max(0.0, min(1.0, sum(row[i] * xyz[i] for i in range(3))))
        encoded = 12.92 * value if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055
        out.append(round(encoded * 255))
    return out[0], out[1], out[2]


def test_an_adobe_rgb_image_is_converted_to_srgb(tmp_path: Path) -> None:
    adobe = (60, 180, 90)
    source = save_jpeg(
        tmp_path / "adobe.jpg", size=(600, 400), colour=adobe, icc_profile=adobe_rgb_profile()
    )
    result = publish(tmp_path, source)
    expected = expected_srgb(adobe)
    assert abs(expected[0] - adobe[0]) > 15  # the profile matters for this colour
    for image_format in ("jpeg", "webp"):
        source_set = next(s for s in result.images[source].sources if s.format == image_format)
        with open_output(result, source_set.renditions[0].url) as published:
            pixel = published.convert("RGB").getpixel((240, 160))
        assert isinstance(pixel, tuple)
        assert all(abs(a - b) <= 4 for a, b in zip(pixel, expected, strict=True)), (
            image_format,
            pixel,
            expected,
        )


def test_a_second_run_encodes_nothing_and_stale_entries_go(tmp_path: Path) -> None:
    first = save_jpeg(tmp_path / "a.jpg", colour=(10, 20, 30))
    second = save_jpeg(tmp_path / "b.jpg", colour=(30, 20, 10))
    cold = publish(tmp_path, first, second)
    assert cold.encoded == 2 * 3 * 3  # two images, three widths, three formats
    warm = publish(tmp_path, first, second)
    assert warm.encoded == 0
    assert warm.images == cold.images
    entries = {p.name for p in (tmp_path / "cache").iterdir()}
    publish(tmp_path, first)
    assert len({p.name for p in (tmp_path / "cache").iterdir()}) == len(entries) - 1


def test_changed_settings_encode_again(tmp_path: Path) -> None:
    source = save_jpeg(tmp_path / "a.jpg")
    publish(tmp_path, source)
    again = publish(tmp_path, source, settings=ImageSettings(webp_quality=60))
    assert again.encoded > 0


def test_captions_come_from_the_image_when_the_front_matter_has_none(tmp_path: Path) -> None:
    from generator.source.imagefile import read_embedded_text

    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
        b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harvest &amp; Hay</rdf:li></rdf:Alt>'
        b"</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    source = save_jpeg(
        tmp_path / "described.jpg", xmp=xmp, exif=gps_exif(description="Stooks drying at dawn.")
    )
    with Image.open(source) as image:
        text = read_embedded_text(image)
    assert text.title == "Harvest & Hay"
    assert text.caption == "Stooks drying at dawn."


def test_originals_are_published_only_for_downloads_and_lose_their_gps(tmp_path: Path) -> None:
    source = save_jpeg(tmp_path / "phone.jpg", exif=gps_exif())
    assert publish(tmp_path, source).images[source].original == ""
    result = publish(tmp_path, source, settings=ImageSettings(downloads=True))
    original = result.images[source].original
    assert original == "/media/test/phone-original.jpg"
    data = result.files[original.lstrip("/")].read_bytes()
    with Image.open(io.BytesIO(data)) as published:
        assert not published.getexif().get_ifd(0x8825)
        assert published.size == (1200, 800)


def assert_image_error(tmp_path: Path, source: Path, text: str) -> None:
    with pytest.raises(ContentErrors) as caught:
        publish(tmp_path, source)
    [error] = caught.value.errors
    assert error.path == "content/series/test.md" and error.line == 7
    assert source.name in error.message and text in error.message


def test_a_truncated_file_is_reported(tmp_path: Path) -> None:
    assert_image_error(tmp_path, truncated_jpeg(tmp_path / "cut.jpg"), "damaged")


def test_a_file_that_is_not_an_image_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "notes.jpg"
    source.write_text("not a picture", encoding="utf-8")
    assert_image_error(tmp_path, source, "not an image")


def test_a_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    source = tmp_path / "bomb.png"
    Image.new("1", (9_500, 9_000)).save(source)  # 85.5 megapixels in a few kilobytes
    assert_image_error(tmp_path, source, "megapixels")


def test_a_huge_panorama_is_resized_within_the_widths(tmp_path: Path) -> None:
    source = save_jpeg(tmp_path / "panorama.jpg", size=(12_000, 600))
    image = publish(tmp_path, source).images[source]
    assert image.largest.width == 2400 and image.largest.height == 120


def test_cmyk_16_bit_and_animated_sources_are_converted(tmp_path: Path) -> None:
    cmyk = tmp_path / "print.jpg"
    Image.new("CMYK", (600, 400), (0, 200, 200, 0)).save(cmyk, "JPEG")
    deep = tmp_path / "deep.png"
    Image.new("I;16", (600, 400), 40_000).save(deep)
    animated = tmp_path / "loop.gif"
    frames = [Image.new("RGB", (600, 400), c) for c in ((200, 30, 30), (30, 30, 200))]
    frames[0].save(animated, save_all=True, append_images=frames[1:], duration=100, loop=0)
    result = publish(tmp_path, cmyk, deep, animated)
    with open_output(result, result.images[cmyk].src) as out:
        red = out.convert("RGB").getpixel((10, 10))
    assert isinstance(red, tuple) and red[0] > 200 and red[1] < 100  # C0 M200 Y200 is red
    with open_output(result, result.images[deep].src) as out:
        grey = out.convert("L").getpixel((10, 10))
    assert isinstance(grey, int) and abs(grey - 40_000 // 256) <= 3
    assert any("animated" in note for note in result.notes)
    assert any("16-bit" in note for note in result.notes)
