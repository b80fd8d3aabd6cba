"""A work with several views, a video work (a file, or on YouTube or Vimeo) and a sound work,
built: what the pages, the published files, JSON-LD and _headers say, and the located
messages for what is written wrong."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from generator.authoring.check import check_site
from generator.build import Builder, BuildOptions
from tests.editing import build, edit
from tests.mediasite import CAPTIONS, MP4, VIMEO_ID, YOUTUBE_ID, make_media_site
from tests.sitecheck import broken_references, json_ld, tree_digest

DAWN = "site/gallery/small-hours/dawn/index.html"
WIND = "site/gallery/moving/wind/index.html"
YOUTUBE = "site/gallery/moving/field-on-youtube/index.html"
VIMEO = "site/gallery/moving/field-on-vimeo/index.html"
SOUND = "site/gallery/moving/steppe-sound/index.html"
MOVING = "content/series/moving.md"
HOURS = "content/series/small-hours.md"


def html(project: Path, name: str) -> str:
    return (project / name).read_text(encoding="utf-8")


def tag(page: str, name: str) -> str:
    """The one opening tag ``<name …>`` of a page."""
    [found] = re.findall(rf"<{name}\b[^>]*>", page)
    return found


@pytest.fixture(scope="module")
def media_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The media site, built once for the tests that only read it."""
    project = make_media_site(tmp_path_factory.mktemp("media") / "site-source")
    code, output = build(project, tmp_path_factory.mktemp("cache"))
    assert code == 0, output
    return project


@pytest.fixture
def media_project(tmp_path: Path) -> Path:
    """A fresh copy to break."""
    return make_media_site(tmp_path / "media")


# Views


def test_each_view_is_published_through_the_image_pipeline(media_site: Path) -> None:
    media = media_site / "site/media/small-hours"
    # The site's widths (480 and 960) up to the image's own, and its own when narrower.
    for number, widths, (width, height) in ((1, (480, 640), (640, 480)), (2, (480,), (480, 640))):
        names = sorted(p.name for p in media.glob(f"dawn--view-{number}-*"))
        assert names == sorted(
            f"dawn--view-{number}-{w}.{ext}" for w in widths for ext in ("jpg", "webp")
        )
        with Image.open(media / f"dawn--view-{number}-480.jpg") as image:
            assert image.size == (480, round(480 * height / width))


def test_a_view_keeps_only_the_artist_and_copyright_of_its_metadata(media_site: Path) -> None:
    data = (media_site / "site/media/small-hours/dawn--view-1-480.jpg").read_bytes()
    assert b"MAKE-view" not in data and b"SERIAL" not in data and b"OWNER" not in data
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert set(exif) <= {0x013B, 0x8298}, set(exif)
        assert exif.get(0x013B) == "Dana Sadyk"
        assert not exif.get_ifd(0x8825), "a GPS position"


def test_views_are_a_strip_of_links_to_their_full_images_without_script(media_site: Path) -> None:
    page = html(media_site, DAWN)
    items = re.findall(
        r'<li class="views__item" id="(view-\d)" data-slug="\1"[^>]*>\s*<a [^>]*href="([^"]+)"',
        page,
    )
    assert items == [
        ("view-1", "/media/small-hours/dawn--view-1-640.jpg"),
        ("view-2", "/media/small-hours/dawn--view-2-480.jpg"),
    ]
    assert 'alt="The left edge of the board, where the orange band meets the frame."' in page
    assert '<p class="views__caption">Detail of the edge.</p>' in page
    # The lightbox the strip opens into, and the script that opens it.
    assert "data-lightbox-grid" in page and '<dialog class="lightbox"' in page
    assert 'aria-label="Next view"' in page
    assert re.search(r'<script src="/js/lightbox(\.[0-9a-f]+)?\.js" defer>', page)


def test_a_work_without_views_has_no_strip_and_no_lightbox(media_site: Path) -> None:
    page = html(media_site, "site/gallery/small-hours/dusk/index.html")
    assert "views__strip" not in page and "<dialog" not in page and "lightbox" not in page


def test_json_ld_lists_the_views_as_images_of_the_work(media_site: Path) -> None:
    data = json_ld(media_site / DAWN)
    assert data["image"] == [
        "https://example.org/media/small-hours/dawn-960.jpg",
        "https://example.org/media/small-hours/dawn--view-1-640.jpg",
        "https://example.org/media/small-hours/dawn--view-2-480.jpg",
    ]


# A local video


def test_a_local_video_is_copied_as_it_is_with_its_captions(media_site: Path) -> None:
    assert (media_site / "site/media/moving/wind.mp4").read_bytes() == MP4
    assert (media_site / "site/media/moving/wind.vtt").read_text(encoding="utf-8") == CAPTIONS


def test_a_local_video_plays_only_when_asked_with_its_poster_and_captions(
    media_site: Path,
) -> None:
    page = html(media_site, WIND)
    video = tag(page, "video")
    for attribute in ("controls", 'preload="none"', "playsinline", 'aria-describedby="work-alt"'):
        assert f" {attribute}" in video, attribute
    assert "autoplay" not in page and "muted" not in video
    assert 'poster="/media/moving/wind-640.jpg"' in video  # the poster went through the pipeline
    assert (media_site / "site/media/moving/wind-480.webp").is_file()
    assert '<source src="/media/moving/wind.mp4" type="video/mp4">' in page
    assert tag(page, "track") == (
        '<track kind="captions" default srclang="en" label="Captions" src="/media/moving/wind.vtt">'
    )
    assert '<p id="work-alt" hidden>Grass bending in the wind under a pale sky.</p>' in page


def test_a_video_work_shows_its_poster_on_the_series_page_marked_as_a_video(
    media_site: Path,
) -> None:
    page = html(media_site, "site/gallery/moving/index.html")
    [wind] = re.findall(r'<li class="works-grid__item" id="wind".*?</li>', page, re.S)
    assert 'data-kind="Video"' in wind
    assert 'alt="Grass bending in the wind under a pale sky."' in wind
    assert '<span class="media-mark">Video</span>' in wind
    [sound] = re.findall(r'<li class="works-grid__item" id="steppe-sound".*?</li>', page, re.S)
    assert '<span class="media-mark">Sound</span>' in sound


def test_json_ld_describes_a_local_video_as_a_video_object(media_site: Path) -> None:
    video = json_ld(media_site / WIND)["video"]
    assert video == {
        "@type": "VideoObject",
        "name": "Wind",
        "description": "Grass bending in the wind under a pale sky.",
        "thumbnailUrl": "https://example.org/media/moving/wind-640.jpg",
        "contentUrl": "https://example.org/media/moving/wind.mp4",
        "encodingFormat": "video/mp4",
    }


# YouTube and Vimeo


@pytest.mark.parametrize(
    ("page", "watch", "player"),
    [
        (
            YOUTUBE,
            f"https://www.youtube.com/watch?v={YOUTUBE_ID}",
            f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?autoplay=1&amp;rel=0",
        ),
        (
            VIMEO,
            f"https://vimeo.com/{VIMEO_ID}",
            f"https://player.vimeo.com/video/{VIMEO_ID}?dnt=1&amp;autoplay=1",
        ),
    ],
)
def test_an_embedded_video_is_its_poster_and_a_link_until_played(
    media_site: Path, page: str, watch: str, player: str
) -> None:
    text = html(media_site, page)
    assert "<iframe" not in text
    assert f'data-embed="{player}"' in text
    assert f'<a class="player__start" href="{watch}" data-player-start aria-label="Play the' in text
    # The button is named by what it does; the poster's description is its description.
    assert re.search(r'aria-label="Play the video “[^"]+” on (YouTube|Vimeo)"', text)
    assert 'aria-describedby="work-alt"' in text and '<p id="work-alt" hidden>' in text
    assert re.search(r'<script src="/js/player(\.[0-9a-f]+)?\.js" defer>', text)
    # Nothing on the page is fetched from the video's host: its address is only data.
    sources = re.findall(r'(?:src|srcset|poster)="([^"]+)"', text)
    assert sources and all(s.startswith("/") or s.startswith("data:") for s in sources), sources


def test_json_ld_gives_an_embedded_video_its_player_and_page(media_site: Path) -> None:
    video = json_ld(media_site / YOUTUBE)["video"]
    assert video["@type"] == "VideoObject"
    assert video["embedUrl"] == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"
    assert video["url"] == f"https://www.youtube.com/watch?v={YOUTUBE_ID}"
    assert video["thumbnailUrl"] == "https://example.org/media/moving/field-on-youtube-640.jpg"
    assert "contentUrl" not in video


def headers_policy(project: Path) -> str:
    found = re.findall(r"Content-Security-Policy: (.*)", html(project, "site/_headers"))
    return found[0] if found else ""


def test_headers_let_pages_frame_only_the_players_the_site_uses(
    media_project: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    edit(media_project, "site.yaml", "base_url:", "markdown_html: sanitize\nbase_url:")
    assert build(media_project, cache)[0] == 0
    assert headers_policy(media_project) == (
        "frame-src https://player.vimeo.com https://www.youtube-nocookie.com"
    )
    # Without the Vimeo video, its player may not be framed either.
    text = html(media_project, MOVING)
    start = text.index("  - title: Field on Vimeo")
    end = text.index("  - title: Steppe Sound")
    (media_project / MOVING).write_text(text[:start] + text[end:], encoding="utf-8")
    assert build(media_project, cache)[0] == 0
    assert headers_policy(media_project) == "frame-src https://www.youtube-nocookie.com"
    # Without any, nothing may be framed.
    shutil.rmtree(media_project / "content/series/moving")
    (media_project / MOVING).unlink()
    assert build(media_project, cache)[0] == 0
    assert headers_policy(media_project) == "frame-src 'none'"


def test_headers_leave_frames_to_trusted_stories(media_site: Path) -> None:
    """markdown_html: trust (the default) lets a story frame what it likes: no frame policy."""
    assert headers_policy(media_site) == ""


# Sound


def test_a_sound_work_shows_its_picture_and_a_player_that_loads_nothing_first(
    media_site: Path,
) -> None:
    page = html(media_site, SOUND)
    audio = tag(page, "audio")
    assert " controls" in audio and 'preload="none"' in audio and "autoplay" not in audio
    assert '<source src="/media/moving/steppe-sound.wav" type="audio/wav">' in page
    assert 'alt="A microphone in a windshield standing in dry grass."' in page
    assert (media_site / "site/media/moving/steppe-sound.wav").read_bytes()[:4] == b"RIFF"
    audio_object = json_ld(media_site / SOUND)["audio"]
    assert audio_object["@type"] == "AudioObject"
    assert audio_object["contentUrl"] == "https://example.org/media/moving/steppe-sound.wav"


# The whole site


def test_every_link_and_file_of_the_media_pages_exists(media_site: Path) -> None:
    assert broken_references(media_site / "site") == []


def test_check_passes_a_site_with_views_videos_and_sounds(
    media_project: Path, tmp_path: Path
) -> None:
    report = check_site(media_project, cache_dir=tmp_path / "cache")
    assert report.ok, report.lines()


def test_editing_a_view_rebuilds_byte_identical_to_a_fresh_build(
    media_project: Path, tmp_path: Path
) -> None:
    options = BuildOptions(cache_dir=tmp_path / "cache")
    live = tmp_path / "live"
    builder = Builder(media_project, live, options)
    builder.build()
    edits: list[tuple[str, Any]] = [
        ("view alt", lambda: edit(media_project, HOURS, "bare wood with", "plain wood with")),
        (
            "view image",
            lambda: (media_project / "content/series/small-hours/01-dawn-back.jpg").write_bytes(
                (media_project / "content/series/small-hours/01-dawn-edge.jpg").read_bytes()
            ),
        ),
        (
            "video file",
            lambda: (media_project / "content/series/moving/wind.mp4").write_bytes(MP4 * 2),
        ),
    ]
    for step, change in edits:
        change()
        report = builder.build()
        assert not report.unchanged, step
        fresh = Builder(media_project, tmp_path / f"fresh-{len(step)}", options).build()
        assert tree_digest(live) == tree_digest(fresh.output), f"after the {step} edit"
    assert (live / "media/moving/wind.mp4").read_bytes() == MP4 * 2
    assert "plain wood with" in (live / "gallery/small-hours/dawn/index.html").read_text("utf-8")


# What is written wrong


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            HOURS,
            "        alt: The back of the board, bare wood with a pencilled title.\n",
            "",
            f"{HOURS}:15:9: work 1, 'Dawn': view 2: 'alt' is required",
        ),
        (
            HOURS,
            "small-hours/01-dawn-edge.jpg",
            "small-hours/01-dawn-egde.jpg",
            "work 1, 'Dawn': view 1: image not found: small-hours/01-dawn-egde.jpg\n"
            "  hint: did you mean 'image: small-hours/01-dawn-edge.jpg'?",
        ),
        (
            MOVING,
            "    poster: moving/wind.jpg\n",
            "    image: moving/wind.jpg\n",
            f"{MOVING}:9:12: work 1, 'Wind': 'image' and 'video' together: a video work's "
            "picture is its poster\n  hint: rename 'image:' to 'poster:'",
        ),
        (
            MOVING,
            "    poster: moving/wind.jpg\n",
            "",
            f"{MOVING}:7:12: work 1, 'Wind': a video needs a 'poster'\n"
            "  hint: add 'poster: <image>'",
        ),
        (
            MOVING,
            "video: moving/wind.mp4",
            "video: moving/wnd.mp4",
            f"{MOVING}:7:12: work 1, 'Wind': video not found: moving/wnd.mp4\n"
            "  hint: did you mean 'video: moving/wind.mp4'?",
        ),
        (
            MOVING,
            "video: moving/wind.mp4",
            "video: moving/wind.vtt",
            "'video': 'moving/wind.vtt' is not a video file showcase publishes\n"
            "  hint: use one of: .mp4, .m4v, .webm",
        ),
        (
            MOVING,
            "audio: moving/steppe.wav",
            "audio: moving/wind.jpg",
            "'audio': 'moving/wind.jpg' is not a sound file showcase publishes",
        ),
        (
            MOVING,
            "audio: moving/steppe.wav",
            "audio: moving/stepe.wav",
            "sound not found: moving/stepe.wav\n  hint: did you mean 'audio: moving/steppe.wav'?",
        ),
        (
            MOVING,
            "captions: moving/wind.vtt",
            "captions: moving/wind.mp4",
            "'captions': 'moving/wind.mp4' is not a captions file showcase publishes",
        ),
        (
            MOVING,
            f"https://www.youtube.com/watch?v={YOUTUBE_ID}",
            "https://www.dailymotion.com/video/x7tgad0",
            f"{MOVING}:14:12: work 2, 'Field on YouTube': 'video': "
            "'https://www.dailymotion.com/video/x7tgad0' is not the address of a YouTube or "
            "Vimeo video\n  hint: write its address as https://www.youtube.com/watch?v=<id>",
        ),
        (
            MOVING,
            f"https://www.youtube.com/watch?v={YOUTUBE_ID}",
            f"https://www.youtube.com/embed/{YOUTUBE_ID}",
            "is not the video's own address\n"
            f"  hint: write the video's own address: https://www.youtube.com/watch?v={YOUTUBE_ID}",
        ),
        (
            MOVING,
            "    poster: moving/field.jpg\n",
            "    poster: moving/field.jpg\n    captions: moving/wind.vtt\n",
            "work 2, 'Field on YouTube': 'captions' has no video file to go with",
        ),
        (
            MOVING,
            "    image: moving/sound.jpg\n",
            "    image: moving/sound.jpg\n    video: moving/wind.mp4\n",
            "work 4, 'Steppe Sound': a work is a video or a sound, not both",
        ),
        (
            MOVING,
            "    image: moving/sound.jpg\n",
            "    poster: moving/sound.jpg\n    image: moving/field.jpg\n",
            "work 4, 'Steppe Sound': 'poster' is a video's picture, and this work has no 'video'",
        ),
    ],
)
def test_mistakes_are_located_and_explained(
    media_project: Path, tmp_path: Path, name: str, old: str, new: str, expected: str
) -> None:
    edit(media_project, name, old, new)
    code, output = build(media_project, tmp_path / "cache")
    assert code == 1, output
    assert expected in output, output
    assert "Traceback" not in output


def test_captions_that_are_not_webvtt_are_refused(media_project: Path, tmp_path: Path) -> None:
    (media_project / "content/series/moving/wind.vtt").write_text(
        "1\n00:00:00,000 --> 00:00:02,000\nWind over the field.\n", encoding="utf-8"
    )
    code, output = build(media_project, tmp_path / "cache")
    assert code == 1
    assert (
        f"{MOVING}:8:15: work 1, 'Wind': 'captions': wind.vtt is not a WebVTT file "
        "(its first line is not 'WEBVTT')" in output
    ), output


def test_an_empty_video_file_is_refused(media_project: Path, tmp_path: Path) -> None:
    (media_project / "content/series/moving/wind.mp4").write_bytes(b"")
    code, output = build(media_project, tmp_path / "cache")
    assert code == 1
    assert "work 1, 'Wind': 'video': wind.mp4 is empty" in output, output


def test_media_pages_are_valid_html(media_site: Path) -> None:
    """The Nu HTML Checker on the pages with views, a local video, embedded videos and a sound."""
    from tests.integration.test_html_validity import validator

    pages = [DAWN, WIND, YOUTUBE, VIMEO, SOUND, "site/gallery/moving/index.html"]
    result = subprocess.run(
        [validator(), *(str(media_site / page) for page in pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, f"the Nu HTML Checker found errors:\n{report}"


def test_a_view_whose_alt_text_is_its_file_name_is_warned_of_at_its_line(
    media_project: Path, tmp_path: Path
) -> None:
    edit(
        media_project,
        HOURS,
        "alt: The back of the board, bare wood with a pencilled title.",
        "alt: 01-dawn-back.jpg",
    )
    line = html(media_project, HOURS).splitlines().index("        alt: 01-dawn-back.jpg") + 1
    report = Builder(
        media_project, tmp_path / "out", BuildOptions(cache_dir=tmp_path / "c")
    ).build()
    assert any(
        w.startswith(f"{HOURS}:{line}: the alt text '01-dawn-back.jpg' is a file name")
        for w in report.warnings
    ), report.warnings


def test_the_example_alt_text_of_a_view_is_never_published(
    media_project: Path, tmp_path: Path
) -> None:
    from generator.content.placeholders import VIEW_ALT

    edit(media_project, HOURS, "The back of the board, bare wood with a pencilled title.", VIEW_ALT)
    line = html(media_project, HOURS).splitlines().index(f"        alt: {VIEW_ALT}") + 1
    code, output = build(media_project, tmp_path / "cache")
    assert code == 1
    assert f"{HOURS}:{line}: the alt text of work 1's view 2 is still the example text" in output


# Where a video was filmed


def box(kind: bytes, body: bytes) -> bytes:
    """One box of an ISO media file (MP4, QuickTime): its size, its type, its contents."""
    return struct.pack(">I4s", 8 + len(body), kind) + body


# A phone's video: an 'mdat' of picture and sound before the 'moov', whose user data holds
# the place it was filmed at, as an iPhone writes it.
FILMED = (
    MP4
    + box(b"mdat", b"\0" * 4096)
    + box(b"moov", box(b"udta", box(b"\xa9xyz", b"\0\x12\x15\xc7+43.2220+076.8512/")))
)


def test_a_video_that_says_where_it_was_filmed_stops_the_build(
    media_project: Path, tmp_path: Path
) -> None:
    (media_project / "content/series/moving/wind.mp4").write_bytes(FILMED)
    code, output = build(media_project, tmp_path / "cache")
    assert code == 1 and "Traceback" not in output
    assert f"{MOVING}:" in output
    assert "the video file wind.mp4 of 'Wind' holds the place it was recorded at (©xyz)" in output
    assert "ffmpeg -i wind.mp4 -map_metadata -1 -c copy clean-wind.mp4" in output
    assert not (media_project / "site").exists()
    # Publishing positions is a choice the site can make, for videos as for images.
    edit(media_project, "site.yaml", "images:\n", "images:\n  keep_gps: true\n")
    code, output = build(media_project, tmp_path / "cache")
    assert code == 0, output
    assert (media_project / "site/media/moving/wind.mp4").read_bytes() == FILMED


def test_a_video_without_a_position_is_published_as_it_is(media_site: Path) -> None:
    assert (media_site / "site/media/moving/wind.mp4").read_bytes() == MP4
