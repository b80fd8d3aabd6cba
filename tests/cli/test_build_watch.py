"""`showcase build --watch` as a user runs it: rebuilds on save, survives mistakes, stops."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path


class Watching:
    """`showcase build --watch` in its own process, its output read line by line."""

    def __init__(self, project: Path, cache: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "-s", str(project), "--watch"],
            env={**os.environ, "SHOWCASE_CACHE_DIR": str(cache)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def stop(self) -> int:
        """Press Ctrl-C; the exit status."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=30)
        self.reader.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return "".join(seen)
        raise AssertionError(f"never printed {text!r}; printed:\n{''.join(seen)}")


def wait_until(check: object, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def test_build_watch_rebuilds_the_site_folder_on_every_save(
    tiny_project: Path, tmp_path: Path
) -> None:
    story = tiny_project / "content/artists/dana-sadyk.md"
    page = tiny_project / "site/artists/dana-sadyk/index.html"
    watching = Watching(tiny_project, tmp_path / "cache")
    try:
        watching.wait_for("Built 9 pages")
        watching.wait_for("Watching for changes")
        story.write_text(story.read_text("utf-8").replace("open sky", "wide sky"), "utf-8")
        wait_until(lambda: "wide sky" in page.read_text("utf-8"))
        watching.wait_for("Built 9 pages")

        # A mistake is reported with its file and line; the site stays as it was.
        good = story.read_text("utf-8")
        story.write_text(good.replace("name: Dana Sadyk", "name: [Dana"), "utf-8")
        report = watching.wait_for("the previous site was left as it was")
        assert "content/artists/dana-sadyk.md:" in report
        assert "wide sky" in page.read_text("utf-8")

        story.write_text(good.replace("wide sky", "low sky"), "utf-8")
        wait_until(lambda: "low sky" in page.read_text("utf-8"))
    finally:
        code = watching.stop()
    assert code == 0
