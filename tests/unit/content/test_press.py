"""What the press kit says: its biography, its selected works and their credit lines."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.config import SiteConfig
from generator.content.model import CV, Artist, CVEntry, Exhibition, Place, Series, Site, Work
from generator.content.press import (
    biography_html,
    captions_text,
    credit,
    cv_summary,
    cv_text,
    plain_text,
    press_kit,
)

STORY = (
    "<h2>Early years</h2>\n"
    "<p>She grew up in <em>Aral</em>.</p>\n"
    '<p><img src="/media/x.jpg" alt=""></p>\n'
    "<blockquote>\n<p>The sea went away.</p>\n</blockquote>\n"
    "<p>She began at fifteen.</p>\n"
    "<p>A third paragraph the biography leaves out.</p>\n"
)


def an_artist(**changes: object) -> Artist:
    values: dict[str, object] = {
        "slug": "aliya-nurlan",
        "name": "Aliya Nurlan",
        "discipline": "photographer",
        "summary": "A photographer from Aral & the salt flats.",
        "hometown": Place("Aral", "Kazakhstan", 46.8, 61.67),
        "story_html": STORY,
        "source": "content/artists/aliya-nurlan.md",
    }
    values.update(changes)
    return Artist(**values)  # type: ignore[arg-type]


def a_work(slug: str, series: str, **changes: object) -> Work:
    values: dict[str, object] = {
        "slug": slug,
        "title": slug.title(),
        "year": 2020,
        "medium": "Pigment print",
        "alt": f"{slug} as seen",
        "image": Path(f"/site/content/series/{series}/{slug}.jpg"),
        "series_slug": series,
    }
    values.update(changes)
    return Work(**values)  # type: ignore[arg-type]


def a_series(slug: str, *works: Work, unlisted: bool = False, weight: int = 0) -> Series:
    return Series(
        slug=slug,
        title=slug.title(),
        artist_slug="aliya-nurlan",
        years="2020",
        description_html="",
        works=works,
        source=f"content/series/{slug}.md",
        unlisted=unlisted,
        weight=weight,
    )


def a_site(*series: Series, artist: Artist | None = None) -> Site:
    config = SiteConfig(title="Press", description="", base_url="https://example.org/")
    return Site(config=config, root=Path("/site"), artists=(artist or an_artist(),), series=series)


def test_biography_is_the_press_bio_when_the_artist_wrote_one() -> None:
    artist = an_artist(press_bio_html="<p>Written for the press.</p>\n")
    assert biography_html(artist) == "<p>Written for the press.</p>\n"


def test_biography_is_the_summary_then_the_storys_first_two_paragraphs() -> None:
    bio = biography_html(an_artist())
    assert bio == (
        "<p>A photographer from Aral &amp; the salt flats.</p>\n"
        "<p>She grew up in <em>Aral</em>.</p>\n"
        "<p>She began at fifteen.</p>\n"
    )
    assert "Early years" not in bio and "sea went away" not in bio and "third" not in bio


def test_biography_is_the_summary_alone_for_an_artist_without_a_story() -> None:
    assert biography_html(an_artist(story_html="")) == (
        "<p>A photographer from Aral &amp; the salt flats.</p>\n"
    )


def test_credit_line_names_year_medium_dimensions_copyright_and_courtesy() -> None:
    work = a_work(
        "shore",
        "salt-lake",
        dimensions="100 × 150 cm",
        credit="Courtesy Aspan Gallery, Almaty",
    )
    assert credit(work, an_artist()) == (
        "2020. Pigment print, 100 × 150 cm. ©\u00a0Aliya Nurlan. Courtesy Aspan Gallery, Almaty."
    )


def test_credit_line_invents_no_courtesy_and_leaves_out_missing_dimensions() -> None:
    work = a_work("flats", "salt-lake", medium="Oil on board.")
    assert credit(work, an_artist()) == "2020. Oil on board. ©\u00a0Aliya Nurlan."


def test_selected_works_are_those_marked_press_in_every_listed_series() -> None:
    first = a_series(
        "salt-lake", a_work("crust", "salt-lake"), a_work("shore", "salt-lake", press=True)
    )
    second = a_series("trains", a_work("platform", "trains", press=True), weight=1)
    kit = press_kit(a_site(first, second), an_artist())
    assert kit.chosen
    assert [p.work.slug for p in kit.works] == ["shore", "platform"]
    assert [p.file_name for p in kit.works] == ["01-shore.jpg", "02-platform.jpg"]


def test_without_press_marks_each_listed_series_gives_its_first_listed_work() -> None:
    first = a_series(
        "salt-lake",
        a_work("study", "salt-lake", unlisted=True),
        a_work("crust", "salt-lake"),
        a_work("shore", "salt-lake"),
    )
    second = a_series(
        "trains", a_work("platform", "trains"), a_work("carriage", "trains"), weight=1
    )
    kit = press_kit(a_site(first, second), an_artist())
    assert not kit.chosen
    assert [p.work.slug for p in kit.works] == ["crust", "platform"]


def test_unlisted_series_are_never_in_the_press_kit_even_with_press_marks() -> None:
    hidden = a_series("snow", a_work("first-snow", "snow", press=True), unlisted=True)
    shown = a_series("salt-lake", a_work("crust", "salt-lake"), weight=1)
    kit = press_kit(a_site(hidden, shown), an_artist())
    assert [p.work.slug for p in kit.works] == ["crust"]
    assert not kit.chosen  # the only mark is in the unlisted series: it chooses nothing


def test_captions_give_each_files_name_credit_line_and_caption() -> None:
    series = a_series("salt-lake", a_work("shore", "salt-lake", caption="The old shore at dawn."))
    text = captions_text(press_kit(a_site(series), an_artist()))
    assert text == (
        "Aliya Nurlan: selected works\n\n"
        "01-shore.jpg\n"
        "Shore, 2020. Pigment print. ©\u00a0Aliya Nurlan.\n"
        "The old shore at dawn.\n"
    )


def cv() -> CV:
    return CV(
        exhibitions=(
            Exhibition(title="Early", venue="Aral Museum", kind="solo", year=2015),
            Exhibition(
                title="Salt Lake",
                venue="Kasteyev Museum",
                city="Almaty",
                kind="solo",
                start=datetime.date(2024, 3, 1),
                end=datetime.date(2025, 1, 31),
            ),
            Exhibition(title="Trains", venue="Aspan", kind="group", year=2022),
            Exhibition(title="Young", venue="Esentai", kind="group", year=2019),
        ),
        education=(CVEntry(title="BA in Photography", institution="Academy", year=2016),),
    )


def test_cv_summary_shows_the_latest_three_exhibitions_and_the_education() -> None:
    assert cv_summary(cv()) == (
        (
            "Selected exhibitions",
            (
                ("2024–2025", "Salt Lake, Kasteyev Museum, Almaty"),
                ("2022", "Trains, Aspan"),
                ("2019", "Young, Esentai"),
            ),
        ),
        ("Education", (("2016", "BA in Photography, Academy"),)),
    )


def test_cv_text_lists_every_entry_by_section_newest_first() -> None:
    text = cv_text(an_artist(cv=cv()))
    assert text.splitlines()[:8] == [
        "Aliya Nurlan",
        "Curriculum vitae",
        "",
        "Solo exhibitions",
        "2024–2025  Salt Lake, Kasteyev Museum, Almaty",
        "2015  Early, Aral Museum",
        "",
        "Group exhibitions",
    ]
    assert "2016  BA in Photography, Academy" in text


def test_plain_text_keeps_paragraphs_list_items_and_link_addresses() -> None:
    html = (
        '<p>Felt with <a href="https://example.org/p">patterns</a> &amp; '
        '<a href="https://example.org/">https://example.org/</a>.</p>\n'
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    )
    assert plain_text(html) == (
        "Felt with patterns (https://example.org/p) & https://example.org/.\n\n- one\n\n- two\n"
    )
