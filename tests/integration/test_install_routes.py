"""The artist's route from the README: `pipx install` a clone or its downloaded archive, and
the `showcase` command is on the PATH, theme and map data included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# What a clone or GitHub's "Download ZIP" holds that the package needs.
SHIPPED = ("pyproject.toml", "README.md", "generator", "templates", "static")


def _archive(tmp: Path) -> Path:
    """The project as GitHub's "Download ZIP" gives it: one top folder, no build leftovers."""
    archive = tmp / "showcase-main.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in SHIPPED:
            path = ROOT / name
            files = [path] if path.is_file() else sorted(path.rglob("*"))
            for file in files:
                if file.is_file() and "__pycache__" not in file.parts:
                    zf.write(file, f"showcase-main/{file.relative_to(ROOT).as_posix()}")
    return archive


def _pipx() -> list[str]:
    try:
        import pipx  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("pipx is not installed (pip install -e '.[test]' brings it)")
    return [sys.executable, "-m", "pipx"]


def test_pipx_install_puts_a_working_showcase_on_the_path(tmp_path: Path) -> None:
    pipx = _pipx()
    # pipx builds from a copy, as from a fresh clone: nothing is written into this tree.
    spec = tmp_path / "showcase"
    spec.mkdir()
    for name in SHIPPED:
        path = ROOT / name
        if path.is_file():
            shutil.copy2(path, spec / name)
        else:
            shutil.copytree(path, spec / name, ignore=shutil.ignore_patterns("__pycache__"))
    bin_dir = tmp_path / "bin"
    env = {
        **os.environ,
        "PIPX_HOME": str(tmp_path / "pipx"),
        "PIPX_BIN_DIR": str(bin_dir),
        "PIPX_MAN_DIR": str(tmp_path / "man"),
    }
    subprocess.run([*pipx, "install", str(spec)], env=env, check=True, capture_output=True)

    # A new shell with pipx's folder on the PATH, in a folder far from this project.
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    work = tmp_path / "desk"
    work.mkdir()
    showcase = shutil.which("showcase", path=str(bin_dir))
    assert showcase is not None and Path(showcase).parent == bin_dir
    for command in (["showcase", "init", "my-site"], ["showcase", "build"]):
        cwd = work if command[1] == "init" else work / "my-site"
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    site = work / "my-site" / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'rel="stylesheet"' in home
    assert list(site.glob("assets/*.css")) or list(site.rglob("*.css"))
    assert (site / "map" / "index.html").is_file()
    # The example artist's works were encoded: the theme and Pillow came along.
    assert list(site.rglob("*.webp"))


def test_the_downloaded_archive_builds_a_package_with_its_theme(tmp_path: Path) -> None:
    # `pipx install showcase-main.zip` builds this wheel, then installs it as above.
    archive = _archive(tmp_path)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(wheels),
            str(archive),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("showcase-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "generator/cli.py" in names
    assert "generator/theme/templates/base.html" in names
    assert "generator/theme/static/css/site.css" in names
    assert any(n.startswith("showcase-") and n.endswith("entry_points.txt") for n in names)
