"""Start a site, an artist or a series from commented templates that build as written."""

from __future__ import annotations

import datetime
import difflib
import io
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from generator.errors import ScaffoldError, SiteError
from generator.layout import CONFIG_FILE, CONTENT_DIR, default_theme
from generator.site.urls import slugify
from generator.source.frontmatter import parse_frontmatter

ARTISTS_DIR = f"{CONTENT_DIR}/artists"
SERIES_DIR = f"{CONTENT_DIR}/series"
IGNORED_IN_NEW_FOLDER = frozenset({".git"})  # a fresh clone of an empty repository is empty
JPEG_OPTIONS = {"quality": 84, "optimize": True, "progressive": True}

Color = tuple[int, int, int]


def init_site(path: Path | str) -> list[Path]:
    """Create a new site with an example artist and series in ``path``; return its files."""
    target = Path(path)
    _check_new_folder(target)
    title = _title_from_folder(target)
    files: dict[str, bytes] = {
        CONFIG_FILE: _site_yaml(title).encode(),
        ".gitignore": b"# Made by 'showcase build': safe to delete, never edit.\nsite/\n"
        b".showcase-cache/\n",
        f"{ARTISTS_DIR}/{EXAMPLE_ARTIST_SLUG}.md": EXAMPLE_ARTIST.encode(),
        f"{SERIES_DIR}/{EXAMPLE_SERIES_SLUG}.md": _example_series().encode(),
    }
    for painting in EXAMPLE_PAINTINGS:
        files[f"{SERIES_DIR}/{EXAMPLE_SERIES_SLUG}/{painting.file}"] = painting.render()
    files["templates/README.txt"] = _theme_readme().encode()
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / "static").mkdir(exist_ok=True)
        return [_write_new(target / rel, data, rel) for rel, data in files.items()]
    except OSError as exc:
        raise ScaffoldError(
            f"could not write the site: {exc.strerror or exc}",
            path=exc.filename or target,
            hint="check that you may write to that folder",
        ) from None


def new_artist(source: Path | str, name: str) -> Path:
    """Write ``content/artists/<slug>.md`` for ``name``, as a draft; return its path."""
    root = _site_root(source)
    name = " ".join(name.split())
    slug = _slug_of(name, "name", 'for example: showcase new artist "Aigerim Sadykova"')
    taken = _artist_slugs(root)
    if slug in taken and taken[slug] != f"{ARTISTS_DIR}/{slug}.md":
        raise ScaffoldError(
            f"the artist slug '{slug}' is already used",
            path=taken[slug],
            hint="edit that file, or give the new artist another name",
        )
    rel = f"{ARTISTS_DIR}/{slug}.md"
    return _write_new(root / rel, _artist_template(name, slug).encode(), rel)


def new_series(source: Path | str, title: str, artist_slug: str) -> Path:
    """Write ``content/series/<slug>.md`` by ``artist_slug`` and make its image folder."""
    root = _site_root(source)
    title = " ".join(title.split())
    slug = _slug_of(title, "title", 'for example: showcase new series "Turkistan Blue" --artist …')
    known = sorted(_artist_slugs(root))
    if artist_slug not in known:
        raise ScaffoldError(
            f"unknown artist '{artist_slug}'", hint=_artist_hint(artist_slug, known)
        )
    rel = f"{SERIES_DIR}/{slug}.md"
    year = datetime.date.today().year
    written = _write_new(root / rel, _series_template(title, slug, artist_slug, year).encode(), rel)
    (root / SERIES_DIR / slug).mkdir(exist_ok=True)
    return written


# Checks and helpers --------------------------------------------------------------------


def _check_new_folder(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise ScaffoldError(
            "it exists and is not a folder",
            path=target,
            hint="choose the name of a new folder, for example: showcase init my-site",
        )
    if target.is_dir() and any(p.name not in IGNORED_IN_NEW_FOLDER for p in target.iterdir()):
        raise ScaffoldError(
            "the folder is not empty; nothing was written",
            path=target,
            hint="choose a new or empty folder: init never overwrites files",
        )


def _site_root(source: Path | str) -> Path:
    root = Path(source)
    if not (root / CONFIG_FILE).is_file():
        raise ScaffoldError(
            f"no {CONFIG_FILE} in {root}",
            hint="run the command in a site's folder or pass --source DIR; "
            "'showcase init DIR' starts a new site",
        )
    return root


def _slug_of(text: str, what: str, example: str) -> str:
    slug = slugify(text)
    if not slug:
        raise ScaffoldError(f"the {what} {text!r} gives no usable slug", hint=example)
    return slug


def _write_new(path: Path, data: bytes, rel: str) -> Path:
    """Write a file that must not exist yet; refuse, naming it, if it does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise ScaffoldError(
            "already exists; it was left as it was",
            path=rel,
            hint="edit that file, or choose another name",
        ) from None
    return path


def _artist_slugs(root: Path) -> dict[str, str]:
    """Every artist's slug (its 'slug:', or its name slugified), with its file."""
    slugs: dict[str, str] = {}
    for path in sorted((root / ARTISTS_DIR).glob("*.md")):
        rel = path.relative_to(root).as_posix()
        slug = path.stem
        try:
            data = parse_frontmatter(path.read_text(encoding="utf-8"), rel).data
        except (SiteError, UnicodeDecodeError):
            data = {}
        for key in ("slug", "name"):
            value = data.get(key)
            if isinstance(value, str) and slugify(value):
                slug = value.strip() if key == "slug" else slugify(value)
                break
        slugs.setdefault(slug, rel)
    return slugs


def _artist_hint(wrong: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(wrong, known, n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if known:
        return f"known artists: {', '.join(known)}"
    return 'add the artist first: showcase new artist "Name"'


def _yaml_text(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back the same, else quoted."""
    try:
        plain = yaml.safe_load(f"key: {value}") == {"key": value}
    except yaml.YAMLError:
        plain = False
    return value if plain and "#" not in value else json.dumps(value, ensure_ascii=False)


def _title_from_folder(target: Path) -> str:
    words = re.sub(r"[-_.\s]+", " ", target.resolve().name).strip()
    if not words:
        return "Showcase"
    if words == words.lower():
        words = " ".join(w[:1].upper() + w[1:] for w in words.split())
    return words


# The example site ------------------------------------------------------------------------


def _site_yaml(title: str) -> str:
    return f"""\
# Settings for this site. Every key is explained above it; the README of showcase lists them
# all. Keys that are commented out are optional: remove the '#' to use one.

# The site's name, in the header and in every page's title.
title: {_yaml_text(title)}
# A short line under the title.
# tagline: Painters and photographers of the steppe
# A sentence or two, used on the home page and in link previews.
description: >-
  Artists, their stories and their work: painting series shown piece by piece, and a map of
  the places they come from.
# Where the site will be published, for example https://user.github.io/my-site/: every link
# honours its sub-path. 'showcase build --base-url URL' overrides it for one build.
base_url: http://localhost:8000/
# The language of the pages, as a code such as en, kk or ru.
language: en
# Who publishes the site: a name, or a name with an email and a url.
author:
  name: {_yaml_text(title)}
  # email: hello@example.org
  # url: https://example.org/
# The rights line in every page's footer.
copyright: © The artists. All rights reserved.
# The links in the header.
navigation:
  - title: Artists
    url: /#artists
  - title: Gallery
    url: /gallery/
  - title: Map
    url: /map/
map:
  # An optional tile layer under the interactive map. Off by default: the map then draws the
  # bundled country outlines and loads nothing from another host.
  tiles: null
  # tiles:
  #   url: https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png
  #   attribution: © OpenStreetMap contributors
  #   max_zoom: 18
images:
  # Every image is published at these widths (never larger than the original), in these
  # formats: the browser takes the first it understands, JPEG being the fallback.
  widths: [480, 960, 1600, 2400]
  formats: [avif, webp, jpeg]
  quality: {{avif: 55, webp: 80, jpeg: 82}}
  # Published images keep only Artist and Copyright; GPS positions are removed unless true.
  keep_gps: false
  # Publish each original (without camera metadata) with a download link on its page.
  downloads: false
  # The Copyright written into images that carry none of their own (default: 'copyright').
  # copyright: © Aigerim Sadykova
"""


def _theme_readme() -> str:
    theme = default_theme()
    names = sorted(
        p.relative_to(theme / "templates").as_posix()
        for p in (theme / "templates").rglob("*")
        if p.is_file() and not p.name.startswith((".", "__"))
    )
    listing = "\n".join(f"  {name}" for name in names if not name.endswith(".py"))
    return f"""\
Overriding the theme

This site uses the default theme of showcase, which comes with the program: nothing of
it needs to be copied here. To change one of its files, put a file of the same name in
this site and edit that copy; the site's file wins, the theme's others stay in use.

templates/  Jinja templates. templates/base.html replaces the theme's base.html, and
            templates/partials/social.html its partials/social.html. The theme's
            templates are:

{listing}

static/     Files published as they are, at the same path: static/css/site.css replaces
            the theme's stylesheet, static/img/favicon.svg its icon. Add your own fonts,
            images or scripts there too. (This note lives here, not in static/, because
            everything in static/ is published.)

When this site was created, the theme's files were in:
  {theme / "templates"}
  {theme / "static"}
"""


EXAMPLE_ARTIST_SLUG = "aigerim-sadykova"
EXAMPLE_SERIES_SLUG = "turkistan-blue"

EXAMPLE_ARTIST = """\
---
# The artist's name, as it is written.
name: Aigerim Sadykova
# Their page's address is /artists/aigerim-sadykova/, made from the name. To choose
# another, write it here:
# slug: aigerim-sadykova
# What they do: painter, photographer, sculptor…
discipline: painter
# One sentence, used on cards, in link previews and by search engines.
summary: >-
  A painter from Turkistan who turns the blue of its tiled domes and the ochre of the road
  south into quiet, soft-edged fields of colour.
# Where the artist comes from, drawn on the hometown map: a name, and its position in
# decimal degrees (north and east positive). 'region' and 'country' are optional. For a
# place whose exact position is not known, add 'approximate: true': it is drawn as a
# dashed circle of 'radius_km' (default 60).
hometown:
  name: Turkistan
  region: Turkistan Region
  country: Kazakhstan
  lat: 43.2973
  lon: 68.2518
# Optional: other places the story mentions, each with why it matters. The map draws them
# as journeys from the hometown.
places:
  - name: Tashkent
    country: Uzbekistan
    lat: 41.2995
    lon: 69.2401
    reason: Where she studied painting and first exhibited.
# Optional: a portrait, relative to this file, and what it shows (then required):
# portrait: aigerim-sadykova/portrait.jpg
# portrait_alt: Aigerim Sadykova in her studio, a blue canvas on the easel behind her.
# Optional: when the artist joined the site (YYYY-MM-DD), for the feed and the sitemap;
# 'updated' says when their page last changed.
date: 2026-01-15
# updated: 2026-02-01
# Optional: a whole number for ordering the artists: lower first, then by name.
weight: 10
# Optional: 'true' keeps the artist and their series off the site, except in a build
# with --drafts.
# draft: true
---
Aigerim Sadykova grew up in Turkistan, in the old quarter below the Mausoleum of Khoja
Ahmed Yasawi. The first colour she remembers is the turquoise of its great dome, seen over
the roofs on the walk to school, and most of her paintings still begin with it.

She studied painting in Tashkent, where she first exhibited: small, exact studies of the
mausoleum's tilework, drawn line by line. Back home, she began to leave the lines out. Her
canvases now keep only the colours of a place — the glaze of the tiles, the fired brick,
the pale green of the steppe in May — laid on in thin, brushed coats of oil until their
edges soften into one another.

She works in a studio on the edge of the town, facing the road south, and paints in
series, returning to one view at different hours until its colours settle.
"""


@dataclass(frozen=True, slots=True)
class _Field:
    """A soft-edged rectangle of colour, as fractions of the canvas, shading top to bottom."""

    box: tuple[float, float, float, float]
    top: str
    bottom: str


@dataclass(frozen=True, slots=True)
class _Painting:
    """One example work: its front-matter and how to paint its image."""

    file: str
    title: str
    year: int
    medium: str
    dimensions: str
    alt: str
    caption: str
    size: tuple[int, int]
    ground: tuple[str, str]
    fields: tuple[_Field, ...]

    def render(self) -> bytes:
        """The image as JPEG bytes: the same bytes every time."""
        width, height = self.size
        image = _gradient(self.size, self.ground[0], self.ground[1])
        pad = width // 30
        for field in self.fields:
            left, top, right, bottom = (
                round(f * d) for f, d in zip(field.box, (width, height) * 2, strict=True)
            )
            layer = Image.new("RGB", self.size)
            shade = _gradient(
                (right - left + 2 * pad, bottom - top + 2 * pad), field.top, field.bottom
            )
            layer.paste(shade, (left - pad, top - pad))
            mask = Image.new("L", self.size, 0)
            ImageDraw.Draw(mask).rectangle((left, top, right, bottom), fill=240)
            image = Image.composite(
                layer, image, mask.filter(ImageFilter.GaussianBlur(width / 120))
            )
        image = ImageChops.soft_light(image, _brush_marks(self.size, self.file))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", **JPEG_OPTIONS)
        return buffer.getvalue()


def _gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size, Image.Resampling.BICUBIC)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _brush_marks(size: tuple[int, int], seed: str) -> Image.Image:
    """A faint grey texture of horizontal strokes, around middle grey, from a fixed seed."""
    width, height = size
    small = (width // 80, height // 5)
    noise = random.Random(seed).randbytes(small[0] * small[1])
    strokes = Image.frombytes("L", small, noise).resize(size, Image.Resampling.BICUBIC)
    strokes = strokes.filter(ImageFilter.GaussianBlur(2))
    strokes = strokes.point([128 + round((v - 128) * 0.18) for v in range(256)])
    return Image.merge("RGB", (strokes, strokes, strokes))


EXAMPLE_PAINTINGS = (
    _Painting(
        file="01-dome-at-noon.jpg",
        title="Dome at Noon",
        year=2019,
        medium="Oil on canvas",
        dimensions="100 × 80 cm",
        alt="An upright abstract painting on a pale blue ground that fades to cream at the "
        "foot: a broad field of turquoise fills the upper half and a field of warm sand the "
        "lower, both with soft edges and fine horizontal brush marks.",
        caption="The turquoise of the great dome against the midday sky.",
        size=(1600, 2000),
        ground=("#cfe3ea", "#f3efe6"),
        fields=(
            _Field((0.12, 0.08, 0.88, 0.46), "#1f9e9a", "#2fb3ad"),
            _Field((0.12, 0.54, 0.88, 0.92), "#e6d3ad", "#d9c194"),
        ),
    ),
    _Painting(
        file="02-brick-and-cobalt.jpg",
        title="Brick and Cobalt",
        year=2020,
        medium="Oil on canvas",
        dimensions="90 × 120 cm",
        alt="A wide abstract painting on a dark brown ground: a large field of cobalt blue "
        "above a lower field of burnt orange, their soft edges parted by a band of the "
        "brown.",
        caption="The glazed tiles and the fired brick of the mausoleum's walls.",
        size=(1600, 1200),
        ground=("#3a2a22", "#2a1d17"),
        fields=(
            _Field((0.09, 0.10, 0.91, 0.52), "#1f3f8f", "#274a9c"),
            _Field((0.09, 0.60, 0.91, 0.90), "#b5652d", "#a2552a"),
        ),
    ),
    _Painting(
        file="03-the-road-to-tashkent.jpg",
        title="The Road to Tashkent",
        year=2021,
        medium="Oil on linen",
        dimensions="90 × 120 cm",
        alt="An abstract landscape in three horizontal bands: a pale grey-green sky fills "
        "the upper half, a thin line of golden ochre marks the horizon, and a field of sage "
        "green deepens towards the foot.",
        caption="The steppe in May, from the road south.",
        size=(1600, 1200),
        ground=("#e9e6d6", "#d8dcc4"),
        fields=(
            _Field((0.0, 0.0, 1.0, 0.55), "#dfe6e2", "#cfd9cf"),
            _Field((0.0, 0.57, 1.0, 0.61), "#c99a4a", "#c99a4a"),
            _Field((0.0, 0.63, 1.0, 1.0), "#8fa27c", "#6f8660"),
        ),
    ),
    _Painting(
        file="04-evening-turkistan.jpg",
        title="Evening, Turkistan",
        year=2023,
        medium="Oil on canvas",
        dimensions="90 × 120 cm",
        alt="A dark abstract painting: on a ground of deep indigo, a large soft-edged field "
        "shading from indigo to violet fills the upper part, and a narrow band of glowing "
        "apricot lies below it.",
        caption="The town after sunset, the last light low over the roofs.",
        size=(1600, 1200),
        ground=("#1b1f4a", "#3d2858"),
        fields=(
            _Field((0.10, 0.10, 0.90, 0.62), "#232a63", "#4a2f6b"),
            _Field((0.10, 0.70, 0.90, 0.86), "#f0a86a", "#e38a5a"),
        ),
    ),
)


def _example_series() -> str:
    works = "\n".join(
        f"""\
  - title: {_yaml_text(p.title)}
    image: {EXAMPLE_SERIES_SLUG}/{p.file}
    year: {p.year}
    # date: 2026-01-15
    medium: {p.medium}
    dimensions: {p.dimensions}
    alt: {_yaml_text(p.alt)}
    caption: {_yaml_text(p.caption)}"""
        for p in EXAMPLE_PAINTINGS
    )
    return f"""\
---
# The series' title, as it is shown.
title: Turkistan Blue
# Its page's address is /gallery/{EXAMPLE_SERIES_SLUG}/, made from the title. To choose
# another, write it here:
# slug: {EXAMPLE_SERIES_SLUG}
# The slug of the artist who made it: the name of their file in content/artists/.
artist: {EXAMPLE_ARTIST_SLUG}
# A year or a range, as text.
years: 2019–2023
# Optional: when the series was added (YYYY-MM-DD), for the feed; 'updated' when it changed.
date: 2026-01-15
# updated: 2026-02-01
# Optional: a whole number for ordering the artist's series: lower first.
weight: 10
# The works, in display order; the first is the series' cover. Each image lives in the
# folder {EXAMPLE_SERIES_SLUG}/ beside this file, and its path is written relative to this file.
# Every work needs title, image, year, medium and alt: the alt text describes what the
# image shows, for people who cannot see it. 'dimensions', 'caption' and 'slug' (the
# work's address) are optional.
works:
{works}
---
*Turkistan Blue* gathers four canvases painted between 2019 and 2023. Each begins with a
place in and around Turkistan — the great dome at midday, the brick and tile of the
mausoleum's walls, the road south to Tashkent, the town at dusk — and keeps only its
colours, laid on in thin coats until the edges between them soften.
"""


# Templates for `showcase new` ------------------------------------------------------------


def _artist_template(name: str, slug: str) -> str:
    return f"""\
---
# A new artist. 'draft: true' at the end keeps them off the site until their details are
# filled in: preview them with 'showcase build --drafts', then delete that line.

# The artist's name, as it is written.
name: {_yaml_text(name)}
# Their page's address is /artists/{slug}/, made from the name. To choose another,
# write it here:
# slug: {slug}
# What they do: painter, photographer, sculptor…
discipline: painter
# One sentence, used on cards, in link previews and by search engines.
summary: {_yaml_text(f"One sentence about {name}.")}
# Where the artist comes from, drawn on the hometown map. Write the town's name and its
# position in decimal degrees, north and east positive (Turkistan is lat 43.2973,
# lon 68.2518); 'region' and 'country' are optional. For a place whose exact position is
# not known, add 'approximate: true': it is drawn as a dashed circle of 'radius_km'.
hometown:
  name: Hometown
  # region: Turkistan Region
  # country: Kazakhstan
  lat: 0.0
  lon: 0.0
  # approximate: true
  # radius_km: 60
# Optional: other places the story mentions, each with why it matters.
# places:
#   - name: Tashkent
#     country: Uzbekistan
#     lat: 41.2995
#     lon: 69.2401
#     reason: Where they first exhibited.
# Optional: a portrait, relative to this file, and what it shows (then required).
# portrait: {slug}/portrait.jpg
# portrait_alt: {_yaml_text(f"{name} in the studio.")}
# Optional: when the artist joined the site (YYYY-MM-DD), for the feed and the sitemap;
# 'updated' says when their page last changed.
# date: 2026-01-15
# updated: 2026-02-01
# Optional: a whole number for ordering the artists: lower first, then by name.
# weight: 10
# Keeps the artist and their series off the site until you delete this line.
draft: true
---
Write {name}'s story here, in Markdown: paragraphs separated by a blank line, *emphasis*,
[links](https://example.org) and footnotes.
"""


def _series_template(title: str, slug: str, artist: str, year: int) -> str:
    return f"""\
---
# The series' title, as it is shown.
title: {_yaml_text(title)}
# Its page's address is /gallery/{slug}/, made from the title. To choose another,
# write it here:
# slug: {slug}
# The slug of the artist who made it.
artist: {artist}
# A year or a range, as text: 2016–2021.
years: "{year}"
# Optional: when the series was added (YYYY-MM-DD), for the feed; 'updated' when it changed.
# date: 2026-01-15
# updated: 2026-02-01
# Optional: a whole number for ordering the artist's series: lower first.
# weight: 10
# The works, in display order; the first is the series' cover. Put each image in the
# folder {slug}/ beside this file and write its path relative to this file. Every work
# needs title, image, year, medium and alt: the alt text describes what the image shows,
# for people who cannot see it. To add a work, copy the item from '- title:' down.
works:
  - title: First Work
    # image: {slug}/01-first-work.jpg
    year: {year}
    # date: 2026-01-15
    medium: Oil on canvas
    # alt: What the image shows, in a sentence.
    # dimensions: 80 × 60 cm
    # caption: A line shown under the work.
    # slug: first-work
---
A paragraph or two about {title}, in Markdown.
"""
