"""What a camera writes into an image is never taken for the artist's title or caption."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from generator.source.imagefile import (
    IMAGE_DESCRIPTION,
    MAKE,
    MODEL,
    is_camera_text,
    read_embedded_text,
)


def jpeg_with(description: str, *, make: str = "", model: str = "") -> Image.Image:
    exif = Image.Exif()
    exif[IMAGE_DESCRIPTION] = description
    if make:
        exif[MAKE] = make
    if model:
        exif[MODEL] = model
    data = io.BytesIO()
    Image.new("RGB", (8, 8)).save(data, "JPEG", exif=exif)
    data.seek(0)
    return Image.open(data)


@pytest.mark.parametrize(
    "text",
    [
        "KONICA MINOLTA DIGITAL CAMERA",
        "OLYMPUS DIGITAL CAMERA",
        "SONY DSC",
        "Olympus Digital Camera",
        "SAMSUNG CAMERA PICTURES",
        "CASIO DIGITAL CAMERA QV-R100",
        "FUJIFILM DSC",
        "IMG_3307",
        "DSC01234.JPG",
        "   ",
    ],
)
def test_stock_descriptions_and_camera_file_names_are_camera_text(text: str) -> None:
    assert is_camera_text(text)


@pytest.mark.parametrize(
    "text",
    ["Stooks drying at dawn.", "DUNE AT NOON", "Camera obscura, Almaty", "Study 12"],
)
def test_what_a_person_wrote_is_kept(text: str) -> None:
    assert not is_camera_text(text)


def test_the_file_name_and_the_camera_model_are_camera_text() -> None:
    assert is_camera_text("03-driftwood", file_name="content/series/03-driftwood.jpg")
    assert is_camera_text("03-Driftwood.JPG", file_name="/a/b/03-driftwood.jpg")
    assert is_camera_text("Canon EOS 5D", cameras={"Canon", "Canon EOS 5D"})
    assert not is_camera_text("Driftwood", file_name="03-driftwood.jpg", cameras={"Canon"})


def test_a_camera_s_stock_description_is_not_the_caption() -> None:
    with jpeg_with("KONICA MINOLTA DIGITAL CAMERA") as image:
        assert read_embedded_text(image).caption == ""


def test_a_description_equal_to_the_camera_model_is_not_the_caption() -> None:
    with jpeg_with("DiMAGE A200", make="Konica Minolta", model="DiMAGE A200") as image:
        assert read_embedded_text(image).caption == ""


def test_a_description_equal_to_the_file_name_is_not_the_caption() -> None:
    with jpeg_with("harvest-04") as image:
        image.filename = "/site/content/series/harvest-04.jpg"  # type: ignore[attr-defined]
        assert read_embedded_text(image).caption == ""


def test_an_authored_description_is_still_the_caption() -> None:
    with jpeg_with("Stooks drying at dawn.", make="SONY", model="DSC-RX100") as image:
        assert read_embedded_text(image).caption == "Stooks drying at dawn."


@pytest.mark.parametrize(
    "text",
    [
        "CANON EOS 5D MARK IV",
        "Canon EOS 5D Mark IV",
        "NIKON D850",
        "Fujifilm X-T4",
        "iPhone 14 Pro",
        "OM System OM-1",
        "Google Pixel 7",
        "Sony Alpha 7 III",
        "LEICA",
    ],
)
def test_a_maker_and_model_are_camera_text_whatever_the_camera_tags_say(text: str) -> None:
    assert is_camera_text(text, cameras={"Other Maker", "Other Model"})


@pytest.mark.parametrize(
    "text", ["Shot on a Leica in the rain", "Apple", "Canon Beach", "Sigma Lake at dusk"]
)
def test_a_caption_that_mentions_a_maker_is_kept(text: str) -> None:
    assert not is_camera_text(text)


def test_a_maker_named_in_the_description_is_not_the_caption_though_the_model_differs() -> None:
    with jpeg_with("CANON EOS 5D MARK IV", make="Nikon", model="NIKON D850") as image:
        assert read_embedded_text(image).caption == ""
