"""One build at a time per output folder: an exclusive lock held for the whole build."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from generator.errors import OutputError
from generator.output.ownership import CLOEXEC, NO_FOLLOW

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

# How long a build waits for another one writing the same folder (a rebuild of --watch
# takes well under this) before it gives up.
WAIT_SECONDS = 3.0


@contextlib.contextmanager
def output_lock(lock_file: Path, output: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold ``lock_file`` (kept in the cache, named after ``output``) exclusively in the block.

    Another build into the same folder (a ``build --watch`` and a build by hand) waits up to
    ``wait`` seconds, then fails with OutputError. The lock goes with the process: a build
    killed outright never leaves one behind. Builds that use different cache folders do not
    see each other's locks.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | CLOEXEC | NO_FOLLOW, 0o666)
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise OutputError(
                    f"another showcase build is writing {output}; wait for it to finish",
                    hint="a 'showcase build --watch' already rebuilds the site on every change",
                )
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _try_lock(fd: int) -> bool:
    """Take the lock on ``fd`` if it is free; False if another process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    import msvcrt  # Windows: a lock on the file's first byte

    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True
