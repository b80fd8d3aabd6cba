"""The artist's record in a built site: the statement on the artist page apart from the story,
and the CV at /artists/<slug>/cv/, grouped, newest first, linked from the artist page; an
artist without a CV has neither page nor link; a CV edit rebuilds to what a fresh build writes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions, build
from tests.sitecheck import json_ld, page_text, read_page, tree_digest

ARTIST = "content/artists/dana-sadyk.md"
CV_PAGE = "artists/dana-sadyk/cv/index.html"
ARTIST_PAGE = "artists/dana-sadyk/index.html"
RECORD = """\
statement: |
  I paint the *hour* before the light.
cv:
  press:
    - title: The hours of Taraz
      publication: Steppe Review
      date: 2024-05-02
      url: https://example.org/review
      quote: Quiet, insistent work.
  education:
    - title: BFA, painting
      institution: Kazakh National Academy of Arts
      city: Almaty
      country: Kazakhstan
      start: 2011-09-01
      end: 2015-06-30
  exhibitions:
    - title: Undated group show
      kind: group
    - title: Morning
      venue: Kasteyev State Museum of Arts
      city: Almaty
      country: Kazakhstan
      kind: solo
      year: 2019
      url: https://example.org/morning
    - title: Evening
      venue: Aspan Gallery
      city: Almaty
      kind: solo
      start: 2023-03-01
      end: 2023-04-15
    - title: Open studios
      kind: group
      year: 2021
    - title: Art Almaty
      kind: fair
      year: 2022
    - title: A town fair
"""


def visible(page: Path) -> str:
    """The page's text as read: without the space page_text puts between an element and the
    comma after it."""
    return page_text(page).replace(" ,", ",")


def with_record(project: Path, record: str = RECORD) -> None:
    """Give the tiny site's artist a statement and a CV."""
    path = project / ARTIST
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "date: 2026-03-01\n", "date: 2026-03-01\n" + record
        ),
        encoding="utf-8",
    )


@pytest.fixture
def built(tiny_project: Path, image_cache: Path) -> Path:
    with_record(tiny_project)
    return build(tiny_project, tiny_project / "site", cache_dir=image_cache).output


def test_the_cv_groups_sections_in_curators_order_each_newest_first(built: Path) -> None:
    refs = read_page(built / CV_PAGE)
    text = visible(built / CV_PAGE)
    headings = re.findall(
        r'<h2 id="cv-[a-z]+" class="cv__heading">([^<]+)</h2>', (built / CV_PAGE).read_text("utf-8")
    )
    assert headings == [
        "Solo exhibitions",
        "Group exhibitions",
        "Art fairs",
        "Other exhibitions",
        "Education",
        "Bibliography",
    ]
    order = [
        "2023 Evening",
        "2019 Morning",
        "2021 Open studios",
        "Undated group show",
        "2022 Art Almaty",
        "A town fair",
    ]
    positions = [text.index(entry) for entry in order]
    assert positions == sorted(positions), text
    assert "Evening, Aspan Gallery, Almaty" in text
    assert "Morning, Kasteyev State Museum of Arts, Almaty, Kazakhstan" in text
    assert "2011–2015 BFA, painting, Kazakh National Academy of Arts, Almaty, Kazakhstan" in text
    assert "2024 The hours of Taraz, Steppe Review, May 2, 2024 Quiet, insistent work." in text
    assert "https://example.org/morning" in refs.links
    assert "https://example.org/review" in refs.links


def test_the_cv_is_headed_by_the_artists_name_and_contact(built: Path) -> None:
    html = (built / CV_PAGE).read_text("utf-8")
    assert '<h1 class="cv__name">Dana Sadyk</h1>' in html
    assert '<a href="/artists/dana-sadyk/">https://example.org/artists/dana-sadyk/</a>' in html
    assert "<title>CV — Dana Sadyk · Tiny Showcase</title>" in html


def test_the_artist_page_links_the_cv_and_shows_the_statement_apart_from_the_story(
    built: Path,
) -> None:
    html = (built / ARTIST_PAGE).read_text("utf-8")
    assert "/artists/dana-sadyk/cv/" in read_page(built / ARTIST_PAGE).links
    story = html.index('<div class="story prose">')
    statement = html.index('<section class="artist__statement')
    assert story < statement
    story_block = html[story:statement]
    assert "hour" not in story_block
    assert "<p>I paint the <em>hour</em> before the light.</p>" in html[statement:]
    assert "Statement" in page_text(built / ARTIST_PAGE)


def test_the_artist_page_lists_the_cv_and_the_press_kit_together(built: Path) -> None:
    html = (built / ARTIST_PAGE).read_text("utf-8")
    links = re.search(r'<ul class="artist__links" role="list">(.*?)</ul>', html, re.S)
    assert links is not None
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', links.group(1)) == [
        ("/artists/dana-sadyk/cv/", "View the CV"),
        ("/artists/dana-sadyk/press/", "Press kit"),
    ]


def test_the_artists_json_ld_names_their_school(built: Path) -> None:
    data = json_ld(built / ARTIST_PAGE)
    assert data["alumniOf"] == [
        {
            "@type": "EducationalOrganization",
            "name": "Kazakh National Academy of Arts",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Almaty",
                "addressCountry": "Kazakhstan",
            },
        }
    ]


def test_the_cv_is_in_the_sitemap(built: Path) -> None:
    assert "https://example.org/artists/dana-sadyk/cv/" in (built / "sitemap.xml").read_text(
        "utf-8"
    )


def test_an_artist_without_a_cv_has_no_cv_page_and_no_link(
    tiny_project: Path, image_cache: Path
) -> None:
    with_record(tiny_project, "statement: Only words.\n")
    site = build(tiny_project, tiny_project / "site", cache_dir=image_cache).output
    assert not (site / "artists/dana-sadyk/cv").exists()
    assert not any("/cv/" in link for link in read_page(site / ARTIST_PAGE).links)
    assert "<p>Only words.</p>" in (site / ARTIST_PAGE).read_text("utf-8")


def test_an_artist_without_a_statement_has_no_statement_section(
    tiny_project: Path, image_cache: Path
) -> None:
    site = build(tiny_project, tiny_project / "site", cache_dir=image_cache).output
    assert "artist__statement" not in (site / ARTIST_PAGE).read_text("utf-8")


def test_editing_a_cv_entry_rebuilds_to_what_a_fresh_build_writes(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    with_record(tiny_project)
    options = BuildOptions(cache_dir=image_cache)
    builder = Builder(tiny_project, tmp_path / "live", options)
    builder.build()
    path = tiny_project / ARTIST
    steps: list[tuple[str, Callable[[str], str]]] = [
        ("entry edited", lambda text: text.replace("      year: 2019\n", "      year: 2024\n")),
        (
            "entry added",
            lambda text: text.replace(
                "  education:\n", "  education:\n    - title: Summer school\n      year: 2010\n"
            ),
        ),
        (
            "record removed",
            lambda text: text[: text.index("statement:")] + text[text.index("---\nDana") :],
        ),
    ]
    live = tmp_path / "live"
    for number, (step, change) in enumerate(steps):
        path.write_text(change(path.read_text("utf-8")), encoding="utf-8")
        assert not builder.build().unchanged, step
        clean = build(tiny_project, tmp_path / f"clean-{number}", options, fresh=True)
        assert tree_digest(live) == tree_digest(clean.output), f"after '{step}'"
        if step == "entry added":
            text = visible(live / CV_PAGE)
            assert text.index("2024 Morning") < text.index("2023 Evening")
            assert "2010 Summer school" in text
    assert not (live / "artists/dana-sadyk/cv").exists()
    assert not any("/cv/" in link for link in read_page(live / ARTIST_PAGE).links)


def og_image(page: Path) -> str:
    found = re.search(r'<meta property="og:image" content="([^"]+)"', page.read_text("utf-8"))
    assert found, page
    return found.group(1)


def test_a_shared_cv_shows_the_artists_picture_and_follows_its_change(
    tiny_project: Path, image_cache: Path, tmp_path: Path
) -> None:
    with_record(tiny_project)
    options = BuildOptions(cache_dir=image_cache)
    builder = Builder(tiny_project, tmp_path / "live", options)
    live = builder.build().output
    assert og_image(live / CV_PAGE) == og_image(live / ARTIST_PAGE)
    assert "/media/small-hours/dawn-" in og_image(live / CV_PAGE)
    # Dusk first: the series' cover, and so the artist's picture, is now Dusk.
    series = tiny_project / "content/series/small-hours.md"
    text = series.read_text("utf-8")
    dawn = text[text.index("  - title: Dawn") : text.index("  - title: Dusk")]
    series.write_text(text.replace(dawn, "").replace("---\nTwo", dawn + "---\nTwo"), "utf-8")
    builder.build()
    assert "/media/small-hours/dusk-" in og_image(live / CV_PAGE)
    clean = build(tiny_project, tmp_path / "clean", options, fresh=True)
    assert tree_digest(live) == tree_digest(clean.output)


def test_the_readmes_example_record_builds_with_every_section(
    tiny_project: Path, image_cache: Path
) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    section = readme[readme.index("### The artist's statement and CV") :]
    example = re.search(r"```yaml\n(statement:.*?)```", section, re.S)
    assert example is not None
    with_record(tiny_project, example.group(1))
    site = build(tiny_project, tiny_project / "site", cache_dir=image_cache).output
    text = visible(site / CV_PAGE)
    for heading in ("Solo exhibitions", "Education", "Awards", "Residencies", "Collections"):
        assert heading in text
    assert "2024 The wind painter, Steppe Review, May 2, 2024" in text
    assert "I photograph the steppe" in page_text(site / ARTIST_PAGE)
