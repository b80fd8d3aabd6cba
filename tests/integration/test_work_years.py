"""A work dated by a range or an approximate year is shown as written and dated by its start."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli

SERIES = "content/series/bazaar-colours.md"
WORK_PAGE = "site/gallery/bazaar-colours/awnings-green-bazaar/index.html"


def build(project: Path, cache: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["build", "--source", str(project), "--quiet"], env={"SHOWCASE_CACHE_DIR": str(cache)}
    )
    return result.exit_code, result.output + (result.stderr or "")


def set_first_year(project: Path, year: str) -> None:
    path = project / SERIES
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    year: 2017\n", f"    year: {year}\n", 1), encoding="utf-8")


def test_a_range_is_shown_with_an_en_dash_and_dated_by_its_first_year(
    project: Path, image_cache: Path
) -> None:
    set_first_year(project, "2017-18")
    code, output = build(project, image_cache)
    assert code == 0, output
    page = (project / WORK_PAGE).read_text(encoding="utf-8")
    assert "<dd>2017–18</dd>" in page
    assert "(2017–18)" in page  # the page's title
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert '"dateCreated": "2017"' in data or '"dateCreated":"2017"' in data
    json.loads(data)


def test_an_approximate_year_is_shown_as_written(project: Path, image_cache: Path) -> None:
    set_first_year(project, "c. 2017")
    code, output = build(project, image_cache)
    assert code == 0, output
    assert "<dd>c. 2017</dd>" in (project / WORK_PAGE).read_text(encoding="utf-8")


def test_a_year_that_is_not_one_is_a_located_error_with_a_hint(
    project: Path, image_cache: Path
) -> None:
    set_first_year(project, "around 2017")
    code, output = build(project, image_cache)
    assert code == 1
    assert f"{SERIES}:10:" in output
    assert "must be a year, a range of years or an approximate year" in output
    assert "2023–2024 or 2023-24" in output
    assert "Traceback" not in output


def test_a_two_digit_end_before_the_start_is_a_located_error_not_a_century_later(
    project: Path, image_cache: Path
) -> None:
    set_first_year(project, "2023-22")
    code, output = build(project, image_cache)
    assert code == 1
    assert f"{SERIES}:10:" in output
    assert "ends before it starts (got '2023-22')" in output
    assert "write 2022–2023 or 2023–2024" in output
    assert "Traceback" not in output
