"""The speed tricks on Jinja's internals are used only while they give Jinja's own output."""

from __future__ import annotations

from typing import Any

import jinja2
import pytest

from generator.render import speedups


def test_the_quick_environment_passes_its_own_check() -> None:
    speedups.environment_class.cache_clear()
    assert speedups.environment_class() is not jinja2.Environment


def test_a_trick_that_changes_the_output_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    class Forgetful(jinja2.Environment):
        def make_globals(self, d: Any = None) -> Any:
            return dict(d or {})  # loses the environment's globals

    monkeypatch.setattr(speedups, "_quick_environment_class", lambda: Forgetful)
    speedups.environment_class.cache_clear()
    try:
        assert speedups.environment_class() is jinja2.Environment
    finally:
        speedups.environment_class.cache_clear()


def test_a_trick_that_fails_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(jinja2.Environment):
        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            raise AttributeError("internals moved")

    monkeypatch.setattr(speedups, "_quick_environment_class", lambda: Broken)
    speedups.environment_class.cache_clear()
    try:
        assert speedups.environment_class() is jinja2.Environment
    finally:
        speedups.environment_class.cache_clear()


def test_the_sample_page_is_what_stock_jinja_renders() -> None:
    assert speedups._render_sample(jinja2.Environment) == speedups.SAMPLE_PAGE
