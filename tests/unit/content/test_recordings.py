"""Which addresses of a video on YouTube or Vimeo a work may give, and what the others are told."""

from __future__ import annotations

import pytest

from generator.content.model import Recording
from generator.content.recordings import parse_video_address


@pytest.mark.parametrize(
    ("address", "found"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s", ("youtube", "dQw4w9WgXcQ")),
        ("https://m.youtube.com/watch?feature=share&v=a-b_c1234_Z", ("youtube", "a-b_c1234_Z")),
        ("http://youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://www.vimeo.com/76979871", ("vimeo", "76979871")),
    ],
)
def test_the_three_forms_of_address_give_the_host_and_the_id(
    address: str, found: tuple[str, str]
) -> None:
    assert parse_video_address(address) == found


@pytest.mark.parametrize(
    ("address", "told"),
    [
        ("https://www.youtube.com/watch?v=short", "names no YouTube video"),
        ("https://www.youtube.com/watch", "names no YouTube video"),
        ("https://www.youtube.com/channel/UC123", "not the address of a YouTube or Vimeo video"),
        ("https://youtu.be/dQw4w9WgXcQ/extra", "not the address of a YouTube or Vimeo video"),
        ("https://vimeo.com/channels/staffpicks", "not the address of a YouTube or Vimeo video"),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", "not the address of a YouTube or Vimeo video"),
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "not the address of a YouTube"),
        ("javascript://youtu.be/dQw4w9WgXcQ", "is not a web address"),
        ("ftp://vimeo.com/76979871", "is not a web address"),
        (
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "write the video's own address: https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "write the video's own address: https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            "https://player.vimeo.com/video/76979871",
            "write the video's own address: https://vimeo.com/76979871",
        ),
    ],
)
def test_other_addresses_are_refused_with_what_to_write(address: str, told: str) -> None:
    result = parse_video_address(address)
    assert isinstance(result, str)
    assert told in result


def test_players_are_the_privacy_friendly_ones_and_start_only_once_asked() -> None:
    youtube = Recording("video", host="youtube", video_id="dQw4w9WgXcQ")
    assert youtube.embed_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert youtube.play_url.startswith(youtube.embed_url + "?autoplay=1")
    assert youtube.page_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    vimeo = Recording("video", host="vimeo", video_id="76979871")
    assert vimeo.embed_url == "https://player.vimeo.com/video/76979871?dnt=1"
    assert vimeo.play_url == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    assert vimeo.page_url == "https://vimeo.com/76979871"


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("youtube-interview.mp4", False),  # a file whose name starts like a host
        ("vimeo.webm", False),
        ("media/youtu.mp4", False),
        ("youtu.be/dQw4w9WgXcQ", True),
        ("www.youtube.com/watch?v=dQw4w9WgXcQ", True),
        ("vimeo.com/76979871", True),
        ("https://example.org/a.mp4", True),
    ],
)
def test_a_file_named_like_a_video_host_is_still_a_file(value: str, address: bool) -> None:
    from generator.content.recordings import _looks_like_address

    assert _looks_like_address(value) is address
