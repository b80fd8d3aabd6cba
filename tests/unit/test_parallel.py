"""Work shared between processes gives what the same work gives in one process.

Forking is refused while a process runs other threads (the test session may be running a
browser's), so each scenario runs in a new interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from generator import parallel
from generator.errors import ContentError
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def in_a_new_process(scenario: str) -> None:
    """Run the function ``scenario`` of this module in a new interpreter; fail as it fails."""
    code = f"from tests.unit.test_parallel import {scenario}; {scenario}()"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_results_come_back_in_share_order_from_several_processes() -> None:
    in_a_new_process("results_in_order")


def test_this_process_works_too_and_the_workers_are_reaped() -> None:
    in_a_new_process("every_process_works")


def test_an_error_in_a_worker_reaches_the_caller_with_its_location() -> None:
    in_a_new_process("an_error_travels_whole")


def test_an_error_that_cannot_be_pickled_still_arrives_as_text() -> None:
    in_a_new_process("an_error_travels_as_text")


def test_one_worker_or_one_share_runs_in_this_process() -> None:
    assert list(parallel.run(squares, [range(3)], 4)) == [squares(range(3))]
    assert [p[0][2] for p in parallel.run(squares, parallel.chunks(4, 2), 1)] == [os.getpid()] * 4


def squares(share: range) -> list[tuple[int, int, int]]:
    return [(i, i * i, os.getpid()) for i in share]


def slow_squares(share: range) -> list[tuple[int, int, int]]:
    time.sleep(0.01)  # every process gets to draw shares
    return squares(share)


def results_in_order() -> None:
    assert parallel.can_fork()
    shares = parallel.chunks(1000, 2)
    parts = list(parallel.run(squares, shares, 2))
    assert [[(i, sq) for i, sq, _ in part] for part in parts] == [
        [(i, i * i) for i in share] for share in shares
    ]
    assert sorted(i for part in parts for i, _, _ in part) == list(range(1000))


def every_process_works() -> None:
    parts = parallel.run(slow_squares, parallel.chunks(40, 2), 2)
    pids = {pid for part in parts for *_, pid in part}
    assert os.getpid() in pids and len(pids) == 2
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind, not even a zombie


def _fails_in_a_worker(parent: int, error: Exception) -> Callable[[range], list[int]]:
    def work(share: range) -> list[int]:
        if os.getpid() != parent:
            raise error
        time.sleep(0.05)  # leave the worker the other shares
        return list(share)

    return work


def an_error_travels_whole() -> None:
    error = ContentError("bad date", path="content/artists/a.md", line=3)
    work = _fails_in_a_worker(os.getpid(), error)
    with pytest.raises(ContentError) as caught:
        list(parallel.run(work, parallel.chunks(8, 2), 2))
    assert (caught.value.path, caught.value.line) == ("content/artists/a.md", 3)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def an_error_travels_as_text() -> None:
    class Local(Exception):  # defined here: it cannot be unpickled in the parent
        pass

    work = _fails_in_a_worker(os.getpid(), Local("worker trouble"))
    with pytest.raises(RuntimeError, match="worker trouble"):
        list(parallel.run(work, parallel.chunks(8, 2), 2))
