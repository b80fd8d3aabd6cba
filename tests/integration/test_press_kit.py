"""The press kit: a page a journalist reads in one screen, and a download that is the same
bytes in every build, whose JPEGs carry the artist's name and rights and nothing private."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from generator import build
from generator.build import Builder, BuildOptions
from generator.errors import SiteError
from generator.media.metadata import ARTIST, COPYRIGHT
from generator.source.imagefile import exif_text
from tests.conftest import FIXTURES
from tests.imagefactory import (
    MARK,
    adobe_rgb_profile,
    insert_segments,
    iptc_segment,
    private_exif,
    private_xmp,
)
from tests.integration.test_privacy_scan import NEEDLES, check_image
from tests.sitecheck import tree_digest

ALIYA = "artists/aliya-nurlan/press"
TIMUR = "artists/timur-sadykov/press"
ALIYA_ZIP = f"{ALIYA}/aliya-nurlan-press-kit.zip"
TIMUR_ZIP = f"{TIMUR}/timur-sadykov-press-kit.zip"


def press_project(target: Path) -> Path:
    """A copy of tests/fixtures/press whose two large photographs carry every private detail
    a camera writes (the tall one turned by its EXIF orientation), in Adobe RGB."""
    shutil.copytree(FIXTURES / "press", target)
    series = target / "content/series"
    for path, size, turned in (
        (series / "salt-lake/01-shore.jpg", (3000, 2000), 1),
        (series / "night-trains/01-platform.jpg", (2700, 1800), 6),
    ):
        buffer = io.BytesIO()
        Image.new("RGB", size, (120, 160, 190)).save(
            buffer,
            "JPEG",
            quality=60,
            exif=private_exif(path.stem, orientation=turned).tobytes(),
            xmp=private_xmp(path.stem),
            comment=f"COMMENT-{MARK}".encode(),
            icc_profile=adobe_rgb_profile(),
        )
        data = insert_segments(buffer.getvalue(), iptc_segment(f"IPTC-{MARK}"), before=b"\xff\xdb")
        path.write_bytes(data)
    return target


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("press")
    project = press_project(root / "project")
    build(project, root / "site", cache_dir=root / "cache")
    return root / "site"


def text_of(page: Path) -> str:
    """A page's visible text, its whitespace collapsed."""
    html = page.read_text(encoding="utf-8")
    body = html[html.index("<main") : html.index("</main>")]
    body = re.sub(r"</?(?:a|em|cite|span)\b[^>]*>", "", body)  # inline: no space
    text = re.sub(r"<[^>]+>", " ", body).replace("&amp;", "&")
    return re.sub(r"[ \t\n]+", " ", text).strip()  # a no-break space stays one


def test_press_page_has_biography_statement_cv_summary_and_credit_lines(site: Path) -> None:
    text = text_of(site / ALIYA / "index.html")
    assert "Biography A photographer from Aral who follows the salt flats" in text
    assert "grew up in Aral, a port town that lost its sea." in text
    assert "began photographing the old shoreline at fifteen" in text
    assert "came back every summer" not in text  # the story's third paragraph
    assert "Early years" not in text and "The sea went away" not in text
    assert "Statement I photograph what the sea left behind: salt, rust and light." in text
    assert "Selected exhibitions 2024 Salt Lake, Kasteyev Museum, Almaty, Kazakhstan" in text
    assert "Education 2016 BA in Photography" in text
    assert (
        "Shore, 2020. Pigment print, 100 × 150 cm. ©\u00a0Aliya Nurlan. "
        "Courtesy Aspan Gallery, Almaty." in text
    )
    assert "Flats, 2022–2023. Pigment print. ©\u00a0Aliya Nurlan." in text
    assert (
        "Download the press kit A ZIP file: 3 images (JPEG, up to 2,400 px on the long side) "
        "with their credit lines, and the biography, the statement and the CV as text." in text
    )
    html = (site / ALIYA / "index.html").read_text(encoding="utf-8")
    assert 'href="/artists/aliya-nurlan/cv/"' in html
    assert 'href="/artists/aliya-nurlan/press/aliya-nurlan-press-kit.zip" download' in html


def test_press_page_shows_only_the_works_marked_press_and_never_unlisted_ones(
    site: Path,
) -> None:
    text = text_of(site / ALIYA / "index.html")
    for shown in ("Platform", "Shore", "Flats"):
        assert f"{shown}, " in text
    for left_out in ("Crust", "Carriage", "Study", "First Snow"):
        assert left_out not in text


def test_without_press_marks_the_page_shows_each_series_first_listed_work(site: Path) -> None:
    text = text_of(site / TIMUR / "index.html")
    assert "Biography Timur Sadykov makes felt carpets" in text  # press_bio, not the story
    assert "which the press kit leaves" not in text
    assert "Pattern, 2024. Felt, cut out, 60 × 60 cm." in text
    assert "Ram, c. 2025. Felt." in text
    assert "Border" not in text  # unlisted, though the first of its series
    assert "Statement" not in text and "Selected exhibitions" not in text
    assert "with their credit lines, and the biography as text." in text


def test_the_artist_page_links_to_the_press_kit_and_the_sitemap_lists_it(site: Path) -> None:
    artist = (site / "artists/aliya-nurlan/index.html").read_text(encoding="utf-8")
    assert '<a href="/artists/aliya-nurlan/press/">Press kit</a>' in artist
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/artists/aliya-nurlan/press/</loc>" in sitemap
    assert not (site / "artists/erlan-bek").exists()  # a draft artist has no press kit


def test_an_artist_with_no_work_to_offer_has_no_press_kit_and_no_link(tmp_path: Path) -> None:
    project = press_project(tmp_path / "project")
    for series in (project / "content/series").glob("*.md"):
        if "artist: timur-sadykov" in series.read_text(encoding="utf-8"):
            series.unlink()
    build(project, tmp_path / "site", cache_dir=tmp_path / "cache")
    artist = (tmp_path / "site/artists/timur-sadykov/index.html").read_text(encoding="utf-8")
    assert "Press kit" not in artist and "/press/" not in artist
    assert not (tmp_path / "site" / TIMUR).exists()
    assert "timur-sadykov/press/" not in (tmp_path / "site/sitemap.xml").read_text("utf-8")
    assert (tmp_path / "site" / ALIYA_ZIP).is_file()


def test_a_cv_of_lists_the_summary_leaves_out_is_still_linked(tmp_path: Path) -> None:
    project = press_project(tmp_path / "project")
    timur = project / "content/artists/timur-sadykov.md"
    text = timur.read_text(encoding="utf-8")
    collections = "cv:\n  collections:\n    - title: Shymkent Regional Museum\n---\n"
    timur.write_text(text.replace("---\nTimur's story", collections + "Timur's story"), "utf-8")
    build(project, tmp_path / "site", cache_dir=tmp_path / "cache")
    page = (tmp_path / "site" / TIMUR / "index.html").read_text(encoding="utf-8")
    assert '<a href="/artists/timur-sadykov/cv/">The full CV</a>' in page
    assert (tmp_path / "site/artists/timur-sadykov/cv/index.html").is_file()


def test_the_zip_holds_the_texts_then_the_works_in_the_pages_order(site: Path) -> None:
    with zipfile.ZipFile(site / ALIYA_ZIP) as kit:
        assert kit.namelist() == [
            f"aliya-nurlan-press-kit/{name}"
            for name in (
                "biography.txt",
                "statement.txt",
                "cv.txt",
                "captions.txt",
                "01-platform.jpg",
                "02-shore.jpg",
                "03-flats.jpg",
            )
        ]
        for entry in kit.infolist():
            assert entry.date_time == (1980, 1, 1, 0, 0, 0)
            stored = entry.filename.endswith(".jpg")
            assert entry.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        captions = kit.read("aliya-nurlan-press-kit/captions.txt").decode("utf-8")
        biography = kit.read("aliya-nurlan-press-kit/biography.txt").decode("utf-8")
        cv = kit.read("aliya-nurlan-press-kit/cv.txt").decode("utf-8")
    assert (
        "02-shore.jpg\nShore, 2020. Pigment print, 100 × 150 cm. ©\u00a0Aliya Nurlan. "
        "Courtesy Aspan Gallery, Almaty.\nThe old shoreline at dawn.\n" in captions
    )
    assert biography.startswith(
        "Aliya Nurlan\n\nA photographer from Aral who follows the salt flats where the sea "
        "used to be.\n\nAliya Nurlan grew up in Aral"
    )
    assert "Solo exhibitions\n2024  Salt Lake, Kasteyev Museum, Almaty, Kazakhstan\n" in cv
    assert "2024-03-10  The colour of salt, Vlast. https://example.org/colour-of-salt" in cv
    with zipfile.ZipFile(site / TIMUR_ZIP) as kit:
        names = [name.split("/", 1)[1] for name in kit.namelist()]
    assert names == ["biography.txt", "captions.txt", "01-pattern.jpg", "02-ram.jpg"]


def jpegs(site: Path) -> dict[str, bytes]:
    found = {}
    for name in (ALIYA_ZIP, TIMUR_ZIP):
        with zipfile.ZipFile(site / name) as kit:
            found |= {n: kit.read(n) for n in kit.namelist() if n.endswith(".jpg")}
    return found


def test_the_zips_jpegs_are_at_most_2400_px_upright_and_never_enlarged(site: Path) -> None:
    sizes = {}
    for name, data in jpegs(site).items():
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "JPEG" and image.mode == "RGB", name
            sizes[name.rsplit("/", 1)[1]] = image.size
    assert sizes == {
        "01-platform.jpg": (1600, 2400),  # 2700 × 1800 turned upright by its orientation
        "02-shore.jpg": (2400, 1600),  # 3000 × 2000
        "03-flats.jpg": (1000, 666),  # smaller than 2,400 px: as it is
        "01-pattern.jpg": (1000, 1000),  # a transparent PNG, laid on white
        "02-ram.jpg": (1000, 666),
    }


def test_the_zips_jpegs_are_srgb_and_carry_only_artist_and_copyright(site: Path) -> None:
    for name, data in jpegs(site).items():
        exif = check_image(data, name)  # no comment, XMP, IPTC, GPS, camera details…
        artist = "Timur Sadykov" if "timur" in name else "Aliya Nurlan"
        assert {tag: exif_text(exif[tag]) for tag in exif} == {
            ARTIST: artist,
            COPYRIGHT: "© The artists. All rights reserved.",
        }, name
        for needle in NEEDLES:
            assert needle not in data, f"{name}: {needle!r}"
        with Image.open(io.BytesIO(data)) as image:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
            assert "sRGB" in ImageCms.getProfileDescription(profile), name
    with zipfile.ZipFile(site / TIMUR_ZIP) as kit:
        cut_out = Image.open(io.BytesIO(kit.read("timur-sadykov-press-kit/01-pattern.jpg")))
        assert cut_out.getpixel((2, 2)) == (255, 255, 255)  # transparent: white, not black


def test_the_site_keeps_gps_as_it_says_but_the_press_kit_never_does(site: Path) -> None:
    shore = next((site / "media/salt-lake").glob("shore-*.jpg")).read_bytes()
    with Image.open(io.BytesIO(shore)) as image:
        assert image.getexif().get_ifd(0x8825), "images.keep_gps: true keeps it on the site"
    shore = jpegs(site)["aliya-nurlan-press-kit/02-shore.jpg"]
    assert not Image.open(io.BytesIO(shore)).getexif().get_ifd(0x8825)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_clean_builds_make_byte_identical_zips(tmp_path: Path, site: Path) -> None:
    project = press_project(tmp_path / "project")
    build(project, tmp_path / "again", cache_dir=tmp_path / "cache")
    for name in (ALIYA_ZIP, TIMUR_ZIP):
        assert digest(tmp_path / "again" / name) == digest(site / name), name


def test_a_rebuild_reuses_the_cached_jpegs_and_an_edited_summary_remakes_the_zip(
    tmp_path: Path,
) -> None:
    project = press_project(tmp_path / "project")
    cache = tmp_path / "cache"
    builder = Builder(project, tmp_path / "live", BuildOptions(cache_dir=cache))
    assert builder.build().encoded > 0
    before = digest(tmp_path / "live" / ALIYA_ZIP)
    elsewhere = build(project, tmp_path / "elsewhere", cache_dir=cache)
    assert elsewhere.encoded == 0, "nothing changed: every image and JPEG came from the cache"
    assert digest(tmp_path / "elsewhere" / ALIYA_ZIP) == before
    artist = project / "content/artists/aliya-nurlan.md"
    text = artist.read_text(encoding="utf-8")
    artist.write_text(text.replace("where the sea used to be", "of the old sea"), "utf-8")
    report = builder.build()
    assert report.encoded == 0, "a changed summary encodes no image again"
    with zipfile.ZipFile(tmp_path / "live" / ALIYA_ZIP) as kit:
        biography = kit.read("aliya-nurlan-press-kit/biography.txt").decode("utf-8")
    assert "follows the salt flats of the old sea." in biography
    fresh = build(project, tmp_path / "fresh", cache_dir=tmp_path / "fresh-cache")
    assert tree_digest(tmp_path / "live") == tree_digest(fresh.output)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    press: true\n    credit:",
            "    press: yes please\n    credit:",
            "content/series/salt-lake.md:13:12: work 1, 'Shore': 'press' must be true or false "
            "(got 'yes please')",
        ),
        (
            "    press: true\n    credit:",
            "    presss: true\n    credit:",
            "content/series/salt-lake.md:13:13: work 1, 'Shore': unknown key 'presss'\n"
            "  hint: did you mean 'press'?",
        ),
        (
            "    visibility: unlisted\n---",
            "    visibility: unlisted\n    press: true\n---",
            "content/series/salt-lake.md:32:12: work 4, 'Study': 'press' is true, but the work "
            "is unlisted: the press kit shows only works its visitors can find\n"
            "  hint: remove 'press: true', or 'visibility: unlisted' to make the work public",
        ),
    ],
    ids=["not-a-flag", "mistyped", "unlisted"],
)
def test_press_is_checked_where_it_is_written(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "press", project)
    series = project / "content/series/salt-lake.md"
    text = series.read_text(encoding="utf-8")
    assert old in text
    series.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SiteError) as raised:
        build(project, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert str(raised.value) == expected


def test_press_bio_must_be_text_and_is_named_with_its_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "press", project)
    artist = project / "content/artists/timur-sadykov.md"
    text = artist.read_text(encoding="utf-8")
    start = text.index("press_bio: |")
    end = text.index("---", start)
    artist.write_text(
        text[:start] + "press_bio:\n  - Felt\n  - Shymkent\n" + text[end:], encoding="utf-8"
    )
    with pytest.raises(SiteError) as raised:
        build(project, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert "content/artists/timur-sadykov.md:11:3: 'press_bio' must be text" in str(raised.value)


def test_the_press_pages_are_valid_html(site: Path) -> None:
    from tests.integration.test_html_validity import validator

    pages = [str(site / ALIYA / "index.html"), str(site / TIMUR / "index.html")]
    result = subprocess.run(
        [validator(), *pages], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, (result.stdout + result.stderr).strip()
