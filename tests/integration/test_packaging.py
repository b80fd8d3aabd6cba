"""An installed showcase carries its whole default theme."""

from __future__ import annotations

import fnmatch
import tomllib

from tests.conftest import ROOT


def test_every_theme_file_is_shipped_in_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    package_dirs = config["setuptools"]["package-dir"]
    package_data = config["setuptools"]["package-data"]
    for package, folder in package_dirs.items():
        patterns = package_data[package]
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file():
                rel = path.relative_to(ROOT / folder).as_posix()
                assert any(fnmatch.fnmatch(rel, p) for p in patterns), f"{folder}/{rel}"
