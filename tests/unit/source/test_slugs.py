"""Slugs are ASCII whatever the script of the name they are made from."""

from __future__ import annotations

import pytest

from generator.source.slugs import is_valid_slug, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Бақыт Морель", "baqyt-morel"),  # Kazakh letters, and the soft sign left out
        ("Жеңіс Әлиева", "zhengis-alieva"),
        ("Нұрлан Үсенов", "nurlan-usenov"),
        ("Ғалия Һасанова", "ghaliya-hasanova"),
        ("Сергей Щукин", "sergey-shchukin"),
        ("Айгерим Ёлкина", "aygerim-elkina"),
        ("Bakhyt Kalējs", "bakhyt-kalejs"),
    ],
)
def test_a_cyrillic_name_makes_an_ascii_slug(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert slug.isascii() and is_valid_slug(slug)
