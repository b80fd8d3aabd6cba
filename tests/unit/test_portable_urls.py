"""Relative links of a portable site (`showcase build --portable`): opened from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.environment import make_environment, rendering
from generator.urls import UrlBuilder, depth

ROOT = Path(__file__).resolve().parents[2]
LINKS = UrlBuilder("https://example.org/sub/", {"/css/site.css": "/css/site.abc.css"}, True)


@pytest.mark.parametrize(
    ("page", "levels"),
    [("index.html", 0), ("404.html", 0), ("map/index.html", 1), ("artists/x/index.html", 2)],
)
def test_depth_counts_folders_down(page: str, levels: int) -> None:
    assert depth(page) == levels


@pytest.mark.parametrize(
    ("url", "levels", "link"),
    [
        ("/", 0, "index.html"),  # the home page, from the root
        ("/", 2, "../../index.html"),
        ("/artists/x/", 0, "artists/x/index.html"),  # a folder names its index.html
        ("/artists/y/", 2, "../../artists/y/index.html"),
        ("/gallery/s/w/", 3, "../../../gallery/s/w/index.html"),
        ("/pages/2/", 2, "../../pages/2/index.html"),  # pagination
        ("/gallery/pages/3/", 1, "../gallery/pages/3/index.html"),
        ("/map/#pin-x", 2, "../../map/index.html#pin-x"),  # fragments kept
        ("/#artists", 1, "../index.html#artists"),
        ("/search/?q=a", 0, "search/index.html?q=a"),
        ("/media/a-480.jpg", 2, "../../media/a-480.jpg"),  # files as they are
        ("/css/site.css", 1, "../css/site.abc.css"),  # fingerprinted names
        ("https://other.example/x/", 2, "https://other.example/x/"),  # external: unchanged
        ("mailto:a@example.org", 1, "mailto:a@example.org"),
        ("#main", 2, "#main"),
    ],
)
def test_relative_links(url: str, levels: int, link: str) -> None:
    assert LINKS.relative(url, levels) == link


def test_the_base_urls_sub_path_is_for_the_web_only() -> None:
    assert LINKS.href("/artists/x/") == "/sub/artists/x/"
    assert LINKS.relative("/artists/x/", 0) == "artists/x/index.html"
    assert LINKS.absolute("/artists/x/") == "https://example.org/sub/artists/x/"


def test_portable_is_part_of_what_the_settings_fingerprint() -> None:
    assert UrlBuilder("https://example.org/") != UrlBuilder("https://example.org/", portable=True)


def test_templates_link_relative_to_the_file_being_rendered() -> None:
    env = make_environment([ROOT / "templates"], LINKS)
    template = env.from_string("{{ '/artists/x/'|url }} {{ page.url|absolute_url }}")
    page = {"url": "/gallery/s/"}
    with rendering("gallery/s/index.html"):
        assert template.render(page=page) == (
            "../../artists/x/index.html https://example.org/sub/gallery/s/"
        )
    with rendering("index.html"):
        assert template.render(page=page).startswith("artists/x/index.html ")


def test_a_normal_build_links_from_the_root() -> None:
    env = make_environment([ROOT / "templates"], UrlBuilder("https://example.org/"))
    with rendering("gallery/s/index.html"):
        assert env.from_string("{{ '/artists/x/'|url }}").render() == "/artists/x/"
