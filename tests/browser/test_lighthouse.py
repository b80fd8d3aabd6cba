"""Lighthouse 12 scores 100 in accessibility, best practices and SEO on the main page kinds.

Lighthouse runs through `npx --yes lighthouse@12` (fetched from the npm registry on first use)
in the same Chromium as the other browser tests. Performance depends on the machine, so it is
printed (see `pytest -s`, or bench/lighthouse.py), not asserted.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

BENCH = Path(__file__).resolve().parents[2] / "bench" / "lighthouse.py"
ASSERTED = ["accessibility", "best-practices", "seo"]
JOBS = 2  # pages audited at the same time


def load_bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_lighthouse", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reports(browser: Any, served_site: str) -> dict[str, dict[str, Any]]:
    """Lighthouse's report of each page kind; skipped without node, except in CI."""
    bench = load_bench()
    command = bench.lighthouse_command()
    if command is None:
        message = "node and npx are not installed, so Lighthouse cannot run"
        if os.environ.get("CI"):
            pytest.fail(message + ": it must run in CI")
        pytest.skip(message)
    found: dict[str, dict[str, Any]] = bench.audit_pages(served_site, bench.PAGES, JOBS, command)
    for name, report in found.items():
        print(f"\nLighthouse {name}: {bench.scores(report)}")
        for line in bench.shortfalls(report):
            print(f"  {line}")
    return found


@pytest.mark.parametrize("kind", ["home", "artist", "series", "map"])
def test_lighthouse_scores_100(reports: dict[str, dict[str, Any]], kind: str) -> None:
    bench = load_bench()
    report = reports[kind]
    scores = bench.scores(report)
    below = {name: scores[name] for name in ASSERTED if scores.get(name) != 100}
    assert not below, f"Lighthouse on {kind}: {below}\n" + "\n".join(
        line for line in bench.shortfalls(report) if line.split(":")[0] in ASSERTED
    )
