"""Pages of one's own (``content/pages/<slug>.md``) and ``visibility: unlisted``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import urls
from generator.build import build
from generator.errors import ContentErrors
from generator.layout import default_theme

ABOUT = """\
---
title: About the studio
summary: Who paints the small hours.
menu: 2
---
Dana paints **fields** at either end of a day.
"""

NOTES = """\
---
title: Notes
menu: 1
---
Working notes.
"""

SERIES = "content/series/small-hours.md"


def write(project: Path, name: str, text: str) -> Path:
    path = project / "content" / "pages" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page(out: Path, url: str) -> str:
    return (out / urls.output_path(url)).read_text(encoding="utf-8")


def nav(html: str) -> list[str]:
    found = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert found is not None
    return re.findall(r">([^<>]+)</a>", found.group(0))


def test_a_page_is_published_at_its_slug_with_its_markdown(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    write(tiny_project, "about.md", ABOUT)
    out = tmp_path / "out"
    build(tiny_project, out, cache_dir=image_cache)
    html = page(out, "/about/")
    assert "<h1>About the studio</h1>" in html
    assert "<strong>fields</strong>" in html
    assert '<meta name="description" content="Who paints the small hours.">' in html
    assert "<loc>https://example.org/about/</loc>" in (out / "sitemap.xml").read_text("utf-8")
    assert 'name="robots"' not in html


def test_menu_pages_follow_the_site_navigation_in_menu_order_on_every_page(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    write(tiny_project, "about.md", ABOUT)
    write(tiny_project, "notes.md", NOTES)
    write(tiny_project, "hidden.md", "---\ntitle: Not in the menu\n---\nText.\n")
    site_yaml = tiny_project / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text("utf-8") + "navigation:\n  - title: Gallery\n    url: /gallery/\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(tiny_project, out, cache_dir=image_cache)
    for url in ("/", "/gallery/small-hours/", "/about/", "/hidden/"):
        assert nav(page(out, url)) == ["Gallery", "Notes", "About the studio"], url
    assert 'href="/notes/" aria-current="page"' in page(out, "/notes/")


def test_a_slug_the_site_already_uses_is_refused_with_a_free_one(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    write(tiny_project, "gallery.md", "---\ntitle: Gallery\n---\nText.\n")
    write(tiny_project, "mine.md", "---\ntitle: Mine\nslug: css\n---\nText.\n")
    with pytest.raises(ContentErrors) as raised:
        build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    errors = {error.path: error for error in raised.value.errors}
    gallery = errors["content/pages/gallery.md"]
    assert "the page slug 'gallery' is an address the site already has" in str(gallery)
    assert gallery.hint is not None and "did you mean 'gallery-page'?" in gallery.hint
    css = errors["content/pages/mine.md"]
    assert css.line == 3  # the 'slug:' line
    assert css.hint is not None and "slug: css-page" in css.hint


def test_a_page_cannot_take_the_folder_of_a_language(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    site_yaml = tiny_project / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "languages: [en, ru]\n", encoding="utf-8")
    write(tiny_project, "ru.md", "---\ntitle: Russia\n---\nText.\n")
    with pytest.raises(ContentErrors) as raised:
        build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    (error,) = raised.value.errors
    assert "the page slug 'ru' is an address the site already has (/ru)" in str(error)


def test_unknown_visibility_is_an_error_with_a_did_you_mean(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    write(tiny_project, "about.md", "---\ntitle: About\nvisibility: unlsted\n---\nText.\n")
    with pytest.raises(ContentErrors) as raised:
        build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    (error,) = raised.value.errors
    assert error.path == "content/pages/about.md" and error.line == 3
    assert "'visibility' must be one of public, unlisted (got 'unlsted')" in str(error)
    assert error.hint == "did you mean 'unlisted'?"


def test_a_page_needs_a_title_and_knows_its_keys(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    write(tiny_project, "about.md", "---\nsumary: x\nmenu: first\n---\nText.\n")
    with pytest.raises(ContentErrors) as raised:
        build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    messages = [f"{e.line}: {e} / {e.hint}" for e in raised.value.errors]
    assert any("unknown key 'sumary'" in m and "did you mean 'summary'?" in m for m in messages)
    assert any("'title' is required" in m for m in messages)
    assert any(m.startswith("3: ") and "'menu' must be a whole number" in m for m in messages)


def test_every_top_level_name_a_build_writes_is_a_built_in_name(
    example_build: object, tmp_path: Path
) -> None:
    """built_in_names() must not drift from what the build writes: a new top-level address
    added to the build without it would let a page of one's own overwrite it."""
    out = example_build.output  # type: ignore[attr-defined]
    statics = {entry.name for entry in (default_theme() / "static").iterdir()}
    own = {p.stem for p in (Path(__file__).parents[2] / "content" / "pages").glob("*.md")}
    written = {entry.name for entry in out.iterdir() if not entry.name.startswith(".")}
    languages = {"ru", "kk"}  # the folders of the example's other languages
    assert written - own - statics - urls.built_in_names() - {urls.CONTACT} == languages


def unlisted_project(project: Path) -> None:
    edit(
        project / SERIES, "    alt: A violet sky", "    visibility: unlisted\n    alt: A violet sky"
    )


def test_an_unlisted_work_has_its_page_but_is_linked_and_listed_nowhere(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    unlisted_project(tiny_project)
    edit(tiny_project / SERIES, "title: Small Hours\n", "title: Small Hours\ndate: 2025-01-02\n")
    out = tmp_path / "out"
    build(tiny_project, out, cache_dir=image_cache)
    hidden = "/gallery/small-hours/dusk/"
    html = page(out, hidden)
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html
    assert "Previous" not in html and 'rel="prev"' not in html
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}:
            if path == out / urls.output_path(hidden) or path.parent.name == "prices":
                continue  # the price list: see the test below
            assert hidden not in path.read_text("utf-8"), path
    series = page(out, "/gallery/small-hours/")
    assert "Dusk" not in series and "1 work" in series
    assert "/gallery/small-hours/dawn/" in series
    assert 'rel="next"' not in page(out, "/gallery/small-hours/dawn/")
    assert "<loc>https://example.org/gallery/small-hours/dawn/</loc>" in (
        out / "sitemap.xml"
    ).read_text("utf-8")


def test_an_unlisted_series_is_built_but_left_out_of_every_list(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    edit(
        tiny_project / SERIES,
        "title: Small Hours\n",
        "title: Small Hours\ndate: 2025-01-02\nvisibility: unlisted\n",
    )
    out = tmp_path / "out"
    build(tiny_project, out, cache_dir=image_cache)
    for url in ("/gallery/small-hours/", "/gallery/small-hours/dawn/"):
        assert '<meta name="robots" content="noindex">' in page(out, url)
    series = page(out, "/gallery/small-hours/")
    assert "/gallery/small-hours/dawn/" in series  # its own page still shows its works
    listing = {
        "home": page(out, "/"),
        "gallery": page(out, "/gallery/"),
        "artist": page(out, "/artists/dana-sadyk/"),
        "map": page(out, "/map/"),
        "map data": page(out, urls.map_data_url()),
        "sitemap": (out / "sitemap.xml").read_text("utf-8"),
        "feed": (out / "feed.xml").read_text("utf-8"),
    }
    for name, text in listing.items():
        assert "small-hours" not in text, name
    json.loads(listing["map data"])


@pytest.mark.parametrize("series_too", [False, True])
def test_a_series_of_only_unlisted_works_is_an_error(
    tiny_project: Path, image_cache: Path, tmp_path: Path, series_too: bool
) -> None:
    unlisted_project(tiny_project)
    edit(tiny_project / SERIES, "    alt: A band", "    visibility: unlisted\n    alt: A band")
    if series_too:
        edit(
            tiny_project / SERIES,
            "title: Small Hours\n",
            "title: Small Hours\nvisibility: unlisted\n",
        )
    with pytest.raises(ContentErrors) as raised:
        build(tiny_project, tmp_path / "out", cache_dir=image_cache)
    (error,) = raised.value.errors
    assert error.path == SERIES and "every work of this series is unlisted" in str(error)
    assert error.hint is not None and "'visibility: unlisted' to the series alone" in error.hint


def test_an_unlisted_page_is_built_noindex_and_out_of_menu_and_sitemap(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    write(tiny_project, "about.md", ABOUT.replace("menu: 2\n", "menu: 2\nvisibility: unlisted\n"))
    out = tmp_path / "out"
    build(tiny_project, out, cache_dir=image_cache)
    assert '<meta name="robots" content="noindex">' in page(out, "/about/")
    assert "/about/" not in page(out, "/")
    assert "/about/" not in (out / "sitemap.xml").read_text("utf-8")


def test_the_price_list_leaves_unlisted_works_out(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    unlisted_project(tiny_project)
    # Both works have sale facts, so the artist has a price list.
    edit(
        tiny_project / SERIES,
        "    medium: Oil on board\n",
        "    medium: Oil on board\n    inventory: DS-1\n",
    )
    edit(tiny_project / SERIES, "    year: 2025\n", "    year: 2025\n    inventory: DS-2\n")
    out = tmp_path / "out"
    build(tiny_project, out, cache_dir=image_cache)
    prices = page(out, "/artists/dana-sadyk/prices/")
    assert "DS-1" in prices
    assert "/gallery/small-hours/dusk/" not in prices and "DS-2" not in prices


def test_check_checks_the_links_of_an_unlisted_page(tiny_project: Path, image_cache: Path) -> None:
    from generator.authoring.check import check_site

    write(
        tiny_project,
        "press.md",
        "---\ntitle: Press\nvisibility: unlisted\n---\nSee [the kit](/press-kit/).\n",
    )
    report = check_site(tiny_project, cache_dir=image_cache)
    found = [f for f in report.errors if "/press-kit/" in f.message]
    assert found and found[0].file == "content/pages/press.md", report.lines()


def test_a_pages_links_follow_a_sub_path_and_portable_builds(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    write(
        tiny_project, "about.md", "---\ntitle: About\n---\nSee [the work](/gallery/small-hours/).\n"
    )
    out = tmp_path / "sub"
    build(tiny_project, out, cache_dir=image_cache, base_url="https://example.org/showcase/")
    assert 'href="/showcase/gallery/small-hours/"' in page(out, "/about/")
    out = tmp_path / "portable"
    build(tiny_project, out, cache_dir=image_cache, portable=True)
    assert 'href="../gallery/small-hours/index.html"' in page(out, "/about/")


def test_an_unlisted_first_work_gives_way_to_the_next_as_the_cover(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    edit(tiny_project / SERIES, "    alt: A band", "    visibility: unlisted\n    alt: A band")
    out = tmp_path / "out"
    build(tiny_project, out, cache_dir=image_cache)
    assert (out / "gallery/small-hours/dawn/index.html").is_file()
    for url in ("/", "/gallery/", "/artists/dana-sadyk/", "/gallery/small-hours/", "/map/"):
        html = page(out, url)
        assert "small-hours/dawn" not in html, url  # its page, and its images in /media/
    assert "/media/small-hours/dusk-" in page(out, "/gallery/")  # the first listed work
    assert "small-hours/dawn" not in page(out, urls.map_data_url())


def test_with_a_contact_setting_contact_md_is_the_contact_pages_text_not_a_page_of_its_own(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    write(tiny_project, "contact.md", "---\ntitle: Write to Dana\n---\nShe answers on Mondays.\n")
    out = tmp_path / "plain"
    build(tiny_project, out, cache_dir=image_cache)
    assert "She answers on Mondays." in page(out, "/contact/")  # an ordinary page
    site_yaml = tiny_project / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text("utf-8") + "contact:\n  email: dana@example.org\n", encoding="utf-8"
    )
    out = tmp_path / "contact"
    build(tiny_project, out, cache_dir=image_cache)
    html = page(out, "/contact/")
    assert "She answers on Mondays." in html and 'class="page-own"' not in html
