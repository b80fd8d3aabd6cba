"""The build benchmark runs end to end (on a tiny corpus: the figures are not checked here)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tests.conftest import ROOT


def figures_of(script: str, *args: str) -> dict[str, Any]:
    """What a benchmark script prints with --json."""
    result = subprocess.run(
        [sys.executable, f"bench/{script}", *args, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    figures: dict[str, Any] = json.loads(result.stdout)
    return figures


def test_compare_measures_showcase_on_a_small_corpus() -> None:
    figures = figures_of(
        "compare.py", "--artists", "5", "--rounds", "1", "--edits", "1", "--peers", ""
    )
    assert figures["pages"] == 6  # five artists and the index, as the peers build
    for key in ("showcase_cold_s", "showcase_noop_s", "showcase_edit_s"):
        assert 0 < figures[key] < 60, key
    assert figures["showcase_peak_rss_mb"] > 0
    for peer in ("hugo", "pelican", "eleventy"):
        assert figures[f"{peer}_cold_s"] is None  # not requested, and said so


def test_showcase_scale_measures_the_full_site_and_the_disk_floor() -> None:
    figures = figures_of("showcase_scale.py", "--artists", "2", "--rounds", "1", "--edits", "0")
    # Two artists with two series of six works: 2 + 4 + 24 pages, each artist's press page
    # (every artist with works has one), and home, gallery, map, 404 and the contact page (the
    # example's site.yaml, which the bench copies, has 'contact'). No price lists: the corpus
    # has no sale facts; no CV and no exhibitions page: its artists have no 'cv'.
    assert figures["pages"] == 37
    assert 0 < figures["disk_floor_s"] < figures["showcase_cold_s"] < 60


def test_places_measures_reading_the_list_and_a_lookup() -> None:
    figures = figures_of("places.py", "--rounds", "1")
    assert figures["rounds"] == 1
    assert figures["load_s"] > 0 and figures["lookup_ms"] > 0


def test_languages_measures_three_languages_against_one() -> None:
    figures = figures_of(
        "languages.py", "--artists", "2", "--full", "--rounds", "1", "--edits", "1"
    )
    # showcase_scale.py's 37 pages, and in three languages each page but the 404 page.
    assert figures["pages_1"] == 37
    assert figures["pages_3"] == 3 * 36 + 1
    assert figures["ratio"] == round(figures["cold_3_s"] / figures["cold_1_s"], 2) > 0
    assert 0 < figures["noop_3_s"] < 60 and 0 < figures["edit_3_s"] < 60
