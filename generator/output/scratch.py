"""Temporary folders showcase marks as its own, removes even when stopped, and sweeps later.

A scratch folder holds showcase's ownership marker (see ``ownership``), naming the process
that made it. It is removed when its ``with`` block ends, also when the process is stopped
by SIGTERM, SIGHUP or Ctrl-C; a folder left by a process killed outright (SIGKILL, a power
cut) is removed by ``sweep_stale`` on a later run, and only if its marker proves showcase
made it and its process is gone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from generator.output.ownership import OWNER_MARKER, SCRATCH, folder_owner, mark, process_gone

SCRATCH_MARKER = OWNER_MARKER  # the one ownership marker
# SIGHUP (a closed terminal) does not exist on Windows.
_STOPPING = tuple(
    number for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if number is not None
)
_DEFERRED = {*_STOPPING, signal.SIGINT}


@contextlib.contextmanager
def scratch_folder(prefix: str, parent: Path | None = None) -> Iterator[Path]:
    """A new marked folder in the system's temporary folder (or ``parent``), removed after."""
    import tempfile  # here: a build, which only needs stopping_signals_raise, never does

    with stopping_signals_raise():
        owner = os.getpid()
        with signals_deferred():  # a signal now would leave an unmarked folder behind
            folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
            try:
                mark(folder, SCRATCH)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
        try:
            yield folder
        finally:
            if os.getpid() == owner:  # never in a forked child that did not make it
                with signals_deferred():
                    shutil.rmtree(folder, ignore_errors=True)


def sweep_stale(prefix: str, parent: Path | None = None) -> list[Path]:
    """Remove the scratch folders named ``prefix*`` whose process is gone; return them.

    A folder is removed only when it is a real folder (not a link) owned by this user, holds
    showcase's marker naming this machine, and the process the marker names no longer runs.
    Anything else with the same name is left alone.
    """
    import tempfile

    root = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    swept = []
    try:
        candidates = sorted(root.glob(f"{glob_escape(prefix)}*"))
    except OSError:
        return []
    for folder in candidates:
        if _is_stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            swept.append(folder)
    return swept


@contextlib.contextmanager
def stopping_signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into SystemExit inside the block, so ``finally`` blocks run.

    Ctrl-C (SIGINT) already raises KeyboardInterrupt. The previous handlers are put back after
    the block. Outside the main thread, where handlers cannot be set, nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in _STOPPING}
    for number, handler in previous.items():
        if handler is not signal.SIG_IGN:  # a nohup'ed run keeps ignoring hang-ups
            signal.signal(number, _exit_on_signal)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def glob_escape(text: str) -> str:
    """``text`` with glob's special characters matched literally."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)


def _exit_on_signal(number: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + number)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold stopping signals back while cleaning up or undoing; they arrive when it ends.

    The signals' Python handlers are swapped for one that only notes them: a signal mask would
    hold them back from this thread alone, and the kernel hands a process's signal to any
    thread that does not block it (the preview's server threads, say), whose arrival Python
    then turns into the main thread's handler all the same.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may change handlers, and only it runs them
        return
    noted: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        noted.append(signum)

    previous = {number: signal.signal(number, note) for number in sorted(_DEFERRED)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if noted:
            signal.raise_signal(noted[0])  # now, to the handler it would have met


def _is_stale(folder: Path) -> bool:
    """Whether ``folder`` is proven a scratch folder of showcase whose process is gone."""
    made = folder_owner(folder, SCRATCH)
    return made is not None and process_gone(made[0])
