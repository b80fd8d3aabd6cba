"""Where a video or a sound was recorded, as its file may say: the position a phone writes.

Video and sound files are published as they are (re-encoding them is not showcase's job), so
what they carry is published too. A phone's MP4 or QuickTime file holds the place it was
filmed at: the ``©xyz`` item of its user data, Apple's ``com.apple.quicktime.location.ISO6709``
key, or a 3GPP ``loci`` box, all inside the ``moov`` box. Only that box is read: its position
comes from the boxes' sizes, so a large video costs a few reads.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

# The containers of the ISO base media file format (MP4, QuickTime, M4A).
ISO_MEDIA = frozenset({".mp4", ".m4v", ".mov", ".m4a"})
# How each way of writing a position is found in the moov box, and named in a message.
_MARKS = {
    b"\xa9xyz": "©xyz",
    b"com.apple.quicktime.location.ISO6709": "com.apple.quicktime.location.ISO6709",
    b"loci": "loci",
}
_MOOV_LIMIT = 64 * 2**20  # a moov box larger than this is not a phone's; it is not read


def recorded_position(path: Path) -> str | None:
    """The name of the item that gives where ``path`` was recorded, or None (also for a
    file this module cannot read: the build reads it again to publish it, and says so)."""
    if path.suffix.lower() not in ISO_MEDIA:
        return None
    try:
        with path.open("rb") as stream:
            moov = _moov(stream)
    except OSError:
        return None
    if moov is None:
        return None
    return next((name for mark, name in _MARKS.items() if mark in moov), None)


def _moov(stream: BinaryIO) -> bytes | None:
    """The contents of the top-level ``moov`` box, or None."""
    read, seek = stream.read, stream.seek
    offset = 0
    while True:
        seek(offset)
        header = read(8)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        body = 8
        if size == 1:  # a 64-bit size follows
            extended = read(8)
            if len(extended) < 8:
                return None
            (size,) = struct.unpack(">Q", extended)
            body = 16
        elif size == 0:  # the box runs to the end of the file
            size = 1 << 62
        if size < body:
            return None  # not a box: not an ISO media file after all
        if kind == b"moov":
            length = size - body
            if length > _MOOV_LIMIT:
                return None
            data: bytes = read(length)
            return data
        offset += size
