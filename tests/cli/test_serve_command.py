"""`showcase serve` as a user runs it: it says where, moves off a busy port, stops on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def start(
    project: Path, cache: Path, *args: str, temp: Path | None = None
) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(temp)} if temp is not None else None
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "-s",
            str(project),
            "--cache-dir",
            str(cache),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def wait_for_line(process: subprocess.Popen[str], text: str, seconds: float = 60) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + seconds
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if text in line:
            return lines
    raise AssertionError(f"{text!r} never printed: {''.join(lines)}")


def test_serve_moves_off_a_busy_port_serves_and_stops_on_ctrl_c(
    tiny_project: Path, tmp_path: Path
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        process = start(tiny_project, tmp_path / "cache", "--port", str(port))
        try:
            lines = wait_for_line(process, "Serving http://127.0.0.1:")
            assert any(f"Port {port} is busy" in line for line in lines)
            url = lines[-1].split()[1]
            with urllib.request.urlopen(url) as response:
                assert response.status == 200
                assert b"Tiny Showcase" in response.read()
        finally:
            process.send_signal(signal.SIGINT)
            output, _ = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "Stopping." in output
    assert "Traceback" not in output


def test_listening_beyond_loopback_is_warned_about(tiny_project: Path, tmp_path: Path) -> None:
    process = start(tiny_project, tmp_path / "cache", "--host", "0.0.0.0", "--port", "0")
    try:
        lines = wait_for_line(process, "Serving")
        assert any("anyone who can reach this machine" in line for line in lines)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)


def scratch_folders(temp: Path) -> list[str]:
    return sorted(p.name for p in temp.iterdir() if p.name.startswith("showcase-serve-"))


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_serve_stopped_by_a_signal_removes_its_temporary_folder(
    tiny_project: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    process = start(tiny_project, tmp_path / "cache", "--port", "0", temp=temp)
    try:
        wait_for_line(process, "Serving http://127.0.0.1:")
        assert len(scratch_folders(temp)) == 1
    finally:
        process.send_signal(stop)
        output, _ = process.communicate(timeout=20)
    assert process.returncode == 128 + stop
    assert "Traceback" not in output
    assert scratch_folders(temp) == []


def test_a_killed_serve_s_folder_is_swept_at_the_next_start_and_nothing_else(
    tiny_project: Path, tmp_path: Path
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    lookalike = temp / "showcase-serve-lookalike"  # same name, no marker: not showcase's
    (lookalike / "site").mkdir(parents=True)
    (lookalike / "site/index.html").write_text("mine", encoding="utf-8")
    killed = start(tiny_project, tmp_path / "cache", "--port", "0", temp=temp)
    try:
        wait_for_line(killed, "Serving http://127.0.0.1:")
    finally:
        killed.kill()  # SIGKILL: no chance to clean up
        killed.communicate(timeout=20)
    [stale] = [name for name in scratch_folders(temp) if name != lookalike.name]

    process = start(tiny_project, tmp_path / "cache", "--port", "0", temp=temp)
    try:
        wait_for_line(process, "Serving http://127.0.0.1:")
        remaining = scratch_folders(temp)
        assert stale not in remaining
        assert lookalike.name in remaining
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
    assert scratch_folders(temp) == [lookalike.name]
    assert (lookalike / "site/index.html").read_text(encoding="utf-8") == "mine"
