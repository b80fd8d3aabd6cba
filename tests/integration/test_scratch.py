"""Scratch folders: marked, removed even when the process is stopped, swept when stale."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output.scratch import SCRATCH_MARKER, scratch_folder, sweep_stale

HOLD = """
import sys, time
from pathlib import Path
from generator.output.scratch import scratch_folder
with scratch_folder("showcase-test-", Path(sys.argv[1])) as folder:
    print(folder, flush=True)
    time.sleep(60)
"""


def test_a_scratch_folder_is_marked_and_removed_after(tmp_path: Path) -> None:
    with scratch_folder("showcase-test-", tmp_path) as folder:
        assert folder.parent == tmp_path and folder.name.startswith("showcase-test-")
        assert f"pid {os.getpid()}" in (folder / SCRATCH_MARKER).read_text(encoding="utf-8")
        (folder / "a/b").mkdir(parents=True)
    assert not folder.exists()


def test_a_scratch_folder_is_removed_after_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), scratch_folder("showcase-test-", tmp_path) as folder:
        raise RuntimeError("stop")
    assert not folder.exists()


def test_the_previous_signal_handlers_are_restored(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    with scratch_folder("showcase-test-", tmp_path):
        assert signal.getsignal(signal.SIGTERM) != before[0]
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stopped_process_removes_its_scratch_folder(tmp_path: Path, number: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    folder = Path(child.stdout.readline().strip())
    assert folder.is_dir()
    child.send_signal(number)
    child.wait(timeout=30)
    child.stdout.close()
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_sweep_removes_only_marked_folders_whose_process_is_gone(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    folder = Path(child.stdout.readline().strip())
    child.kill()  # SIGKILL: nothing can clean up
    child.wait(timeout=30)
    child.stdout.close()
    assert folder.is_dir()

    unmarked = tmp_path / "showcase-test-mine"
    unmarked.mkdir()
    (unmarked / "notes.txt").write_text("mine\n", encoding="utf-8")
    forged = tmp_path / "showcase-test-forged"
    forged.mkdir()
    (forged / SCRATCH_MARKER).write_text("anything\n", encoding="utf-8")
    with scratch_folder("showcase-test-", tmp_path) as running:
        assert sweep_stale("showcase-test-", tmp_path) == [folder]
        assert running.is_dir()
    assert not folder.exists()
    assert unmarked.is_dir() and forged.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "showcase-test-forged",
        "showcase-test-mine",
    ]
