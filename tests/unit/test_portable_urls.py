"""Relative links of a portable site (`showcase build --portable`): opened from disk."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.errors import TemplateError
from generator.render.environment import make_environment
from generator.urls import UrlBuilder, depth, rewrite_site_links

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


def _page(path: str, url: str = "/gallery/s/") -> SimpleNamespace:
    """What templates see of the page being rendered: its output path and URL."""
    return SimpleNamespace(path=path, url=url)


def test_templates_link_relative_to_the_file_being_rendered() -> None:
    env = make_environment([ROOT / "templates"], LINKS)
    template = env.from_string("{{ '/artists/x/'|url }} {{ page.url|absolute_url }}")
    assert template.render(page=_page("gallery/s/index.html")) == (
        "../../artists/x/index.html https://example.org/sub/gallery/s/"
    )
    assert template.render(page=_page("index.html")).startswith("artists/x/index.html ")


def test_macros_imported_with_context_link_relative_to_the_page(tmp_path: Path) -> None:
    (tmp_path / "macros.html").write_text(
        "{% macro go(url) %}{{ url|url }}{% endmacro %}", encoding="utf-8"
    )
    env = make_environment([tmp_path], LINKS)
    template = env.from_string('{% from "macros.html" import go with context %}{{ go("/map/") }}')
    assert template.render(page=_page("artists/x/index.html")) == "../../map/index.html"
    assert template.render(page=_page("404.html")) == "map/index.html"


def test_a_macro_imported_without_context_is_told_to_take_it(tmp_path: Path) -> None:
    (tmp_path / "macros.html").write_text(
        "{% macro go(url) %}{{ url|url }}{% endmacro %}", encoding="utf-8"
    )
    env = make_environment([tmp_path], LINKS)
    template = env.from_string('{% from "macros.html" import go %}{{ go("/map/") }}')
    with pytest.raises(TemplateError) as caught:
        template.render(page=_page("artists/x/index.html"))
    assert caught.value.path == "macros.html"
    assert "with context" in str(caught.value.hint)


def test_a_normal_build_links_from_the_root() -> None:
    env = make_environment([ROOT / "templates"], UrlBuilder("https://example.org/"))
    page = _page("gallery/s/index.html")
    assert env.from_string("{{ '/artists/x/'|url }}").render(page=page) == "/artists/x/"
    assert env.from_string("{{ '/artists/x/'|url }}").render() == "/artists/x/"


STORY = (
    '<p>See <a href="/gallery/blue/">her series</a>, <a href="/map/#pin-a">the map</a>, '
    '<a href="https://other.example/x/">a friend</a>, <a href="#fn-1">a note</a>, '
    '<a href="mailto:a@example.org">mail</a> and <a href="//cdn.example/x.js">a CDN</a>.</p>\n'
    '<p><img src="/media/x.jpg" alt="A study"></p>\n'
)


def test_story_links_to_site_paths_follow_the_sub_path() -> None:
    assert rewrite_site_links(STORY, LINKS.href) == (
        '<p>See <a href="/sub/gallery/blue/">her series</a>, '
        '<a href="/sub/map/#pin-a">the map</a>, '
        '<a href="https://other.example/x/">a friend</a>, <a href="#fn-1">a note</a>, '
        '<a href="mailto:a@example.org">mail</a> and <a href="//cdn.example/x.js">a CDN</a>.</p>\n'
        '<p><img src="/sub/media/x.jpg" alt="A study"></p>\n'
    )


def test_story_links_of_a_portable_page_are_relative_to_its_depth() -> None:
    two_down = rewrite_site_links(STORY, lambda url: LINKS.relative(url, 2))
    assert 'href="../../gallery/blue/index.html"' in two_down
    assert 'href="../../map/index.html#pin-a"' in two_down
    assert 'src="../../media/x.jpg"' in two_down
    at_root = rewrite_site_links(STORY, lambda url: LINKS.relative(url, 0))
    assert 'href="gallery/blue/index.html"' in at_root
    for untouched in ("https://other.example/x/", "#fn-1", "mailto:a@example.org", "//cdn.ex"):
        assert f'href="{untouched}' in two_down
        assert f'href="{untouched}' in at_root


def test_srcset_candidates_are_each_rewritten() -> None:
    html = '<img srcset="/media/a-480.jpg 480w, https://x.example/b.jpg 960w,/css/site.css 2x">'
    assert rewrite_site_links(html, LINKS.href) == (
        '<img srcset="/sub/media/a-480.jpg 480w, https://x.example/b.jpg 960w, '
        '/sub/css/site.abc.css 2x">'
    )


def test_raw_html_links_are_rewritten_however_they_are_quoted() -> None:
    html = '<a href=\'/artists/x/\' title="href=/no/">x</a><A HREF=/map/>m</A><img data-src="/x">'
    assert rewrite_site_links(html, LINKS.href) == (
        '<a href="/sub/artists/x/" title="href=/no/">x</a><A HREF="/sub/map/">m</A>'
        '<img data-src="/x">'
    )


def test_text_comments_and_script_text_are_not_links() -> None:
    html = (
        '<p>write href=&quot;/x/&quot; to link</p><!-- <a href="/old/"> -->'
        '<script src="/js/a.js">let s = \'<a href="/y/">\';</script>'
    )
    assert rewrite_site_links(html, LINKS.href) == html.replace('"/js/a.js"', '"/sub/js/a.js"')


def test_an_unchanged_story_keeps_its_bytes() -> None:
    html = "<p><a href=\"/gallery/?a=1&amp;b=2\">x</a> <a href='/map/'>y</a></p>"
    assert rewrite_site_links(html, UrlBuilder("https://example.org/").href) is html


def test_escaped_characters_in_links_are_kept_escaped() -> None:
    html = '<a href="/search/?a=1&amp;b=%22">x</a>'
    assert rewrite_site_links(html, LINKS.href) == '<a href="/sub/search/?a=1&amp;b=%22">x</a>'


def test_the_site_links_filter_rewrites_story_html_for_the_page() -> None:
    env = make_environment([ROOT / "templates"], LINKS)
    template = env.from_string("{{ story|site_links }}")
    page = _page("artists/x/index.html")
    assert 'href="../../gallery/blue/index.html"' in template.render(story=STORY, page=page)
    normal = make_environment([ROOT / "templates"], UrlBuilder("https://example.org/sub/"))
    assert 'href="/sub/gallery/blue/"' in normal.from_string("{{ story|site_links }}").render(
        story=STORY
    )
