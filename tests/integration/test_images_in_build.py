"""Images inside a whole build: privacy, embedded captions, and damaged files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from generator.cli import cli
from tests.editing import reslug_translated_work
from tests.imagefactory import gps_exif, save_jpeg, truncated_jpeg
from tests.sitecheck import page_text, tree_digest

SERIES = "content/series/steppe-awakening.md"


def first_image(project: Path) -> tuple[Path, int]:
    """The first work's image of the series, and the line that names it."""
    lines = (project / SERIES).read_text(encoding="utf-8").splitlines()
    number = next(n for n, row in enumerate(lines, 1) if "image:" in row)
    return (project / SERIES).parent / lines[number - 1].split("image:")[1].strip(), number


def build(project: Path, cache: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "-s", str(project), "--cache-dir", str(cache)])
    return result.exit_code, result.output


def test_no_published_file_carries_the_gps_of_a_phone_photo(project: Path, own_cache: Path) -> None:
    image, _ = first_image(project)
    save_jpeg(image, size=(1800, 1200), exif=gps_exif())
    code, output = build(project, own_cache)
    assert code == 0, output
    assert "Removed GPS location from 1 image" in output
    published = [p for p in (project / "site").rglob("*") if p.suffix in (".jpg", ".webp", ".avif")]
    assert len(published) >= 18 * 3
    for path in published:
        with Image.open(path) as opened:
            assert not opened.getexif().get_ifd(0x8825), path


def test_a_work_without_title_or_caption_takes_them_from_the_image(
    project: Path, own_cache: Path
) -> None:
    image, line = first_image(project)
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
        b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Morning Field</rdf:li></rdf:Alt>'
        b"</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    save_jpeg(
        image, size=(1800, 1200), xmp=xmp, exif=gps_exif(description="Frost on the feather grass.")
    )
    series = project / SERIES
    rows = series.read_text(encoding="utf-8").splitlines()
    title_row = next(n for n in range(line - 2, 0, -1) if "title:" in rows[n])
    rows[title_row] = (
        rows[title_row].split("title:")[0] + "image: " + rows[line - 1].split("image:")[1].strip()
    )
    del rows[line - 1]
    rows = [
        r
        for n, r in enumerate(rows)
        if not (n > title_row and n < title_row + 6 and r.strip().startswith("caption:"))
    ]
    series.write_text("\n".join(rows) + "\n", encoding="utf-8")
    # Its slug now comes from the image's title: the translations name it so.
    reslug_translated_work(series, "steppe-at-first-light", "morning-field")
    code, output = build(project, own_cache)
    assert code == 0, output
    text = page_text(project / "site/gallery/steppe-awakening/morning-field/index.html")
    assert "Morning Field" in text and "Frost on the feather grass." in text


def test_a_damaged_image_fails_the_build_with_its_file_and_line(
    project: Path, own_cache: Path
) -> None:
    code, output = build(project, own_cache)
    assert code == 0, output
    before = tree_digest(project / "site")
    image, line = first_image(project)
    truncated_jpeg(image)
    code, output = build(project, own_cache)
    assert code == 1
    label = image.relative_to(project).as_posix()
    assert f"{SERIES}:{line}: {label}: the image file is damaged" in output
    assert tree_digest(project / "site") == before
