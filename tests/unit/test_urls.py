from __future__ import annotations

from pathlib import Path

import pytest

from generator.source.slugs import is_valid_slug, slugify
from generator.urls import UrlBuilder, output_path, region_url


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Bakhyt Kalējs", "bakhyt-kalejs"),
        ("Bakhyt Morel", "bakhyt-morel"),
        ("The People of Aktybek", "the-people-of-aktybek"),
        ("Жеңіс", "zhengis"),
        ("Бекзат Аюми", "bekzat-ayumi"),
        ("  Steppe — Awakening!  ", "steppe-awakening"),
        ("محمد", "mhmd"),
        ("Anna's Studio", "annas-studio"),
    ],
)
def test_slugify_transliterates_and_hyphenates(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_two_spellings_of_one_name_share_a_slug() -> None:
    assert slugify("Bakhyt Kalējs") == slugify("Bakhyt Kalejs")


@pytest.mark.parametrize(
    ("slug", "valid"),
    [("bakhyt-morel", True), ("Bakhyt", False), ("a--b", False), ("../x", False), ("", False)],
)
def test_valid_slugs_are_single_lowercase_segments(slug: str, valid: bool) -> None:
    assert is_valid_slug(slug) is valid


def test_clean_urls_are_served_by_index_files() -> None:
    assert output_path("/") == "index.html"
    assert output_path("/artists/bakhyt-morel/") == "artists/bakhyt-morel/index.html"
    assert output_path("/404.html") == "404.html"


def test_links_honour_a_base_url_with_a_sub_path() -> None:
    urls = UrlBuilder("https://user.github.io/showcase/")
    assert urls.href("/map/") == "/showcase/map/"
    assert urls.absolute("/map/") == "https://user.github.io/showcase/map/"
    assert urls.href("https://example.com/x") == "https://example.com/x"
    assert urls.href("#main") == "#main"


def test_links_at_the_domain_root() -> None:
    urls = UrlBuilder("https://example.org/")
    assert urls.href("/") == "/"
    assert urls.absolute("/gallery/") == "https://example.org/gallery/"


def test_the_region_s_path_is_named_once_for_the_build_and_the_map_page() -> None:
    root = Path(__file__).resolve().parents[2]
    assert output_path(region_url()) == "map/region.geojson"
    for user in ("generator/build.py", "templates/map.html"):
        assert "region.geojson" not in (root / user).read_text(encoding="utf-8"), user
