"""Settings: the facts config owns, and the low layer it stays."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import generator.publish
from generator.config import HTML_MODES, PUBLISH_TARGETS
from generator.publish.targets import TARGETS


def test_the_publish_registry_has_exactly_the_target_names_site_yaml_accepts() -> None:
    assert tuple(TARGETS) == PUBLISH_TARGETS


def test_the_publish_target_names_are_spelled_only_in_config() -> None:
    package = Path(generator.publish.__file__).parent
    for module in ("__init__.py", "targets.py"):
        tree = ast.parse((package / module).read_text(encoding="utf-8"))
        spelled = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in PUBLISH_TARGETS
        }
        assert spelled == set(), module


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
