"""Project facts, defined once: the settings file, the input folders, the cache, the theme."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"

CONFIG_FILE = "site.yaml"
CONTENT_DIR = "content"
TEMPLATES_DIR = "templates"
STATIC_DIR = "static"
# The interface's translations, in a templates folder: <language>.po and messages.pot.
LOCALE_DIR = "locale"
# The project's inputs; "site" (the usual output) and dot-folders (caches, .git) are not.
INPUT_DIRS = (CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR)
OUTPUT_DIR = "site"
CACHE_DIR = ".showcase-cache"

REGION_FILE = DATA / "region.geojson"
CITIES_FILE = DATA / "cities.json"
LIVE_SCRIPT = DATA / "live.js"


def default_theme() -> Path:
    """The folder holding the default theme's ``templates/`` and ``static/``.

    An installed package carries the theme as ``generator/theme/``; a clone has it at the
    repository's root, beside the package.
    """
    packaged = PACKAGE / "theme"
    if (packaged / TEMPLATES_DIR).is_dir():
        return packaged
    return PACKAGE.parent
