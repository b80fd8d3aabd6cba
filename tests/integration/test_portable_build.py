"""`showcase build --portable`: a folder that works opened from disk, a USB stick or a zip."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import BuildReport, build
from generator.cli import cli
from tests.conftest import ROOT

ROOTED = re.compile(r"""(?:href|src|srcset|data-[a-z-]+)\s*=\s*["']?\s*/(?!/)""")
SRCSET = re.compile(r"""srcset="([^"]*)\"""")


@pytest.fixture(scope="module")
def portable(tmp_path_factory: pytest.TempPathFactory, image_cache: Path) -> BuildReport:
    return build(
        ROOT, tmp_path_factory.mktemp("portable") / "site", cache_dir=image_cache, portable=True
    )


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_no_page_links_from_the_root(portable: BuildReport) -> None:
    pages = _pages(portable.output)
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert ROOTED.search(text) is None, page
        for srcset in SRCSET.findall(text):
            assert all(not part.strip().startswith("/") for part in srcset.split(",")), page


def test_every_relative_link_names_a_file_that_exists(portable: BuildReport) -> None:
    # An attribute's value as a browser reads it: character references decoded, so that an
    # encoded mailto: link (&#x6d;&#x61;…) is a mail address, not a relative path.
    values = re.compile(r'(?:href|src)="([^"]*)"')
    for page in _pages(portable.output):
        for value in values.findall(page.read_text(encoding="utf-8")):
            link = re.split(r"[#?]", html.unescape(value), maxsplit=1)[0]
            if not link or re.match(r"[a-z][a-z0-9+.-]*:", link):
                continue  # a fragment of the page itself, or another scheme
            assert (page.parent / link).is_file(), f"{page}: {link}"


def test_web_addresses_stay_absolute(portable: BuildReport) -> None:
    home = (portable.output / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://' in home
    assert "<loc>https://" in (portable.output / "sitemap.xml").read_text(encoding="utf-8")


def test_the_map_page_holds_its_data(portable: BuildReport) -> None:
    page = (portable.output / "map" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'id="atlas-data">(.*?)</script>', page, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert all(pin["url"].endswith("/index.html") for pin in data["pins"])
    assert 'data-base="../"' in page
    assert 'data-geojson="data:application/geo+json;base64,' in page
    assert "data-pins" not in page


def test_a_portable_build_is_deterministic(
    portable: BuildReport, tmp_path: Path, image_cache: Path
) -> None:
    again = build(ROOT, tmp_path / "site", cache_dir=image_cache, portable=True, fresh=True)
    for page in _pages(portable.output):
        twin = again.output / page.relative_to(portable.output)
        assert twin.read_bytes() == page.read_bytes(), page


def test_portable_and_normal_builds_of_one_folder_do_not_share_pages(
    tmp_path: Path, own_cache: Path
) -> None:
    output = tmp_path / "site"
    runner = CliRunner()
    for flags, rooted in (([], True), (["--portable"], False), ([], True)):
        args = [
            "build",
            "--source",
            str(ROOT),
            "-o",
            str(output),
            "--cache-dir",
            str(own_cache),
            "-q",
            *flags,
        ]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        home = (output / "index.html").read_text(encoding="utf-8")
        assert ('href="/artists/' in home) is rooted
        assert ('href="artists/' in home) is not rooted
