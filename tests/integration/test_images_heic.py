"""iPhone photos (HEIC/HEIF): read like a JPEG, published as renditions, never as HEIC."""

from __future__ import annotations

import io
from pathlib import Path

import pillow_heif
import pytest
from click.testing import CliRunner
from PIL import Image

from generator.cli import cli
from generator.config import ImageSettings
from generator.errors import ContentErrors
from generator.media.images import ImageRequest, ImageResult, publish_images
from generator.media.metadata import Rights
from generator.source.imagefile import exif_text, open_image, read_embedded_text
from tests.imagefactory import gps_exif

RIGHTS = Rights(artist="Bekzat Ayumi", copyright="© Bekzat Ayumi")
SERIES = "content/series/steppe-awakening.md"
TITLE_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
    b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Dune at Noon</rdf:li></rdf:Alt>'
    b"</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"
)


def save_heic(path: Path, size: tuple[int, int] = (1000, 500), *, orientation: int = 6) -> Path:
    """A HEIC as an iPhone writes one: turned by EXIF, with a position, make and model.

    Blue on the left half, red on the right, so that which way up it is can be seen.
    """
    pillow_heif.register_heif_opener()
    exif = gps_exif()
    exif[0x0110] = "iPhone 12"  # the model
    exif[0x010E] = "iPhone 12"  # and the description Apple's camera app fills with it
    exif[0x0112] = orientation
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="HEIF", quality=90, exif=exif.tobytes(), xmp=TITLE_XMP)
    return path


def publish(tmp_path: Path, source: Path, settings: ImageSettings | None = None) -> ImageResult:
    request = ImageRequest(
        source, f"/media/test/{source.stem}", source.name, RIGHTS, 7, "content/series/test.md"
    )
    return publish_images([request], settings or ImageSettings(), tmp_path / "cache")


def test_pillow_heif_can_write_heic_here() -> None:
    buffer = io.BytesIO()
    pillow_heif.register_heif_opener()
    Image.new("RGB", (16, 16)).save(buffer, format="HEIF")
    assert buffer.getvalue()[4:12] == b"ftypheic"


def test_a_heic_is_published_upright_in_every_format(tmp_path: Path) -> None:
    source = save_heic(tmp_path / "IMG_3307.HEIC")
    result = publish(tmp_path, source)
    image = result.images[source]
    assert [s.format for s in image.sources] == ["avif", "webp", "jpeg"]
    assert (image.width, image.height) == (500, 1000)  # turned, as a rotated JPEG is
    with Image.open(result.files[image.fallback.renditions[0].url.lstrip("/")]) as upright:
        assert upright.format == "JPEG"
        rgb = upright.convert("RGB")
        top = rgb.getpixel((upright.width // 2, 10))
        bottom = rgb.getpixel((upright.width // 2, upright.height - 10))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[2] > 150 > top[0]  # the left (blue) half is now on top
    assert bottom[0] > 150 > bottom[2]


def test_a_heic_loses_its_gps_and_camera_and_keeps_artist_and_copyright(tmp_path: Path) -> None:
    source = save_heic(tmp_path / "IMG_3307.heic")
    result = publish(tmp_path, source)
    assert result.removed["GPS location"] == 1
    assert result.removed["camera serial numbers"] == 1
    assert result.files
    for path in result.files.values():
        with Image.open(path) as published:
            exif = published.getexif()
            assert not exif.get_ifd(0x8825), path
            assert not exif.get_ifd(0x8769), path
            assert 0x010F not in exif and 0x0110 not in exif, path  # make and model
            assert exif_text(exif[0x013B]) == "Bekzat Ayumi"
            assert exif_text(exif[0x8298]) == "© Bekzat Ayumi"
        assert b"PhoneMaker" not in path.read_bytes() and b"xmpmeta" not in path.read_bytes()


def test_the_original_of_a_heic_is_published_as_a_jpeg(tmp_path: Path) -> None:
    source = save_heic(tmp_path / "IMG_3307.heif")
    result = publish(tmp_path, source, ImageSettings(downloads=True))
    original = result.images[source].original
    assert original == "/media/test/IMG_3307-original.jpg"
    assert not [url for url in result.files if url.lower().endswith((".heic", ".heif"))]
    with Image.open(result.files[original.lstrip("/")]) as published:
        assert published.format == "JPEG"
        assert published.size == (500, 1000)
        assert not published.getexif().get_ifd(0x8825)


def test_a_heic_title_is_read_and_its_camera_description_passed_over(tmp_path: Path) -> None:
    source = save_heic(tmp_path / "IMG_3307.HEIC")
    with open_image(source) as image:
        text = read_embedded_text(image)
    assert text.title == "Dune at Noon"
    assert text.caption == ""  # "iPhone 12" is the camera's model, not a caption


@pytest.mark.parametrize("name", ["IMG_3308.HEIC", "broken.heif"])
def test_a_damaged_heic_says_so_and_how_to_convert_it(tmp_path: Path, name: str) -> None:
    whole = save_heic(tmp_path / "whole.heic").read_bytes()
    source = tmp_path / name
    source.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ContentErrors) as caught:
        publish(tmp_path, source)
    [error] = caught.value.errors
    assert error.path == "content/series/test.md" and error.line == 7
    assert name in error.message and "HEIC/HEIF photo" in error.message
    assert error.hint is not None and "export it as JPEG" in error.hint


def test_a_site_with_an_iphone_photo_builds_without_publishing_the_heic(
    project: Path, tmp_path: Path
) -> None:
    series = project / SERIES
    rows = series.read_text(encoding="utf-8").splitlines()
    number = next(n for n, row in enumerate(rows) if "image:" in row)
    old = rows[number].split("image:")[1].strip()
    heic = save_heic(series.parent / Path(old).with_name("IMG_3307.HEIC"), size=(2400, 1200))
    rows[number] = rows[number].replace(old, Path(old).with_name(heic.name).as_posix())
    series.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", "-s", str(project), "--cache-dir", str(tmp_path / "cache")]
    )
    assert result.exit_code == 0, result.output
    site = project / "site"
    assert not [p for p in site.rglob("*") if p.suffix.lower() in (".heic", ".heif")]
    # The work's own renditions (steppe-at-first-light-480.jpg…): its views, details cut from
    # the painting, are published beside them as steppe-at-first-light--view-1-480.jpg….
    published = sorted((site / "media/steppe-awakening").glob("steppe-at-first-light-[0-9]*"))
    assert {p.suffix for p in published} >= {".jpg", ".webp", ".avif"}
    for path in published:
        with Image.open(path) as opened:
            assert opened.height > opened.width, path  # upright: portrait
            exif = opened.getexif()
            assert not exif.get_ifd(0x8825), path
            assert 0x013B in exif or 0x8298 in exif, path


def replace_first_work(tiny: Path, image: str, *, title: bool = True) -> Path:
    """Point the tiny site's first work at ``image``; the line that names it is line 7."""
    series = tiny / "content/series/small-hours.md"
    text = series.read_text(encoding="utf-8").replace("small-hours/01-dawn.jpg", image)
    if not title:
        text = text.replace("  - title: Dawn\n    image:", "  - image:")
    series.write_text(text, encoding="utf-8")
    return series.parent / image


def build_tiny(tiny: Path, tmp_path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["build", "-s", str(tiny), "--cache-dir", str(tmp_path / "cache")]
    )
    return result.exit_code, result.output


def forget_heif(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make this process's Pillow unable to open HEIF again, as a fresh `showcase` is."""
    from generator.source import imagefile

    monkeypatch.setattr(Image, "ID", [name for name in Image.ID if name != "HEIF"])
    monkeypatch.setattr(Image, "OPEN", {k: v for k, v in Image.OPEN.items() if k != "HEIF"})
    imagefile._read_heif.cache_clear()


def test_a_heic_work_without_a_title_takes_the_one_it_carries(
    tiny_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_heic(replace_first_work(tiny_project, "small-hours/IMG_3307.HEIC", title=False))
    forget_heif(monkeypatch)  # the build must teach Pillow HEIF itself, before it reads titles
    code, output = build_tiny(tiny_project, tmp_path)
    assert code == 0, output
    page = tiny_project / "site/gallery/small-hours/dune-at-noon/index.html"
    html = page.read_text(encoding="utf-8")
    assert "Dune at Noon" in html and "iPhone 12" not in html


@pytest.mark.parametrize(
    ("name", "what", "how"),
    [
        ("01-dawn.psd", "a Photoshop document", "Export As"),
        ("01-dawn.CR2", "a camera raw file", "export it as JPEG"),
        ("01-dawn.jxl", "a JPEG XL image", "export it as JPEG or PNG"),
    ],
)
def test_a_format_showcase_cannot_read_says_what_it_is_and_how_to_convert_it(
    tiny_project: Path, tmp_path: Path, name: str, what: str, how: str
) -> None:
    replace_first_work(tiny_project, f"small-hours/{name}").write_bytes(b"8BPS not read")
    code, output = build_tiny(tiny_project, tmp_path)
    assert code == 1
    assert "content/series/small-hours.md:7:" in output
    assert f"'small-hours/{name}' is {what}: showcase cannot read it" in output
    assert how in output and "Traceback" not in output


def test_check_reads_a_heic_upright_and_counts_it_as_used(
    tiny_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_heic(replace_first_work(tiny_project, "small-hours/IMG_3307.HEIC"), size=(600, 300))
    forget_heif(monkeypatch)
    result = CliRunner().invoke(
        cli, ["check", "--source", str(tiny_project), "--cache-dir", str(tmp_path / "cache")]
    )
    assert result.exit_code == 0, result.output
    label = "content/series/small-hours/IMG_3307.HEIC"
    assert f"small-hours.md:7: warning: {label} is only 300×600 px" in result.output
    assert "unused" not in result.output and "nothing uses" not in result.output
