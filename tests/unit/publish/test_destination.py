"""The destination folder: opened only where the system can, swaps undone whatever arrives,
and a killed publish's kept files put back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import PublishError
from generator.output.scratch import stopping_signals_raise
from generator.publish import destination
from generator.publish.destination import Root, sweep_unfinished, temporary_name
from generator.publish.directory import publish_directory
from generator.publish.plan import Job


def files_in(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def test_a_system_without_dir_fd_is_refused_with_one_line_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("home\n", encoding="utf-8")
    www = tmp_path / "www"
    monkeypatch.setattr(os, "supports_dir_fd", set())

    with pytest.raises(PublishError, match=r"cannot publish into .*dir_fd") as raised:
        publish_directory(Job(site, ("index.html",), report=lambda text: None), www)
    assert "WSL" in (raised.value.hint or "")
    assert not www.exists() or files_in(www) == {}


def test_the_next_publish_puts_back_the_files_a_killed_one_kept_aside(tmp_path: Path) -> None:
    www = tmp_path / "www"
    (www / "sub").mkdir(parents=True)
    pid = dead_pid()
    (www / "a.txt").write_text("new\n", encoding="utf-8")  # replaced; the old one kept
    (www / f".a.txt.showcase-old-{pid}").write_text("old\n", encoding="utf-8")
    (www / f"sub/.b.txt.showcase-old-{pid}").write_text("b\n", encoding="utf-8")  # deleted
    (www / f"sub/.c.txt.showcase-new-{pid}").write_text("c\n", encoding="utf-8")  # staged
    (www / f".d.txt.showcase-old-{pid}").write_text("mine\n", encoding="utf-8")  # not listed
    staging = [f".a.txt.showcase-old-{pid}", f"sub/.b.txt.showcase-old-{pid}"]

    with Root.open(www) as root:
        sweep_unfinished(root, [*staging, f"sub/.c.txt.showcase-new-{pid}"])
    assert files_in(www) == {
        f".d.txt.showcase-old-{pid}": "mine\n",
        "a.txt": "old\n",
        "sub/b.txt": "b\n",
    }


def test_a_second_stop_signal_waits_until_the_swap_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, www = tmp_path / "site", tmp_path / "www"
    site.mkdir()
    www.mkdir()
    for name in ("a.txt", "b.txt"):
        (site / name).write_text("new\n", encoding="utf-8")
        (www / name).write_text("old\n", encoding="utf-8")
    put_back = destination._put_back

    def signalled(fd: int, kept: str, name: str) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # as a terminal closing sends SIGHUP twice
        put_back(fd, kept, name)

    monkeypatch.setattr(destination, "_put_back", signalled)
    temporaries = {name: temporary_name(name) for name in ("a.txt", "b.txt")}
    with (
        stopping_signals_raise(),
        pytest.raises(SystemExit),
        Root.open(www) as root,
        root.swap() as swap,
    ):
        swap.place(root.stage(site, temporaries))
        raise RuntimeError("stopped while placing")
    assert files_in(www) == {"a.txt": "old\n", "b.txt": "old\n"}
