"""The metadata policy of published files: the JPEG and PNG walkers and the encoder options."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image, ImageChops

from generator.media.metadata import (
    Rights,
    encoder_options,
    published_exif,
    read_privacy,
    strip_jpeg,
    strip_png,
    strip_webp,
)
from generator.source.imagefile import exif_text
from tests.imagefactory import (
    MARK,
    adobe_rgb_profile,
    comment_segment,
    insert_segments,
    iptc_segment,
    jpeg_bytes,
    jpeg_segment,
    motion_photo_trailer,
    multi_picture_jpeg,
    private_exif,
    private_png,
    private_webp,
    private_xmp,
)

RIGHTS = Rights(artist="Bekzat Ayumi", copyright="© Bekzat Ayumi")
SECRET = MARK.encode()


def policy_exif(data: bytes, *, keep_gps: bool = False, orientation: bool = True) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return published_exif(image, RIGHTS, keep_gps=keep_gps, orientation=orientation)


def pixels(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB")


def same_pixels(a: bytes, b: bytes) -> bool:
    return ImageChops.difference(pixels(a), pixels(b)).getbbox() is None


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG's segments, in order, up to its end of image."""
    markers, pos = [], 2
    while True:
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xD9:
            return markers
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker == 0xDA:  # skip the entropy-coded data: stuffed zeros and restart markers
            while not (data[pos] == 0xFF and data[pos + 1] not in (0, *range(0xD0, 0xD8))):
                pos += 1


def test_only_the_primary_image_of_a_multi_picture_file_is_published() -> None:
    source = multi_picture_jpeg("mpf", exif=private_exif("mpf").tobytes())
    assert source.count(b"MPF\x00") == 1 and b"MPF-SECONDARY" in source
    clean = strip_jpeg(source, policy_exif(source))
    assert SECRET not in clean
    assert b"MPF\x00" not in clean
    assert clean.endswith(b"\xff\xd9") and clean.count(b"\xff\xd9") == 1
    with Image.open(io.BytesIO(clean)) as published:
        assert published.format == "JPEG" and getattr(published, "n_frames", 1) == 1
        assert not published.getexif().get_ifd(0x8825)
        assert published.size == (320, 240)
    with Image.open(io.BytesIO(source)) as original:
        assert ImageChops.difference(original.convert("RGB"), pixels(clean)).getbbox() is None


def test_a_motion_photo_trailer_after_the_image_is_dropped() -> None:
    primary = jpeg_bytes()
    clean = strip_jpeg(primary + motion_photo_trailer("motion"))
    assert SECRET not in clean and b"ftyp" not in clean
    assert clean.endswith(b"\xff\xd9")
    assert same_pixels(clean, primary)


def test_comments_xmp_iptc_and_makers_segments_are_dropped() -> None:
    source = insert_segments(
        jpeg_bytes(xmp=private_xmp("xmp"), exif=private_exif("exif")),
        comment_segment(f"COMMENT-{MARK} LAT 43.25"),
        iptc_segment(f"IPTC-CAPTION-{MARK}"),
        jpeg_segment(0xEB, b"JP\x00\x01C2PA-" + SECRET),  # APP11: content credentials
        jpeg_segment(0xE9, b"MAKER-" + SECRET),
        jpeg_segment(0xE2, b"FPXR\x00" + SECRET),  # APP2 that is not a profile
    )
    clean = strip_jpeg(source, policy_exif(source))
    assert SECRET not in clean and b"43.25" not in clean
    assert b"http://ns.adobe.com/xap" not in clean and b"Photoshop" not in clean
    assert [m for m in jpeg_markers(clean) if 0xE0 <= m <= 0xEF or m == 0xFE] == [0xE0, 0xE1]
    assert same_pixels(clean, source)


def test_segments_between_the_scans_of_a_progressive_jpeg_are_dropped() -> None:
    progressive = jpeg_bytes(progressive=True)
    second_scan = progressive.index(b"\xff\xda", progressive.index(b"\xff\xda") + 2)
    source = (
        progressive[:second_scan]
        + comment_segment(f"BETWEEN-SCANS-{MARK}")
        + jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + private_xmp("scan"))
        + progressive[second_scan:]
    )
    clean = strip_jpeg(source)
    assert SECRET not in clean
    assert jpeg_markers(clean).count(0xDA) == jpeg_markers(progressive).count(0xDA) > 1
    assert clean == progressive[:2] + strip_jpeg(progressive)[2:]
    assert same_pixels(clean, progressive)


def test_restart_markers_stuffed_bytes_and_fill_bytes_do_not_end_the_image() -> None:
    source = jpeg_bytes(size=(640, 480), restart_marker_blocks=1)
    assert any(source.find(bytes((0xFF, m))) > 0 for m in range(0xD0, 0xD8))
    assert b"\xff\x00" in source
    eoi = source.rindex(b"\xff\xd9")
    filled = source[:eoi] + b"\xff\xff\xff" + source[eoi:] + b"TRAILER-" + SECRET
    clean = strip_jpeg(filled)
    assert SECRET not in clean and clean.endswith(b"\xff\xd9")
    assert same_pixels(clean, source)


def test_the_colour_profile_stays_and_the_jfif_thumbnail_goes() -> None:
    profile = adobe_rgb_profile()
    source = jpeg_bytes(icc_profile=profile)
    app0 = source.index(b"\xff\xe0")
    length = int.from_bytes(source[app0 + 2 : app0 + 4], "big")
    thumbnail = b"\x01\x01" + b"\x7f\x00\x00"  # a 1 × 1 RGB thumbnail
    jfif = source[app0 + 4 : app0 + 2 + length - 2] + thumbnail
    source = source[:app0] + jpeg_segment(0xE0, jfif) + source[app0 + 2 + length :]
    clean = strip_jpeg(source)
    with Image.open(io.BytesIO(clean)) as published:
        assert published.info["icc_profile"] == profile
    app0 = clean.index(b"\xff\xe0")
    assert clean[app0 + 2 : app0 + 4] == (16).to_bytes(2, "big")
    assert clean[app0 + 16 : app0 + 18] == b"\x00\x00"


def test_an_original_carries_artist_copyright_and_orientation_only() -> None:
    source = jpeg_bytes(exif=private_exif("orient", orientation=6))
    clean = strip_jpeg(source, policy_exif(source))
    with Image.open(io.BytesIO(clean)) as published:
        exif = published.getexif()
        assert sorted(exif) == [0x0112, 0x013B, 0x8298]
        assert exif[0x0112] == 6
        assert exif_text(exif[0x013B]) == "Bekzat Ayumi"
        assert exif_text(exif[0x8298]) == "© Bekzat Ayumi"
        assert not exif.get_ifd(0x8769) and not exif.get_ifd(0x8825)


def test_keep_gps_keeps_the_position_and_no_other_gps_tag() -> None:
    source = jpeg_bytes(exif=private_exif("gps"))
    exif_bytes = policy_exif(source, keep_gps=True, orientation=False)
    assert SECRET not in exif_bytes
    exif = Image.Exif()
    exif.load(exif_bytes)
    gps = exif.get_ifd(0x8825)
    assert sorted(gps) == [1, 2, 3, 4]
    assert gps[1] == "N" and gps[3] == "E"


@pytest.mark.parametrize(
    "damaged",
    [
        jpeg_bytes()[:-200],  # cut inside the image data
        jpeg_bytes()[:30],  # cut inside a segment
        b"\xff\xd8\xff\x02\x00\x04ab" + jpeg_bytes()[2:],  # a reserved marker
    ],
)
def test_a_jpeg_that_cannot_be_followed_is_refused(damaged: bytes) -> None:
    with pytest.raises(ValueError):
        strip_jpeg(damaged)


def png_chunks(data: bytes) -> list[bytes]:
    kinds, pos = [], 8
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


def test_a_png_keeps_its_pixels_and_colour_but_no_text_time_or_private_chunk() -> None:
    source = private_png("png")
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME", b"prVt"} <= set(png_chunks(source))
    clean = strip_png(source, policy_exif(source, orientation=False))
    assert SECRET not in clean
    assert list(dict.fromkeys(png_chunks(clean))) == [b"IHDR", b"eXIf", b"IDAT", b"IEND"]
    with Image.open(io.BytesIO(clean)) as published:
        assert sorted(published.getexif()) == [0x013B, 0x8298]
        assert not {"Comment", "Author", "Description", "XML:com.adobe.xmp"} & set(published.info)
    assert same_pixels(clean, source)


def test_a_png_colour_profile_is_kept_under_a_neutral_name() -> None:
    buffer = io.BytesIO()
    image = Image.new("RGB", (32, 32), (10, 20, 30))
    image.save(buffer, "PNG", icc_profile=adobe_rgb_profile())
    data = buffer.getvalue()
    start = data.index(b"iCCP") - 4
    end = start + 12 + int.from_bytes(data[start : start + 4], "big")
    body = b"OWNER-" + SECRET + b"\x00" + data[start + 8 : end - 4].partition(b"\x00")[2]
    named = len(body).to_bytes(4, "big") + b"iCCP" + body
    source = data[:start] + named + zlib.crc32(b"iCCP" + body).to_bytes(4, "big") + data[end:]
    with Image.open(io.BytesIO(source)) as renamed:
        assert renamed.info["icc_profile"] == adobe_rgb_profile()
    clean = strip_png(source)
    assert SECRET not in clean
    with Image.open(io.BytesIO(clean)) as published:
        published.load()
        assert published.info["icc_profile"] == adobe_rgb_profile()


@pytest.mark.parametrize("image_format", ["JPEG", "WEBP", "AVIF"])
def test_encoder_options_keep_what_the_source_carried_out_of_a_derivative(
    image_format: str,
) -> None:
    image = Image.new("RGB", (64, 48), (10, 200, 30))
    image.info.update(
        comment=f"COMMENT-{MARK}".encode(),
        xmp=private_xmp("info"),
        icc_profile=adobe_rgb_profile(),
        exif=private_exif("info").tobytes(),
    )
    exif = published_exif(image, RIGHTS, keep_gps=False)
    buffer = io.BytesIO()
    image.save(buffer, image_format, quality=80, **encoder_options(exif))
    data = buffer.getvalue()
    assert SECRET not in data and b"Adobe RGB" not in data
    with Image.open(io.BytesIO(data)) as published:
        assert sorted(published.getexif()) == [0x013B, 0x8298]
        assert not {"comment", "xmp", "icc_profile"} & set(published.info)


def test_the_build_counts_comments_and_further_images_as_removed() -> None:
    source = multi_picture_jpeg("count", comment=b"a note")
    with Image.open(io.BytesIO(source)) as image:
        assert {"comment", "further images"} <= set(read_privacy(image).other)
    with Image.open(io.BytesIO(jpeg_bytes())) as plain:
        assert read_privacy(plain).other == ()


def test_only_adobes_fixed_colour_segment_is_kept_and_never_a_longer_one() -> None:
    adobe = b"Adobe\x00\x64\x00\x00\x00\x00\x01"  # version, two flag words, transform
    source = insert_segments(jpeg_bytes(), jpeg_segment(0xEE, adobe), before=b"\xff\xdb")
    assert strip_jpeg(source) == source  # the colour transform is picture, not metadata
    longer = insert_segments(
        jpeg_bytes(), jpeg_segment(0xEE, adobe + b"OWNER-" + SECRET), before=b"\xff\xdb"
    )
    clean = strip_jpeg(longer)
    assert SECRET not in clean and b"OWNER-" not in clean
    assert jpeg_segment(0xEE, adobe) in clean  # its colour transform, and nothing after it
    assert same_pixels(clean, longer)


def test_an_icc_profile_segment_is_kept_whole() -> None:
    source = jpeg_bytes(icc_profile=adobe_rgb_profile())
    assert strip_jpeg(source) == source


def test_the_exif_written_into_an_original_starts_with_its_tiff_header() -> None:
    # Browsers find the orientation (and readers the authors) only right after the header.
    source = jpeg_bytes(exif=private_exif("orient", orientation=6))
    clean = strip_jpeg(source, policy_exif(source))
    app1 = clean.index(b"\xff\xe1")
    assert clean[app1 + 4 : app1 + 14] in (b"Exif\x00\x00MM\x00*", b"Exif\x00\x00II*\x00")
    png = strip_png(private_png("png"), policy_exif(private_png("png"), orientation=False))
    chunk = png.index(b"eXIf")
    assert png[chunk + 4 : chunk + 8] in (b"MM\x00*", b"II*\x00")


def webp_chunks(data: bytes) -> list[bytes]:
    assert int.from_bytes(data[4:8], "little") + 8 == len(data)
    kinds, pos = [], 12
    while pos < len(data):
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        kinds.append(data[pos : pos + 4])
        pos += 8 + size + (size & 1)
    return kinds


def test_a_webp_loses_its_exif_and_xmp_chunks_and_the_flags_that_announced_them() -> None:
    source = private_webp("webp") + b"TRAILER-" + SECRET
    assert {b"EXIF", b"XMP "} <= set(webp_chunks(source[: source.index(b"TRAILER")]))
    clean = strip_webp(source)
    assert SECRET not in clean
    assert webp_chunks(clean) == [b"VP8X", b"VP8 "]
    assert clean[20] & 0b1100 == 0  # VP8X: no EXIF, no XMP
    assert strip_webp(clean) == clean
    assert same_pixels(clean, source)
    turned = strip_webp(source, policy_exif(source))
    assert webp_chunks(turned) == [b"VP8X", b"VP8 ", b"EXIF"] and turned[20] & 0b1000
    with Image.open(io.BytesIO(turned)) as published:
        assert sorted(published.getexif()) == [0x013B, 0x8298]
