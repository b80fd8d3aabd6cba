"""`showcase publish`: a fresh production build, sent to a git branch, a folder or rsync."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import PublishError
from generator.publish import publish
from generator.publish.manifest import read_manifest
from tests.editing import remove_content, retitle_work

# About publishing, not languages: the example in English alone (tests/conftest.py).
ONE_LANGUAGE = True

OLD = 946684800  # 2000-01-01: a date no publish writes


def git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=Someone", "-c", "user.email=someone@example.org"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_paragraph(project: Path) -> None:
    story = project / "content/artists/bakhyt-kalejs.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")


def break_content(project: Path) -> None:
    (project / "content/artists/bakhyt-morel.md").write_text(
        "---\nname: Bakhyt Morel\n---\nEvery other field is missing.\n", encoding="utf-8"
    )


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def age(folder: Path) -> None:
    """Date every file of ``folder`` back to 2000, to see which ones a publish rewrites."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def rewritten(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.stat().st_mtime != OLD
    }


# GitHub Pages ------------------------------------------------------------------------------


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """An empty repository to push to, like a new one on GitHub."""
    repository = tmp_path / "site.git"
    git("init", "-q", "--bare", str(repository), cwd=tmp_path)
    return repository


def branch_files(repository: Path, branch: str = "gh-pages") -> set[str]:
    return set(git("ls-tree", "-r", "--name-only", branch, cwd=repository).splitlines())


def test_first_publish_creates_the_branch_with_the_site(
    project: Path, own_cache: Path, bare: Path
) -> None:
    result = CliRunner().invoke(
        cli,
        [
            *("publish", "github-pages", "--remote", str(bare), "--cname", "art.example.org"),
            *("--source", str(project), "--cache-dir", str(own_cache)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert " added, 0 changed, 0 removed\n" in result.output
    assert f"Published to {bare} (branch gh-pages)" in result.output
    files = branch_files(bare)
    assert {"index.html", "404.html", "gallery/index.html", ".nojekyll", "CNAME"} <= files
    assert ".showcase-publish" in files and ".showcase-build" not in files
    assert git("show", "gh-pages:CNAME", cwd=bare) == "art.example.org"
    assert git("rev-list", "--count", "gh-pages", cwd=bare) == "1"
    message = git("log", "-1", "--format=%B", "gh-pages", cwd=bare)
    assert message.startswith(f"Publish site ({len(files) - 3} files)")
    assert "Published-by: showcase" in message


def test_a_second_publish_adds_one_commit_and_keeps_history_and_cname(
    project: Path, own_cache: Path, bare: Path
) -> None:
    publish(project, "github-pages", remote=str(bare), cname="art.example.org", cache_dir=own_cache)
    first = git("rev-parse", "gh-pages", cwd=bare)
    add_paragraph(project)
    plan = publish(project, "github-pages", remote=str(bare), cache_dir=own_cache)
    assert plan.changed == ("artists/bakhyt-kalejs/index.html",) and not plan.removed
    assert git("rev-list", "--count", "gh-pages", cwd=bare) == "2"
    assert git("rev-parse", "gh-pages^", cwd=bare) == first
    assert git("show", "gh-pages:CNAME", cwd=bare) == "art.example.org"
    page = git("show", "gh-pages:artists/bakhyt-kalejs/index.html", cwd=bare)
    assert "A new paragraph." in page


def test_publishing_an_unchanged_site_makes_no_commit(
    project: Path, own_cache: Path, bare: Path
) -> None:
    publish(project, "github-pages", remote=str(bare), cache_dir=own_cache)
    plan = publish(project, "github-pages", remote=str(bare), cache_dir=own_cache)
    assert not plan
    assert git("rev-list", "--count", "gh-pages", cwd=bare) == "1"


def test_a_branch_showcase_did_not_make_is_kept_unless_forced(
    project: Path, own_cache: Path, bare: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    git("init", "-q", "-b", "gh-pages", str(other), cwd=tmp_path)
    (other / "README.md").write_text("Hand-made pages.\n", encoding="utf-8")
    git("add", "README.md", cwd=other)
    git("commit", "-q", "-m", "Hand-made pages", cwd=other)
    git("push", "-q", str(bare), "gh-pages", cwd=other)
    foreign = git("rev-parse", "gh-pages", cwd=bare)

    with pytest.raises(PublishError, match="did not publish"):
        publish(project, "github-pages", remote=str(bare), cache_dir=own_cache)
    assert git("rev-parse", "gh-pages", cwd=bare) == foreign

    plan = publish(project, "github-pages", remote=str(bare), force=True, cache_dir=own_cache)
    assert plan.removed == ("README.md",)
    assert git("rev-parse", "gh-pages^", cwd=bare) == foreign
    assert "index.html" in branch_files(bare) and "README.md" not in branch_files(bare)


def test_nothing_is_pushed_when_the_build_fails(project: Path, own_cache: Path, bare: Path) -> None:
    publish(project, "github-pages", remote=str(bare), cache_dir=own_cache)
    published = git("rev-parse", "gh-pages", cwd=bare)
    break_content(project)
    result = CliRunner().invoke(
        cli,
        [
            *("publish", "github-pages", "--remote", str(bare)),
            *("-s", str(project), "--cache-dir", str(own_cache)),
        ],
    )
    assert result.exit_code == 1
    assert "content/artists/bakhyt-morel.md" in result.output
    assert "nothing was published" in result.output
    assert git("rev-parse", "gh-pages", cwd=bare) == published


def test_without_remote_the_project_repository_or_its_origin_is_used(
    project: Path, own_cache: Path, bare: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "The site", cwd=project)
    # Without a git identity, commits are signed by showcase itself.
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)

    publish(project, "github-pages", cache_dir=own_cache)  # no origin: the project's own repo
    assert "index.html" in branch_files(project)
    git("remote", "add", "origin", str(bare), cwd=project)
    publish(project, "github-pages", cache_dir=own_cache)
    assert "index.html" in branch_files(bare)
    author = git("log", "-1", "--format=%an <%ae>|%cn <%ce>", "gh-pages", cwd=bare)
    assert author == "showcase <showcase@localhost>|showcase <showcase@localhost>"
    assert git("status", "--porcelain", cwd=project) == ""  # its work tree and index untouched
    assert git("rev-parse", "--abbrev-ref", "HEAD", cwd=project) == "main"


# A local folder ----------------------------------------------------------------------------


def test_first_publish_copies_the_whole_site(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    result = CliRunner().invoke(
        cli, ["publish", "directory", str(www), "-s", str(project), "--cache-dir", str(own_cache)]
    )
    assert result.exit_code == 0, result.output
    files = files_in(www) - {".showcase-publish"}
    assert {"index.html", "404.html", "sitemap.xml", "map/index.html"} <= files
    assert f"{len(files)} added, 0 changed, 0 removed\nPublished to {www}\n" in result.output
    manifest = read_manifest((www / ".showcase-publish").read_text(encoding="utf-8"))
    assert set(manifest.files) == files
    index = hashlib.sha256((www / "index.html").read_bytes()).hexdigest()
    assert manifest.files["index.html"] == index  # what was published, to check it is still


def test_a_second_publish_copies_only_what_changed_and_removes_what_went(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    publish(project, "directory", www, cache_dir=own_cache)
    age(www)
    add_paragraph(project)
    retitle_work(project / "content/series/bazaar-colours.md", "Spice Stall", "Spice Row")

    plan = publish(project, "directory", www, cache_dir=own_cache)
    assert "artists/bakhyt-kalejs/index.html" in plan.changed
    assert "gallery/bazaar-colours/spice-row/index.html" in plan.added
    assert "gallery/bazaar-colours/spice-stall/index.html" in plan.removed
    assert not any("bekzat-ayumi" in path for path in plan.changed)
    assert not (www / "gallery/bazaar-colours/spice-stall").exists()
    assert rewritten(www) == {*plan.added, *plan.changed, ".showcase-publish"}
    assert "A new paragraph." in (www / "artists/bakhyt-kalejs/index.html").read_text("utf-8")


def test_a_dry_run_lists_the_changes_and_changes_nothing(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    publish(project, "directory", www, cache_dir=own_cache)
    age(www)
    before = files_in(www)
    add_paragraph(project)
    result = CliRunner().invoke(
        cli,
        [
            *("publish", "directory", str(www), "--dry-run"),
            *("-s", str(project), "--cache-dir", str(own_cache)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "0 added, 1 changed, 0 removed\n  ~ artists/bakhyt-kalejs/index.html\n" in result.output
    assert f"Dry run: nothing was published to {www}." in result.output
    assert files_in(www) == before and rewritten(www) == set()


def test_a_publish_that_would_delete_most_of_the_site_stops(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    publish(project, "directory", www, cache_dir=own_cache)
    before = files_in(www)
    remove_content(project / "content/series/bazaar-colours.md")
    remove_content(project / "content/series/steppe-awakening.md")
    result = CliRunner().invoke(
        cli, ["publish", "directory", str(www), "-s", str(project), "--cache-dir", str(own_cache)]
    )
    assert result.exit_code == 1
    assert "would remove" in result.output and "--allow-mass-delete" in result.output
    assert files_in(www) == before

    plan = publish(project, "directory", www, allow_mass_delete=True, cache_dir=own_cache)
    assert len(plan.removed) > len(before) / 2
    assert not (www / "gallery/bazaar-colours").exists()


def test_a_folder_showcase_did_not_fill_is_refused(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    www.mkdir()
    (www / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(PublishError, match="did not publish"):
        publish(project, "directory", www, cache_dir=own_cache)
    assert files_in(www) == {"notes.txt"}

    publish(project, "directory", www, force=True, cache_dir=own_cache)
    remove_content(project / "content/series/bazaar-colours.md")
    publish(project, "directory", www, cache_dir=own_cache)
    assert (www / "notes.txt").read_text(encoding="utf-8") == "mine\n"  # never ours to delete
    assert not (www / "gallery/bazaar-colours").exists()


def test_no_build_publishes_the_existing_site_only_if_showcase_built_it(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    (project / "site").mkdir()
    with pytest.raises(PublishError, match="not a built site"):
        publish(project, "directory", tmp_path / "www", build=False)
    shutil.rmtree(project / "site")
    result = CliRunner().invoke(
        cli, ["build", "-q", "-s", str(project), "--cache-dir", str(own_cache)]
    )
    assert result.exit_code == 0, result.output
    plan = publish(project, "directory", tmp_path / "www", build=False)
    assert "index.html" in plan.added and ".showcase-build" not in plan.added


def test_site_yaml_says_where_to_publish(project: Path, own_cache: Path) -> None:
    with (project / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("publish:\n  target: directory\n  dest: public\n")
    result = CliRunner().invoke(cli, ["publish", "-s", str(project), "--cache-dir", str(own_cache)])
    assert result.exit_code == 0, result.output
    assert (project / "public/index.html").is_file()


def test_a_wrong_publish_setting_is_reported_with_its_line(project: Path) -> None:
    with (project / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("publish:\n  target: netlify\n  max_delete: 2\n")
    result = CliRunner().invoke(cli, ["publish", "-s", str(project)])
    assert result.exit_code == 1
    assert "'publish.target' must be one of github-pages, directory, rsync" in result.output
    assert "'publish.max_delete' must be between 0 and 1 (got 2)" in result.output
    assert "site.yaml:" in result.output and "nothing was published" in result.output


# rsync -------------------------------------------------------------------------------------


@pytest.fixture
def rsync() -> None:
    if shutil.which("rsync") is None:
        if os.environ.get("CI"):
            pytest.fail("rsync is not installed; CI must install it (apt-get install -y rsync)")
        pytest.skip("rsync is not installed (apt-get install -y rsync)")


@pytest.mark.usefixtures("rsync")
def test_rsync_mirrors_the_site_and_then_only_what_changed(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    result = CliRunner().invoke(
        cli, ["publish", "rsync", str(www), "-s", str(project), "--cache-dir", str(own_cache)]
    )
    assert result.exit_code == 0, result.output
    files = files_in(www) - {".showcase-publish"}
    assert {"index.html", "404.html", "gallery/index.html"} <= files
    assert f"{len(files)} added, 0 changed, 0 removed\nPublished to {www}\n" in result.output

    age(www)
    add_paragraph(project)
    retitle_work(project / "content/series/bazaar-colours.md", "Spice Stall", "Spice Row")
    dry = publish(project, "rsync", str(www), dry_run=True, cache_dir=own_cache)
    assert rewritten(www) == set() and files_in(www) - {".showcase-publish"} == files

    plan = publish(project, "rsync", str(www), cache_dir=own_cache)
    assert plan.added == dry.added and plan.changed == dry.changed
    assert plan.removed == dry.removed
    assert "artists/bakhyt-kalejs/index.html" in plan.changed
    assert "gallery/bazaar-colours/spice-row/index.html" in plan.added
    assert "gallery/bazaar-colours/spice-stall/index.html" in plan.removed
    assert not (www / "gallery/bazaar-colours/spice-stall").exists()
    assert rewritten(www) == {*plan.added, *plan.changed, ".showcase-publish"}


@pytest.mark.usefixtures("rsync")
def test_rsync_refuses_a_foreign_folder_and_never_deletes_what_it_did_not_publish(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    (www / "gallery/bazaar-colours").mkdir(parents=True)
    (www / "gallery/bazaar-colours/notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(PublishError, match="did not publish"):
        publish(project, "rsync", str(www), cache_dir=own_cache)
    assert files_in(www) == {"gallery/bazaar-colours/notes.txt"}

    publish(project, "rsync", str(www), force=True, cache_dir=own_cache)
    remove_content(project / "content/series/bazaar-colours.md")
    plan = publish(project, "rsync", str(www), cache_dir=own_cache)
    assert "gallery/bazaar-colours/index.html" in plan.removed
    assert "gallery/bazaar-colours/notes.txt" not in plan.removed
    assert files_in(www / "gallery/bazaar-colours") == {"notes.txt"}


@pytest.mark.usefixtures("rsync")
def test_rsync_stops_before_deleting_most_of_the_site(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    www = tmp_path / "www"
    publish(project, "rsync", str(www), cache_dir=own_cache)
    before = files_in(www)
    remove_content(project / "content/series/bazaar-colours.md")
    remove_content(project / "content/series/steppe-awakening.md")
    with pytest.raises(PublishError, match="would remove"):
        publish(project, "rsync", str(www), cache_dir=own_cache)
    assert files_in(www) == before
    publish(project, "rsync", str(www), allow_mass_delete=True, cache_dir=own_cache)
    assert not (www / "gallery/bazaar-colours").exists()
