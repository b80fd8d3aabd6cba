"""`showcase publish` under attack: odd names, option injection, links, and being killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import PublishError
from generator.output.scratch import SCRATCH_MARKER
from generator.publish import publish
from tests.editing import remove_content

# About publishing, not languages: the example in English alone (tests/conftest.py).
ONE_LANGUAGE = True

ROOT = Path(__file__).resolve().parents[2]

# Names rsync's --itemize-changes escapes, or that filter rules and option parsers read.
ODD_NAMES = (
    "café.txt",
    "back\\slash.txt",
    "new\nline.txt",
    "with space.txt",
    "trailing space.txt ",
    "[x].txt",
    "*.txt",
    "?.txt",
    "-rf",
    "--leading-dash.txt",
    "# hash.txt",
    "odd [folder]/ü*.txt",
)


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def needs_rsync() -> None:
    if shutil.which("rsync") is None:
        if os.environ.get("CI"):
            pytest.fail("rsync is not installed; CI must install it (apt-get install -y rsync)")
        pytest.skip("rsync is not installed (apt-get install -y rsync)")


def git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=Someone", "-c", "user.email=someone@example.org"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


# Item 2: files showcase did not publish survive, whatever their names --------------------


@pytest.mark.parametrize("target", ["rsync", "directory"])
def test_forced_publish_keeps_files_with_odd_names(
    project: Path, own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    if target == "rsync":
        needs_rsync()
    monkeypatch.setenv("LC_ALL", "C")  # rsync then escapes every byte above 127 in its output
    www = tmp_path / "www"
    theirs = [*ODD_NAMES, *(f"gallery/bazaar-colours/{name}" for name in ODD_NAMES)]
    for name in theirs:
        (www / name).parent.mkdir(parents=True, exist_ok=True)
        (www / name).write_text("mine\n", encoding="utf-8")

    publish(project, target, str(www), force=True, cache_dir=own_cache)
    assert set(theirs) <= files_in(www)
    assert (www / "gallery/bazaar-colours/index.html").is_file()

    remove_content(project / "content/series/bazaar-colours.md")
    plan = publish(project, target, str(www), allow_mass_delete=True, cache_dir=own_cache)
    assert "gallery/bazaar-colours/index.html" in plan.removed
    assert not (www / "gallery/bazaar-colours/index.html").exists()
    assert set(theirs) <= files_in(www)
    assert all((www / name).read_text(encoding="utf-8") == "mine\n" for name in theirs)


@pytest.mark.parametrize("target", ["rsync", "directory"])
def test_removed_files_with_odd_names_are_removed(
    project: Path, own_cache: Path, tmp_path: Path, target: str
) -> None:
    if target == "rsync":
        needs_rsync()
    static = project / "static"
    names = [n for n in ODD_NAMES if "\\" not in n]  # the build refuses a backslash
    for name in names:
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_text("published\n", encoding="utf-8")
    www = tmp_path / "www"
    publish(project, target, str(www), cache_dir=own_cache)
    assert set(names) <= files_in(www)
    shutil.rmtree(static)
    plan = publish(project, target, str(www), cache_dir=own_cache)
    assert set(names) <= set(plan.removed)
    assert not set(names) & files_in(www)
    assert not (www / "odd [folder]").exists()


# Item 7: no value is read as an option by git or rsync ---------------------------------


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    repository = tmp_path / "site.git"
    git("init", "-q", "--bare", str(repository), cwd=tmp_path)
    return repository


INJECTIONS = (
    "--upload-pack=touch /tmp/pwned",
    '--upload-pack=touch "$SHOWCASE_PWNED" x:y',
    "-oProxyCommand=touch x:y",
)


@pytest.mark.parametrize("remote", INJECTIONS)
def test_a_remote_that_looks_like_an_option_is_refused(
    project: Path,
    own_cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    remote: str,
) -> None:
    pwned = tmp_path / "pwned"
    monkeypatch.setenv("SHOWCASE_PWNED", str(pwned))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "publish",
            "github-pages",
            "--remote",
            remote,
            "-s",
            str(project),
            "--cache-dir",
            str(own_cache),
        ],
    )
    assert result.exit_code == 1
    assert "--remote must not start with '-'" in result.output
    assert not pwned.exists() and "Traceback" not in result.output

    with (project / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write(f"publish:\n  target: github-pages\n  remote: '{remote}'\n")
    result = CliRunner().invoke(cli, ["publish", "-s", str(project), "--cache-dir", str(own_cache)])
    assert result.exit_code == 1
    assert "'publish.remote' in site.yaml must not start with '-'" in result.output
    assert not pwned.exists() and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("remote", "complaint"),
    [
        ("user@-oProxyCommand=touch x:repo.git", "host"),
        ("ssh://-oProxyCommand=touch x/repo.git", "host"),
        ("ext::sh -c touch% x", "ext::"),
    ],
)
def test_a_remote_that_runs_a_command_is_refused(
    project: Path, own_cache: Path, remote: str, complaint: str
) -> None:
    with pytest.raises(PublishError, match=complaint):
        publish(project, "github-pages", remote=remote, cache_dir=own_cache)


@pytest.mark.parametrize(
    "branch", ["-f", "--upload-pack=x", "a..b", "main lock", "HEAD:x", "x.lock"]
)
def test_a_branch_git_would_misread_is_refused(
    project: Path, own_cache: Path, bare: Path, branch: str
) -> None:
    with pytest.raises(PublishError, match="branch"):
        publish(project, "github-pages", remote=str(bare), branch=branch, cache_dir=own_cache)
    assert git("branch", "--list", cwd=bare) == ""


@pytest.mark.parametrize("cname", ["-x.example.org", "art.example.org\nevil", "a b"])
def test_a_cname_that_is_not_a_domain_is_refused(
    project: Path, own_cache: Path, bare: Path, cname: str
) -> None:
    with pytest.raises(PublishError, match="cname"):
        publish(project, "github-pages", remote=str(bare), cname=cname, cache_dir=own_cache)
    assert git("branch", "--list", cwd=bare) == ""


def test_a_remote_and_branch_with_odd_but_valid_names_work(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    repository = tmp_path / "-odd site.git"
    git("init", "-q", "--bare", str(repository), cwd=tmp_path)
    publish(project, "github-pages", remote=str(repository), branch="pages/ü", cache_dir=own_cache)
    assert "index.html" in git("ls-tree", "--name-only", "pages/ü", cwd=repository)


@pytest.mark.parametrize(
    "dest", ["-e touch pwned", "--rsh=touch pwned:x", "user@-oProxyCommand=touch pwned:/srv"]
)
def test_an_rsync_destination_that_looks_like_an_option_is_refused(
    project: Path, own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dest: str
) -> None:
    needs_rsync()
    monkeypatch.chdir(tmp_path)
    options = ["-s", str(project), "--cache-dir", str(own_cache)]
    result = CliRunner().invoke(cli, ["publish", *options, "rsync", "--", dest])
    assert result.exit_code == 1
    assert "must not start with '-'" in result.output and "Traceback" not in result.output
    with (project / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write(f"publish:\n  target: rsync\n  dest: '{dest}'\n")
    result = CliRunner().invoke(cli, ["publish", "-s", str(project), "--cache-dir", str(own_cache)])
    assert result.exit_code == 1
    assert "must not start with '-'" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.rglob("pwned*"))


def test_an_rsync_folder_named_with_a_leading_dash_is_a_path(
    project: Path, own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_rsync()
    monkeypatch.chdir(tmp_path)
    with (project / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("publish:\n  target: rsync\n  dest: ./-www\n")
    publish(project, cache_dir=own_cache)  # relative to the site
    assert (project / "-www/index.html").is_file()
    publish(project, "rsync", "./-here", cache_dir=own_cache)  # relative to where it runs
    assert (tmp_path / "-here/index.html").is_file()


# Item 11: the directory target never writes through a link --------------------------------


def test_publishing_never_writes_through_a_linked_folder(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("precious\n", encoding="utf-8")
    www = tmp_path / "www"
    publish(project, "directory", str(www), cache_dir=own_cache)
    shutil.rmtree(www / "gallery")
    (www / "gallery").symlink_to(outside)

    result = CliRunner().invoke(
        cli,
        ["publish", "directory", str(www), "-s", str(project), "--cache-dir", str(own_cache)],
    )
    assert result.exit_code == 1
    assert f"{www / 'gallery'} is a symbolic link" in result.output
    assert "Traceback" not in result.output
    assert files_in(outside) == {"precious.txt"}


def test_a_forced_publish_never_writes_through_a_linked_folder(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    www = tmp_path / "www"
    (www / "artists").mkdir(parents=True)
    (www / "artists/bakhyt-morel").symlink_to(outside, target_is_directory=True)
    with pytest.raises(PublishError, match="symbolic link"):
        publish(project, "directory", str(www), force=True, cache_dir=own_cache)
    assert list(outside.iterdir()) == []
    assert not (www / ".showcase-publish").exists()


def test_temporary_and_manifest_names_never_write_through_a_link(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    www = tmp_path / "www"
    publish(project, "directory", str(www), cache_dir=own_cache)
    story = project / "content/artists/bakhyt-kalejs.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    bait = [
        www / ".showcase-publish.showcase-new",
        www / "artists/bakhyt-kalejs/.index.html.showcase-new",
        www / "index.html",
    ]
    for link in bait:
        link.unlink(missing_ok=True)
        link.symlink_to(outside)
    (www / ".showcase-publish").unlink()
    (www / ".showcase-publish").symlink_to(outside)

    with pytest.raises(PublishError, match="symbolic link"):
        publish(project, "directory", str(www), cache_dir=own_cache)
    assert outside.read_text(encoding="utf-8") == "precious\n"

    (www / ".showcase-publish").unlink()
    publish(project, "directory", str(www), force=True, cache_dir=own_cache)
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert not (www / "index.html").is_symlink()  # a link in the site's place is replaced
    assert "More." in (www / "artists/bakhyt-kalejs/index.html").read_text(encoding="utf-8")


# Item 14: a killed publish leaves nothing behind; leftovers are swept, lookalikes kept -----


def leftovers(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("showcase-"))


def stalled_remote(tmp_path: Path) -> tuple[Path, Path]:
    """A repository whose pre-receive hook says it started, then waits to be released."""
    repository = tmp_path / "slow.git"
    git("init", "-q", "--bare", str(repository), cwd=tmp_path)
    started, release = tmp_path / "started", tmp_path / "release"
    hook = repository / "hooks/pre-receive"
    hook.write_text(
        f"#!/bin/sh\ntouch '{started}'\n"
        f"for i in $(seq 300); do [ -e '{release}' ] && exit 1; sleep 0.1; done\nexit 1\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    return repository, started


def wait_for(path: Path, child: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "the publish never reached the remote"
        time.sleep(0.05)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stopped_github_pages_publish_leaves_no_temporary_folder(
    project: Path, own_cache: Path, tmp_path: Path, number: int
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    repository, started = stalled_remote(tmp_path)
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "publish",
            "github-pages",
            "--remote",
            str(repository),
            "-s",
            str(project),
            "--cache-dir",
            str(own_cache),
        ],
        env=os.environ | {"TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(started, child)
        assert leftovers(tmp) == sorted(leftovers(tmp))  # the publish is under way
        assert any(name.startswith("showcase-pages-") for name in leftovers(tmp))
        child.send_signal(number)
        _, errors = child.communicate(timeout=60)
    finally:
        (tmp_path / "release").touch()
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode != 0
    assert "Traceback" not in errors
    assert leftovers(tmp) == []


def test_a_killed_publish_is_cleaned_up_by_the_next_one(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    repository, started = stalled_remote(tmp_path)
    command = [sys.executable, "-m", "generator", "publish", "github-pages", "--remote"]
    options = ["-s", str(project), "--cache-dir", str(own_cache)]
    env = os.environ | {"TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [*command, str(repository), *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(started, child)  # type: ignore[arg-type]
        child.kill()  # nothing can clean up after SIGKILL
        child.wait(timeout=60)
    finally:
        (tmp_path / "release").touch()
    stale = leftovers(tmp)
    assert any(name.startswith("showcase-publish-") for name in stale)
    assert any(name.startswith("showcase-pages-") for name in stale)
    mine = tmp / "showcase-publish-mine"  # a lookalike without showcase's marker
    (mine / "site").mkdir(parents=True)
    (mine / "site/index.html").write_text("mine\n", encoding="utf-8")
    forged = tmp / "showcase-pages-forged"  # a marker, but not one showcase wrote
    forged.mkdir()
    (forged / SCRATCH_MARKER).write_text("pid 1\n", encoding="utf-8")

    bare = tmp_path / "site.git"
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    done = subprocess.run(
        [*command, str(bare), *options], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert leftovers(tmp) == ["showcase-pages-forged", "showcase-publish-mine"]
    assert (mine / "site/index.html").read_text(encoding="utf-8") == "mine\n"


KILL_WHILE_STAGING = """
import os, signal, sys

real = os.replace
calls = 0

def replace(*args, **kwargs):
    global calls
    calls += "showcase-new" in str(args[0])
    if calls == 3:
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    return real(*args, **kwargs)

os.replace = replace
from generator.cli import cli

cli(sys.argv[2:])
"""


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_a_killed_directory_publish_leaves_no_temporary_file_for_long(
    project: Path, own_cache: Path, tmp_path: Path, how: str
) -> None:
    www = tmp_path / "www"
    publish(project, "directory", str(www), cache_dir=own_cache)
    theirs = [
        www / ".index.html.showcase-new",
        www / "artists/.index.html.showcase-new-1",
        www / ".showcase-publish.showcase-new-1",
    ]
    for path in theirs:
        path.write_text("mine\n", encoding="utf-8")
    story = project / "content/artists/bakhyt-kalejs.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    (project / "static").mkdir()
    for number in range(20):
        (project / f"static/new-{number}.txt").write_text(f"{number}\n", encoding="utf-8")
    env = os.environ | {"TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    options = [str(www), "-s", str(project), "--cache-dir", str(own_cache)]
    done = subprocess.run(
        [sys.executable, "-c", KILL_WHILE_STAGING, how, "publish", "directory", *options],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    temporary = {p for p in www.rglob("*showcase-new*")} - set(theirs)
    if how == "SIGTERM":
        assert temporary == set()
    else:
        assert temporary  # SIGKILL: left behind, for the next run to sweep

    again = [sys.executable, "-m", "generator", "publish", "directory", *options]
    done = subprocess.run(again, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert {p for p in www.rglob("*showcase-new*")} == set(theirs)
    assert all(path.read_text(encoding="utf-8") == "mine\n" for path in theirs)
    assert (www / "new-19.txt").read_text(encoding="utf-8") == "19\n"
    assert leftovers(tmp_path) == []
