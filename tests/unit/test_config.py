"""Settings: the facts config owns, and the low layer it stays."""

from __future__ import annotations

import subprocess
import sys

from generator.config import HTML_MODES, PUBLISH_TARGETS
from generator.publish.targets import TARGETS


def test_the_publish_registry_has_exactly_the_target_names_site_yaml_accepts() -> None:
    assert tuple(TARGETS) == PUBLISH_TARGETS


def test_html_modes_are_trust_then_sanitize() -> None:
    assert HTML_MODES == ("trust", "sanitize")


def test_settings_load_without_the_markdown_engine_or_publish() -> None:
    code = (
        "import sys, generator.config; "
        "print(sorted(m for m in sys.modules if m.startswith("
        "('generator.content', 'generator.publish'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
