"""Each published image format is named once: its files' extension and its media type."""

from __future__ import annotations

from generator.media import encode, images


def test_encoding_names_files_with_the_extensions_pages_link() -> None:
    assert vars(encode)["EXTENSIONS"] is images.EXTENSIONS  # not a copy of its own
    assert set(images.MIME_TYPES) == set(images.EXTENSIONS)
