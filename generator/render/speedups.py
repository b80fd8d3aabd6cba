"""Speed tricks on Jinja's and MarkupSafe's internals, in one place, each checked at start-up.

Rendering the 15,000-page bench workload (``bench/showcase_scale.py --artists 1000``) in one
process, without writing, took 2.68 s with stock Jinja and 2.04 s with the first two tricks
below (work pages 138 → 102 µs each): rendering is about a fifth faster. What each relies on:

1. **Flat template globals** (``Environment.make_globals``, Jinja's own hook). Jinja keeps
   each template's globals as a ``ChainMap`` over the environment's, and every render context
   and every ``{% from … import %}`` reads them through ChainMap's Python-level methods: about
   a tenth of a work page's time. One flat dict gives the same lookups, because Jinja asks
   that globals not change once templates are loaded, and this environment's never do.
2. **A quicker escape** (MarkupSafe's private ``_escape_inner``, and the ``escape`` name in
   each compiled template's module namespace). MarkupSafe 3's ``escape()`` wraps its C
   function in Python and builds the result through ``Markup``'s Python constructor: about
   0.4 µs of a short string's escaping, two thirds of it, and a page escapes a hundred values.
3. **Templates parsed once** (``Environment.parse`` / ``_parse``). A build parses each template
   to find what it includes (for its fingerprint), then compiles it; the compiler is handed
   the tree already made: a cold build of 1,000 stories went from 0.559 s to 0.536 s (median
   of 9).
4. **A quicker gettext** (the ``_`` and ``gettext`` globals that ``jinja2.ext.i18n`` installs).
   Its new-style ``_("…")`` goes through an alias that looks ``gettext`` up in the context,
   two ``Context.call`` layers and a ``%`` formatting with no values: 4.8 µs a call, measured,
   and a page of the theme makes about ten. The quick one translates, marks the result safe
   when the template autoescapes, and formats only when there are values or a ``%`` to undo:
   1.9 µs, about 30 ms of a 1,000-artist build.

Each is checked when first used: :func:`environment_class` renders a small template with the
quick environment and keeps it only if it gives stock Jinja's page to the byte;
:func:`escape_function` holds the quick escape to ``escape()``; :func:`install_quick_gettext`
holds its gettext to Jinja's on a sample, escaped and not. Should a Jinja or MarkupSafe
release change what these internals do, the plain way is used, a little slower.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Jinja is loaded when an environment is made
    import jinja2


@functools.cache
def environment_class() -> type[jinja2.Environment]:
    """Jinja's ``Environment`` with the tricks above, or Jinja's own if they misbehave."""
    import jinja2

    quick = _quick_environment_class()
    try:
        agrees = _render_sample(quick) == _render_sample(jinja2.Environment)
    except Exception:
        agrees = False
    return quick if agrees else jinja2.Environment


def _quick_environment_class() -> type[jinja2.Environment]:
    import jinja2

    escape = escape_function()

    class Template(jinja2.Template):
        """A template whose output escapes with :func:`escape_function`'s quicker escape."""

        @classmethod
        def from_code(cls, environment: Any, code: Any, globals: Any, uptodate: Any = None) -> Any:
            template = super().from_code(environment, code, globals, uptodate)
            # The compiled module looks ``escape`` up in its namespace at each use.
            template.root_render_func.__globals__["escape"] = escape
            return template

    class Environment(jinja2.Environment):
        """An environment made for rendering thousands of pages with the same templates."""

        template_class = Template

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self._trees: dict[tuple[str, str | None, str | None], Any] = {}

        def make_globals(self, d: Any = None) -> Any:
            return {**self.globals, **(d or {})}

        def parse(self, source: str, name: str | None = None, filename: str | None = None) -> Any:
            tree = super().parse(source, name, filename)
            self._trees[(source, name, filename)] = tree
            return tree

        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            tree = self._trees.pop((source, name, filename), None)
            return tree if tree is not None else super()._parse(source, name, filename)

    return Environment


_SAMPLE = {
    "macros.html": '{% macro quote(text) %}<q title="{{ text }}">{{ text }}</q>{% endmacro %}',
    "page.html": (
        '{% from "macros.html" import quote %}{% import "macros.html" as m with context %}'
        "<h1>{{ title }}</h1>{{ quote(title) }}{{ m.quote(body) }}{{ year }}{{ greeting }}"
        "{% for n in range(2) %}{{ n }}{% endfor %}"
    ),
}
# What stock Jinja renders of the sample (the tests hold it to that).
SAMPLE_PAGE = (
    "<h1>Fish &amp; &lt;Chips&gt; &#34;&#39;</h1>"
    '<q title="Fish &amp; &lt;Chips&gt; &#34;&#39;">Fish &amp; &lt;Chips&gt; &#34;&#39;</q>'
    '<q title="<p>kept</p>"><p>kept</p></q>2024hi01'
)


def _render_sample(kind: type[jinja2.Environment]) -> str:
    """A page that escapes text, keeps markup, imports macros and reads globals."""
    import jinja2
    from markupsafe import Markup

    env = kind(loader=jinja2.DictLoader(_SAMPLE), autoescape=True)
    env.globals["greeting"] = "hi"
    env.parse(_SAMPLE["macros.html"], "macros.html")  # the tree is handed to the compiler
    template = env.get_template("page.html", globals={"year": 2024})
    return template.render(title="Fish & <Chips> \"'", body=Markup("<p>kept</p>"))


def escape_function() -> Callable[[object], Any]:
    """MarkupSafe's ``escape`` with the common cases done in fewer steps: the same result.

    A string goes straight to MarkupSafe's C escaping and the result is made as a ``Markup``
    directly; a ``Markup`` is returned as it is and an ``int`` needs no escaping. Anything
    else, or a MarkupSafe without that function (or where it no longer gives escape's
    results), takes ``escape`` itself.
    """
    from markupsafe import Markup, escape

    try:
        from markupsafe import _escape_inner as escape_text  # type: ignore[attr-defined]
    except ImportError:  # MarkupSafe 2's escape is C already
        return escape
    make = str.__new__

    def quick(value: object, /) -> Any:
        kind = type(value)
        if kind is str:
            return make(Markup, escape_text(value))  # type: ignore[arg-type]
        if kind is Markup:
            return value
        if kind is int:
            return make(Markup, str(value))
        return escape(value)

    # That function is MarkupSafe's own business: should a release change what it does,
    # escape() itself is used.
    text = "<a href='x' title=\"y\">&amp; é</a>"
    escaped = "&lt;a href=&#39;x&#39; title=&#34;y&#34;&gt;&amp;amp; é&lt;/a&gt;"
    if quick(text) != escaped or any(quick(v) != escape(v) for v in (text, Markup("<b>"), 7)):
        return escape
    return quick


def install_quick_gettext(env: jinja2.Environment, translations: Any) -> None:
    """Replace the new-style ``_`` and ``gettext`` that ``install_gettext_translations``
    put in ``env`` with :func:`_quick_gettext`'s, if that agrees with Jinja's own."""
    if _quick_gettext_agrees():
        quick = _quick_gettext(translations)
        env.globals["_"] = env.globals["gettext"] = quick


def _quick_gettext(translations: Any) -> Any:
    """Jinja's new-style gettext in fewer steps: the translation, safe under autoescaping,
    formatted with the values (escaped) when there are any, or when it holds a ``%``."""
    import jinja2
    from markupsafe import Markup

    lookup = translations.gettext
    make = str.__new__

    @jinja2.pass_context
    def gettext(context: Any, string: str, /, **variables: Any) -> Any:
        text = lookup(string)
        if context.eval_ctx.autoescape:
            text = make(Markup, text)
        if variables or "%" in text:
            return text % variables
        return text

    return gettext


@functools.cache
def _quick_gettext_agrees() -> bool:
    """Whether the quick gettext renders what Jinja's renders, escaped and not."""
    import gettext

    import jinja2
    from markupsafe import Markup

    sample = (
        '{{ _("Plain") }}|{{ gettext("A <b>bold</b> %(name)s", name=name) }}|'
        '{{ _("%(safe)s and 100%%", safe=safe) }}|{{ _("Just 100%%") }}'
    )
    pages = []
    try:
        for quick in (False, True):
            for autoescape in (False, True):
                env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
                translations = gettext.NullTranslations()
                env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
                if quick:
                    env.globals["_"] = env.globals["gettext"] = _quick_gettext(translations)
                template = env.from_string(sample)
                pages.append(template.render(name="<Anna>", safe=Markup("<i>x</i>")))
    except Exception:
        return False
    return pages[:2] == pages[2:]
