"""Share a build's work between worker processes, one per core.

Workers are forked after the site is planned, so they inherit the model, the compiled
templates and the work to do; only the indices of their share travel to them, and only
small results travel back. Where forking is not safe (a process running threads, such as
the preview server, or a system without fork) the work runs in this process instead.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

R = TypeVar("R")

_work: Callable[[range], object] | None = None  # set in each worker, before its first task


def cores() -> int:
    """How many cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def chunks(count: int, workers: int) -> list[range]:
    """``count`` items in interleaved shares: heavy pages planned together are spread out."""
    if workers <= 1 or count <= 1:
        return [range(count)] if count else []
    parts = min(count, workers * 4)
    return [range(i, count, parts) for i in range(parts)]


def can_fork() -> bool:
    """Whether worker processes may be forked from this one now."""
    import multiprocessing

    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def run(work: Callable[[range], R], shares: Sequence[range], workers: int) -> Iterator[R]:
    """``work`` on each share, in order; in up to ``workers`` processes when there are several."""
    workers = min(workers, len(shares))
    if workers <= 1 or not can_fork():
        for share in shares:
            yield work(share)
        return
    import gc
    import multiprocessing

    context = multiprocessing.get_context("fork")
    # The workers' garbage collector would otherwise walk, and so copy, every object they
    # inherit (the whole site); frozen, those are left alone.
    gc.freeze()
    try:
        with context.Pool(workers, initializer=_install, initargs=(work,)) as pool:
            yield from pool.imap(_call, shares)
    finally:
        gc.unfreeze()


def _install(work: Callable[[range], object]) -> None:
    global _work
    _work = work


def _call(share: range) -> object:
    assert _work is not None
    return _work(share)
