"""The press kit's download: a zip per artist of the selected works as print-ready JPEGs and
the texts a journalist quotes, the same bytes in every build, cached like every derivative.

``/artists/<slug>/press/<slug>-press-kit.zip`` holds one folder, ``<slug>-press-kit/``, with
``biography.txt``, ``statement.txt`` and ``cv.txt`` (when the artist has a statement and a CV),
``captions.txt`` (each JPEG's name, credit line and caption) and the JPEGs, named in the
order the press page shows them. What goes in is decided by ``generator.content.press``.

Each JPEG is cached under a key of its source's content and its recipe (so a rebuild with
nothing changed encodes nothing), and each zip under a key of everything it holds (so an
edited summary makes a new zip, the same bytes a fresh build makes). Entries are written in a
fixed order, dated ``ZIP_DATE``, with fixed compression: JPEGs stored as they are (they do not
compress), texts deflated at level 9.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.content.model import Site
from generator.content.press import (
    PressKit,
    captions_text,
    cv_text,
    has_press_kit,
    plain_text,
    press_kit,
    selected_works,
)
from generator.errors import ContentErrors, ImageError, SiteError
from generator.incremental.memo import DigestMemo, PressKitMemo
from generator.media.images import _content_digest
from generator.media.metadata import Rights
from generator.parallel import cores
from generator.urls import output_path, press_kit_url

PRESS_LONG_SIDE = 2400  # pixels on the longer side: an A4 page at 200 dpi, a spread online
PRESS_QUALITY = 90  # JPEG quality: for print, above the site's own
CACHE_VERSION = "1"
# Every entry's date: the earliest a zip can hold, as reproducible builds date their files.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_KEY_LENGTH = 32


@dataclass(frozen=True, slots=True)
class PressKitResult:
    """The zips to copy into the site (output path → cached file), and how many JPEGs were
    encoded (0 when every one came from the cache)."""

    files: dict[str, Path]
    encoded: int


@dataclass(frozen=True, slots=True)
class _Picture:
    """One JPEG to make: a work's image under its artist's rights, and its cache key."""

    source: Path
    rights: Rights
    key: str
    referrer: str
    line: int | None


def publish_press_kits(
    site: Site,
    copyright: str,
    cache_dir: Path,
    digests: DigestMemo | None = None,
    memo: PressKitMemo | None = None,
) -> PressKitResult:
    """Make (or reuse from the cache) every artist's zip; ``copyright`` is the Copyright the
    JPEGs carry when their source names none (the site's, as for every published image).

    ``memo`` keeps each artist's zip between the builds of one ``Builder``: a kit made from
    the very same objects is not written out and digested again (at a thousand artists that
    was a third of a rebuild after one edit).
    """
    digests = {} if digests is None else digests
    memo = {} if memo is None else memo
    cache_dir.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    used: set[str] = set()
    kept: PressKitMemo = {}
    fresh: list[PressKit] = []
    for artist in site.artists:
        if not has_press_kit(site, artist):
            continue
        works, _ = selected_works(site, artist)
        parts = (artist, *(work for work, _ in works), *(series for _, series in works))
        earlier = memo.get(artist.slug)
        if (
            earlier is not None
            and earlier[1] == copyright
            and len(earlier[0]) == len(parts)
            and all(a is b for a, b in zip(earlier[0], parts, strict=True))
            and earlier[2].is_file()
        ):
            kept[artist.slug] = earlier
            files[output_path(press_kit_url(artist.slug))] = earlier[2]
            used |= {earlier[2].name, *earlier[3]}
        else:
            fresh.append(press_kit(site, artist))
    pictures: dict[tuple[Path, Rights], _Picture] = {}
    for kit in fresh:
        rights = Rights(artist=kit.artist.name, copyright=copyright)
        for press in kit.works:
            work = press.work
            if (work.image, rights) not in pictures:
                key = _key(_content_digest(work.image, digests), _RECIPE, repr(rights))
                pictures[work.image, rights] = _Picture(
                    work.image, rights, key, work.source, work.line
                )
    missing = [p for p in pictures.values() if not (cache_dir / f"{p.key}.jpg").is_file()]
    outcomes: list[SiteError | None] = []
    if missing:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=cores()) as pool:
            outcomes = list(pool.map(lambda p: _encode(p, cache_dir), missing))
    errors = [outcome for outcome in outcomes if outcome is not None]
    if errors:
        raise ContentErrors(errors)
    used |= {f"{p.key}.jpg" for p in pictures.values()}
    for kit in fresh:
        rights = Rights(artist=kit.artist.name, copyright=copyright)
        images = {
            p.file_name: cache_dir / f"{pictures[p.work.image, rights].key}.jpg" for p in kit.works
        }
        zip_file = _zip(kit, images, cache_dir)
        used.add(zip_file.name)
        files[output_path(press_kit_url(kit.artist.slug))] = zip_file
        parts = (kit.artist, *(p.work for p in kit.works), *(p.series for p in kit.works))
        names = frozenset(path.name for path in images.values())
        kept[kit.artist.slug] = (parts, copyright, zip_file, names)
    memo.clear()
    memo.update(kept)
    _remove_stale(cache_dir, used)
    return PressKitResult(files=files, encoded=len(missing))


_RECIPE = json.dumps(
    {"version": CACHE_VERSION, "long_side": PRESS_LONG_SIDE, "quality": PRESS_QUALITY}
)


def _key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(f"{len(part)}:{part}".encode())
    return digest.hexdigest()[:_KEY_LENGTH]


def _encode(picture: _Picture, cache_dir: Path) -> SiteError | None:
    from generator.media.encode import encode_press_jpeg

    try:
        data, _, _ = encode_press_jpeg(
            picture.source, picture.rights, PRESS_LONG_SIDE, PRESS_QUALITY
        )
    except ImageError as exc:
        return ImageError(
            f"{picture.source.name}: {exc.message}",
            path=picture.referrer,
            line=picture.line,
            hint=exc.hint,
        )
    _write_atomically(cache_dir / f"{picture.key}.jpg", data)
    return None


def kit_texts(kit: PressKit) -> list[tuple[str, bytes]]:
    """The texts of an artist's download, by name, in the order the zip holds them."""
    name = kit.artist.name
    texts = [("biography.txt", f"{name}\n\n{plain_text(kit.biography_html)}")]
    if kit.artist.statement_html:
        texts.append(
            ("statement.txt", f"{name}: statement\n\n{plain_text(kit.artist.statement_html)}")
        )
    if kit.artist.cv:
        texts.append(("cv.txt", cv_text(kit.artist)))
    if kit.works:
        texts.append(("captions.txt", captions_text(kit)))
    return [(file, text.encode("utf-8")) for file, text in texts]


def _zip(kit: PressKit, images: dict[str, Path], cache_dir: Path) -> Path:
    """The artist's zip in the cache, made unless a zip of exactly these entries is there."""
    texts = kit_texts(kit)
    folder = f"{kit.artist.slug}-press-kit/"
    key = _key(
        CACHE_VERSION,
        folder,
        *(f"{file}={hashlib.sha256(data).hexdigest()}" for file, data in texts),
        *(f"{file}={path.name}" for file, path in images.items()),
    )
    target = cache_dir / f"{key}.zip"
    if target.is_file():
        return target
    temporary = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            for file, data in texts:
                _add(archive, folder + file, data, zipfile.ZIP_DEFLATED)
            for file, path in images.items():
                _add(archive, folder + file, path.read_bytes(), zipfile.ZIP_STORED)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _add(archive: zipfile.ZipFile, name: str, data: bytes, compression: int) -> None:
    entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    entry.compress_type = compression
    entry.create_system = 3  # Unix: the permissions below are read as such
    entry.external_attr = 0o100644 << 16  # a regular file, readable by all
    archive.writestr(entry, data, compresslevel=9 if compression == zipfile.ZIP_DEFLATED else None)


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f"{target.name}.tmp-{os.getpid()}-{id(data)}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _remove_stale(cache_dir: Path, used: set[str]) -> None:
    """Delete the JPEGs and zips this build did not use (only files the cache itself names)."""
    for entry in cache_dir.iterdir():
        stem, _, suffix = entry.name.partition(".")
        ours = len(stem) == _KEY_LENGTH and all(c in "0123456789abcdef" for c in stem)
        if ours and suffix in ("jpg", "zip") and entry.name not in used and entry.is_file():
            entry.unlink(missing_ok=True)
