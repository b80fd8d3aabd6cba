"""Helpers shared by the build benchmarks: timed runs with memory sampling, edits under
`showcase build --watch`, the machine's description and Markdown tables.

Not a benchmark itself; the scripts beside it import it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_EVERY = 0.01  # seconds between memory samples
RESCAN_EVERY = 5  # samples between looks for new child processes
POLL_EVERY = 0.002  # seconds between looks at a page during an edit
EDIT_TIMEOUT = 60.0
SETTLE = 0.3  # seconds after a watcher is ready, and after each rebuild, before the next edit


@dataclass(frozen=True, slots=True)
class Run:
    """One whole-process run: wall time, what it printed, and (when sampled) peak memory."""

    seconds: float
    output: str
    peak_mb: float | None = None


def median(values: Sequence[float], digits: int = 3) -> float:
    """The median, rounded."""
    return round(statistics.median(values), digits)


def memory_metric() -> str:
    """'PSS' where the kernel reports it (/proc/<pid>/smaps_rollup), else 'RSS'."""
    return "PSS" if Path(f"/proc/{os.getpid()}/smaps_rollup").exists() else "RSS"


def _children() -> dict[int, list[int]]:
    """Every process's children, from the parent ids in /proc/<pid>/stat."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _descendants(root: int) -> list[int]:
    tree, found, queue = _children(), [root], [root]
    while queue:
        kids = tree.get(queue.pop(), [])
        found += kids
        queue += kids
    return found


def _memory_kb(pid: int, field: str) -> int:
    """A process's PSS (or RSS) in kB; 0 once it is gone."""
    source = "smaps_rollup" if field == "PSS" else "status"
    key = "Pss:" if field == "PSS" else "VmRSS:"
    try:
        text = Path(f"/proc/{pid}/{source}").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return 0


class _Sampler(threading.Thread):
    """Sums the memory of a process and its descendants, keeping the peak.

    Reading PSS walks the page tables (about 5 ms for 300 MB), so the pause between samples
    is SAMPLE_EVERY or four times the last sample's cost, whichever is longer.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.field = pid, 0, memory_metric()
        self.done = threading.Event()

    def run(self) -> None:
        pids, count = [self.pid], 0
        while not self.done.is_set():
            started = time.perf_counter()
            if count % RESCAN_EVERY == 0:
                pids = _descendants(self.pid)
            total = sum(_memory_kb(pid, self.field) for pid in pids)
            self.peak_kb = max(self.peak_kb, total)
            count += 1
            self.done.wait(max(SAMPLE_EVERY, 4 * (time.perf_counter() - started)))


def run_measured(command: Sequence[str], cwd: Path | None = None, sample: bool = False) -> Run:
    """Run ``command`` to the end, with its memory ``sample``d or undisturbed (for timing).

    Raise RuntimeError with its output if it fails.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sampler = _Sampler(process.pid)
    if sample:
        sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    if sample:
        sampler.done.set()
        sampler.join()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{output[-2000:]}")
    return Run(seconds, output, round(sampler.peak_kb / 1024, 1) if sample else None)


def clean(*folders: Path) -> None:
    """Delete folders, if they are there, and sync the disk before anything is timed.

    Cold runs never write where an earlier run's output was deleted: they write into new
    folders, deleted only when a whole measurement is over. Deleting a built site slows these
    machines' disks for minutes after (bench/README.md, "Deleting between runs").
    """
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    os.sync()


def site_files(built: Path) -> list[tuple[str, bytes]]:
    """Every file of the built site ``built``: its path in the site, and its bytes."""
    return [
        (path.relative_to(built).as_posix(), path.read_bytes())
        for path in sorted(built.rglob("*"))
        if path.is_file() and not path.is_symlink()
    ]


def disk_floor(files: list[tuple[str, bytes]], scratch: Path, workers: int) -> float:
    """Seconds this disk takes to write a site's ``files`` (from ``site_files``) again: every
    folder made and every file written into the new folder ``scratch``, from ``workers``
    processes, with nothing else to do.

    What any tool writing the same site pays before its own work. The disk is synced first,
    as for a cold run; ``scratch`` is left for the caller to delete once timing is over.
    """
    scratch.mkdir(parents=True)
    os.sync()
    start = time.perf_counter()
    children = []
    for k in range(1, workers):
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                _write_all(scratch, files[k::workers])
                status = 0
            finally:
                os._exit(status)
        children.append(pid)
    _write_all(scratch, files[0::workers])
    for pid in children:
        if os.waitpid(pid, 0)[1] != 0:
            raise RuntimeError(f"a process writing the disk floor into {scratch} failed")
    return time.perf_counter() - start


def _write_all(root: Path, files: list[tuple[str, bytes]]) -> None:
    for rel, data in files:
        target = os.path.join(root, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(data)


def count_pages(output: Path, pattern: str = "artists/*/index.html") -> int:
    """How many files under ``output`` match ``pattern``."""
    return sum(1 for _ in output.glob(pattern))


def one_language_settings() -> str:
    """The example's site.yaml for a site in its default language alone: each text written
    per language (``title: {en: …, ru: …}``) as the default language's, no ``languages``.
    The benchmarks' sites have no translations: the three-language one adds its own."""
    import yaml

    settings = yaml.safe_load((ROOT / "site.yaml").read_text(encoding="utf-8"))
    languages = settings.pop("languages", None)
    if not languages:
        return (ROOT / "site.yaml").read_text(encoding="utf-8")
    default = languages[0]

    def flat(value: Any) -> Any:
        if isinstance(value, dict):
            if value and set(value) <= set(languages):
                return value[default]
            return {key: flat(item) for key, item in value.items()}
        if isinstance(value, list):
            return [flat(item) for item in value]
        return value

    settings = flat(settings)
    settings["language"] = default
    return yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)


def showcase(*args: str) -> list[str]:
    """The command line that runs this checkout's showcase."""
    return [sys.executable, "-m", "generator", *args]


def compile_showcase() -> None:
    """Byte-compile this checkout's showcase, as pip does on install (and did for the peers).

    An editable install compiles its modules when first imported, unless the environment says
    not to write bytecode (PYTHONDONTWRITEBYTECODE, set on some machines): then every timed
    run would compile them from source, which no installed tool does.
    """
    import compileall

    compileall.compile_dir(ROOT / "generator", quiet=2)


def has_watch() -> bool:
    """Whether this showcase's `build` takes --watch."""
    result = subprocess.run(
        showcase("build", "--help"), capture_output=True, text=True, check=True, cwd=ROOT
    )
    return "--watch" in result.stdout


class Watcher:
    """`showcase build --watch` running as its own process, ready once it prints 'Watching'."""

    def __init__(self, source: Path, *extra: str) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            showcase("build", "-s", str(source), "--watch", *extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        ready = threading.Event()
        threading.Thread(target=self._read, args=(ready,), daemon=True).start()
        if not ready.wait(600) or self.process.poll() is not None:
            self.stop()
            raise RuntimeError("build --watch never got ready:\n" + "".join(self.lines))
        time.sleep(SETTLE)

    def _read(self, ready: threading.Event) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if "Watching" in line:
                ready.set()
        ready.set()  # the process ended; the caller sees it has exited

    def stop(self) -> None:
        """Interrupt it as Ctrl-C would; kill it if it does not stop."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def watch_edits(
    site: Path, slugs: Sequence[str], edits: int, *extra: str
) -> tuple[float | None, list[float], str]:
    """Median and all latencies of ``edits`` edits spread over ``slugs`` under
    `build --watch` (``extra`` are build options), or why there are none."""
    if edits == 0:
        return None, [], "none asked for (--edits 0)"
    if not has_watch():
        return None, [], "this showcase's build has no --watch"
    step = max(1, len(slugs) // edits)
    times = edit_latencies(site, slugs[::step][:edits], *extra)
    return median(times), [round(t, 3) for t in times], ""


def edit_latencies(source: Path, slugs: Sequence[str], *extra: str) -> list[float]:
    """Seconds from appending a sentence to each artist's story to seeing it on their page.

    The watcher builds ``source`` into ``source/site`` first; ``extra`` are build options.
    """
    watcher = Watcher(source, *extra)
    try:
        return [_one_edit(watcher, source, slug, n) for n, slug in enumerate(slugs)]
    finally:
        watcher.stop()


def _one_edit(watcher: Watcher, source: Path, slug: str, n: int) -> float:
    story = source / "content/artists" / f"{slug}.md"
    page = source / "site/artists" / slug / "index.html"
    token = f"benchedit{n}x{time.time_ns()}"
    text = story.read_text(encoding="utf-8")
    reports = len(watcher.lines)
    saved = time.perf_counter()
    story.write_text(f"{text.rstrip()}\n\nThe {token} was added later.\n", encoding="utf-8")
    while not _shows(page, token):
        waited = time.perf_counter() - saved
        if waited > EDIT_TIMEOUT or watcher.process.poll() is not None:
            raise RuntimeError(
                f"{story.name} edited, {page} unchanged after {waited:.1f} s; "
                "build --watch printed:\n" + "".join(watcher.lines[-20:])
            )
        time.sleep(POLL_EVERY)
    latency = time.perf_counter() - saved
    # Let that rebuild finish (it reports when it has) before the next edit.
    while len(watcher.lines) == reports and time.perf_counter() - saved < EDIT_TIMEOUT:
        time.sleep(0.01)
    time.sleep(SETTLE)
    return latency


def _shows(page: Path, token: str) -> bool:
    try:
        return token.encode() in page.read_bytes()
    except OSError:
        return False  # being replaced at this moment


def machine() -> dict[str, str | int]:
    """Date, CPU model, core count and Python version, for the head of a report."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="minutes"),
        "cpu": model,
        "cores": os.cpu_count() or 1,
        "python": platform.python_version(),
    }


def describe(info: dict[str, str | int]) -> str:
    """The machine as one line."""
    return (
        f"{info['date']} · {info['cpu']}, {info['cores']} cores · Python {info['python']} · "
        f"peak memory = {memory_metric()} summed over the process tree, sampled every "
        f"≥{SAMPLE_EVERY * 1000:.0f} ms in one extra cold run (timed runs are not sampled)"
    )


def columns(rows: Sequence[dict[str, Any]], spec: Sequence[tuple[str, str, str]]) -> str:
    """A Markdown table of ``rows``, one column per (header, key, format spec)."""
    cells = [[None if r.get(k) is None else format(r[k], f) for _, k, f in spec] for r in rows]
    return table([header for header, _, _ in spec], cells)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, numbers right-aligned."""
    cells = [[str(h) for h in headers]] + [["–" if c is None else str(c) for c in r] for r in rows]
    widths = [max(3, *(len(row[i]) for row in cells)) for i in range(len(headers))]
    numeric = [all(_is_number(row[i]) for row in cells[1:]) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [
            c.rjust(w) if num else c.ljust(w)
            for c, w, num in zip(row, widths, numeric, strict=True)
        ]
        return "| " + " | ".join(parts) + " |"

    rule = ["-" * (w - 1) + ":" if num else "-" * w for w, num in zip(widths, numeric, strict=True)]
    return "\n".join([line(cells[0]), "| " + " | ".join(rule) + " |", *map(line, cells[1:])])


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("×"))
    except ValueError:
        return text == "–"
    return True


def print_rows(
    rows: list[dict[str, Any]], as_json: bool, report: Callable[[list[dict[str, Any]]], str]
) -> None:
    """A script's rows of figures (one per N), each with the machine: as JSON (one object for
    one N), or as ``report`` writes them."""
    for row in rows:
        row["machine"] = machine()
    if as_json:
        print(json.dumps(rows[0] if len(rows) == 1 else rows, indent=2, ensure_ascii=False))
        return
    print(report(rows))


def print_figures(figures: dict[str, Any], as_json: bool) -> None:
    """A script's figures as JSON, or one aligned ``name  value`` line each."""
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
