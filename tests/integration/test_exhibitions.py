"""The exhibitions calendar in real builds: /exhibitions/, its .ics files, the feed, the JSON-LD
and the map, built from tests/fixtures/exhibitions as on 15 June 2025 (``today``)."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from generator import urls
from generator.build import Builder, BuildOptions, build
from generator.cli import cli
from generator.report import BuildReport
from tests.conftest import FIXTURES
from tests.integration.test_html_validity import validator
from tests.sitecheck import json_ld, read_page, tree_digest

TODAY = datetime.date(2025, 6, 15)
ARTIST = "content/artists/dana-sadyk.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "exhibitions"
    shutil.copytree(FIXTURES / "exhibitions", target)
    return target


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def run(project: Path, cache: Path, output: str = "site", **options: object) -> BuildReport:
    return build(project, project / output, cache_dir=cache, today=TODAY, **options)


def section(page: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by ``heading_id``."""
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', page, re.S)
    assert match, f"no section {heading_id}"
    return match.group(1)


def titles(html: str) -> list[str]:
    found = re.findall(r'class="exhibition__title">(?:<a [^>]*>)?([^<]+)', html)
    return [unescape(title) for title in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sections_split_around_the_build_day(project: Path, cache: Path) -> None:
    page = (run(project, cache).output / "exhibitions/index.html").read_text(encoding="utf-8")
    upcoming = titles(section(page, "upcoming-heading"))
    # On now; a one-day entry on the day itself; opening later; dated by this year alone.
    assert upcoming == ["Steppe Light, Evening; Dawn", "Open Studio", "Small Hours", "Ten Painters"]
    past = section(page, "past-heading")
    # Ended the day before: past. Grouped by the year they opened, newest year first.
    assert re.findall(r'class="exhibitions__year"[^>]*>(\d{4})<', past) == [
        "2025",
        "2024",
        "2023",
        "2022",
    ]
    assert titles(past) == [
        "Yesterday's Light",
        "Central Asian Painting Now",
        "First Paintings",
        "Salon d'Automne",
    ]
    # Undated entries are still shown, in a section of their own after the past.
    assert titles(section(page, "undated-heading")) == ["Courtyards", "Salon of Young Painters"]
    assert page.count("On now") == 2


def test_the_day_moves_an_exhibition_to_the_past(project: Path, cache: Path) -> None:
    later = build(project, project / "site", cache_dir=cache, today=datetime.date(2025, 6, 16))
    page = (later.output / "exhibitions/index.html").read_text(encoding="utf-8")
    assert "Open Studio" not in titles(section(page, "upcoming-heading"))
    assert "Open Studio" in titles(section(page, "past-heading"))
    assert not list((later.output / "exhibitions").glob("open-studio-*.ics"))


def test_a_shared_exhibition_is_listed_once_with_links_to_both_artists(
    project: Path, cache: Path
) -> None:
    output = run(project, cache).output
    page = (output / "exhibitions/index.html").read_text(encoding="utf-8")
    assert titles(page).count("Central Asian Painting Now") == 1
    item = re.search(r'<li class="exhibition" id="central-asian[^"]*">(.*?)</li>', page, re.S)
    assert item
    links = re.findall(r'href="([^"]+)"', item.group(1))
    assert links == [urls.artist_url("arman-ospan"), urls.artist_url("dana-sadyk")]
    for link in read_page(output / "exhibitions/index.html").links:
        if link.startswith("/"):
            assert (output / urls.output_path(link.split("#")[0])).is_file(), link


def test_the_page_is_linked_and_listed_and_missing_without_exhibitions(
    project: Path, cache: Path, tiny_project: Path
) -> None:
    output = run(project, cache).output
    assert 'href="/exhibitions/"' in (output / "index.html").read_text(encoding="utf-8")
    assert "https://example.org/exhibitions/" in (output / "sitemap.xml").read_text("utf-8")
    assert "exhibitions" in urls.built_in_names()
    tiny = build(tiny_project, tiny_project / "site", cache_dir=cache, today=TODAY).output
    assert not (tiny / "exhibitions").exists()
    assert "/exhibitions/" not in (tiny / "index.html").read_text(encoding="utf-8")


def ics_files(output: Path) -> dict[str, icalendar.Calendar]:
    return {
        path.name: icalendar.Calendar.from_ical(path.read_bytes())
        for path in sorted((output / "exhibitions").glob("*.ics"))
    }


def test_every_calendar_file_is_valid_icalendar_linked_from_the_page(
    project: Path, cache: Path
) -> None:
    output = run(project, cache).output
    page = (output / "exhibitions/index.html").read_text(encoding="utf-8")
    files = ics_files(output)
    # One per upcoming exhibition with an opening day, and the whole calendar.
    assert sorted(files) == sorted(
        ["exhibitions.ics", *(re.findall(r'href="/exhibitions/([^"/]+\.ics)" download', page))]
    )
    assert len(files) == 4
    for name, calendar in files.items():
        raw = (output / "exhibitions" / name).read_bytes()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        for event in calendar.walk("VEVENT"):
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert type(start) is datetime.date and type(end) is datetime.date  # all-day
            assert end > start
    [steppe] = files["exhibitions.ics"].walk("VEVENT")[:1]
    assert str(steppe["SUMMARY"]) == "Steppe Light, Evening; Dawn"  # escaped, read back whole
    assert steppe.decoded("DTSTART") == datetime.date(2025, 6, 1)
    assert steppe.decoded("DTEND") == datetime.date(2025, 7, 21)  # the day after the last
    assert str(steppe["LOCATION"]) == "Kasteev State Museum of Arts, Almaty, Kazakhstan"
    # DTSTAMP is the artist's 'date:', not the time of the build.
    assert steppe.decoded("DTSTAMP") == datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC)
    [studio] = next(c for n, c in files.items() if n.startswith("open-studio")).walk("VEVENT")
    assert studio.decoded("DTEND") - studio.decoded("DTSTART") == datetime.timedelta(days=1)


def test_calendar_uids_are_stable_and_each_exhibition_once(
    project: Path, cache: Path, tmp_path: Path
) -> None:
    first = ics_files(run(project, cache).output)
    # What is not its identity (title, venue, dates) may change; so may the build's day.
    edit(project / ARTIST, "kind: solo", "kind: group")
    edit(project / ARTIST, "/kasteev/steppe-light", "/kasteev/2025/steppe-light")
    later = datetime.date(2025, 6, 2)
    again = ics_files(build(project, tmp_path / "again", cache_dir=cache, today=later).output)
    uids = [str(e["UID"]) for e in first["exhibitions.ics"].walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 6  # every dated exhibition, the shared one once
    assert sorted(uids) == sorted(str(e["UID"]) for e in again["exhibitions.ics"].walk("VEVENT"))
    assert all(uid.endswith("@example.org") for uid in uids)
    shared = [e for e in first["exhibitions.ics"].walk("VEVENT") if "Central" in e["SUMMARY"]]
    assert len(shared) == 1 and "Arman Ospan, Dana Sadyk" in str(shared[0]["DESCRIPTION"])


def test_upcoming_exhibitions_are_in_the_feed(project: Path, cache: Path) -> None:
    feed = (run(project, cache).output / "feed.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<entry>(.*?)</entry>", feed, re.S)
    shown = [e for e in entries if '<category term="exhibition"/>' in e]
    assert len(shown) == 3  # the upcoming ones with an opening day
    ids = sorted(re.search(r"<id>([^<]+)</id>", e).group(1) for e in shown)  # type: ignore[union-attr]
    assert all(i.startswith("https://example.org/exhibitions/#") for i in ids)
    assert "Yesterday" not in feed and "Salon d&#39;Automne" not in feed
    small = next(e for e in shown if "Small Hours" in e)
    assert "<title>Small Hours, Esentai Gallery, Astana: 10 September – 5 October 2025" in small
    assert "<updated>2025-05-01T00:00:00Z</updated>" in small


def test_exhibition_events_in_json_ld(project: Path, cache: Path) -> None:
    data = json_ld(run(project, cache).output / "exhibitions/index.html")
    assert data["@type"] == "CollectionPage"
    events = [item["item"] for item in data["mainEntity"]["itemListElement"]]  # type: ignore[index]
    assert {e["@type"] for e in events} == {"ExhibitionEvent"}
    assert len(events) == 8  # every dated one, undated ones on the page only
    steppe = events[0]
    assert steppe["name"] == "Steppe Light, Evening; Dawn"
    assert (steppe["startDate"], steppe["endDate"]) == ("2025-06-01", "2025-07-20")
    assert steppe["location"]["@type"] == "Place"
    assert steppe["location"]["name"] == "Kasteev State Museum of Arts"
    assert steppe["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Almaty",
        "addressCountry": "Kazakhstan",
    }
    assert steppe["url"] == "https://example.org/kasteev/steppe-light"
    assert steppe["performer"][0]["url"] == "https://example.org/artists/dana-sadyk/"
    shared = next(e for e in events if e["name"] == "Central Asian Painting Now")
    assert [p["name"] for p in shared["performer"]] == ["Arman Ospan", "Dana Sadyk"]
    assert shared["url"].startswith("https://example.org/exhibitions/#central-asian")


def test_exhibition_cities_are_journeys_on_the_maps(project: Path, cache: Path) -> None:
    output = run(project, cache).output
    data = json.loads((output / "map/hometowns.json").read_text(encoding="utf-8"))
    exhibited = {j["place"]: j for j in data["journeys"] if j["reason"].startswith("Exhibited")}
    # Not Taraz, her hometown; Shymkent stays the story's journey.
    assert sorted(exhibited) == ["Almaty", "Astana", "Bishkek", "Paris"]
    assert exhibited["Almaty"]["reason"] == (
        "Exhibited: Steppe Light, Evening; Dawn (2025); Central Asian Painting Now (2024)"
    )
    assert exhibited["Almaty"]["from"] == [42.9, 71.3667]
    map_page = (output / "map/index.html").read_text(encoding="utf-8")
    assert map_page.count('class="map-journey"') == 4  # Shymkent, Almaty, Astana, Bishkek
    assert re.search(r"Paris, France <span class=\"note\">\(beyond the map’s edge\)", map_page)
    artist = (output / "artists/dana-sadyk/index.html").read_text(encoding="utf-8")
    assert artist.count('class="locator-journey"') == 3  # Paris is beyond the locator too
    assert "exhibited in Almaty, Astana, Bishkek" in artist
    # Arman's only exhibition city is his hometown: no journey.
    assert "locator-journey" not in (output / "artists/arman-ospan/index.html").read_text("utf-8")


def test_editing_an_exhibition_rebuilds_byte_identical_to_a_fresh_build(
    project: Path, cache: Path, tmp_path: Path
) -> None:
    live = tmp_path / "live"
    builder = Builder(project, live, BuildOptions(cache_dir=cache, today=TODAY))
    builder.build()
    steps = [
        ("dates", lambda: edit(project / ARTIST, "end: 2025-10-05", "end: 2025-10-12")),
        ("title", lambda: edit(project / ARTIST, "title: Small Hours", "title: Small, Hours")),
        (
            "place",
            lambda: edit(
                project / ARTIST,
                "Bishkek\n      country: Kyrgyzstan",
                "Tashkent\n      country: Uzbekistan",
            ),
        ),
        ("undated", lambda: edit(project / ARTIST, "title: Salon of Young", "title: Salon of New")),
    ]
    for step, change in steps:
        change()
        report = builder.build()
        assert not report.unchanged, step
        fresh = build(project, tmp_path / step, cache_dir=cache, today=TODAY, fresh=True)
        assert tree_digest(live) == tree_digest(fresh.output), f"after '{step}'"


def test_another_day_rebuilds_byte_identical_to_a_fresh_build(
    project: Path, cache: Path, tmp_path: Path
) -> None:
    live = tmp_path / "live"
    build(project, live, cache_dir=cache, today=TODAY)
    later = datetime.date(2025, 7, 21)
    report = build(project, live, cache_dir=cache, today=later)
    assert not report.unchanged  # the day is an input: nothing else changed
    assert "exhibitions/index.html" in report.rendered
    fresh = build(project, tmp_path / "fresh", cache_dir=cache, today=later, fresh=True)
    assert tree_digest(live) == tree_digest(fresh.output)
    same = build(project, live, cache_dir=cache, today=later)
    assert same.unchanged


def test_today_option_builds_for_that_day(project: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "--source", str(project), "--today", "2025-06-16", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    page = (project / "site/exhibitions/index.html").read_text(encoding="utf-8")
    assert "Open Studio" in titles(section(page, "past-heading"))


@pytest.mark.parametrize("value", ["2025-13-01", "15/06/2025", "tomorrow"])
def test_a_bad_today_is_a_clear_error(project: Path, value: str) -> None:
    result = CliRunner().invoke(cli, ["build", "--source", str(project), "--today", value])
    assert result.exit_code == 2
    assert f"Invalid value for '--today': '{value}' does not match the format" in result.output
    assert "'%Y-%m-%d'" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site").exists()


def test_the_exhibitions_pages_are_valid_html(project: Path, cache: Path) -> None:
    output = run(project, cache).output
    result = subprocess.run(
        [
            validator(),
            *(str(output / p / "index.html") for p in ("exhibitions", "artists/dana-sadyk", "")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, f"the Nu HTML Checker found errors:\n{report}"
