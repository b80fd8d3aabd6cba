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

import datetime
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
# The catalogue's header date: fixed, so that writing it again changes nothing.
HEADER_DATE = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


def extract(theme: Path, package: Path) -> Catalog:
    """Every msgid of the theme's templates (under ``theme``) and of the Python modules of
    ``package``, with where each is used."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

    catalogue = Catalog(
        project="showcase",
        msgid_bugs_address="",
        creation_date=HEADER_DATE,
        revision_date=HEADER_DATE,
        fuzzy=False,
    )
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
    write_po(out, catalogue, width=100, sort_output=True, include_lineno=False)
    return out.getvalue().decode("utf-8")


def main() -> None:
    """Write the theme's ``messages.pot`` and update each catalogue beside it."""
    from babel.messages.pofile import read_po, write_po

    theme = layout.default_theme()
    package = Path(__file__).resolve().parents[1]
    catalogue = extract(theme, package)
    folder = theme / layout.TEMPLATES_DIR / layout.LOCALE_DIR
    (folder / "messages.pot").write_text(template_text(catalogue), encoding="utf-8")
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as file:
            translated = read_po(file, locale=path.stem)
        translated.update(catalogue, no_fuzzy_matching=True)
        translated.obsolete.clear()
        out = io.BytesIO()
        write_po(out, translated, width=100, sort_output=True, include_lineno=False)
        path.write_bytes(out.getvalue())
        print(f"updated {path}")


if __name__ == "__main__":
    main()
