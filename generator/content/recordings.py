"""What a work shows besides its image: other views of it, and its video or sound.

A work names its picture with ``image``; a video work names ``video`` and its ``poster`` (the
picture shown before it plays, and on cards) instead; a sound work names ``audio`` and a
picture (``image`` or ``poster``). ``views`` lists other images of any work.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from generator.content.model import MEDIA_TYPES, Recording, View
from generator.content.reading import Disk, FileKind, commented_out, read_image
from generator.source.fields import Fields

RECORDING_KEYS = ("views", "video", "poster", "captions", "audio")
VIEW_KEYS = ("image", "alt", "caption")

VIDEO = FileKind("video", tuple(s for s, t in MEDIA_TYPES.items() if t.startswith("video/")))
AUDIO = FileKind("sound", tuple(s for s, t in MEDIA_TYPES.items() if t.startswith("audio/")))
CAPTIONS = FileKind("captions", (".vtt",))

# Hosts refuse larger files (GitHub Pages at 100 MB; Cloudflare Pages at 25 MiB), and a
# visitor on a phone should not have to fetch more to watch one work.
MAX_MEDIA_BYTES = 100_000_000

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{6,12}")
_YOUTUBE_HOSTS = ("youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com")
_VIDEO_FORMS = (
    "write its address as https://www.youtube.com/watch?v=<id>, https://youtu.be/<id> "
    "or https://vimeo.com/<id>, or name a video file (.mp4, .webm) beside this file"
)


def read_views(fields: Fields, path: Path, disk: Disk) -> tuple[View, ...]:
    """The work's other images, each with its alt text (required) and an optional caption."""
    views = []
    for view in fields.mappings("views"):
        view.check_keys(VIEW_KEYS)
        image = read_image(view, "image", path, disk, required=True)
        alt = "" if commented_out(view, "alt", path) else view.text("alt")
        if image is not None:
            views.append(View(image=image, alt=alt, caption=view.text("caption", required=False)))
    return tuple(views)


def read_picture(fields: Fields, path: Path, disk: Disk) -> tuple[Path | None, str]:
    """The work's picture and the key that names it: ``image``, or a video's ``poster``.

    Reports a picture named twice, a video without a poster, a poster of a plain image.
    """
    data = fields.data
    video, audio = data.get("video") is not None, data.get("audio") is not None
    if video and audio:
        fields.problems.add(
            f"{fields.item}: a work is a video or a sound, not both",
            fields.mark("audio"),
            "make the sound a work of its own, or keep only one of 'video' and 'audio'",
        )
    if video and "image" in data:
        fields.problems.add(
            f"{fields.label('image')} and 'video' together: a video work's picture is its poster",
            fields.mark("image"),
            "rename 'image:' to 'poster:' (the still shown before the video plays, and on cards)",
        )
        return read_image(fields, "image", path, disk, required=True), "image"
    if video:
        if data.get("poster") is None:
            fields.problems.add(
                f"{fields.item}: a video needs a 'poster'",
                fields.mark("video"),
                "add 'poster: <image>', a still of the video shown before it plays and on cards",
            )
            return None, "video"
        return read_image(fields, "poster", path, disk, required=True), "poster"
    if "poster" in data:
        if audio and "image" not in data:
            return read_image(fields, "poster", path, disk, required=True), "poster"
        fields.problems.add(
            f"{fields.label('poster')} is a video's picture, and this work has no 'video'",
            fields.mark("poster"),
            "write 'image:' for a work's picture, or add the 'video:' it is the poster of",
        )
    return read_image(fields, "image", path, disk, required=True), "image"


def read_recording(fields: Fields, path: Path, disk: Disk) -> Recording | None:
    """The work's video (a file, or an address on YouTube or Vimeo) or sound, if it has one."""
    captions = fields.data.get("captions") is not None
    if fields.data.get("video") is not None:
        value = fields.text("video")
        if _looks_like_address(value):
            if captions:
                _captions_not_here(fields, "a YouTube or Vimeo video has its captions there")
            return _embedded(fields, value)
        file = _local(fields, "video", path, disk, VIDEO)
        if file is None:
            return None
        return Recording("video", file=file, captions=_captions(fields, path, disk))
    if captions:
        _captions_not_here(fields, "'captions' are for a work's video file")
    if fields.data.get("audio") is not None:
        if _looks_like_address(fields.text("audio")):
            fields.problems.add(
                f"{fields.label('audio')} must be a sound file of this project",
                fields.mark("audio"),
                "download the file and name it here, e.g. 'audio: sounds/steppe.mp3'",
            )
            return None
        file = _local(fields, "audio", path, disk, AUDIO)
        return None if file is None else Recording("audio", file=file)
    return None


def parse_video_address(value: str) -> tuple[str, str] | str:
    """(host, id) of a YouTube or Vimeo address, or why it is not one showcase can show."""
    parts = urlsplit(value if "://" in value else f"https://{value}")
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if parts.scheme not in ("http", "https"):
        return f"'{value}' is not a web address"
    if host in _YOUTUBE_HOSTS and segments == ["watch"]:
        found = parse_qs(parts.query).get("v", [""])[0]
        if _YOUTUBE_ID.fullmatch(found):
            return "youtube", found
        return f"'{value}' names no YouTube video (its 'v=' is not a video's id)"
    if host == "youtu.be" and len(segments) == 1 and _YOUTUBE_ID.fullmatch(segments[0]):
        return "youtube", segments[0]
    two = len(segments) == 2
    if host in _YOUTUBE_HOSTS and two and segments[0] in ("embed", "shorts", "v"):
        return f"write the video's own address: https://www.youtube.com/watch?v={segments[1]}"
    one = len(segments) == 1
    if host in ("vimeo.com", "www.vimeo.com") and one and _VIMEO_ID.fullmatch(segments[0]):
        return "vimeo", segments[0]
    if host == "player.vimeo.com" and len(segments) == 2 and _VIMEO_ID.fullmatch(segments[1]):
        return f"write the video's own address: https://vimeo.com/{segments[1]}"
    return f"'{value}' is not the address of a YouTube or Vimeo video"


def _embedded(fields: Fields, value: str) -> Recording | None:
    found = parse_video_address(value)
    if isinstance(found, str):
        instead = found.startswith("write")
        fields.problems.add(
            f"{fields.label('video')}: "
            + (f"'{value}' is not the video's own address" if instead else found),
            fields.mark("video"),
            found if instead else _VIDEO_FORMS,
        )
        return None
    host, video_id = found
    return Recording("video", host=host, video_id=video_id)


def _local(fields: Fields, key: str, path: Path, disk: Disk, kind: FileKind) -> Path | None:
    file = read_image(fields, key, path, disk, required=True, kind=kind)
    if file is None:
        return None
    size = disk.signature(file)[1]
    if size == 0:
        fields.problems.add(f"{fields.label(key)}: {file.name} is empty", fields.mark(key))
        return None
    if size > MAX_MEDIA_BYTES:
        fields.problems.add(
            f"{fields.label(key)}: {file.name} is {size / 1e6:.0f} MB, over the limit of "
            f"{MAX_MEDIA_BYTES // 1_000_000} MB a file",
            fields.mark(key),
            "export it smaller (a lower bitrate, or shorter)"
            + (", or put it on YouTube or Vimeo and give its address" if key == "video" else ""),
        )
        return None
    return file


def _captions(fields: Fields, path: Path, disk: Disk) -> Path | None:
    file = read_image(fields, "captions", path, disk, required=False, kind=CAPTIONS)
    if file is None:
        return None
    try:
        with open(file, "rb") as opened:
            head = opened.read(16)
    except OSError as exc:
        fields.problems.add(
            f"{fields.label('captions')}: {file.name} cannot be read ({exc.strerror})",
            fields.mark("captions"),
        )
        return None
    if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        fields.problems.add(
            f"{fields.label('captions')}: {file.name} is not a WebVTT file "
            "(its first line is not 'WEBVTT')",
            fields.mark("captions"),
            "save the captions as WebVTT (.vtt): subtitle editors export it, and a .srt file "
            "becomes one with the line 'WEBVTT' and points in place of commas in its times",
        )
        return None
    return file


def _captions_not_here(fields: Fields, why: str) -> None:
    fields.problems.add(
        f"{fields.label('captions')} has no video file to go with",
        fields.mark("captions"),
        f"{why}: remove the line",
    )


# The hosts a video address is written with when its scheme is left out ('youtu.be/…').
_VIDEO_HOSTS = re.compile(r"(?:www\.|m\.)?(?:youtube\.com|youtu\.be|vimeo\.com)/", re.IGNORECASE)


def _looks_like_address(value: str) -> bool:
    """Whether ``value`` is a web address rather than a file's name: a scheme, or a known
    video host followed by a path ('youtube-interview.mp4' is a file)."""
    return "://" in value or value.lower().startswith("www.") or bool(_VIDEO_HOSTS.match(value))
