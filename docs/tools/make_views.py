#!/usr/bin/env python3
"""Cut the example site's detail views out of the painting they show.

"Steppe at First Light" has two views besides itself: the sun on the horizon and the grass
of the foreground, each a crop of ``01-steppe-at-first-light.jpg`` (drawn by
make_artwork.py) at its own scale, so a view shows what the painting shows, closer. The long
side of each is at least 960 px, the size work pages show images at. Running it again writes
the same files (for a given Pillow version).

Usage::

    python docs/tools/make_views.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

FOLDER = Path(__file__).resolve().parents[2] / "content" / "series" / "steppe-awakening"
PAINTING = FOLDER / "01-steppe-at-first-light.jpg"
# Each view's file, and the box it is cut from (left, top, right, bottom, in the painting's
# 1800 × 1200 pixels).
VIEWS = {
    "01-steppe-at-first-light-sun.jpg": (741, 376, 1701, 1016),
    "01-steppe-at-first-light-grass.jpg": (300, 880, 1500, 1200),
}


def main() -> None:
    with Image.open(PAINTING) as painting:
        for name, box in VIEWS.items():
            detail = painting.crop(box)
            detail.save(FOLDER / name, quality=80, optimize=True, progressive=True)
            print(f"wrote {name}: {detail.width}×{detail.height}")


if __name__ == "__main__":
    main()
