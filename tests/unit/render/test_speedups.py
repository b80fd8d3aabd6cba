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


def i18n_environment() -> jinja2.Environment:
    import gettext

    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    translations = gettext.NullTranslations()
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    speedups.install_quick_gettext(env, translations)
    return env


def test_the_quick_gettext_passes_its_own_check_and_is_installed() -> None:
    speedups._quick_gettext_agrees.cache_clear()
    env = i18n_environment()
    assert env.globals["_"] is env.globals["gettext"]
    page = env.from_string('{{ _("Map: %(place)s", place=place) }} {{ _("100%%") }}')
    assert page.render(place="<Almaty>") == "Map: &lt;Almaty&gt; 100%"


def test_a_quick_gettext_that_changes_the_output_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unescaped(translations: Any) -> Any:
        return jinja2.pass_context(lambda _, string, **values: string % values)

    monkeypatch.setattr(speedups, "_quick_gettext", unescaped)
    speedups._quick_gettext_agrees.cache_clear()
    try:
        env = i18n_environment()
        assert env.globals["_"] is not env.globals["gettext"]  # Jinja's alias, as installed
        page = env.from_string('{{ _("Map: %(place)s", place=place) }}')
        assert page.render(place="<Almaty>") == "Map: &lt;Almaty&gt;"
    finally:
        speedups._quick_gettext_agrees.cache_clear()
