"""Published images: every derivative a page needs, cached by content, made in parallel."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.config import ImageSettings
from generator.errors import ContentErrors, ImageError, SiteError
from generator.incremental.memo import DigestMemo
from generator.media.metadata import Privacy, Rights
from generator.parallel import cores

# Each published format: its media type and the extension of its files, defined here only.
# PNG is never configured: it stands in for JPEG for an image with transparency.
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
CACHE_VERSION = "5"  # 5: a transparent image's fallback is PNG, no longer JPEG on white
_KEY_LENGTH = 32


@dataclass(frozen=True, slots=True)
class Rendition:
    """One resized file of an image."""

    url: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class ImageSource:
    """Every width of an image in one format: one ``<source>`` of a ``<picture>``."""

    format: str
    renditions: tuple[Rendition, ...]

    @property
    def mime(self) -> str:
        """The media type, for the ``type`` attribute."""
        return MIME_TYPES[self.format]


@dataclass(frozen=True, slots=True)
class PublishedImage:
    """One source image as published: its formats and sizes, and what a page needs."""

    sources: tuple[ImageSource, ...]
    width: int
    height: int
    colour: str
    preview: str
    original: str = ""

    @property
    def fallback(self) -> ImageSource:
        """The most widely understood format, for ``<img>`` itself (JPEG by default)."""
        return self.sources[-1]

    @property
    def modern(self) -> tuple[ImageSource, ...]:
        """The formats offered before the fallback, best first."""
        return self.sources[:-1]

    @property
    def renditions(self) -> tuple[Rendition, ...]:
        """The fallback's sizes."""
        return self.fallback.renditions

    @property
    def src(self) -> str:
        """A middle-sized fallback rendition, for plain ``src``."""
        sizes = self.fallback.renditions
        return sizes[min(1, len(sizes) - 1)].url

    @property
    def largest(self) -> Rendition:
        """The biggest fallback rendition."""
        return self.fallback.renditions[-1]

    @property
    def social(self) -> Rendition:
        """The fallback rendition for link previews: about 1,200–1,600 px wide."""
        fitting = [r for r in self.fallback.renditions if r.width <= 1600]
        return fitting[-1] if fitting else self.fallback.renditions[0]


@dataclass(frozen=True, slots=True)
class ImageRequest:
    """A source image, the URL stem its files are published under, and who made it."""

    source: Path
    url_stem: str
    label: str
    rights: Rights
    line: int | None = None
    referrer: str = ""


@dataclass(frozen=True, slots=True)
class ImageResult:
    """The published images, the files to copy into the site, and what was done."""

    images: dict[Path, PublishedImage]
    files: dict[str, Path]
    encoded: int
    removed: dict[str, int]
    notes: tuple[str, ...]


def supported_formats(settings: ImageSettings) -> tuple[str, ...]:
    """The configured formats this Pillow can write (AVIF needs a recent build)."""
    from PIL import features

    writable = {"avif": features.check("avif"), "webp": features.check("webp"), "jpeg": True}
    return tuple(f for f in settings.formats if writable.get(f))


def publish_images(
    requests: Iterable[ImageRequest],
    settings: ImageSettings,
    cache_dir: Path,
    digests: DigestMemo | None = None,
) -> ImageResult:
    """Make (or reuse from the cache) every derivative, in parallel across cores.

    ``digests`` keeps each source's content hash between calls, keyed by its modification
    time and size, so a rebuild does not read every image again to find it unchanged.
    """
    unique = {r.source: r for r in sorted(requests, key=lambda r: r.url_stem)}
    formats = supported_formats(settings) if unique else ()
    cache_dir.mkdir(parents=True, exist_ok=True)
    digests = {} if digests is None else digests
    jobs = [
        (request, _cache_key(request, settings, formats, digests)) for request in unique.values()
    ]
    outcomes: list[_Published | SiteError] = []
    if jobs:  # Pillow and the thread pool are only imported for a site with images
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=cores()) as pool:
            outcomes = list(
                pool.map(
                    lambda job: _publish_one(job[0], job[1], settings, formats, cache_dir), jobs
                )
            )
    errors = [o for o in outcomes if isinstance(o, SiteError)]
    if errors:
        raise ContentErrors(errors)
    images: dict[Path, PublishedImage] = {}
    files: dict[str, Path] = {}
    removed = dict.fromkeys(
        ("GPS location", "camera serial numbers", "embedded thumbnail", "other camera metadata"), 0
    )
    notes: list[str] = []
    encoded = 0
    for request, outcome in zip(unique.values(), outcomes, strict=True):
        assert isinstance(outcome, _Published)
        images[request.source] = outcome.image
        files.update(outcome.files)
        encoded += outcome.encoded
        privacy = outcome.entry.privacy
        removed["GPS location"] += privacy.gps and not settings.keep_gps
        removed["camera serial numbers"] += privacy.serial_numbers
        removed["embedded thumbnail"] += privacy.thumbnail
        removed["other camera metadata"] += bool(privacy.other)
        notes += [f"{request.label}: {note}" for note in outcome.entry.notes]
    _remove_stale(cache_dir, {key for _, key in jobs})
    return ImageResult(
        images=images, files=files, encoded=encoded, removed=removed, notes=tuple(notes)
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    """What a cache entry records about the files it holds."""

    width: int
    height: int
    colour: str
    preview: str
    sizes: tuple[tuple[int, int], ...]
    formats: tuple[str, ...]
    privacy: Privacy
    notes: tuple[str, ...]
    original: str

    def dump(self) -> str:
        """The entry as JSON."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def load(cls, text: str) -> _Entry:
        """An entry from its JSON."""
        data = json.loads(text)
        privacy = data["privacy"]
        return cls(
            width=int(data["width"]),
            height=int(data["height"]),
            colour=str(data["colour"]),
            preview=str(data["preview"]),
            sizes=tuple((int(w), int(h)) for w, h in data["sizes"]),
            formats=tuple(str(f) for f in data["formats"]),
            privacy=Privacy(
                gps=bool(privacy["gps"]),
                serial_numbers=bool(privacy["serial_numbers"]),
                thumbnail=bool(privacy["thumbnail"]),
                other=tuple(privacy["other"]),
            ),
            notes=tuple(str(n) for n in data["notes"]),
            original=str(data["original"]),
        )


@dataclass(frozen=True, slots=True)
class _Published:
    image: PublishedImage
    files: dict[str, Path]
    entry: _Entry
    encoded: int


def _publish_one(
    request: ImageRequest,
    key: str,
    settings: ImageSettings,
    formats: tuple[str, ...],
    cache_dir: Path,
) -> _Published | SiteError:
    entry_dir = cache_dir / key
    encoded = 0
    if not (entry_dir / "meta.json").is_file():
        try:
            encoded = _encode_entry(request, settings, formats, entry_dir)
        except ImageError as exc:
            return ImageError(
                f"{request.label}: {exc.message}",
                path=request.referrer or request.label,
                line=request.line,
                hint=exc.hint,
            )
    entry = _Entry.load((entry_dir / "meta.json").read_text(encoding="utf-8"))
    image, files = _from_entry(request, entry_dir, entry)
    return _Published(image=image, files=files, entry=entry, encoded=encoded)


def _encode_entry(
    request: ImageRequest, settings: ImageSettings, formats: tuple[str, ...], entry_dir: Path
) -> int:
    from generator.media.encode import encode_image, publish_original

    staging = entry_dir.with_name(f"{entry_dir.name}.tmp-{os.getpid()}-{id(request)}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        result = encode_image(request.source, staging, settings, formats, request.rights)
        original = ""
        if settings.downloads:
            original = publish_original(request.source, staging, settings, request.rights)
        entry = _Entry(
            width=result.width,
            height=result.height,
            colour=result.colour,
            preview=result.preview,
            sizes=tuple(result.sizes),
            formats=result.formats,
            privacy=result.privacy,
            notes=result.notes,
            original=original,
        )
        (staging / "meta.json").write_text(entry.dump(), encoding="utf-8")
        try:
            staging.rename(entry_dir)
        except OSError:  # another build finished the same entry first
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result.encoded


def _from_entry(
    request: ImageRequest, entry_dir: Path, entry: _Entry
) -> tuple[PublishedImage, dict[str, Path]]:
    files: dict[str, Path] = {}
    sources = []
    for image_format in entry.formats:
        ext = EXTENSIONS[image_format]
        renditions = []
        for width, height in entry.sizes:
            url = f"{request.url_stem}-{width}.{ext}"
            files[url.lstrip("/")] = entry_dir / f"{width}.{ext}"
            renditions.append(Rendition(url=url, width=width, height=height))
        sources.append(ImageSource(format=image_format, renditions=tuple(renditions)))
    original = ""
    if entry.original:
        original = f"{request.url_stem}-original{Path(entry.original).suffix}"
        files[original.lstrip("/")] = entry_dir / entry.original
    image = PublishedImage(
        sources=tuple(sources),
        width=entry.width,
        height=entry.height,
        colour=entry.colour,
        preview=entry.preview,
        original=original,
    )
    return image, files


def _cache_key(
    request: ImageRequest, settings: ImageSettings, formats: tuple[str, ...], digests: DigestMemo
) -> str:
    digest = hashlib.sha256()
    digest.update(_content_digest(request.source, digests).encode())
    recipe = {
        "version": CACHE_VERSION,
        "settings": asdict(settings),
        "formats": formats,
        "rights": asdict(request.rights),
    }
    digest.update(json.dumps(recipe, sort_keys=True).encode())
    return digest.hexdigest()[:_KEY_LENGTH]


def _content_digest(source: Path, digests: DigestMemo) -> str:
    """The SHA-256 of a source file, read again only when its time or size changed."""
    stat = source.stat()
    signature = (stat.st_mtime_ns, stat.st_size)
    known = digests.get(source)
    if known is None or known[0] != signature:
        known = (signature, hashlib.sha256(source.read_bytes()).hexdigest())
        digests[source] = known
    return known[1]


def _remove_stale(cache_dir: Path, used: set[str]) -> None:
    """Delete cache entries this build did not use (only folders the cache itself names)."""
    for entry in cache_dir.iterdir():
        name = entry.name
        ours = len(name) == _KEY_LENGTH and all(c in "0123456789abcdef" for c in name)
        if ours and name not in used and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
