from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.config import load_config
from generator.content.loader import Memo, load_site
from generator.content.markdown import MarkdownRenderer
from generator.errors import ContentErrors

TINY = Path(__file__).parent.parent / "fixtures" / "tiny"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(TINY, tmp_path / "project")
    return tmp_path / "project"


def test_an_unchanged_file_gives_the_very_same_item_again(project: Path) -> None:
    config, memo = load_config(project), Memo()
    first = load_site(project, config, MarkdownRenderer(), memo=memo)
    again = load_site(project, config, MarkdownRenderer(), memo=memo)
    assert again.series[0] is first.series[0]
    assert again.artists[0] is first.artists[0]


def test_adding_a_missing_image_clears_its_error_without_touching_the_story(
    project: Path,
) -> None:
    image = next((project / "content" / "series").rglob("*.png"))
    kept = image.with_name("kept-aside")
    image.rename(kept)
    config, memo = load_config(project), Memo()
    with pytest.raises(ContentErrors, match="image not found"):
        load_site(project, config, MarkdownRenderer(), memo=memo)
    kept.rename(image)
    site = load_site(project, config, MarkdownRenderer(), memo=memo)
    assert image in {work.image for work in site.works()}
