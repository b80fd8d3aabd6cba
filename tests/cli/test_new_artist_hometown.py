"""`showcase new artist NAME --hometown "Town, Country"` fills in the hometown it finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.authoring.scaffold import init_site
from generator.cli import cli
from generator.source.frontmatter import parse_frontmatter


@pytest.fixture
def site(tmp_path: Path) -> Path:
    init_site(tmp_path / "site")
    return tmp_path / "site"


def new_artist(site: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["new", "artist", *args, "--source", str(site)])
    return result.exit_code, result.output


def test_the_hometown_is_looked_up_and_written_in_full(site: Path) -> None:
    code, output = new_artist(site, "Aru Sadyk", "--hometown", "Balkhash, Kazakhstan")
    assert code == 0, output
    text = (site / "content/artists/aru-sadyk.md").read_text(encoding="utf-8")
    hometown = parse_frontmatter(text, "a.md").data["hometown"]
    assert hometown == {"name": "Balkhash", "country": "Kazakhstan", "lat": 46.85, "lon": 74.98}


def test_a_hometown_without_country_gets_the_country_found(site: Path) -> None:
    code, output = new_artist(site, "Aru Sadyk", "--hometown", "Алматы")
    assert code == 0, output
    text = (site / "content/artists/aru-sadyk.md").read_text(encoding="utf-8")
    hometown = parse_frontmatter(text, "a.md").data["hometown"]
    assert hometown == {"name": "Алматы", "country": "Kazakhstan", "lat": 43.25, "lon": 76.91}


@pytest.mark.parametrize(
    ("hometown", "says"),
    [
        ("Springfield", "places are called 'Springfield'"),
        (", Kazakhstan", "--hometown has no town name"),
        ("Balkash, Kazakhstan", "did you mean Balqash"),
        ("Balkhash, Narnia", "no country called 'Narnia'"),
    ],
)
def test_a_hometown_it_cannot_place_writes_nothing(site: Path, hometown: str, says: str) -> None:
    code, output = new_artist(site, "Aru Sadyk", "--hometown", hometown)
    assert code != 0
    assert says in output and "nothing was written" in output
    assert "Traceback" not in output
    assert not (site / "content/artists/aru-sadyk.md").exists()


@pytest.mark.parametrize("hometown", ["Balkhash, Kazakhstan", "Paris, France"])
def test_the_file_has_no_other_town_s_region_as_an_example(site: Path, hometown: str) -> None:
    code, output = new_artist(site, "Aru Sadyk", "--hometown", hometown)
    assert code == 0, output
    text = (site / "content/artists/aru-sadyk.md").read_text(encoding="utf-8")
    block = text.split("hometown:\n", 1)[1].split("\n# ", 1)[0]
    assert "Turkistan" not in block
    assert "  # region: the region's name, if it should be shown\n" in block


def test_a_dominant_place_is_taken_and_its_country_written(site: Path) -> None:
    code, output = new_artist(site, "Aru Sadyk", "--hometown", "New York, US")
    assert code == 0, output
    text = (site / "content/artists/aru-sadyk.md").read_text(encoding="utf-8")
    hometown = parse_frontmatter(text, "a.md").data["hometown"]
    assert hometown == {"name": "New York", "country": "US", "lat": 40.71, "lon": -74.01}


def test_an_ambiguous_hometown_offers_the_options_to_pick_one_not_yaml(site: Path) -> None:
    code, output = new_artist(site, "Aru Sadyk", "--hometown", "Springfield, United States")
    assert code == 1
    assert '--hometown "Springfield, United States" --lat 37.22 --lon -93.3' in output
    assert "lat: " not in output  # no lines for a file that does not exist yet
    code, output = new_artist(
        site, "Aru Sadyk", "--hometown", "Springfield, United States", "--lat", "37.22",
        "--lon", "-93.3",
    )  # fmt: skip
    assert code == 0, output
    text = (site / "content/artists/aru-sadyk.md").read_text(encoding="utf-8")
    hometown = parse_frontmatter(text, "a.md").data["hometown"]
    assert hometown == {
        "name": "Springfield", "country": "United States", "lat": 37.22, "lon": -93.3,
    }  # fmt: skip


def test_a_position_is_read_as_in_the_files_and_checked(site: Path) -> None:
    code, output = new_artist(
        site, "Aru Sadyk", "--hometown", "Zhenis", "--lat", "46°50′53″N", "--lon", "74°59′E"
    )
    assert code == 0, output
    text = (site / "content/artists/aru-sadyk.md").read_text(encoding="utf-8")
    hometown = parse_frontmatter(text, "a.md").data["hometown"]
    assert hometown["lat"] == 46.848056 and hometown["lon"] == 74.983333
    assert "country" not in hometown
    for args, says in (
        (["--lat", "46"], "--lat and --lon go together"),
        (["--hometown", "X", "--lat", "46", "--lon", "200"], "--lon must be between -180 and 180"),
        (["--hometown", "X", "--lat", "north", "--lon", "1"], "--lat must be a number"),
        (["--lat", "46", "--lon", "74"], "--lat and --lon need --hometown"),
    ):
        code, output = new_artist(site, "Dana Ray", *args)
        assert code == 1 and says in output and "nothing was written" in output, output
        assert "Traceback" not in output
        assert not (site / "content/artists/dana-ray.md").exists()
