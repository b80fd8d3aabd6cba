"""The Jinja environment renders exactly what stock Jinja would, a little faster."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from generator import layout
from generator.render.environment import make_environment
from generator.render.speedups import escape_function
from generator.urls import UrlBuilder


class Html:
    def __html__(self) -> str:
        return "<b>safe</b>"


class Text:
    def __str__(self) -> str:
        return "a < b & 'c'"


@given(st.text())
def test_quick_escape_matches_markupsafe_for_any_text(text: str) -> None:
    quick = escape_function()
    assert quick(text) == escape(text)
    assert type(quick(text)) is Markup


@pytest.mark.parametrize(
    "value",
    [
        "",
        "plain",
        "<script>alert('x')</script> & \"quotes\"",
        Markup("<em>kept</em>"),
        0,
        -42,
        10**30,
        True,
        None,
        1.5,
        Html(),
        Text(),
    ],
)
def test_quick_escape_matches_markupsafe(value: object) -> None:
    quick = escape_function()
    assert quick(value) == escape(value)
    assert type(quick(value)) is Markup


def environment(tmp_path: Path, templates: dict[str, str]) -> jinja2.Environment:
    for name, text in templates.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return make_environment([tmp_path], UrlBuilder("https://example.org/", {}))


def test_pages_escape_what_content_says(tmp_path: Path) -> None:
    env = environment(
        tmp_path,
        {
            "macros.html": (
                '{% macro quote(text) %}<q title="{{ text }}">{{ text }}</q>{% endmacro %}'
            ),
            "page.html": (
                '{% from "macros.html" import quote %}'
                "<h1>{{ title }}</h1>{{ quote(title) }}{{ body }}{{ year }}"
            ),
        },
    )
    html = env.get_template("page.html").render(
        title="Fish & <Chips> \"'", body=Markup("<p>trusted</p>"), year=2024
    )
    assert html == (
        "<h1>Fish &amp; &lt;Chips&gt; &#34;&#39;</h1>"
        '<q title="Fish &amp; &lt;Chips&gt; &#34;&#39;">Fish &amp; &lt;Chips&gt; &#34;&#39;</q>'
        "<p>trusted</p>2024"
    )


def test_template_globals_overlay_the_environment_globals(tmp_path: Path) -> None:
    env = environment(tmp_path, {"page.html": "{{ greeting }} {{ range(2)|list }}"})
    assert env.get_template("page.html").render(greeting="hi") == "hi [0, 1]"
    own = env.get_template("page.html", globals={"greeting": "hello"})
    assert own.render() == "hello [0, 1]"
    assert "greeting" not in env.globals


def test_imported_macros_see_the_template_globals(tmp_path: Path) -> None:
    env = environment(
        tmp_path,
        {
            "macros.html": "{% macro hello() %}{{ name }}{% endmacro %}",
            "page.html": '{% import "macros.html" as m with context %}{{ m.hello() }}',
        },
    )
    assert env.get_template("page.html", globals={"name": "Aigerim"}).render() == "Aigerim"


def test_an_escape_that_no_longer_agrees_with_markupsafe_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import markupsafe

    monkeypatch.setattr(markupsafe, "_escape_inner", lambda text: text, raising=False)
    assert escape_function() is escape


TRANSLATED = (
    '<p title="{{ _("Gallery") }}">{{ ngettext("%(num)s work", "%(num)s works", 5) }}</p>'
    "{{ 3000|number }} {{ 43.2567|fixed }} {{ _('Press kit — %(name)s', name=who) }}"
)


def translated_environment(folder: Path, code: str, cache: Path) -> jinja2.Environment:
    from generator.render.catalogue import load_language

    (folder / "page.html").write_text(TRANSLATED, encoding="utf-8")
    language, _ = load_language(code, [folder, layout.default_theme() / layout.TEMPLATES_DIR])
    return make_environment([folder], UrlBuilder("https://example.org/", {}), cache, language)


def test_a_template_speaks_the_builds_language_and_escapes_the_values(tmp_path: Path) -> None:
    env = translated_environment(tmp_path, "ru", tmp_path / "cache")
    html = env.get_template("page.html").render(who="<Анна>")
    assert html == (
        '<p title="Галерея">5 работ</p>3\u00a0000 43,26 Материалы для прессы — &lt;Анна&gt;'
    )


def test_a_compiled_template_holds_no_languages_words(tmp_path: Path) -> None:
    env = translated_environment(tmp_path, "ru", tmp_path / "cache")
    code = env.compile(TRANSLATED, "page.html", raw=True)
    assert "Галерея" not in code and "работ" not in code and "3\u00a0000" not in code
    assert "Gallery" in code  # the msgid, looked up when the page is rendered


def test_the_bytecode_cache_hands_no_language_to_another_build(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pages = {}
    for code in ("ru", "kk", "en", "ru"):
        env = translated_environment(tmp_path, code, cache)
        pages.setdefault(code, []).append(env.get_template("page.html").render(who="A"))
    assert pages["kk"] == [
        '<p title="Галерея">5 жұмыс</p>3\u00a0000 43,26 Баспасөз материалдары — A'
    ]
    assert pages["en"] == ['<p title="Gallery">5 works</p>3,000 43.26 Press kit — A']
    assert pages["ru"][0] == pages["ru"][1]
    assert list(cache.rglob("*.cache")), "the templates were cached"
