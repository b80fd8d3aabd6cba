"""The build's interface language from the translation catalogues: the theme's
``templates/locale/<language>.po``, with the project's own over it.

Catalogues are compiled in memory at each build (Babel reads the ``.po``, writes the ``.mo``
into a buffer, and ``gettext`` reads that): there is no compiled file to keep in step with its
source. A project's catalogue wins entry by entry: what it translates replaces the theme's
translation, what it leaves out keeps the theme's, and it may add a language the theme lacks.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

from generator import layout
from generator.errors import CatalogueError
from generator.language import Language, locale_of

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

# English is the language the theme is written in: it needs no catalogue.
SOURCE_LANGUAGE = "en"


def load_language(code: str, template_dirs: list[Path]) -> tuple[Language, str | None]:
    """The interface language ``code``, from the catalogues of ``template_dirs`` (the
    project's templates first, then the theme's), and a warning when the theme's words stay
    in English for want of a catalogue."""
    import gettext

    own = f"{layout.TEMPLATES_DIR}/{layout.LOCALE_DIR}/{code}.po"
    # The theme's first, the project's over it; the project's named from its folder on, as
    # errors name content files, the theme's by its whole path.
    files = [
        (folder / layout.LOCALE_DIR / f"{code}.po", own if folder == template_dirs[0] else "")
        for folder in reversed(template_dirs)
        if (folder / layout.LOCALE_DIR / f"{code}.po").is_file()
    ]
    if not files:
        warning = None
        if code.split("-")[0].lower() != SOURCE_LANGUAGE:
            warning = (
                f"site.yaml: language '{code}' has no translation of the theme's words: its "
                f"pages' interface is in English (dates and prices follow '{code}'); add "
                f"{own}, starting from the theme's {layout.LOCALE_DIR}/messages.pot"
            )
        return Language(code, gettext.NullTranslations()), warning
    from babel.messages.mofile import write_mo  # Babel's catalogues: loaded when there is one

    digest = hashlib.sha256()
    merged: Catalog | None = None
    for path, shown in files:
        data = path.read_bytes()
        digest.update(data + b"\0")
        catalogue = _read(shown or str(path), data, code)
        merged = catalogue if merged is None else _over(merged, catalogue)
    assert merged is not None
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Language(code, gettext.GNUTranslations(buffer), digest.hexdigest()), None


def _read(shown: str, data: bytes, code: str) -> Catalog:
    """One ``.po`` file, checked: readable, and each translation with its msgid's
    placeholders and the language's number of plural forms."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        catalogue = read_po(io.BytesIO(data), locale=locale_of(code), abort_invalid=True)
    except PoFileError as exc:
        raise CatalogueError(
            f"not a valid catalogue: {str(exc).rsplit(' on ', 1)[0]}",
            path=shown,
            line=exc.lineno + 1,  # Babel counts from 0
            hint="compare it with the theme's templates/locale/messages.pot",
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise CatalogueError(f"not a valid catalogue: {exc}", path=shown) from None
    for message, errors in catalogue.check():
        if errors:
            raise CatalogueError(
                f"{errors[0]} (msgid {_first(message.id)!r})",
                path=shown,
                line=message.lineno or None,
                hint="a translation keeps each %(name)s of its msgid, spelled the same",
            )
    return catalogue


def _over(base: Catalog, own: Catalog) -> Catalog:
    """``base`` with each entry that ``own`` translates replaced by ``own``'s translation."""
    for message in own:
        if not message.id or message.fuzzy or not _translated(message.string):
            continue
        known = base.get(message.id, context=message.context)
        if known is None:
            base.add(message.id, message.string, context=message.context)
        else:  # Babel's own merge would keep the first translation
            known.string = message.string
    return base


def _translated(string: object) -> bool:
    if isinstance(string, str):
        return bool(string)
    return isinstance(string, tuple | list) and all(string)


def _first(msgid: object) -> str:
    """A message's msgid, its singular for a plural one."""
    return msgid if isinstance(msgid, str) else str(next(iter(msgid), ""))  # type: ignore[call-overload]
