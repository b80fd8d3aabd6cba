"""Which image files showcase reads, and what it says of those it cannot."""

from __future__ import annotations

from generator.source.imagefile import IMAGE_SUFFIXES, not_an_image


def test_iphone_photos_are_image_files() -> None:
    assert {".heic", ".heif"} <= set(IMAGE_SUFFIXES)


def test_a_photoshop_document_is_named_with_how_to_export_it() -> None:
    message, hint = not_an_image("works/Field.PSD")
    assert message == "'works/Field.PSD' is a Photoshop document: showcase cannot read it, " + (
        "nor can browsers show it"
    )
    assert hint.startswith("in Photoshop: File › Export › Export As… JPEG or PNG")


def test_every_camera_raw_file_says_to_export_a_jpeg() -> None:
    for name in ("a.cr2", "a.CR3", "a.nef", "a.arw", "a.dng", "a.raf", "a.orf", "a.rw2"):
        message, hint = not_an_image(name)
        assert "a camera raw file" in message and "export it as JPEG" in hint, name


def test_an_unknown_file_lists_the_image_files_showcase_reads() -> None:
    message, hint = not_an_image("notes.txt")
    assert message == "'notes.txt' is not an image file"
    assert hint == f"use one of: {', '.join(IMAGE_SUFFIXES)}"
