"""Work shared between processes gives what the same work gives in one process."""

from __future__ import annotations

import os

import pytest

from generator import parallel
from generator.errors import ContentError

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="shares work by forking")


def squares(share: range) -> list[tuple[int, int, int]]:
    return [(i, i * i, os.getpid()) for i in share]


def test_results_come_back_in_share_order_from_several_processes() -> None:
    shares = parallel.chunks(1000, 2)
    parts = list(parallel.run(squares, shares, 2))
    assert [[(i, sq) for i, sq, _ in part] for part in parts] == [
        [(i, i * i) for i in share] for share in shares
    ]
    assert sorted(i for part in parts for i, _, _ in part) == list(range(1000))


def test_this_process_works_too_and_the_workers_are_reaped() -> None:
    def slow_squares(share: range) -> list[tuple[int, int, int]]:
        import time

        time.sleep(0.01)  # every process gets to draw shares
        return squares(share)

    parts = parallel.run(slow_squares, parallel.chunks(40, 2), 2)
    pids = {pid for part in parts for *_, pid in part}
    assert os.getpid() in pids and len(pids) == 2
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind, not even a zombie


def test_an_error_in_a_worker_reaches_the_caller_with_its_location() -> None:
    parent = os.getpid()

    def fails_in_a_worker(share: range) -> list[int]:
        if os.getpid() != parent:
            raise ContentError("bad date", path="content/artists/a.md", line=3)
        import time

        time.sleep(0.05)  # leave the worker the other shares
        return list(share)

    with pytest.raises(ContentError) as caught:
        list(parallel.run(fails_in_a_worker, parallel.chunks(8, 2), 2))
    assert (caught.value.path, caught.value.line) == ("content/artists/a.md", 3)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_an_error_that_cannot_be_pickled_still_arrives_as_text() -> None:
    parent = os.getpid()

    class Local(Exception):  # defined here: it cannot be unpickled in the parent
        pass

    def fails(share: range) -> list[int]:
        if os.getpid() != parent:
            raise Local("worker trouble")
        import time

        time.sleep(0.05)
        return list(share)

    with pytest.raises(RuntimeError, match="worker trouble"):
        list(parallel.run(fails, parallel.chunks(8, 2), 2))


def test_one_worker_or_one_share_runs_in_this_process() -> None:
    assert list(parallel.run(squares, [range(3)], 4)) == [squares(range(3))]
    assert [p[0][2] for p in parallel.run(squares, parallel.chunks(4, 2), 1)] == [os.getpid()] * 4
