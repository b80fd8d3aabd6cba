"""Preview benchmark: from saving a story to its rebuilt page being served, seen from outside.

    .venv/bin/python bench/edit_latency.py --artists 100 1000 [--edits 5] [--json]

For each size it writes a synthetic site (N artists, one series of two works each, the
works sharing one image so encoding does not dominate), starts `showcase serve` as a
separate process, then edits one story at a time and polls the served page until the new
text is there. It prints the median and worst latency and the pages each edit rendered.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _common import one_language_settings

ROOT = Path(__file__).resolve().parent.parent
STORY = (ROOT / "content/artists/bakhyt-morel.md").read_text(encoding="utf-8").split("---\n", 2)[2]
IMAGE = ROOT / "content/series/steppe-awakening/01-steppe-at-first-light.jpg"


def make_site(folder: Path, artists: int) -> None:
    """A site of ``artists`` artists, each with a two-work series."""
    (folder / "site.yaml").write_text(one_language_settings(), encoding="utf-8")
    (folder / "content/artists").mkdir(parents=True)
    shared = folder / "content/series/shared"
    shared.mkdir(parents=True)
    shutil.copy(IMAGE, shared / "work.jpg")
    for n in range(artists):
        lat, lon = 41 + (n * 7919 % 1000) / 100, 50 + (n * 104729 % 3500) / 100
        (folder / f"content/artists/artist-{n:05d}.md").write_text(
            f"---\nname: Artist {n:05d}\ndiscipline: painter\nsummary: Painter number {n}.\n"
            f"hometown:\n  name: Town {n}\n  country: Kazakhstan\n  lat: {lat:.4f}\n"
            f"  lon: {lon:.4f}\nweight: {n}\n---\n{STORY}",
            encoding="utf-8",
        )
        works = "".join(
            f"  - title: Work {w}\n    image: shared/work.jpg\n    year: 2020\n"
            f"    medium: Oil on canvas\n    alt: A violet dawn sky over hills and grass.\n"
            for w in (1, 2)
        )
        (folder / f"content/series/series-{n:05d}.md").write_text(
            f"---\ntitle: Series {n:05d}\nartist: artist-{n:05d}\nyears: '2020'\nworks:\n"
            f"{works}---\nA series.\n",
            encoding="utf-8",
        )


def measure(artists: int, edits: int) -> dict[str, float | int]:
    """Start a preview of a synthetic site and time ``edits`` story edits."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        make_site(folder, artists)
        started = time.perf_counter()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "serve",
                "-s",
                str(folder),
                "--port",
                "0",
                "--cache-dir",
                str(folder / "cache"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert process.stdout is not None
        lines = []
        while not (line := process.stdout.readline()).startswith("Serving"):
            if not line:
                raise RuntimeError("".join(lines))
            lines.append(line)
        first_build = time.perf_counter() - started
        url = line.split()[1]
        latencies, rendered = [], []
        target = folder / "content/artists/artist-00042.md"
        for edit in range(edits):
            marker = f"edit-marker-{edit}"
            text = target.read_text(encoding="utf-8")
            text = re.sub(r"edit-marker-\d+|countless hours", marker, text, count=1)
            saved = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            while True:
                with urllib.request.urlopen(url + "artists/artist-00042/") as response:
                    if marker.encode() in response.read():
                        break
                if time.perf_counter() - saved > 30:
                    raise RuntimeError("the edit never appeared")
            latencies.append(time.perf_counter() - saved)
            report = process.stdout.readline()
            rendered.append(int(re.search(r"Rendered (\d+)", report).group(1)))
            time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    return {
        "artists": artists,
        "first_build_s": round(first_build, 2),
        "edit_median_s": round(statistics.median(latencies), 3),
        "edit_worst_s": round(max(latencies), 3),
        "pages_rendered_per_edit": statistics.median(rendered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artists", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [measure(n, args.edits) for n in args.artists]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'artists':>8} {'first build':>12} {'edit median':>12} {'edit worst':>11} "
        f"{'pages/edit':>11}"
    )
    for row in rows:
        print(
            f"{row['artists']:>8} {row['first_build_s']:>11}s {row['edit_median_s']:>11}s "
            f"{row['edit_worst_s']:>10}s {row['pages_rendered_per_edit']:>11}"
        )


if __name__ == "__main__":
    main()
