"""The theme's words gathered for translators: Babel's extraction over the templates and the
Python that writes pages, into ``templates/locale/messages.pot``.

Templates are read by Jinja's own extractor (``_()``, ``ngettext()``, ``pgettext()``); Python
by Babel's, which finds ``N_()`` (a string marked where it is defined) and the ``gettext`` and
``ngettext`` of a :class:`~generator.language.Language`. The scripts' words reach them
through the templates (``data-`` attributes), so they are among the templates'.

``python -m generator.render.extraction`` writes ``messages.pot`` again and brings each
``<language>.po`` beside it up to date (new msgids added untranslated, gone ones dropped).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from generator import layout

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

# What a template's words are read as: Jinja's gettext calls, the way the theme's
# environment parses them (generator.render.environment).
TEMPLATE_OPTIONS = {"trim_blocks": "True", "lstrip_blocks": "True"}
TEMPLATE_SUFFIXES = (".html", ".xml", ".ics", ".svg", ".json", ".txt")
# The template's header, written as it is: no date, so that writing it again changes nothing.
HEADER = """\
# The words of showcase's default theme, for translators.
# Copy this file to templates/locale/<language>.po (ru.po, de.po), set its Language and
# Plural-Forms, and translate each msgstr; keep every %(name)s of a msgid as it is.
msgid ""
msgstr ""
"Project-Id-Version: showcase\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


def extract(theme: Path, package: Path) -> Catalog:
    """Every msgid of the theme's templates (under ``theme``) and of the Python modules of
    ``package``, with where each is used."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

    catalogue = Catalog(project="showcase", fuzzy=False)
    templates = theme / layout.TEMPLATES_DIR
    sources: list[tuple[str, Path, str]] = [
        ("jinja2.ext:babel_extract", path, f"templates/{path.relative_to(templates).as_posix()}")
        for path in sorted(templates.rglob("*"))
        if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
    ]
    sources += [
        ("python", path, f"generator/{path.relative_to(package).as_posix()}")
        for path in sorted(package.rglob("*.py"))
    ]
    for method, path, shown in sources:
        options = TEMPLATE_OPTIONS if method != "python" else {}
        found = extract_from_file(
            method, str(path), keywords=DEFAULT_KEYWORDS, options=options, strip_comment_tags=True
        )
        for line, message, comments, context in found:
            catalogue.add(
                message,
                None,
                [(shown, line)],
                auto_comments=comments,
                context=context,
            )
    return catalogue


def template_text(catalogue: Catalog) -> str:
    """The catalogue as ``messages.pot``: sorted by msgid, so that it changes only with them."""
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalogue, width=100, sort_output=True, include_lineno=False, omit_header=True)
    return HEADER + out.getvalue().decode("utf-8").lstrip("\n")


def main() -> None:
    """Write the theme's ``messages.pot`` and update each catalogue beside it."""
    from babel.messages.pofile import read_po, write_po

    theme = layout.default_theme()
    package = Path(__file__).resolve().parents[1]
    catalogue = extract(theme, package)
    folder = theme / layout.TEMPLATES_DIR / layout.LOCALE_DIR
    (folder / "messages.pot").write_text(template_text(catalogue), encoding="utf-8")
    for path in sorted(folder.glob("*.po")):
        text = path.read_text(encoding="utf-8")
        translated = read_po(io.StringIO(text), locale=path.stem)
        translated.update(catalogue, no_fuzzy_matching=True)
        translated.obsolete.clear()
        out = io.BytesIO()
        write_po(
            out, translated, width=100, sort_output=True, include_lineno=False, omit_header=True
        )
        # The catalogue's own header (its comment, Language and Plural-Forms), as written.
        header = text[: text.index("\n\n") + 2]
        path.write_text(header + out.getvalue().decode("utf-8").lstrip("\n"), encoding="utf-8")
        print(f"updated {path}")


if __name__ == "__main__":
    main()
