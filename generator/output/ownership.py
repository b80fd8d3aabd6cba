"""Proof that something left on disk is showcase's, and whether the process that made it is gone.

Every folder or file that showcase makes to throw away later (a build's staging folder, the
retired site it replaces, a scratch folder, an update's journal) carries one marker: a file
whose text names its kind, the folder's own name, the process, the machine and a random token.
A leftover is showcase's only when that text is exactly what showcase writes for that kind and
that very name: a copy of a built site, a dated backup or a folder made by hand never is.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

OWNER_MARKER = ".showcase-owner"

STAGING = "staging"
RETIRED = "retired site"
SCRATCH = "scratch"
UPDATE = "update"
KINDS = (STAGING, RETIRED, SCRATCH, UPDATE)

# Opening a file without following a link, and not handing it to child processes, where
# the system has these flags (Windows has neither).
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def new_token() -> str:
    """A random word that no other run (and no user) will write by chance."""
    import secrets  # here: a build with nothing to do never needs it

    return secrets.token_hex(8)


def marker_text(kind: str, name: str, pid: int, token: str) -> str:
    """The marker's text for ``kind`` of thing called ``name``, made by ``pid`` here."""
    import socket  # here: a build with nothing to do never needs it

    return (
        f"showcase {kind}: removed by showcase once the process that made it is gone\n"
        f"name {name}\npid {pid}\nhost {socket.gethostname()}\ntoken {token}\n"
    )


def mark(folder: Path, kind: str, *, name: str | None = None, token: str | None = None) -> None:
    """Write ``folder``'s marker: ``kind``, its name (or ``name``), this process, a token.

    ``name`` is the name ``folder`` will have when the marker is read, when it is about to be
    renamed (a site being retired). An existing marker is replaced.
    """
    text = marker_text(kind, name or folder.name, os.getpid(), token or new_token())
    write_marker(folder / OWNER_MARKER, text)


def write_marker(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, replacing a file but never writing through a link."""
    if os.path.islink(path):
        os.unlink(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | NO_FOLLOW | CLOEXEC
    fd = os.open(path, flags, 0o666)
    try:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


def owner(marker: Path, kind: str, name: str) -> tuple[int, str] | None:
    """(pid, token) from the marker file ``marker``, if it is exactly showcase's for ``kind``
    and ``name`` on this machine; None for anything else (missing, a link, edited, copied)."""
    try:
        info = os.lstat(marker)
        if not stat.S_ISREG(info.st_mode) or info.st_size > 4096:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        text = marker.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    fields = dict(line.partition(" ")[::2] for line in text.splitlines()[1:])
    pid, token = fields.get("pid", ""), fields.get("token", "")
    if not (pid.isascii() and pid.isdigit() and token.isascii() and token.isalnum()):
        return None
    if int(pid) <= 0 or text != marker_text(kind, name, int(pid), token):
        return None
    return int(pid), token


def folder_owner(folder: Path, kind: str) -> tuple[int, str] | None:
    """(pid, token) if ``folder`` is a real folder (not a link) marked as showcase's ``kind``."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return None
    except OSError:
        return None
    return owner(folder / OWNER_MARKER, kind, folder.name)


def is_ours(folder: Path, kind: str) -> bool:
    """Whether ``folder`` is proven to be showcase's ``kind`` of folder by its marker."""
    return folder_owner(folder, kind) is not None


def ended(pid: int) -> bool:
    """Whether the process ``pid`` is done with what it made: this very process, whose
    earlier work is over, or one known to have ended."""
    return pid == os.getpid() or process_gone(pid)


def process_gone(pid: int) -> bool:
    """Whether the process ``pid`` is known to have ended; False when in doubt.

    On Windows ``os.kill(pid, 0)`` would terminate the process, so it is never called there:
    every process counts as running, and nothing it made is swept.
    """
    if pid <= 0 or pid == os.getpid() or sys.platform == "win32":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError, ValueError):  # someone else's process, or no such number
        return False
    return False
