"""Static files: the theme's and the site's ``static/`` folders, and the bundled Leaflet."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.errors import ContentError
from generator.source.confine import linked_out, outside

LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)
LEAFLET_URL = "vendor/leaflet/"


def collect_static(folders: Iterable[Path]) -> dict[str, Path]:
    """Map output paths to source files; a later folder overrides an earlier one.

    Each folder is ``<project>/static`` (or the theme's); a file in it that leads out of
    ``<project>`` (or the theme) through a link is refused with a ContentError.
    """
    files: dict[str, Path] = dict(_leaflet())
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            real = outside(path, folder.parent)
            if real is not None:
                raise linked_out(f"{folder.name}/{rel.as_posix()}", real, ContentError)
            files[rel.as_posix()] = path
    return files


def _leaflet() -> Iterable[tuple[str, Path]]:
    """Leaflet from the installed xstatic package, so the map needs no CDN."""
    from xstatic.pkg import leaflet

    base = Path(leaflet.BASE_DIR)
    for name in LEAFLET_FILES:
        yield LEAFLET_URL + name, base / name
