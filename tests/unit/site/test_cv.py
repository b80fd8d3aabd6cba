"""The CV's sections: the order curators expect, newest first, undated last; and what of the
CV an artist's JSON-LD carries."""

from __future__ import annotations

import datetime

from generator.content.model import CV, Artist, CVEntry, Exhibition, Place, PressItem
from generator.site.cv import cv_sections, long_date
from generator.site.jsonld import artist_page
from generator.urls import UrlBuilder

ALMATY = Place(name="Almaty", country="Kazakhstan", lat=43.2525, lon=76.9115)
D = datetime.date


def test_sections_come_in_the_order_curators_expect_whatever_the_order_written() -> None:
    cv = CV(
        press=(PressItem(title="Review"),),
        collections=(CVEntry(title="Kasteyev State Museum of Arts"),),
        residencies=(CVEntry(title="Summer residency"),),
        awards=(CVEntry(title="Grand prix"),),
        education=(CVEntry(title="BFA"),),
        exhibitions=(
            Exhibition(title="Untitled show"),
            Exhibition(title="Night screening", kind="screening"),
            Exhibition(title="Art Almaty", kind="fair"),
            Exhibition(title="Together", kind="group"),
            Exhibition(title="Alone", kind="solo"),
        ),
    )
    sections = cv_sections(cv)
    assert [s.heading for s in sections] == [
        "Solo exhibitions",
        "Group exhibitions",
        "Art fairs",
        "Screenings",
        "Other exhibitions",
        "Education",
        "Awards",
        "Residencies",
        "Collections",
        "Bibliography",
    ]
    assert [line.item.title for s in sections for line in s.lines][:5] == [
        "Alone",
        "Together",
        "Art Almaty",
        "Night screening",
        "Untitled show",
    ]


def test_a_cv_shows_only_the_sections_it_has() -> None:
    sections = cv_sections(CV(education=(CVEntry(title="BFA"),)))
    assert [(s.key, s.heading) for s in sections] == [("education", "Education")]


def test_entries_are_newest_first_undated_last_and_equals_keep_the_written_order() -> None:
    cv = CV(
        exhibitions=(
            Exhibition(title="Undated", kind="group"),
            Exhibition(title="Old", kind="group", year=2012),
            Exhibition(title="Spring", kind="group", start=D(2021, 3, 1), end=D(2021, 4, 1)),
            Exhibition(title="Long", kind="group", start=D(2019, 9, 1), end=D(2022, 1, 9)),
            Exhibition(title="Also 2012", kind="group", year=2012),
            Exhibition(title="Also undated", kind="group"),
        ),
        press=(
            PressItem(title="No date"),
            PressItem(title="Older", date=D(2020, 1, 2)),
            PressItem(title="Newer", date=D(2024, 5, 2)),
        ),
    )
    group, press = cv_sections(cv)
    assert [(line.item.title, line.years) for line in group.lines] == [
        ("Long", "2019–2022"),
        ("Spring", "2021"),
        ("Old", "2012"),
        ("Also 2012", "2012"),
        ("Undated", ""),
        ("Also undated", ""),
    ]
    assert [(line.item.title, line.years) for line in press.lines] == [
        ("Newer", "2024"),
        ("Older", "2020"),
        ("No date", ""),
    ]


def test_each_line_carries_what_its_entry_gives_and_nothing_more() -> None:
    cv = CV(
        exhibitions=(
            Exhibition(
                title="Steppe Light",
                venue="Kasteyev State Museum of Arts",
                city="Almaty",
                country="Kazakhstan",
                kind="solo",
                year=2024,
            ),
        ),
        education=(CVEntry(title="Studies in painting", city="Almaty"),),
        press=(
            PressItem(
                title="The wind painter",
                publication="Steppe Review",
                date=D(2024, 5, 2),
                quote="Quiet, insistent work.",
            ),
        ),
    )
    solo, education, press = (s.lines[0] for s in cv_sections(cv))
    assert solo.details == ("Kasteyev State Museum of Arts", "Almaty", "Kazakhstan")
    assert solo.cited and not education.cited and press.cited
    assert education.details == ("Almaty",)
    assert press.details == ("Steppe Review", "May 2, 2024")
    assert press.quote == "Quiet, insistent work."


def test_a_press_date_is_written_in_the_sites_language() -> None:
    assert long_date(D(2024, 5, 2), "en") == "May 2, 2024"
    assert long_date(D(2024, 5, 2), "de") == "2. Mai 2024"
    assert long_date(D(2024, 5, 2), "xx-unknown") == "May 2, 2024"


def artist(cv: CV) -> Artist:
    return Artist(
        slug="mira",
        name="Mira",
        discipline="painter",
        summary="A painter.",
        hometown=ALMATY,
        story_html="<p>Story.</p>",
        source="content/artists/mira.md",
        cv=cv,
    )


def test_the_artists_json_ld_carries_awards_and_schools_but_not_studies_without_one() -> None:
    cv = CV(
        awards=(CVEntry(title="Grand prix", institution="Tengri Foundation", year=2021),),
        education=(
            CVEntry(title="BFA", institution="Kazakh National Academy of Arts", city="Almaty"),
            CVEntry(title="MFA", institution="Kazakh National Academy of Arts", city="Almaty"),
            CVEntry(title="Studies in painting", city="Almaty"),
        ),
    )
    data = artist_page(artist(cv), UrlBuilder("https://example.org/"))
    assert data["award"] == ["Grand prix, Tengri Foundation, 2021"]
    assert data["alumniOf"] == [
        {
            "@type": "EducationalOrganization",
            "name": "Kazakh National Academy of Arts",
            "address": {"@type": "PostalAddress", "addressLocality": "Almaty"},
        }
    ]


def test_an_artist_without_a_cv_has_no_cv_properties() -> None:
    data = artist_page(artist(CV()), UrlBuilder("https://example.org/"))
    assert "award" not in data and "alumniOf" not in data
