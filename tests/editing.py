"""Building a copy of a site from the command line, and editing its files, as the
integration tests of one feature at a time do."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli


def build(project: Path, cache: Path) -> tuple[int, str]:
    """``showcase build --quiet`` of ``project`` with ``cache``: its status and all it said."""
    result = CliRunner().invoke(
        cli, ["build", "--source", str(project), "--quiet"], env={"SHOWCASE_CACHE_DIR": str(cache)}
    )
    return result.exit_code, result.output + (result.stderr or "")


def edit(project: Path, name: str, old: str, new: str) -> None:
    """Replace the first ``old`` in the project's file ``name`` (which must hold it)."""
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
