"""Read ``content/`` into the site model, checking every file and reporting all problems."""

from __future__ import annotations

import difflib
import functools
import os
import struct
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from generator import parallel
from generator.config import SiteConfig
from generator.content.markdown import MarkdownRenderer, NestingTooDeep
from generator.content.model import Artist, Place, Series, Site, Work
from generator.errors import ContentError, ContentErrors, SiteError
from generator.incremental.fingerprint import Fingerprints
from generator.layout import CONTENT_DIR
from generator.media.metadata import EmbeddedText, read_embedded_text
from generator.site.urls import PAGES, is_valid_slug, slugify
from generator.source.confine import linked_out, outside
from generator.source.fields import Fields, Problems
from generator.source.frontmatter import FrontMatter, parse_frontmatter
from generator.source.marks import Mark

ARTIST_KEYS = (
    "date",
    "updated",
    "name",
    "slug",
    "discipline",
    "summary",
    "hometown",
    "places",
    "portrait",
    "portrait_alt",
    "weight",
    "draft",
)
PLACE_KEYS = ("name", "region", "country", "lat", "lon", "approximate", "radius_km", "reason")
SERIES_KEYS = ("date", "updated", "title", "slug", "artist", "years", "weight", "works")
WORK_KEYS = ("date", "title", "slug", "image", "year", "medium", "alt", "caption", "dimensions")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".gif", ".avif")
DEFAULT_RADIUS_KM = 60.0
# A story with its fields is a few kilobytes; anything this big is a mistake (a video saved
# as .md, say) and is refused before it is read into memory.
MAX_FILE_BYTES = 5 * 1024 * 1024

T = TypeVar("T", Artist, Series)
Reader = Callable[[Fields, FrontMatter, Path, "_Reading"], T]


def load_site(
    root: Path,
    config: SiteConfig,
    markdown: MarkdownRenderer,
    *,
    drafts: bool = False,
    memo: Memo | None = None,
    workers: int = 1,
    prints: Fingerprints | None = None,
) -> Site:
    """Load every artist and series under ``root/content``; raise ContentErrors on problems.

    ``memo`` keeps what each file gave between calls, so an unchanged file is not read again.
    With ``workers`` > 1 and many files to read, worker processes share the reading.
    ``prints`` learns the fingerprint of every artist and series, worked out as they were read.
    """
    root = root.resolve()
    memo = {} if memo is None else memo
    files = {kind: _content_files(root / CONTENT_DIR / kind) for kind in ("artists", "series")}
    reading = _Reading(markdown, _Disk(), fingerprinted=prints is not None)
    _read_changed(root, files, reading, memo, workers)
    problems: list[SiteError] = []
    broken: set[str] = set()  # slugs of files with errors: not also "unknown" elsewhere
    loaded_artists = _load_kind(files["artists"], problems, broken, memo, prints)
    loaded_series = _load_kind(files["series"], problems, set(), memo, prints)
    problems += _duplicate_slugs(loaded_artists, "artist")
    problems += _duplicate_slugs(loaded_series, "series")
    known = {a.slug for a, _ in loaded_artists}
    for item, fields in loaded_series:
        if item.artist_slug not in known and item.artist_slug not in broken:
            problems.append(_unknown_artist(item, fields, sorted(known)))
    if problems:
        raise ContentErrors(problems)
    artists = [a for a, _ in loaded_artists]
    series = [s for s, _ in loaded_series]
    if not drafts:
        hidden = {a.slug for a in artists if a.draft}
        artists = [a for a in artists if not a.draft]
        series = [s for s in series if s.artist_slug not in hidden]
    artists.sort(key=lambda a: (a.weight, a.name, a.slug))
    rank = {a.slug: i for i, a in enumerate(artists)}
    series.sort(key=lambda s: (rank[s.artist_slug], s.weight, s.title, s.slug))
    return Site(config=config, root=root, artists=tuple(artists), series=tuple(series))


@dataclass(frozen=True, slots=True)
class Anchors:
    """Where a loaded file's identifying fields stand, for problems found across files
    (a duplicate slug, an unknown artist): all that is kept of its front-matter once read."""

    marks: dict[str, Mark]  # the anchored keys the file has, and where their values stand

    def mark(self, key: str) -> Mark:
        """The line and column of ``key``'s value (the file's start when it has none)."""
        return self.marks.get(key, Mark(1, 1))

    @classmethod
    def of(cls, fields: Fields) -> Anchors:
        """The anchors of a file's fields."""
        return cls({key: fields.mark(key) for key in ANCHORED if key in fields.data})


ANCHORED = ("slug", "name", "title", "artist")


@dataclass(frozen=True, slots=True)
class _FileResult:
    """One content file, read: its item (when it had no problems), and what it depended on."""

    item: Artist | Series | None
    fields: Anchors | None
    problems: tuple[SiteError, ...]
    broken: tuple[str, ...]
    inputs: tuple[tuple[Path, tuple[int, int]], ...]
    # The fingerprints of the item and of its works (a series' work has a page of its own),
    # worked out where the file was read (often a worker process): every page that shows
    # them needs them, and pages are rendered in several processes.
    fingerprints: tuple[str, ...] = ()


Memo = dict[Path, _FileResult]


# Below this many files to read, starting worker processes costs more than it saves.
PARALLEL_FROM = 300


def _content_files(folder: Path) -> list[Path]:
    """The ``*.md`` files of a content folder, in order (none if there is no such folder)."""
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(folder)
            if entry.name.endswith(".md") and not entry.name.startswith(".")
        )
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in names]


def _read_changed(
    root: Path,
    files: dict[str, list[Path]],
    reading: _Reading,
    memo: Memo,
    workers: int,
) -> None:
    """Read every content file that is new or changed since ``memo`` was filled."""
    todo = [
        (kind, path)
        for kind, paths in files.items()
        for path in paths
        if path not in memo or not _unchanged(memo[path].inputs)
    ]
    workers = workers if len(todo) >= PARALLEL_FROM else 1
    task = _ReadTask(root, reading, todo)
    for part in parallel.run(task.run, parallel.chunks(len(todo), workers), workers):
        memo.update(part)


@dataclass(frozen=True, slots=True)
class _ReadTask:
    root: Path
    reading: _Reading
    todo: list[tuple[str, Path]]

    def run(self, share: range) -> list[tuple[Path, _FileResult]]:
        read = []
        for kind, path in (self.todo[i] for i in share):
            reader: Reader[Any] = _read_artist if kind == "artists" else _read_series
            read.append((path, _read_file(self.root, path, reader, self.reading)))
        return read


def _load_kind(
    paths: list[Path],
    problems: list[SiteError],
    broken: set[str],
    memo: Memo,
    prints: Fingerprints | None,
) -> list[tuple[Any, Anchors]]:
    """What the (already read) files of one kind gave, their problems added to ``problems``."""
    items: list[tuple[Any, Anchors]] = []
    for path in paths:
        result = memo[path]
        problems += result.problems
        broken.update(result.broken)
        if result.item is not None and result.fields is not None:
            items.append((result.item, result.fields))
            if prints is not None:
                for part, token in zip(
                    (result.item, *_parts(result.item)), result.fingerprints, strict=False
                ):
                    prints.adopt(part, token)
    return items


def _read_file(root: Path, path: Path, read: Reader[T], reading: _Reading) -> _FileResult:
    rel = path.relative_to(root).as_posix()
    inputs: tuple[tuple[Path, tuple[int, int]], ...] = ((path, _signature(path)),)
    real = outside(path, root)
    if real is not None or not os.path.isfile(path):
        error = (
            linked_out(rel, real, ContentError)
            if real is not None
            else ContentError("not a regular file", path=rel, hint="keep only Markdown files here")
        )
        return _FileResult(None, None, (error,), (path.stem,), inputs)
    size = inputs[0][1][1]
    if size > MAX_FILE_BYTES:
        error = ContentError(
            f"the file is too big to be a content file ({size / 2**20:.0f} MB; "
            f"the limit is {MAX_FILE_BYTES // 2**20} MB)",
            path=rel,
            hint="keep images and other media in the series' folder, not in the .md file",
        )
        return _FileResult(None, None, (error,), (path.stem,), inputs)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        error = ContentError(
            f"the file is not valid UTF-8 (byte {exc.start})",
            path=rel,
            line=line,
            hint="save the file with UTF-8 encoding",
        )
        return _FileResult(None, None, (error,), (path.stem,), inputs)
    try:
        document = parse_frontmatter(text, rel)
    except SiteError as exc:
        return _FileResult(None, None, (exc,), (path.stem,), inputs)
    file_problems = Problems(rel)
    fields = Fields(document.data, document.marks, file_problems)
    item: T = read(fields, document, path, reading)
    images = [w.image for w in item.works] if isinstance(item, Series) else []
    if isinstance(item, Artist) and item.portrait is not None:
        images.append(item.portrait)
    inputs += tuple((image, reading.disk.signature(image)) for image in images)
    if file_problems.errors:
        return _FileResult(None, None, tuple(file_problems.errors), (path.stem, item.slug), inputs)
    tokens: tuple[str, ...] = ()
    if reading.fingerprinted:
        prints = Fingerprints()
        parts: list[object] = [item, *_parts(item)]
        tokens = tuple(map(prints.token, parts))
    return _FileResult(item, Anchors.of(fields), (), (), inputs, tokens)


def _parts(item: object) -> tuple[Work, ...]:
    """What an item holds that has pages of its own: a series' works."""
    return item.works if isinstance(item, Series) else ()


def _signature(path: Path) -> tuple[int, int]:
    """What tells a file changed without reading it: modification time and size."""
    try:
        stat = os.stat(path)
    except OSError:
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)


def _unchanged(inputs: tuple[tuple[Path, tuple[int, int]], ...]) -> bool:
    return all(_signature(path) == signature for path, signature in inputs)


def _read_artist(fields: Fields, document: FrontMatter, path: Path, reading: _Reading) -> Artist:
    fields.check_keys(ARTIST_KEYS)
    name = fields.text("name")
    hometown = fields.mapping("hometown")
    portrait = _read_image(fields, "portrait", path, reading.disk, required=False)
    return Artist(
        slug=_read_slug(fields, name),
        name=name,
        discipline=fields.text("discipline"),
        summary=fields.text("summary"),
        hometown=_read_place(hometown) if hometown else _NOWHERE,
        places=tuple(_read_place(place) for place in fields.mappings("places")),
        portrait=portrait,
        portrait_alt=fields.text("portrait_alt", required=portrait is not None),
        weight=fields.integer("weight", low=-(10**6), high=10**6, required=False),
        draft=fields.flag("draft"),
        date=fields.date("date"),
        updated=fields.date("updated"),
        story_html=_render(fields, document, reading.markdown),
        source=fields.problems.path,
    )


_NOWHERE = Place(name="", country="", lat=0.0, lon=0.0)


def _read_place(fields: Fields) -> Place:
    fields.check_keys(PLACE_KEYS)
    approximate = fields.flag("approximate")
    return Place(
        name=fields.text("name"),
        country=fields.text("country", required=False),
        region=fields.text("region", required=False),
        lat=fields.number("lat", low=-90, high=90),
        lon=fields.number("lon", low=-180, high=180),
        reason=fields.text("reason", required=False),
        approximate=approximate,
        radius_km=fields.number(
            "radius_km", low=1, high=2000, required=False, default=DEFAULT_RADIUS_KM
        )
        if approximate
        else 0.0,
    )


def _read_series(fields: Fields, document: FrontMatter, path: Path, reading: _Reading) -> Series:
    fields.check_keys(SERIES_KEYS)
    title = fields.text("title")
    slug = _read_slug(fields, title)
    if slug == PAGES:
        fields.problems.add(
            f"'{slug}' cannot be a series' slug: /gallery/{PAGES}/ holds the gallery's pages",
            fields.mark("slug" if "slug" in fields.data else "title"),
            "give the series a slug of its own, such as 'pages-of-the-steppe'",
        )
    works: list[Work] = []
    for work_fields in fields.mappings("works", required=True):
        work = _read_work(work_fields, path, slug, reading.disk)
        if any(other.slug == work.slug for other in works):
            fields.problems.add(
                f"two works of this series have the slug '{work.slug}'",
                work_fields.mark(),
                "give one of them another title or a 'slug:'",
            )
        works.append(work)
    if "works" in fields.data and not works:
        fields.problems.add(
            "a series needs at least one work",
            fields.mark("works"),
            "add works as '- title: …' items under 'works:'",
        )
    return Series(
        slug=slug,
        title=title,
        artist_slug=fields.text("artist"),
        years=fields.text("years"),
        weight=fields.integer("weight", low=-(10**6), high=10**6, required=False),
        works=tuple(works),
        description_html=_render(fields, document, reading.markdown),
        source=fields.problems.path,
        date=fields.date("date"),
        updated=fields.date("updated"),
    )


def _render(fields: Fields, document: FrontMatter, markdown: MarkdownRenderer) -> str:
    """The file's Markdown body as HTML ('' with a problem recorded if it cannot be)."""
    try:
        return markdown.render(document.body)
    except NestingTooDeep as exc:
        line = document.body_line + (exc.line or 1) - 1
        fields.problems.add(exc.message, Mark(line, 1), exc.hint)
        return ""


def _read_work(fields: Fields, path: Path, series_slug: str, disk: _Disk) -> Work:
    fields.check_keys(WORK_KEYS)
    image = _read_image(fields, "image", path, disk, required=True)
    embedded = _embedded_text(fields, image, disk)
    title = fields.text("title", required=False) or embedded.title
    if not title:
        fields.problems.add(
            f"'{fields.name('title')}' is required",
            fields.mark(),
            "add a line 'title: <text>', or give the image an embedded title (XMP/IPTC)",
        )
    return Work(
        slug=_read_slug(fields, title),
        title=title,
        year=fields.integer("year", low=1000, high=2999),
        medium=fields.text("medium"),
        alt=fields.text("alt"),
        image=image or path,
        series_slug=series_slug,
        caption=fields.text("caption", required=False) or embedded.caption,
        dimensions=fields.text("dimensions", required=False),
        source=fields.problems.path,
        line=fields.mark("image").line,
        date=fields.date("date"),
    )


def _embedded_text(fields: Fields, image: Path | None, disk: _Disk) -> EmbeddedText:
    """The image's own title and caption, read only when the front-matter lacks one."""
    if image is None or (fields.data.get("title") and fields.data.get("caption")):
        return EmbeddedText()
    try:
        return _embedded_text_of(image, disk.signature(image))
    except _TooLarge:
        from generator.media.encode import MAX_PIXELS

        fields.problems.add(
            f"the image {os.path.basename(image)} is over the limit of "
            f"{MAX_PIXELS // 1_000_000} megapixels",
            fields.mark("image"),
            "export a smaller version (8,000 px on the long side is plenty for the web)",
        )
        return EmbeddedText()


class _TooLarge(Exception):
    """Pillow refuses to open the image: it would decode to more pixels than it allows."""


@functools.lru_cache(maxsize=4096)
def _embedded_text_of(image: Path, signature: tuple[int, int]) -> EmbeddedText:
    """What an image file says of itself; the same file, unchanged, is opened only once.

    Raises _TooLarge for an image Pillow takes for a decompression bomb. What else can go
    wrong with a damaged file (in its header or in its metadata) is reported when the image
    is published, by the decoder that reads all of it.
    """
    del signature  # part of the cache key: a changed file is read again
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(image) as opened:
                return read_embedded_text(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _TooLarge from None
    except (OSError, SyntaxError, ValueError, LookupError, TypeError, struct.error, zlib.error):
        return EmbeddedText()


def _read_slug(fields: Fields, name: str) -> str:
    slug = fields.text("slug", required=False) or slugify(name)
    if name and not is_valid_slug(slug):
        fields.problems.add(
            f"'{slug}' cannot be used as a slug",
            fields.mark("slug" if "slug" in fields.data else None),
            "use lowercase letters, digits and single hyphens, like 'bakhyt-morel'",
        )
    return slug


def _read_image(
    fields: Fields, key: str, path: Path, disk: _Disk, *, required: bool
) -> Path | None:
    """Resolve an image path relative to the content file, inside the project."""
    value = fields.text(key, required=required)
    if not value:
        return None
    mark = fields.mark(key)
    if os.path.isabs(value) or value.startswith("~"):
        fields.problems.add(
            f"'{fields.name(key)}' must be a path relative to this file",
            mark,
            f"for example '{path.stem}/01-title.jpg'",
        )
        return None
    candidate = os.path.join(os.path.dirname(path), value)
    resolved = disk.resolve(candidate)
    root = disk.project_root(path)
    if not (resolved == root or resolved.startswith(root.rstrip(os.sep) + os.sep)):
        fields.problems.add(
            f"'{fields.name(key)}' points outside the project: {value}",
            mark,
            "keep images beside the content file that shows them",
        )
        return None
    if not disk.is_file_exactly(candidate, resolved):
        fields.problems.add(f"image not found: {value}", mark, _suggest_file(Path(candidate)))
        return None
    if os.path.splitext(resolved)[1].lower() not in IMAGE_SUFFIXES:
        fields.problems.add(
            f"'{value}' is not an image file", mark, f"use one of: {', '.join(IMAGE_SUFFIXES)}"
        )
        return None
    return Path(resolved)


@dataclass(frozen=True, slots=True)
class _Reading:
    """What reading content files takes besides the files: one per load."""

    markdown: MarkdownRenderer
    disk: _Disk
    fingerprinted: bool  # whether the build wants each item's fingerprint


class _Disk:
    """What one load has seen of the disk: a series names many images in a few folders, so
    each folder is resolved and listed once, and each image looked at once.

    Made afresh for every load: the next one sees files added, moved or changed since.
    """

    __slots__ = ("_entries", "_real", "_roots")

    def __init__(self) -> None:
        self._real: dict[str, str] = {}
        self._entries: dict[str, dict[str, os.DirEntry[str]]] = {}
        self._roots: dict[str, str] = {}

    def project_root(self, content_file: Path) -> str:
        """The real path of the project a content file belongs to."""
        folder = os.path.dirname(content_file)
        root = self._roots.get(folder)
        if root is None:
            real = Path(self.real_folder(folder))
            root = next(
                (str(p.parent) for p in (real, *real.parents) if p.name == CONTENT_DIR),
                str(real),
            )
            self._roots[folder] = root
        return root

    def real_folder(self, folder: str) -> str:
        """``folder`` with its symbolic links resolved."""
        real = self._real.get(folder)
        if real is None:
            real = self._real[folder] = os.path.realpath(folder)
        return real

    def resolve(self, path: str) -> str:
        """``path`` resolved, its folder once for all the files in it."""
        folder, name = os.path.split(path)
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        real = self.real_folder(folder)
        entry = self._listing(real).get(name)
        if entry is not None and entry.is_symlink():
            return os.path.realpath(path)
        return os.path.join(real, name)

    def is_file_exactly(self, path: str, resolved: str) -> bool:
        """Whether ``path`` is a file, spelled exactly so even on case-blind disks."""
        folder, name = os.path.split(resolved)
        entry = self._listing(folder).get(name)
        if entry is None:
            return False
        try:
            return entry.is_file() if not entry.is_symlink() else os.path.isfile(path)
        except OSError:
            return False

    def signature(self, image: Path) -> tuple[int, int]:
        """An image's modification time and size, looked up once per load."""
        folder, name = os.path.split(image)
        entry = self._listing(folder).get(name)
        if entry is None:
            return _signature(image)
        try:
            stat = entry.stat()
        except OSError:
            return (-1, -1)
        return (stat.st_mtime_ns, stat.st_size)

    def _listing(self, folder: str) -> dict[str, os.DirEntry[str]]:
        entries = self._entries.get(folder)
        if entries is None:
            try:
                entries = {entry.name: entry for entry in os.scandir(folder)}
            except OSError:
                entries = {}
            self._entries[folder] = entries
        return entries


def _suggest_file(path: Path) -> str:
    folder = path.parent
    if not folder.is_dir():
        return f"the folder {folder.name}/ does not exist next to this file"
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    lower = {n.lower(): n for n in names}
    if path.name.lower() in lower:
        return f"did you mean '{lower[path.name.lower()]}'? (the case differs)"
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"put the image in {folder.name}/ or fix the path"


def _duplicate_slugs(items: list[tuple[T, Anchors]], kind: str) -> list[SiteError]:
    problems: list[SiteError] = []
    first: dict[str, T] = {}
    for item, fields in items:
        if item.slug in first:
            mark = fields.mark(
                "slug" if "slug" in fields.marks else ("name" if kind == "artist" else "title")
            )
            problems.append(
                ContentError(
                    f"the {kind} slug '{item.slug}' is already used by {first[item.slug].source}",
                    path=item.source,
                    line=mark.line,
                    column=mark.column,
                    hint="give one of them a different 'slug:' in its front-matter",
                )
            )
        else:
            first[item.slug] = item
    return problems


def _unknown_artist(series: Series, fields: Anchors, known: list[str]) -> SiteError:
    close = difflib.get_close_matches(series.artist_slug, known, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'?" if close else f"known artists: {', '.join(known)}"
    mark = fields.mark("artist")
    return ContentError(
        f"unknown artist '{series.artist_slug}'",
        path=series.source,
        line=mark.line,
        column=mark.column,
        hint=hint,
    )
