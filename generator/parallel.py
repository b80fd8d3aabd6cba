"""Share a build's work between this process and forked copies of it, one per core.

Workers are forked after the site is planned, so they inherit the model, the compiled
templates and the work to do. This process works too: every process takes the next share
from a pipe holding their numbers (so a slow share does not hold the others up) and the
workers send back what their shares gave, pickled, when they are done. Where forking is not
safe (a process running threads, such as the preview server, or a system without fork) the
work runs in this process alone.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

R = TypeVar("R")

_INDEX = 4  # bytes per share number in the pipe
# The share numbers are written into the pipe before anyone reads: they must fit its buffer.
MAX_SHARES = 4096


def cores() -> int:
    """How many cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def chunks(count: int, workers: int) -> list[range]:
    """``count`` items in interleaved shares: heavy pages planned together are spread out."""
    if workers <= 1 or count <= 1:
        return [range(count)] if count else []
    parts = min(count, workers * 4, MAX_SHARES)
    return [range(i, count, parts) for i in range(parts)]


def can_fork() -> bool:
    """Whether worker processes may be forked from this one now."""
    return (
        sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1
    )


def run(work: Callable[[range], R], shares: Sequence[range], workers: int) -> Iterator[R]:
    """``work`` on each share, results in order; in up to ``workers`` processes."""
    workers = min(workers, len(shares))
    if workers <= 1 or len(shares) > MAX_SHARES or not can_fork():
        for share in shares:
            yield work(share)
        return
    import gc
    import pickle

    results: dict[int, R] = {}
    queue, feed = os.pipe()
    children: list[tuple[int, int]] = []
    # The children's garbage collector would otherwise walk, and so copy, every object they
    # inherit (the whole site); frozen, those are left alone.
    gc.freeze()
    try:
        os.write(feed, b"".join(i.to_bytes(_INDEX, "little") for i in range(len(shares))))
        os.close(feed)
        feed = -1
        for _ in range(workers - 1):
            children.append(_fork(work, shares, queue))
        results.update(_take(work, shares, queue))
        for _, pipe in children:
            ok, value = pickle.loads(_read_all(pipe))
            if not ok:
                raise value
            results.update(value)
    finally:
        gc.unfreeze()
        if feed != -1:
            os.close(feed)
        os.close(queue)
        for pid, pipe in children:
            _reap(pid, pipe)
    for index in range(len(shares)):
        yield results[index]


def _take(
    work: Callable[[range], R], shares: Sequence[range], queue: int
) -> Iterator[tuple[int, R]]:
    """Work on the shares this process draws from ``queue`` until it is empty."""
    while True:
        drawn = os.read(queue, _INDEX)  # reads from a pipe this small are atomic
        if not drawn:
            return
        index = int.from_bytes(drawn, "little")
        yield index, work(shares[index])


def _fork(work: Callable[[range], R], shares: Sequence[range], queue: int) -> tuple[int, int]:
    """A child that works on shares from ``queue`` and writes back (ok, results or error)."""
    import pickle

    pipe, out = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(out)
        return pid, pipe
    status = 0
    try:  # in the child: never return into the caller's code
        _die_with(parent)
        os.close(pipe)
        try:
            done = list(_take(work, shares, queue))
            payload = pickle.dumps((True, done), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:
            payload = _pickled_error(exc)
        view = memoryview(payload)
        while view:
            view = view[os.write(out, view) :]
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _die_with(parent: int) -> None:
    """Make this worker end when ``parent`` does, however it ends.

    A build stopped outright (SIGKILL: no handler runs) cannot stop its workers, which would
    go on writing their pages into its unfinished folder after the next build has cleared it
    away. Linux ends the worker with its parent when asked (``PR_SET_PDEATHSIG``); a parent
    already gone before the request was made is seen by the worker's new parent id.
    """
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux's C library: the worker still ends once its shares are done
    if os.getppid() != parent:
        os._exit(1)


# prctl's option for the signal a process gets when its parent ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


def _pickled_error(exc: BaseException) -> bytes:
    import pickle
    import traceback

    try:
        return pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot travel is sent as its traceback
        text = "".join(traceback.format_exception(exc))
        return pickle.dumps((False, RuntimeError(f"a worker process failed:\n{text}")))


def _read_all(pipe: int) -> bytes:
    parts = []
    while chunk := os.read(pipe, 1 << 20):
        parts.append(chunk)
    if not parts:
        raise RuntimeError("a worker process ended without sending its results")
    return b"".join(parts)


def _reap(pid: int, pipe: int) -> None:
    """Close a child's pipe and wait for it; a child still working is stopped first."""
    import signal

    os.close(pipe)
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if not done:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass
