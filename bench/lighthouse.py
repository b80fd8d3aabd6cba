"""Lighthouse benchmark: the four category scores of the example site's main page kinds.

    .venv/bin/python bench/lighthouse.py [--pages home artist ...] [--jobs N] [--json]

It builds the example site into a temporary folder, serves it on 127.0.0.1, and runs
Lighthouse 12 (through `npx --yes lighthouse@12`, which fetches it on first use) in Debian's
headless Chromium on the home page, an artist, a series and the map, with its default mobile
emulation and throttling. It prints performance, accessibility, best practices and SEO for
each page, and every audit that kept a category below 100.

Chromium is /usr/bin/chromium unless CHROME_PATH names another. With --jobs above 1 the
pages are audited at the same time, which is quicker but makes performance less reliable.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "/",
    "artist": "/artists/bekzat-ayumi/",
    "series": "/gallery/steppe-awakening/",
    "map": "/map/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
LIGHTHOUSE = "lighthouse@12"


def lighthouse_command() -> list[str] | None:
    """How to start Lighthouse: a local install when there is one, else npx; None without node."""
    local = shutil.which("lighthouse")
    if local and shutil.which("node"):
        version = subprocess.run([local, "--version"], capture_output=True, text=True)
        if version.stdout.strip().startswith("12."):
            return [local]
    npx = shutil.which("npx")
    if npx and shutil.which("node"):
        return [npx, "--yes", LIGHTHOUSE]
    return None


def chrome_path() -> str | None:
    return (
        os.environ.get("CHROME_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


def audit(url: str, command: list[str] | None = None, timeout: float = 300) -> dict[str, Any]:
    """Lighthouse's JSON report of one page."""
    command = command or lighthouse_command()
    if command is None:
        raise RuntimeError("Lighthouse needs node and npx (apt-get install -y nodejs npm)")
    chrome = chrome_path()
    if chrome is None:
        raise RuntimeError("Chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        report = Path(scratch) / "report.json"
        result = subprocess.run(
            [
                *command,
                url,
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                f"--chrome-flags={CHROME_FLAGS} --user-data-dir={Path(scratch) / 'profile'}",
                "--only-categories=" + ",".join(CATEGORIES),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "CHROME_PATH": chrome},
        )
        if result.returncode != 0 or not report.exists():
            raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-4000:]}")
        data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def scores(report: dict[str, Any]) -> dict[str, int]:
    """Each category's score out of 100."""
    return {
        name: round((category["score"] or 0) * 100)
        for name, category in report["categories"].items()
    }


def shortfalls(report: dict[str, Any]) -> list[str]:
    """The weighted audits that kept a category below 100, one line each."""
    lines = []
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and result["score"] is not None and result["score"] < 1:
                value = result.get("displayValue") or ""
                lines.append(f"{name}: {ref['id']} {result['score']:.2f} {value} {result['title']}")
    return lines


def audit_pages(
    base: str, pages: dict[str, str], jobs: int = 1, command: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Lighthouse's report of each page, by name.

    Lighthouse is started once on its own first (``--version``): on a machine where npx has
    not fetched it yet, audits started together would each install it into the same cache
    at once, and some start while another is still writing it.
    """
    command = command if command is not None else lighthouse_command()
    if command is not None and jobs > 1:
        subprocess.run([*command, "--version"], capture_output=True, timeout=600, check=False)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {name: pool.submit(audit, base + path, command) for name, path in pages.items()}
        return {name: future.result() for name, future in futures.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--jobs", type=int, default=1, help="pages audited at the same time")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args()

    command = lighthouse_command()
    if command is None:
        print("Lighthouse needs node and npx (apt-get install -y nodejs npm)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from generator import build
    from tests.sitecheck import serve_folder  # the one static server of the tests

    with tempfile.TemporaryDirectory(prefix="showcase-lighthouse-") as scratch:
        started = time.perf_counter()
        report = build(ROOT, Path(scratch) / "site", cache_dir=Path(scratch) / "cache")
        built = time.perf_counter() - started
        with serve_folder(report.output) as base:
            started = time.perf_counter()
            reports = audit_pages(base, {p: PAGES[p] for p in args.pages}, args.jobs, command)
            audited = time.perf_counter() - started

    results = {name: scores(data) for name, data in reports.items()}
    if args.json:
        print(json.dumps({"scores": results, "build_s": built, "lighthouse_s": audited}, indent=2))
        return 0
    print(f"built in {built:.1f} s; Lighthouse took {audited:.1f} s for {len(reports)} pages")
    print(f"{'page':<8}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, result in results.items():
        print(f"{name:<8}" + "".join(f"{result.get(c, 0):>16}" for c in CATEGORIES))
    for name, data in reports.items():
        for line in shortfalls(data):
            print(f"  {name} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
