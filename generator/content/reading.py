"""What reading one content file takes besides its text: the disk, slugs, images, the body."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.content.markdown import MarkdownRenderer, NestingTooDeep
from generator.layout import CONTENT_DIR
from generator.source.fields import Fields
from generator.source.frontmatter import FrontMatter
from generator.source.imagefile import IMAGE_SUFFIXES, not_an_image
from generator.source.marks import Mark
from generator.source.slugs import is_valid_slug, slugify


@dataclass(frozen=True, slots=True)
class Reading:
    """What reading content files takes besides the files: one per load."""

    markdown: MarkdownRenderer
    disk: Disk
    fingerprinted: bool  # whether the build wants each item's fingerprint


class Disk:
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
            return file_signature(image)
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


def file_signature(path: Path) -> tuple[int, int]:
    """What tells a file changed without reading it: modification time and size."""
    try:
        stat = os.stat(path)
    except OSError:
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)


def render_body(fields: Fields, document: FrontMatter, markdown: MarkdownRenderer) -> str:
    """The file's Markdown body as HTML ('' with a problem recorded if it cannot be)."""
    try:
        return markdown.render(document.body)
    except NestingTooDeep as exc:
        line = document.body_line + (exc.line or 1) - 1
        fields.problems.add(exc.message, Mark(line, 1), exc.hint)
        return ""


def read_slug(fields: Fields, name: str, path: Path | None = None) -> str:
    """An item's slug: its ``slug:``, else the name of its file ``path`` (so that its name can
    be corrected without moving its page), else ``name`` (a work, which has no file of its own).

    A file name that is not a slug as it is ("Bakhyt Morel.md") is made one: bakhyt-morel.
    """
    given = fields.text("slug", required=False)
    if given or path is None:
        slug = given or slugify(name)
        if (given or name) and not is_valid_slug(slug):
            fields.problems.add(
                f"'{slug}' cannot be used as a slug",
                fields.mark("slug" if "slug" in fields.data else None),
                "use lowercase letters, digits and single hyphens, like 'bakhyt-morel'",
            )
        return slug
    slug = slugify(path.stem)
    if not slug:
        fields.problems.add(
            f"the file name '{path.name}' gives no slug for its page's address",
            fields.mark(),
            "rename the file with letters or digits, like 'bakhyt-morel.md', "
            "or add a line 'slug: bakhyt-morel'",
        )
    return slug


@dataclass(frozen=True, slots=True)
class FileKind:
    """A kind of file a content file names: as messages call it, and the suffixes it takes."""

    noun: str
    suffixes: tuple[str, ...]


IMAGE = FileKind("image", IMAGE_SUFFIXES)


def read_image(
    fields: Fields,
    key: str,
    path: Path,
    disk: Disk,
    *,
    required: bool,
    kind: FileKind = IMAGE,
) -> Path | None:
    """Resolve an image path (or another ``kind`` of file) relative to the content file,
    inside the project."""
    if required and commented_out(fields, key, path):
        return None
    value = fields.text(key, required=required)
    if not value:
        return None
    mark = fields.mark(key)
    if os.path.isabs(value) or value.startswith("~"):
        fields.problems.add(
            f"{fields.label(key)} must be a path relative to this file",
            mark,
            _relative_instead(value, key, path, disk) or f"for example '{path.stem}/01-title.jpg'",
        )
        return None
    candidate = os.path.join(os.path.dirname(path), value)
    resolved = disk.resolve(candidate)
    root = disk.project_root(path)
    if not (resolved == root or resolved.startswith(root.rstrip(os.sep) + os.sep)):
        fields.problems.add(
            f"{fields.label(key)} points outside the project: {value}",
            mark,
            f"keep {kind.noun} files beside the content file that shows them",
        )
        return None
    if not disk.is_file_exactly(candidate, resolved):
        hint = _suggest_image(value, key, path, root, disk, kind)
        within = f"{fields.item}: " if fields.item else ""
        fields.problems.add(f"{within}{kind.noun} not found: {value}", mark, hint)
        return None
    if os.path.splitext(resolved)[1].lower() not in kind.suffixes:
        if kind is IMAGE:
            message, hint = not_an_image(value)
        else:
            message = f"{fields.label(key)}: '{value}' is not a {kind.noun} file showcase publishes"
            hint = f"use one of: {', '.join(kind.suffixes)}"
        fields.problems.add(message, mark, hint)
        return None
    return Path(resolved)


def commented_out(fields: Fields, key: str, path: Path) -> bool:
    """Report a required ``key`` that is missing because its line is commented out ('# alt:'
    at the mapping's indentation, as `showcase new` writes it), saying which '#' to remove;
    False when the key is there or not written at all."""
    if fields.data.get(key) is not None:
        return False
    lines = fields.problems.lines
    start = fields.mark()
    indent = start.column - 1
    pattern = re.compile(rf" {{{indent}}}# ?{re.escape(key)}:\s*(.*)")
    for number in range(start.line, len(lines) + 1):
        line = lines[number - 1]
        ended = len(line) - len(line.lstrip()) < indent or line.strip() == "---"
        if number > start.line and line.strip() and not line.lstrip().startswith("#") and ended:
            break  # the mapping ended: the next item, or the end of the front-matter
        found = pattern.fullmatch(line.rstrip())
        if found is None:
            continue
        hint = f"remove the '#' at the start of line {number}"
        value = found.group(1).strip()
        image = os.path.join(os.path.dirname(path), value)
        if key in ("image", "portrait") and value and not os.path.isfile(image):
            folder = os.path.dirname(value)
            where = f"the folder {folder}/ beside this file" if folder else "this file's folder"
            hint += f", and put the image {os.path.basename(value)} in {where}"
        fields.problems.add(
            f"{fields.label(key)} is required, and its line is commented out",
            Mark(number, indent + 1),
            hint,
        )
        return True
    return False


def _relative_instead(value: str, key: str, path: Path, disk: Disk) -> str | None:
    """The line to write for an absolute path naming an image file inside the project: the
    same file, relative to the content file's folder; None for any other path."""
    absolute = os.path.expanduser(value)
    if not os.path.isabs(absolute):
        return None
    resolved = disk.resolve(absolute)
    root = disk.project_root(path)
    if not resolved.startswith(root.rstrip(os.sep) + os.sep) or not os.path.isfile(resolved):
        return None
    folder = disk.real_folder(os.path.dirname(path))
    relative = Path(os.path.relpath(resolved, folder)).as_posix()
    return f"write it relative to this file's folder: '{key}: {relative}'"


def _suggest_image(
    value: str, key: str, path: Path, root: str, disk: Disk, kind: FileKind = IMAGE
) -> str:
    """What to write instead of an image path that names no file: a line that works.

    Looked for, in order: the path as written from the project's folder (content/series/…),
    the same folder with another case or a close name, and the folder named after the content
    file (series/<series>/), where a series keeps its images. A line is suggested only when
    the file it names is there.
    """
    folder = disk.real_folder(os.path.dirname(path))
    here = Path(os.path.relpath(folder, root)).as_posix()

    def line(found: str) -> str:
        return f"'{key}: {Path(os.path.relpath(found, folder)).as_posix()}'"

    if Path(value).parts[:1] == (CONTENT_DIR,):
        found, _ = _near(os.path.join(root, value), root, kind.suffixes)
        relative = f"paths are relative to this file's folder ({here}/), not to the project's"
        if found is not None:
            return f"{relative}: write {line(found)}"
        return f"{relative}: leave out '{here}/' at the start"
    candidate = os.path.join(folder, value)
    found, exact = _near(candidate, root, kind.suffixes)
    if found is not None:
        if exact:
            return f"the case differs: write {line(found)}"
        return f"did you mean {line(found)}?"
    own = os.path.join(folder, path.stem, os.path.basename(value))
    found, exact = _near(own, root, kind.suffixes)
    if found is not None and exact:
        return f"the {kind.noun} is in the folder {path.stem}/: write {line(found)}"
    if found is not None:
        return f"did you mean {line(found)}? (in the folder {path.stem}/)"
    parent = os.path.dirname(candidate)
    if not os.path.isdir(parent):
        return f"the folder {os.path.basename(parent)}/ does not exist next to this file"
    return f"put the {kind.noun} in {os.path.basename(parent)}/ or fix the path"


def _near(target: str, root: str, suffixes: tuple[str, ...]) -> tuple[str | None, bool]:
    """A file with one of ``suffixes`` in ``target``'s folder named like it: the same name
    but for its case (True), or a close name (False); (None, False) if there is none in the
    project."""
    folder, name = os.path.split(target)
    inside = root.rstrip(os.sep) + os.sep
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(folder)
            if entry.is_file()
            and os.path.splitext(entry.name)[1].lower() in suffixes
            and os.path.realpath(entry.path).startswith(inside)
        )
    except OSError:
        return None, False
    same = [other for other in names if other.lower() == name.lower()]
    if same:
        return os.path.join(folder, same[0]), True
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return (os.path.join(folder, close[0]), False) if close else (None, False)
