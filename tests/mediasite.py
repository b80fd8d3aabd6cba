"""A small site whose works show more than one image, and are videos or sounds.

The tiny fixture site, with views on its first work and a second series, "Moving", of a
local video with captions, a YouTube video, a Vimeo video and a sound. The video file is a
minimal MP4 (an 'ftyp' box): showcase copies video as it is and never decodes it.
"""

from __future__ import annotations

import shutil
import struct
import wave
from pathlib import Path

from tests.imagefactory import jpeg_bytes, private_exif

FIXTURES = Path(__file__).resolve().parent / "fixtures"
YOUTUBE_ID = "dQw4w9WgXcQ"
VIMEO_ID = "76979871"
MP4 = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"isom", 0x200, b"isom", b"mp41")
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:02.000\nWind over the field.\n"

VIEWS = """\
    views:
      - image: small-hours/01-dawn-edge.jpg
        alt: The left edge of the board, where the orange band meets the frame.
        caption: Detail of the edge.
      - image: small-hours/01-dawn-back.jpg
        alt: The back of the board, bare wood with a pencilled title.
"""

MOVING = f"""---
title: Moving
artist: dana-sadyk
years: 2025
works:
  - title: Wind
    video: moving/wind.mp4
    captions: moving/wind.vtt
    poster: moving/wind.jpg
    year: 2025
    medium: Video, 2 seconds
    alt: Grass bending in the wind under a pale sky.
  - title: Field on YouTube
    video: https://www.youtube.com/watch?v={YOUTUBE_ID}
    poster: moving/field.jpg
    year: 2025
    medium: Video, 3 minutes
    alt: A still of the field at noon, the grass flattened by wind.
  - title: Field on Vimeo
    video: https://vimeo.com/{VIMEO_ID}
    poster: moving/vimeo.jpg
    year: 2025
    medium: Video, 1 minute
    alt: A still of the field at night under a half moon.
  - title: Steppe Sound
    audio: moving/steppe.wav
    image: moving/sound.jpg
    year: 2025
    medium: Sound, one tenth of a second
    alt: A microphone in a windshield standing in dry grass.
---
Four works that move or sound.
"""


def make_media_site(target: Path) -> Path:
    """Write the site into ``target`` (a new folder) and return it."""
    shutil.copytree(FIXTURES / "tiny", target)
    series = target / "content" / "series"
    hours = series / "small-hours"
    # A view straight from a phone: its position and camera must not be published.
    (hours / "01-dawn-edge.jpg").write_bytes(
        jpeg_bytes((640, 480), (230, 140, 60), exif=private_exif("view").tobytes())
    )
    (hours / "01-dawn-back.jpg").write_bytes(jpeg_bytes((480, 640), (150, 120, 90)))
    text = (series / "small-hours.md").read_text(encoding="utf-8")
    dawn_alt = "    alt: A band of pale orange light under a dark blue sky.\n"
    (series / "small-hours.md").write_text(
        text.replace(dawn_alt, dawn_alt + VIEWS, 1), encoding="utf-8"
    )
    moving = series / "moving"
    moving.mkdir()
    (moving / "wind.mp4").write_bytes(MP4)
    (moving / "wind.vtt").write_text(CAPTIONS, encoding="utf-8")
    with wave.open(str(moving / "steppe.wav"), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\0\0" * 800)
    for name, colour in (
        ("wind", (200, 190, 150)),
        ("field", (170, 160, 90)),
        ("vimeo", (40, 40, 70)),
        ("sound", (120, 110, 80)),
    ):
        (moving / f"{name}.jpg").write_bytes(jpeg_bytes((640, 400), colour))
    (series / "moving.md").write_text(MOVING, encoding="utf-8")
    return target
