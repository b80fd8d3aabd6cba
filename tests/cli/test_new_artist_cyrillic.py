"""showcase new artist with a name in Cyrillic: its file and address are in ASCII."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli

TINY = Path(__file__).parent.parent / "fixtures" / "tiny"


def test_a_kazakh_name_gives_an_ascii_file_name_and_keeps_the_name(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(TINY, site)
    result = CliRunner().invoke(cli, ["new", "artist", "Бақыт Морель", "-s", str(site)])
    assert result.exit_code == 0, result.output
    path = site / "content/artists/baqyt-morel.md"
    assert "name: Бақыт Морель\n" in path.read_text(encoding="utf-8")


def test_a_translation_file_is_not_taken_for_an_artist(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(TINY, site)
    (site / "content/artists/dana-sadyk.ru.md").write_text("---\nname: Дана\n---\n")
    result = CliRunner().invoke(cli, ["new", "artist", "Dana Sadyk Ru", "-s", str(site)])
    assert result.exit_code == 0, result.output
    assert (site / "content/artists/dana-sadyk-ru.md").is_file()
