"""Image pipeline benchmark: encodes per second on a cold cache, and a warm rebuild.

    .venv/bin/python bench/images.py [--rounds 3] [--json]

Builds the example site (18 artworks) with a fresh image cache, then again with the
cache warm, and prints medians. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from _common import print_figures

from generator import build
from generator.media.images import supported_formats

ROOT = Path(__file__).resolve().parent.parent


def measure(rounds: int) -> dict[str, float | int | str]:
    """Median figures over ``rounds`` cold and warm builds."""
    cold, warm, encoded = [], [], 0
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as scratch:
            cache, output = Path(scratch) / "cache", Path(scratch) / "site"
            started = time.perf_counter()
            report = build(ROOT, output, cache_dir=cache)
            cold.append(time.perf_counter() - started)
            encoded = report.encoded
            started = time.perf_counter()
            again = build(ROOT, output, cache_dir=cache)
            warm.append(time.perf_counter() - started)
            assert again.encoded == 0
    from generator.config import ImageSettings

    return {
        "images": report.images,
        "files_encoded_cold": encoded,
        "formats": ",".join(supported_formats(ImageSettings())),
        "cores": os.cpu_count() or 1,
        "cold_build_s": round(statistics.median(cold), 3),
        "encodes_per_s": round(encoded / statistics.median(cold), 1),
        "images_per_s": round(report.images / statistics.median(cold), 2),
        "warm_build_s": round(statistics.median(warm), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    print_figures(measure(args.rounds), args.json)


if __name__ == "__main__":
    main()
