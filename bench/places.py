"""Place-lookup benchmark: reading the shipped list of places, and a lookup once it is read.

    .venv/bin/python bench/places.py [--rounds 5] [--json]

A site whose hometowns all have ``lat`` and ``lon`` never reads the list; the first place
written by name makes the build read it once (decompress, parse, index). Each round reads it
afresh in a new process, so the figure is what one build pays. It measures; it asserts
nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

from _common import print_figures

# Run in a new process each round: the time to read the list, then to look a name up.
_ROUND = """
import time
from generator.content import gazetteer
started = time.perf_counter()
gazetteer._table()
loaded = time.perf_counter() - started
started = time.perf_counter()
for _ in range(1000):
    gazetteer.lookup("Balkhash", "KZ")
print(loaded, (time.perf_counter() - started) / 1000)
"""


def measure(rounds: int) -> dict[str, float | int]:
    """Median load and lookup times over ``rounds`` new processes."""
    loads, lookups = [], []
    for _ in range(rounds):
        output = subprocess.run(
            [sys.executable, "-c", _ROUND], capture_output=True, text=True, check=True
        ).stdout
        load, lookup = (float(value) for value in output.split())
        loads.append(load)
        lookups.append(lookup)
    return {
        "rounds": rounds,
        "load_s": round(statistics.median(loads), 3),
        "lookup_ms": round(statistics.median(lookups) * 1000, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()
    print_figures(measure(options.rounds), options.json)


if __name__ == "__main__":
    main()
