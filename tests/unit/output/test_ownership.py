"""One proof of ownership for showcase's leftovers, and one safe test of a process's end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output import ownership
from generator.output.ownership import OWNER_MARKER, RETIRED, STAGING, is_ours, mark


def test_a_marker_proves_only_its_kind_and_its_own_folder(tmp_path: Path) -> None:
    folder = tmp_path / ".site.new-1-ab"
    folder.mkdir()
    mark(folder, STAGING)
    assert is_ours(folder, STAGING)
    assert not is_ours(folder, RETIRED)
    copy = tmp_path / ".site.old-20240101"
    copy.mkdir()
    (copy / OWNER_MARKER).write_bytes((folder / OWNER_MARKER).read_bytes())
    assert not is_ours(copy, STAGING)
    (folder / OWNER_MARKER).write_text(
        (folder / OWNER_MARKER).read_text("utf-8") + "extra\n", "utf-8"
    )
    assert not is_ours(folder, STAGING)


def test_on_windows_a_process_is_never_probed_with_kill(monkeypatch: pytest.MonkeyPatch) -> None:
    def kill(pid: int, sig: int) -> None:  # on Windows, this would end the process
        raise AssertionError("os.kill called")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "kill", kill)
    assert ownership.process_gone(999_999_999) is False


def test_a_process_that_ended_is_gone_and_this_one_is_not() -> None:
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    assert ownership.process_gone(child.pid)
    assert not ownership.process_gone(os.getpid())


def test_output_imports_without_sighup_nofollow_or_dir_fd() -> None:
    """As on Windows: no SIGHUP, no O_NOFOLLOW or O_DIRECTORY, no folders opened by fd."""
    script = (
        "import os, signal\n"
        "del signal.SIGHUP, os.O_NOFOLLOW, os.O_DIRECTORY\n"
        "os.supports_dir_fd = set()\n"
        "import generator.output.scratch, generator.output.update, generator.output.lock\n"
        "from generator.output import folders\n"
        "assert folders._BY_DESCRIPTOR is False\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
