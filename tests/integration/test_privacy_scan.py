"""Every byte a build publishes, scanned for what its photographs carried privately.

The sources carry GPS, serial numbers, owner names and comments in EXIF, XMP, IPTC, COM
segments, PNG text chunks, WebP chunks, an MPF secondary image and a motion-photo trailer.
Published files may carry Artist and Copyright (and, in a downloadable original, its
orientation), a colour profile, and nothing else.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from generator import build
from generator.authoring.scaffold import init_site
from generator.config import ImageSettings
from generator.media.images import ImageRequest, publish_images
from generator.media.metadata import Rights
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

ARTIST = "Aigerim Sadykova"
SERIES = "content/series/turkistan-blue"
# Private values, and the containers that carry them, in the spellings a file may use.
NEEDLES = [
    form
    for text in (MARK, MARK.lower())
    for form in (text.encode(), text.encode("utf-16-le"), text.encode("utf-16-be"))
] + [b"http://ns.adobe.com/xap", b"Photoshop 3.0", b"8BIM", b"MPF\x00", b"ftypmp42"]
ALLOWED_EXIF = {0x013B, 0x8298, 0x0112}  # Artist, Copyright, Orientation (originals only)
JPEG_APPS = {0xE0: b"JFIF\x00", 0xE1: b"Exif\x00\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
PNG_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP"}
PNG_CHUNKS |= {b"sBIT", b"cICP", b"mDCV", b"cLLI", b"bKGD", b"pHYs", b"eXIf"}
WEBP_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"EXIF", b"ICCP"}
# The data URIs the build writes (the blurred previews); a vendor script's GIF is not one.
DATA_URI = re.compile(rb"data:image/(?:webp|jpeg|png|avif);base64,([A-Za-z0-9+/=]+)")


def hostile_sources(project: Path) -> None:
    """Replace the starter site's four images with ones that carry every kind of secret."""
    folder = project / SERIES
    mpf = multi_picture_jpeg(
        "mpf",
        exif=private_exif("mpf").tobytes(),
        xmp=private_xmp("mpf"),
        comment=f"COMMENT-mpf-{MARK} LAT 43.25".encode(),
    )
    mpf = insert_segments(mpf, iptc_segment(f"IPTC-mpf-{MARK}"), before=b"\xff\xe2")
    (folder / "01-dome-at-noon.jpg").write_bytes(mpf + motion_photo_trailer("mpf"))
    (folder / "02-brick-and-cobalt.png").write_bytes(private_png("png"))
    (folder / "03-the-road-to-tashkent.webp").write_bytes(private_webp("webp"))
    progressive = jpeg_bytes(
        size=(400, 300),
        progressive=True,
        exif=private_exif("turned", orientation=6).tobytes(),
        icc_profile=adobe_rgb_profile(),
        xmp=private_xmp("turned"),
    )
    second_scan = progressive.index(b"\xff\xda", progressive.index(b"\xff\xda") + 2)
    turned = insert_segments(
        progressive,
        comment_segment(f"BETWEEN-SCANS-{MARK}"),
        jpeg_segment(0xEB, f"JP-C2PA-{MARK}".encode()),
        before=progressive[second_scan : second_scan + 4],
    )
    turned = insert_segments(turned, iptc_segment(f"IPTC-turned-{MARK}"), before=b"\xff\xdb")
    (folder / "04-evening-turkistan.jpg").write_bytes(turned + b"TRAILER-" + MARK.encode())
    for old in ("02-brick-and-cobalt.jpg", "03-the-road-to-tashkent.jpg"):
        (folder / old).unlink()
    series = project / f"{SERIES}.md"
    text = series.read_text(encoding="utf-8")
    text = text.replace("02-brick-and-cobalt.jpg", "02-brick-and-cobalt.png")
    text = text.replace("03-the-road-to-tashkent.jpg", "03-the-road-to-tashkent.webp")
    series.write_text(text, encoding="utf-8")
    hostile_static(project / "static")
    settings = project / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("widths: [480, 960, 1600, 2400]", "widths: [240, 400]")
    text = text.replace("downloads: false", "downloads: true")
    settings.write_text(text, encoding="utf-8")


# The hostile files a site keeps in static/, published by their own names.
STATIC_IMAGES = ("img/photo.jpg", "img/turned.jpg", "img/plan.png", "img/banner.webp")


def hostile_static(static: Path) -> None:
    """Images in static/ (published as they are, not through the pipeline) with every secret,
    and an SVG drawn in an editor that wrote who made it and where."""
    (static / "img").mkdir(parents=True, exist_ok=True)
    photo = jpeg_bytes(exif=private_exif("static"), xmp=private_xmp("static"))
    photo = insert_segments(
        photo, comment_segment(f"COMMENT-static-{MARK} LAT 43.25"), iptc_segment(f"IPTC-{MARK}")
    )
    (static / "img/photo.jpg").write_bytes(photo + b"TRAILER-" + MARK.encode())
    turned = jpeg_bytes(exif=private_exif("static-turned", orientation=6), progressive=True)
    (static / "img/turned.jpg").write_bytes(turned)
    (static / "img/plan.png").write_bytes(private_png("static-png"))
    (static / "img/banner.webp").write_bytes(private_webp("static-webp"))
    (static / "img/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><metadata><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><dc:creator>'
        f"SVG-OWNER-{MARK}</dc:creator></rdf:RDF></metadata>"
        '<rect width="8" height="8" fill="#1d4a73"/></svg>',
        encoding="utf-8",
    )
    (static / "img/drawing.svg").write_text(INKSCAPE_SVG, encoding="utf-8")


# An SVG as Inkscape saves it: the file's path in the author's home, in attributes, elements
# of its own and a comment.
INKSCAPE_SVG = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    f"<!-- Created with Inkscape by {MARK} (http://www.inkscape.org/) -->\n"
    '<svg xmlns="http://www.w3.org/2000/svg"\n'
    '   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"\n'
    '   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"\n'
    f'   viewBox="0 0 8 8" sodipodi:docname="{MARK}.svg"\n'
    f"   inkscape:export-filename='/home/{MARK}/Pictures/drawing.png'\n"
    '   inkscape:version="1.3 (0e150ed6c4, 2023-07-21)">\n'
    f'  <sodipodi:namedview id="namedview1" inkscape:current-layer="{MARK}">\n'
    f'    <inkscape:page x="0" y="0" width="8" height="8" id="page-{MARK}" />\n'
    "  </sodipodi:namedview>\n"
    f'  <g inkscape:label="{MARK}" inkscape:groupmode="layer">'
    '<rect width="8" height="8" fill="#73351d"/></g>\n'
    "</svg>\n"
)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter site, built with hostile sources and downloadable originals."""
    root = tmp_path_factory.mktemp("privacy")
    project = root / "project"
    init_site(project)
    hostile_sources(project)
    build(project, root / "site", cache_dir=root / "cache")
    return root / "site"


def jpeg_segments(data: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """A JPEG's segments (marker, payload) up to its end of image, and where that is."""
    segments: list[tuple[int, bytes]] = []
    pos = 2
    while True:
        assert data[pos] == 0xFF, "a JPEG segment does not start with a marker"
        marker = data[pos + 1]
        if marker == 0xD9:
            return segments, pos + 2
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segments.append((marker, data[pos + 4 : pos + 2 + length]))
        pos += 2 + length
        if marker == 0xDA:
            while not (data[pos] == 0xFF and data[pos + 1] not in (0, *range(0xD0, 0xD8))):
                pos += 1


def png_chunks(data: bytes) -> tuple[list[bytes], int]:
    kinds, pos = [], 8
    while True:
        length = int.from_bytes(data[pos : pos + 4], "big")
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
        if kinds[-1] == b"IEND":
            return kinds, pos


def webp_chunks(data: bytes) -> list[bytes]:
    assert int.from_bytes(data[4:8], "little") + 8 == len(data), "bytes after the WebP"
    kinds, pos = [], 12
    while pos < len(data):
        kinds.append(data[pos : pos + 4])
        pos += 8 + int.from_bytes(data[pos + 4 : pos + 8], "little")
        pos += pos % 2
    return kinds


def check_image(data: bytes, where: str) -> Image.Exif:
    """Assert that an image file's structure holds nothing but pixels, colour and the policy."""
    if data.startswith(b"\xff\xd8"):
        segments, end = jpeg_segments(data)
        assert end == len(data), f"{where}: bytes after the end of the image"
        for marker, payload in segments:
            assert marker != 0xFE, f"{where}: a comment segment"
            if 0xE0 <= marker <= 0xEF:
                assert payload.startswith(JPEG_APPS.get(marker, b"?")), f"{where}: APP{marker & 15}"
    elif data.startswith(b"\x89PNG"):
        kinds, end = png_chunks(data)
        assert end == len(data), f"{where}: bytes after IEND"
        assert set(kinds) <= PNG_CHUNKS, f"{where}: {set(kinds) - PNG_CHUNKS}"
    elif data.startswith(b"RIFF"):
        kinds = webp_chunks(data)
        assert set(kinds) <= WEBP_CHUNKS, f"{where}: {set(kinds) - WEBP_CHUNKS}"
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert getattr(image, "n_frames", 1) == 1, f"{where}: more than one image"
        assert not {"comment", "xmp", "photoshop", "mp"} & set(image.info), where
        exif = image.getexif()
        assert set(exif) <= ALLOWED_EXIF, f"{where}: EXIF tags {set(exif) - ALLOWED_EXIF}"
        assert not exif.get_ifd(0x8825), f"{where}: a GPS position"
        assert not exif.get_ifd(0x8769), f"{where}: camera details"
        return exif


def is_image(data: bytes) -> bool:
    return data.startswith((b"\xff\xd8", b"\x89PNG", b"RIFF")) or data[4:12] == b"ftypavif"


def test_no_published_byte_carries_what_the_sources_held_privately(published: Path) -> None:
    files = sorted(p for p in published.rglob("*") if p.is_file())
    images: dict[str, Image.Exif] = {}
    embedded = 0
    for path in files:
        data = path.read_bytes()
        where = str(path.relative_to(published))
        for needle in NEEDLES:
            assert needle not in data, f"{where}: {needle!r}"
        if is_image(data):
            images[where] = check_image(data, where)
        for match in DATA_URI.finditer(data):
            check_image(base64.b64decode(match.group(1)), f"{where}: data URI")
            embedded += 1
    assert len([w for w in images if "-original." in w]) == 4, sorted(images)
    assert set(STATIC_IMAGES) <= set(images), sorted(images)
    assert embedded >= 4  # the blurred previews
    media = {where: exif for where, exif in images.items() if where.startswith("media/")}
    assert len(media) == 4 * 2 * 3 + 4
    for where, exif in media.items():  # every derivative and original names its authors
        assert exif_text(exif.get(0x013B, "")) == ARTIST, where
        assert exif_text(exif.get(0x8298, "")) == "© The artists. All rights reserved.", where
        if 0x0112 in exif:
            assert "-original." in where and exif[0x0112] == 6, where


def test_a_downloadable_original_is_the_primary_image_and_stays_upright(published: Path) -> None:
    [turned] = published.rglob("*evening-turkistan-original.jpg")
    with Image.open(turned) as image:
        assert image.format == "JPEG" and image.size == (400, 300)
        assert image.getexif()[0x0112] == 6  # shown turned, like the derivatives
        assert image.info["icc_profile"] == adobe_rgb_profile()  # its colours, as shot
    [primary] = published.rglob("*dome-at-noon-original.jpg")
    with Image.open(primary) as image:
        assert image.format == "JPEG" and image.size == (320, 240)


def test_a_static_image_keeps_its_pixels_and_the_orientation_it_is_shown_in(
    published: Path,
) -> None:
    project = published.parent / "project"
    for name in STATIC_IMAGES:
        with Image.open(published / name) as image, Image.open(project / "static" / name) as was:
            assert image.format == was.format and image.size == was.size, name
            assert image.convert("RGB").tobytes() == was.convert("RGB").tobytes(), name
            if name == "img/turned.jpg":
                assert dict(image.getexif()) == {0x0112: 6}
            else:
                assert not image.getexif(), name  # no authors either: the site's furniture
    svg = (published / "img/logo.svg").read_text(encoding="utf-8")
    assert svg.endswith('<rect width="8" height="8" fill="#1d4a73"/></svg>')
    assert "metadata" not in svg
    drawing = (published / "img/drawing.svg").read_text(encoding="utf-8")
    assert '<g><rect width="8" height="8" fill="#73351d"/></g>' in drawing
    assert "inkscape:" not in drawing and "sodipodi:" not in drawing and "<!--" not in drawing


def test_a_source_comment_is_not_copied_into_a_derivative(tmp_path: Path) -> None:
    source = tmp_path / "commented.jpg"
    source.write_bytes(jpeg_bytes(comment=f"COMMENT-{MARK} LAT 43.25".encode()))
    request = ImageRequest(source, "/media/commented", source.name, Rights("A", "C"))
    result = publish_images([request], ImageSettings(widths=(160,)), tmp_path / "cache")
    assert len(result.files) == 3
    for name, path in result.files.items():
        data = path.read_bytes()
        assert MARK.encode() not in data and b"43.25" not in data, name
        check_image(data, name)
