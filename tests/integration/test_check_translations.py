"""showcase check on a site in several languages: what each language still shows in English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.authoring.check import check_site
from generator.cli import cli

TINY = Path(__file__).parent.parent / "fixtures" / "tiny"

ARTIST_RU = """\
---
name: Дана Садык
discipline: живописец
summary: Художница из Тараза.
hometown:
  name: Тараз
  region: Жамбылская область
  country: Казахстан
---
Дана Садык пишет небо над Таразом.
"""

SERIES_RU = """\
---
title: Ранние часы
works:
  - slug: dawn
    title: Рассвет
    medium: Масло, доска
    alt: Полоса бледно-оранжевого света.
---
Две маленькие картины.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    settings = (root / "site.yaml").read_text(encoding="utf-8")
    settings = settings.replace(
        "title: Tiny Showcase\n",
        "title: {en: Tiny Showcase, ru: Маленькая витрина}\nlanguages: [en, ru, kk]\n",
    )
    (root / "site.yaml").write_text(settings, encoding="utf-8")
    (root / "content/artists/dana-sadyk.ru.md").write_text(ARTIST_RU, encoding="utf-8")
    (root / "content/series/small-hours.ru.md").write_text(SERIES_RU, encoding="utf-8")
    return root


def translation_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if "translat" in line or "text for" in line]


def test_check_lists_what_each_language_lacks_one_line_per_file(
    project: Path, tmp_path: Path
) -> None:
    report = check_site(project, cache_dir=tmp_path / "cache")
    assert report.ok, report.lines()
    assert translation_lines(report.lines()) == [
        # Kazakh: nothing translated yet
        "content/artists/dana-sadyk.md: warning: no Kazakh translation (add "
        "content/artists/dana-sadyk.kk.md); its pages show the English",
        "content/series/small-hours.md: warning: no Kazakh translation (add "
        "content/series/small-hours.kk.md); its pages show the English",
        "site.yaml: warning: no Kazakh text for title: pages in Kazakh show the English "
        "(write it as {en: …, kk: …})",
        # Russian: the texts its files leave out
        "content/artists/dana-sadyk.ru.md: warning: not translated: places",
        "content/series/small-hours.ru.md: warning: not translated: work 'dusk': title, "
        "medium, alt",
    ]
    kinds = {f.kind for f in report.warnings if f.language}
    assert kinds == {"translation"}
    assert {f.language for f in report.warnings if f.kind == "translation"} == {"ru", "kk"}


def test_a_complete_translation_is_not_mentioned(project: Path, tmp_path: Path) -> None:
    (project / "site.yaml").write_text(
        (project / "site.yaml").read_text(encoding="utf-8").replace("[en, ru, kk]", "[en, ru]"),
        encoding="utf-8",
    )
    artist = ARTIST_RU.replace(
        "---\nДана",
        "places:\n  - name: Шымкент\n    country: Казахстан\n"
        "    reason: Где она впервые выставлялась.\n---\nДана",
    )
    (project / "content/artists/dana-sadyk.ru.md").write_text(artist, encoding="utf-8")
    series = SERIES_RU.replace(
        "---\nДве",
        "  - slug: dusk\n    title: Сумерки\n    medium: Масло, доска\n"
        "    alt: Фиолетовое небо.\n---\nДве",
    )
    (project / "content/series/small-hours.ru.md").write_text(series, encoding="utf-8")
    report = check_site(project, cache_dir=tmp_path / "cache")
    assert translation_lines(report.lines()) == []


def test_check_strict_fails_on_a_missing_translation(project: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    common = ["check", "--source", str(project), "--cache-dir", str(tmp_path / "cache")]
    relaxed = runner.invoke(cli, common)
    assert relaxed.exit_code == 0, relaxed.output
    strict = runner.invoke(cli, [*common, "--strict"])
    assert strict.exit_code == 1
    assert (
        "content/artists/dana-sadyk.md: error: no Kazakh translation (add "
        "content/artists/dana-sadyk.kk.md); its pages show the English"
    ) in strict.output


def test_a_one_language_site_has_nothing_to_translate(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(TINY, root)
    report = check_site(root, cache_dir=tmp_path / "cache")
    assert [f for f in report.warnings if f.kind == "translation"] == []


def test_a_wrong_translation_fails_the_check_at_its_line(project: Path, tmp_path: Path) -> None:
    (project / "content/series/small-hours.kk.md").write_text(
        "---\nworks:\n  - slug: dwan\n---\n", encoding="utf-8"
    )
    report = check_site(project, cache_dir=tmp_path / "cache")
    assert not report.ok
    assert [(f.file, f.line) for f in report.errors] == [("content/series/small-hours.kk.md", 3)]
    assert "did you mean 'dawn'?" in report.errors[0].message


def test_a_text_the_original_has_not_is_pointed_out(project: Path, tmp_path: Path) -> None:
    artist = ARTIST_RU.replace("---\nДана", "press_bio: Биография для прессы.\n---\nДана")
    (project / "content/artists/dana-sadyk.ru.md").write_text(artist, encoding="utf-8")
    series = SERIES_RU.replace("---\nДве", "    caption: Первая из двух.\n---\nДве")
    (project / "content/series/small-hours.ru.md").write_text(series, encoding="utf-8")
    report = check_site(project, cache_dir=tmp_path / "cache")
    lines = [line for line in report.lines() if "no page shows it" in line]
    assert lines == [
        "content/artists/dana-sadyk.ru.md: warning: translates what dana-sadyk.md does not "
        "have, so no page shows it: press_bio",
        "content/series/small-hours.ru.md: warning: translates what small-hours.md does not "
        "have, so no page shows it: work 'dawn': caption",
    ]
