"""Links from site.yaml never carry script: a navigation entry is a page, a web or mail link."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import ContentErrors


def set_navigation_url(project: Path, url: str) -> None:
    config = project / "site.yaml"
    text = config.read_text(encoding="utf-8")
    assert "    url: /map/\n" in text
    config.write_text(text.replace("    url: /map/\n", f"    url: {url!r}\n"), encoding="utf-8")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,x"],
)
def test_navigation_link_with_script_scheme_is_refused(project: Path, url: str) -> None:
    set_navigation_url(project, url)
    with pytest.raises(ContentErrors) as raised:
        load_config(project)
    (error,) = raised.value.errors
    assert error.path == "site.yaml" and error.line is not None
    assert "navigation" in error.message and "url" in error.message
    assert error.hint


@pytest.mark.parametrize(
    "url", ["/map/", "/#artists", "https://example.org/about", "mailto:hello@example.org"]
)
def test_navigation_link_to_a_page_or_web_or_mail_is_kept(project: Path, url: str) -> None:
    set_navigation_url(project, url)
    assert url in [item.url for item in load_config(project).navigation]
