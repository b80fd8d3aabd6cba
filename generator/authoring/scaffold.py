"""Start a site, an artist or a series from commented templates that build as written.

The text of every file written lives in ``generator/data/scaffold/`` as it will read, with
``${name}`` where a value goes; this module fills the values in and paints the example works.
"""

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
from string import Template

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from generator.content import placeholders as example
from generator.content.places import PlaceLookupError, find_place, split_short_form
from generator.content.translations import translation_name
from generator.errors import ScaffoldError, SiteError
from generator.layout import (
    CONFIG_FILE,
    CONTENT_DIR,
    DATA,
    STATIC_DIR,
    TEMPLATES_DIR,
    default_theme,
)
from generator.source.coordinates import COORDINATES_HINT, CoordinateError, parse_coordinate
from generator.source.frontmatter import parse_frontmatter
from generator.source.slugs import slugify

ARTISTS_DIR = f"{CONTENT_DIR}/artists"
SERIES_DIR = f"{CONTENT_DIR}/series"
IGNORED_IN_NEW_FOLDER = frozenset({".git"})  # a fresh clone of an empty repository is empty
JPEG_OPTIONS = {"quality": 84, "optimize": True, "progressive": True}
TEXTS = DATA / "scaffold"  # the files' text, with ${name} where a value goes
EXAMPLE_ARTIST_SLUG = "aigerim-sadykova"
EXAMPLE_SERIES_SLUG = "turkistan-blue"

Color = tuple[int, int, int]


def init_site(path: Path | str) -> list[Path]:
    """Create a new site with an example artist and series in ``path``; return its files."""
    target = Path(path)
    _check_new_folder(target)
    title = _title_from_folder(target)
    files: dict[str, bytes] = {
        CONFIG_FILE: _text("site.yaml", title=_yaml_text(title)),
        ".gitignore": _text("gitignore"),
        f"{ARTISTS_DIR}/{EXAMPLE_ARTIST_SLUG}.md": _text("example-artist.md"),
        f"{SERIES_DIR}/{EXAMPLE_SERIES_SLUG}.md": _text("example-series.md"),
    }
    for painting in EXAMPLE_PAINTINGS:
        files[f"{SERIES_DIR}/{EXAMPLE_SERIES_SLUG}/{painting.file}"] = painting.render()
    files[f"{TEMPLATES_DIR}/README.txt"] = _theme_readme()
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / STATIC_DIR).mkdir(exist_ok=True)
        return [_write_new(target / rel, data, rel) for rel, data in files.items()]
    except OSError as exc:
        raise ScaffoldError(
            f"could not write the site: {exc.strerror or exc}",
            path=exc.filename or target,
            hint="check that you may write to that folder",
        ) from None


def new_artist(
    source: Path | str,
    name: str,
    hometown: str | None = None,
    lat: str | None = None,
    lon: str | None = None,
) -> Path:
    """Write ``content/artists/<slug>.md`` for ``name``, as a draft; return its path.

    ``hometown`` ("Balkhash, Kazakhstan") is looked up in the gazetteer first, and its name,
    country and coordinates written in the file; a name it cannot place writes nothing.
    ``lat`` and ``lon`` (``--lat``, ``--lon``, given together) place it without the lookup.
    """
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
    if (lat is None) != (lon is None):
        raise ScaffoldError(
            "--lat and --lon go together; nothing was written",
            hint='for example: --hometown "Springfield, United States" --lat 37.22 --lon -93.3',
        )
    position = (lat, lon) if lat is not None and lon is not None else None
    place = _hometown(hometown, position) if hometown is not None or position else None
    rel = f"{ARTISTS_DIR}/{slug}.md"
    text = _text(
        "new-artist.md",
        name=_yaml_text(name),
        plain_name=name,
        slug=slug,
        summary=_yaml_text(example.ARTIST_SUMMARY.format(name=name)),
        portrait_alt=_yaml_text(example.ARTIST_PORTRAIT_ALT.format(name=name)),
        hometown=_yaml_text(example.ARTIST_HOMETOWN),
        lat=str(example.ARTIST_HOMETOWN_LAT),
        lon=str(example.ARTIST_HOMETOWN_LON),
        story=example.ARTIST_STORY.format(name=name),
    )
    if place is not None:
        text = _with_hometown(text, *place)
    return _write_new(root / rel, text, rel)


def _hometown(text: str | None, position: tuple[str, str] | None) -> tuple[str, str, float, float]:
    """The name, country and coordinates of ``--hometown`` (and ``--lat``, ``--lon``), or the
    reason it has none."""
    name, country = split_short_form(text or "")
    if not name:
        raise ScaffoldError(
            "--hometown has no town name; nothing was written"
            if country
            else "--lat and --lon need --hometown, the town's name; nothing was written"
            if text is None
            else "--hometown is empty",
            hint='for example: --hometown "Balkhash, Kazakhstan"',
        )
    if position is not None:
        return name, country, *_position(position)
    try:
        found = find_place(name, country)
    except PlaceLookupError as exc:
        raise ScaffoldError(
            f"--hometown: {exc.message}; nothing was written", hint=_lookup_hint(text, exc)
        ) from None
    return name, country or found.country_name(), found.lat, found.lon


def _position(position: tuple[str, str]) -> tuple[float, float]:
    """``--lat`` and ``--lon`` in decimal degrees."""
    degrees = []
    for value, axis, limit in ((position[0], "lat", 90), (position[1], "lon", 180)):
        try:
            number = parse_coordinate(value, axis)
        except CoordinateError as exc:
            raise ScaffoldError(
                f"--{axis} {exc}; nothing was written", hint=COORDINATES_HINT
            ) from None
        if not -limit <= number <= limit:
            raise ScaffoldError(
                f"--{axis} must be between -{limit} and {limit} (got {value}); nothing was written",
                hint=COORDINATES_HINT,
            )
        degrees.append(round(number, 6))  # a tenth of a metre
    return degrees[0], degrees[1]


def _lookup_hint(text: str | None, exc: PlaceLookupError) -> str:
    """What to type when ``--hometown`` names no single place: options, not YAML lines,
    since the file is not written yet."""
    given = f'--hometown "{text}"'
    if exc.candidates:
        shown = exc.candidates[:8]
        more = len(exc.candidates) - len(shown)
        best = shown[0]
        return (
            "they are:\n    "
            + "\n    ".join(place.describe() for place in shown)
            + (f"\n    … and {more} more" if more else "")
            + "\n  give the one you mean by its position, for example:"
            + f"\n    {given} --lat {best.lat:g} --lon {best.lon:g}"
        )
    _, country = split_short_form(text or "")
    also = "" if country else '\n  or name its country: --hometown "TOWN, COUNTRY"'
    guess = f"did you mean {', '.join(exc.close)}? " if exc.close else ""
    return (
        f"{guess}check the spelling, or give its position: {given} --lat NUMBER --lon NUMBER"
        f"\n  {COORDINATES_HINT}{also}"
    )


def _with_hometown(text: bytes, name: str, country: str, lat: float, lon: float) -> bytes:
    """The new artist's file with its ``hometown:`` block naming the place found."""
    values = {"name": _yaml_text(name), "country": _yaml_text(country), "lat": f"{lat}"}
    values["lon"] = f"{lon}"
    lines = text.decode().split("\n")
    start = lines.index("hometown:") + 1
    end = start
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    block = []
    for line in lines[start:end]:
        key = line.strip().lstrip("# ").split(":", 1)[0]
        if key in values and (key != "country" or country):
            block.append(f"  {key}: {values[key]}")
        elif key == "region":  # the template's example region is another town's
            block.append("  # region: the region's name, if it should be shown")
        else:
            block.append(line)
    return "\n".join([*lines[:start], *block, *lines[end:]]).encode()


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
    text = _text(
        "new-series.md",
        title=_yaml_text(title),
        plain_title=title,
        slug=slug,
        artist=artist_slug,
        year=str(datetime.date.today().year),
        work_title=_yaml_text(example.WORK_TITLE),
        work_alt=_yaml_text(example.WORK_ALT),
        view_alt=_yaml_text(example.VIEW_ALT),
        work_caption=_yaml_text(example.WORK_CAPTION),
        description=example.SERIES_DESCRIPTION.format(title=title),
    )
    written = _write_new(root / rel, text, rel)
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
    """Every artist's slug (its 'slug:', or its file's name), with its file; translations
    (<slug>.<code>.md) are not artists of their own."""
    slugs: dict[str, str] = {}
    for path in sorted((root / ARTISTS_DIR).glob("*.md")):
        if translation_name(path) is not None:
            continue
        rel = path.relative_to(root).as_posix()
        try:
            data = parse_frontmatter(path.read_text(encoding="utf-8"), rel).data
        except (SiteError, UnicodeDecodeError):
            data = {}
        given = data.get("slug")
        slug = given.strip() if isinstance(given, str) and given.strip() else slugify(path.stem)
        slugs.setdefault(slug, rel)
    return slugs


def artist_is_draft(source: Path | str, artist_slug: str) -> bool:
    """Whether the artist ``artist_slug`` of the site in ``source`` is marked ``draft: true``."""
    root = Path(source)
    rel = _artist_slugs(root).get(artist_slug)
    if rel is None:
        return False
    try:
        data = parse_frontmatter((root / rel).read_text(encoding="utf-8"), rel).data
    except (OSError, SiteError, UnicodeDecodeError):
        return False
    return data.get("draft") is True


def _artist_hint(wrong: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(wrong, known, n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if known:
        return f"known artists: {', '.join(known)}"
    return 'add the artist first: showcase new artist "Name"'


def _text(file: str, /, **values: str) -> bytes:
    """The scaffold text ``file`` with ``values`` filled in, as UTF-8."""
    text = (TEXTS / file).read_text(encoding="utf-8")
    return Template(text).substitute(values).encode()


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


def _theme_readme() -> bytes:
    theme = default_theme()
    names = sorted(
        p.relative_to(theme / TEMPLATES_DIR).as_posix()
        for p in (theme / TEMPLATES_DIR).rglob("*")
        if p.is_file() and not p.name.startswith((".", "__"))
    )
    listing = "\n".join(f"  {name}" for name in names if not name.endswith(".py"))
    return _text(
        "templates-README.txt",
        listing=listing,
        templates=str(theme / TEMPLATES_DIR),
        static=str(theme / STATIC_DIR),
    )


@dataclass(frozen=True, slots=True)
class _Field:
    """A soft-edged rectangle of colour, as fractions of the canvas, shading top to bottom."""

    box: tuple[float, float, float, float]
    top: str
    bottom: str


@dataclass(frozen=True, slots=True)
class _Painting:
    """How to paint one example work's image (its front-matter is in example-series.md)."""

    file: str
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
        size=(1600, 2000),
        ground=("#cfe3ea", "#f3efe6"),
        fields=(
            _Field((0.12, 0.08, 0.88, 0.46), "#1f9e9a", "#2fb3ad"),
            _Field((0.12, 0.54, 0.88, 0.92), "#e6d3ad", "#d9c194"),
        ),
    ),
    _Painting(
        file="02-brick-and-cobalt.jpg",
        size=(1600, 1200),
        ground=("#3a2a22", "#2a1d17"),
        fields=(
            _Field((0.09, 0.10, 0.91, 0.52), "#1f3f8f", "#274a9c"),
            _Field((0.09, 0.60, 0.91, 0.90), "#b5652d", "#a2552a"),
        ),
    ),
    _Painting(
        file="03-the-road-to-tashkent.jpg",
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
        size=(1600, 1200),
        ground=("#1b1f4a", "#3d2858"),
        fields=(
            _Field((0.10, 0.10, 0.90, 0.62), "#232a63", "#4a2f6b"),
            _Field((0.10, 0.70, 0.90, 0.86), "#f0a86a", "#e38a5a"),
        ),
    ),
)
