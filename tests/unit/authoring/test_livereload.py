"""The preview server's pure parts: the media types it sends."""

from __future__ import annotations

from generator.authoring.livereload import TYPES
from generator.media.images import EXTENSIONS, MIME_TYPES


def test_every_published_image_is_served_with_the_type_its_page_names() -> None:
    for image_format, extension in EXTENSIONS.items():
        assert TYPES[f".{extension}"] == MIME_TYPES[image_format]
