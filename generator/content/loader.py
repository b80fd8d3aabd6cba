"""Read ``content/`` into the site model, checking every file and reporting all problems."""

from __future__ import annotations

import contextlib
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import parallel
from generator.config import SiteConfig
from generator.content.kinds import KIND_BY_FOLDER, KINDS, Kind
from generator.content.markdown import MarkdownRenderer
from generator.content.model import Site
from generator.content.overlay import ItemMemo, Versions
from generator.content.placeholders import placeholder_errors
from generator.content.reading import Disk, Reading, file_signature
from generator.content.translations import (
    Candidate,
    link_translations,
    read_translation,
    translation_name,
)
from generator.errors import ContentError, ContentErrors, SiteError
from generator.incremental.fingerprint import Fingerprints
from generator.incremental.memo import FileMemo
from generator.layout import CONTENT_DIR, STATIC_DIR, default_theme
from generator.source.confine import Confined, linked_out
from generator.source.fields import Fields, Problems
from generator.source.frontmatter import parse_frontmatter
from generator.source.marks import Mark
from generator.source.slugs import slugify
from generator.urls import built_in_names

# A story with its fields is a few kilobytes; anything this big is a mistake (a video saved
# as .md, say) and is refused before it is read into memory.
MAX_FILE_BYTES = 5 * 1024 * 1024


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
    """Load every file of every kind under ``root/content``; raise ContentErrors on problems.

    ``memo`` keeps what each file gave between calls, so an unchanged file is not read again.
    With ``workers`` > 1 and many files to read, worker processes share the reading.
    ``prints`` learns the fingerprint of every item and of its parts, worked out as they were
    read. Without ``drafts``, the site is the published one (``Site.published``), and the
    problems of an item whose owner is a draft (a draft artist's series) are not reported:
    it is a draft too, left out unread.

    Translation files (``<slug>.<code>.md``, see ``generator.content.translations``) are read
    with the originals, and checked against them and the site's languages; the site keeps
    them for ``Site.in_language``.
    """
    root = root.resolve()
    memo = {} if memo is None else memo
    files = {kind.folder: _content_files(root / CONTENT_DIR / kind.folder) for kind in KINDS}
    reading = Reading(markdown, Disk(), fingerprinted=prints is not None)
    _read_changed(root, files, reading, memo, workers)
    problems: list[SiteError] = []
    loaded: dict[str, list[tuple[Any, Anchors]]] = {}
    broken: dict[str, set[str]] = {}  # slugs of files with errors: not also "unknown" elsewhere
    drafted: dict[str, set[str]] = {}  # slugs of the drafts of each kind (none with ``drafts``)
    unread: list[str] = []  # a noun for each draft left out for its problems
    for kind in KINDS:
        broken[kind.folder] = set()
        hidden = drafted[kind.owner.kind] if kind.owner is not None else set()
        originals = [path for path in files[kind.folder] if translation_name(path) is None]
        loaded[kind.folder] = _load_kind(
            kind, originals, problems, broken[kind.folder], memo, prints, hidden, unread
        )
        drafted[kind.folder] = (
            set() if drafts else {item.slug for item, _ in loaded[kind.folder] if kind.draft(item)}
        )
        problems += _duplicate_slugs(loaded[kind.folder], kind)
        if kind.top_level:
            problems += _built_in_slugs(loaded[kind.folder], kind, root, config.languages[1:])
    for kind in KINDS:
        if kind.owner is not None:
            problems += _unknown_owners(kind, loaded, broken[kind.owner.kind])
    versions, wrong = _versions(root, files, loaded, drafted["artists"], memo, config, prints)
    problems += wrong
    # The example text of `showcase new` is never published; it is reported with every other
    # problem of the run, for each file that could be read.
    problems += placeholder_errors(
        root, (item for item, _ in loaded["artists"]), (item for item, _ in loaded["series"])
    )
    if problems:
        raise ContentErrors(problems)
    items: dict[str, tuple[Any, ...]] = {}
    ranks: dict[str, dict[str, int]] = {}
    for kind in KINDS:
        ordered = sorted(
            (item for item, _ in loaded[kind.folder]), key=lambda item: kind.order(item, ranks)
        )
        ranks[kind.folder] = {item.slug: i for i, item in enumerate(ordered)}
        items[kind.folder] = tuple(ordered)
    site = Site(config=config, root=root, versions=versions, **items)
    return site if drafts else site.published(tuple(unread))


def _versions(
    root: Path,
    files: dict[str, list[Path]],
    loaded: dict[str, list[tuple[Any, Anchors]]],
    hidden: set[str],
    memo: Memo,
    config: SiteConfig,
    prints: Fingerprints | None,
) -> tuple[Versions, list[SiteError]]:
    """The translation files of every kind, linked to their originals, with their problems;
    and for each original, the memo of its versions in other languages, kept with its file's."""
    memos = {}
    broken: dict[str, set[str]] = {}  # originals with problems: not "unknown"
    unread: set[tuple[str, str]] = set()  # drafts' left out for their problems, with them
    named = {
        folder: [(path, translation_name(path)) for path in paths]
        for folder, paths in files.items()
    }
    for folder, paths in named.items():
        for path, _ in (entry for entry in paths if entry[1] is None):
            result = memo[path]
            if result.item is not None:
                memos[result.item.source] = result.versions
            broken.setdefault(folder, set()).update(result.broken)
            if result.problems and result.owner in hidden:
                unread.update((folder, slug) for slug in result.broken)
    candidates: dict[str, list[Candidate]] = {}
    for folder, paths in named.items():
        for path, name in paths:
            if name is None or (folder, name[0]) in unread:
                continue
            result = memo[path]
            translation = result.item if not result.problems else None
            if translation is not None and prints is not None and result.fingerprints:
                prints.adopt(translation, result.fingerprints[0])
            source = path.relative_to(root).as_posix()
            candidates.setdefault(folder, []).append(
                Candidate(translation, result.problems, *name, source)
            )
    originals = {folder: [item for item, _ in items] for folder, items in loaded.items()}
    translations, problems = link_translations(
        candidates, originals, config, broken=broken, hidden=hidden
    )
    return Versions(translations, memos, prints), problems


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


# The keys problems across files point at: a slug, the owner named.
ANCHORED = tuple(
    dict.fromkeys(("slug", *(kind.owner.key for kind in KINDS if kind.owner is not None)))
)


@dataclass(frozen=True, slots=True)
class _FileResult:
    """One content file, read: its item (when it had no problems), and what it depended on."""

    item: Any  # of its kind's model (None when it had problems)
    fields: Anchors | None
    problems: tuple[SiteError, ...]
    broken: tuple[str, ...]
    inputs: tuple[tuple[Path, tuple[int, int]], ...]
    # The fingerprints of the item and of its parts (a series' work has a page of its own),
    # worked out where the file was read (often a worker process): every page that shows
    # them needs them, and pages are rendered in several processes.
    fingerprints: tuple[str, ...] = ()
    owner: str = ""  # the slug of the owner it names (its kind has one), read even with problems
    # The item's versions in other languages, made from it (generator.content.overlay): they
    # last as long as it does.
    versions: ItemMemo = field(default_factory=dict, compare=False)


# What each content file gave, kept between builds (see ``generator.incremental.memo``).
Memo = FileMemo[_FileResult]


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
    reading: Reading,
    memo: Memo,
    workers: int,
) -> None:
    """Read every content file that is new or changed since ``memo`` was filled.

    A file that had problems is read again whatever its inputs: what fixes it may be a file
    it could not name as an input (an image added where it pointed at nothing).
    """
    todo = [
        (kind, path)
        for kind, paths in files.items()
        for path in paths
        if path not in memo or memo[path].problems or not _unchanged(memo[path].inputs)
    ]
    workers = workers if len(todo) >= PARALLEL_FROM else 1
    task = _ReadTask(root, reading, todo)
    for part in parallel.run(task.run, parallel.chunks(len(todo), workers), workers):
        memo.update(part)


@dataclass(frozen=True, slots=True)
class _ReadTask:
    root: Path
    reading: Reading
    todo: list[tuple[str, Path]]  # (kind's folder, file): a name, as workers are sent it

    def run(self, share: range) -> list[tuple[Path, _FileResult]]:
        read = []
        confined = Confined(self.root)
        for folder, path in (self.todo[i] for i in share):
            kind = KIND_BY_FOLDER[folder]
            read.append((path, _read_file(self.root, confined, path, kind, self.reading)))
        return read


def _load_kind(
    kind: Kind,
    paths: list[Path],
    problems: list[SiteError],
    broken: set[str],
    memo: Memo,
    prints: Fingerprints | None,
    hidden: set[str],
    unread: list[str],
) -> list[tuple[Any, Anchors]]:
    """What the (already read) files of one kind gave, their problems added to ``problems``.

    A file with problems whose owner is in ``hidden`` (a draft) is a draft too: left out, its
    noun added to ``unread``.
    """
    items: list[tuple[Any, Anchors]] = []
    for path in paths:
        result = memo[path]
        if result.problems and result.owner and result.owner in hidden:
            unread.append(kind.noun)
            continue
        problems += result.problems
        broken.update(result.broken)
        if result.item is not None and result.fields is not None:
            items.append((result.item, result.fields))
            if prints is not None:
                for part, token in zip(
                    (result.item, *kind.parts(result.item)), result.fingerprints, strict=False
                ):
                    prints.adopt(part, token)
    return items


def _read_file(
    root: Path, confined: Confined, path: Path, kind: Kind, reading: Reading
) -> _FileResult:
    rel = path.relative_to(root).as_posix()
    inputs: tuple[tuple[Path, tuple[int, int]], ...] = ((path, file_signature(path)),)
    real = confined.outside(path)
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
    file_problems = Problems(rel, lines=document.lines)
    fields = Fields(document.data, document.marks, file_problems)
    if translation_name(path) is not None:
        translation = read_translation(kind.folder, fields, document, path, reading)
        if file_problems.errors:
            return _FileResult(None, None, tuple(file_problems.errors), (), inputs)
        known = (Fingerprints().token(translation),) if reading.fingerprinted else ()
        return _FileResult(translation, Anchors({}), (), (), inputs, known)
    fields.check_keys(kind.keys)
    item = kind.read(fields, document, path, reading)
    inputs += tuple((image, reading.disk.signature(image)) for image in kind.images(item))
    if file_problems.errors:
        owner = kind.owner.slug(item) if kind.owner is not None else ""
        errors = tuple(file_problems.errors)
        return _FileResult(None, None, errors, (path.stem, item.slug), inputs, owner=owner)
    tokens: tuple[str, ...] = ()
    if reading.fingerprinted:
        prints = Fingerprints()
        parts: list[object] = [item, *kind.parts(item)]
        tokens = tuple(map(prints.token, parts))
    return _FileResult(item, Anchors.of(fields), (), (), inputs, tokens)


def _unchanged(inputs: tuple[tuple[Path, tuple[int, int]], ...]) -> bool:
    return all(file_signature(path) == signature for path, signature in inputs)


def _slug_error(item: Any, fields: Anchors, message: str, hint: str) -> SiteError:
    """A problem with an item's slug, at its 'slug:' line, or the file's start when the slug
    is the file's name."""
    mark = fields.mark("slug")
    return ContentError(message, path=item.source, line=mark.line, column=mark.column, hint=hint)


def _duplicate_slugs(items: list[tuple[Any, Anchors]], kind: Kind) -> list[SiteError]:
    problems: list[SiteError] = []
    first: dict[str, Any] = {}
    for item, fields in items:
        if item.slug not in first:
            first[item.slug] = item
            continue
        problems.append(
            _slug_error(
                item,
                fields,
                f"the {kind.noun} slug '{item.slug}' is already used by {first[item.slug].source}",
                "rename one of the files, or give one of them a different 'slug:'",
            )
        )
    return problems


def _built_in_slugs(
    items: list[tuple[Any, Anchors]], kind: Kind, root: Path, folders: tuple[str, ...]
) -> list[SiteError]:
    """A problem for each item published at /<slug>/ whose slug the build's own addresses
    (or a static folder's top-level files: css/, js/, img/, a project's own, or the folder
    of a language, ``folders``: /ru/) already take."""
    taken = built_in_names() | _static_names(root) | set(folders)
    mine = {item.slug for item, _ in items}
    problems: list[SiteError] = []
    for item, fields in items:
        if item.slug not in taken:
            continue
        free = next(
            slug
            for slug in (f"{item.slug}-page", f"about-{item.slug}", f"{item.slug}-2")
            if slug not in taken and slug not in mine
        )
        problems.append(
            _slug_error(
                item,
                fields,
                f"the {kind.noun} slug '{item.slug}' is an address the site already has "
                f"(/{item.slug})",
                f"did you mean '{free}'? Rename the file or add a line 'slug: {free}' "
                f"(taken: {', '.join(sorted(taken))})",
            )
        )
    return problems


def _static_names(root: Path) -> set[str]:
    """The top-level files and folders of the theme's and the project's static folders."""
    names: set[str] = set()
    for folder in (default_theme() / STATIC_DIR, root / STATIC_DIR):
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            names.update(entry.name for entry in os.scandir(folder))
    return names


def _unknown_owners(
    kind: Kind, loaded: dict[str, list[tuple[Any, Anchors]]], broken: set[str]
) -> list[SiteError]:
    """A problem for each item of ``kind`` that names an owner no file defines.

    An owner whose file has problems is not also reported unknown: ``broken`` holds its slug.
    """
    assert kind.owner is not None
    owner = kind.owner
    slugs = {item.slug for item, _ in loaded[owner.kind]}
    problems: list[SiteError] = []
    for item, fields in loaded[kind.folder]:
        slug = owner.slug(item)
        if slug in slugs or slug in broken:
            continue
        known = sorted(slugs)
        close = difflib.get_close_matches(slug, known, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"known {owner.kind}: {', '.join(known)}"
        message = f"unknown {KIND_BY_FOLDER[owner.kind].noun} '{slug}'"
        renamed = _named_so(slug, loaded[owner.kind])
        if renamed is not None:  # a site made when slugs came from names, its file renamed
            name = os.path.basename(renamed.source)
            message += (
                f": {renamed.source} names it, but its address now comes from its file name "
                f"('{renamed.slug}')"
            )
            hint = (
                f"rename {renamed.source} to {slug}.md, or add a line 'slug: {slug}' to "
                f"{name} to keep its published address"
            )
        mark = fields.mark(owner.key)
        problems.append(
            ContentError(
                message,
                path=item.source,
                line=mark.line,
                column=mark.column,
                hint=hint,
            )
        )
    return problems


def _named_so(slug: str, owners: list[tuple[Any, Anchors]]) -> Any:
    """The owner whose name (or title) makes ``slug``, though its file name made another."""
    for item, _ in owners:
        label = getattr(item, "name", None) or getattr(item, "title", None)
        if isinstance(label, str) and item.slug != slug and slugify(label) == slug:
            return item
    return None
