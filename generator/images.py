"""Published images: resized WebP derivatives without camera metadata, cached across builds."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from generator.errors import ImageError

WIDTHS = (480, 960, 1600)
QUALITY = 80
_SETTINGS = f"webp-q{QUALITY}-{','.join(map(str, WIDTHS))}-v1"
Image.MAX_IMAGE_PIXELS = 80_000_000  # refuse decompression bombs early


@dataclass(frozen=True, slots=True)
class Rendition:
    """One resized file of an image."""

    url: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class PublishedImage:
    """Every size of one source image, and what a page needs to show it."""

    renditions: tuple[Rendition, ...]
    width: int
    height: int
    colour: str

    @property
    def src(self) -> str:
        """A middle-sized rendition, for plain ``src``."""
        return self.renditions[min(1, len(self.renditions) - 1)].url

    @property
    def largest(self) -> Rendition:
        """The biggest rendition, for work pages and social cards."""
        return self.renditions[-1]


@dataclass(frozen=True, slots=True)
class ImageRequest:
    """A source image and the URL stem its renditions are published under."""

    source: Path
    url_stem: str
    label: str


@dataclass(frozen=True, slots=True)
class ImageResult:
    """The published images and the files to copy into the site."""

    images: dict[Path, PublishedImage]
    files: dict[str, Path]


def publish_images(requests: Iterable[ImageRequest], cache_dir: Path) -> ImageResult:
    """Make (or reuse from the cache) every rendition, in parallel across cores."""
    unique = {r.source: r for r in sorted(requests, key=lambda r: r.url_stem)}
    cache_dir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = list(pool.map(lambda r: _publish_one(r, cache_dir), unique.values()))
    images: dict[Path, PublishedImage] = {}
    files: dict[str, Path] = {}
    for request, (image, cached) in zip(unique.values(), results, strict=True):
        images[request.source] = image
        for rendition, path in zip(image.renditions, cached, strict=True):
            files[rendition.url.lstrip("/")] = path
    return ImageResult(images=images, files=files)


def _publish_one(request: ImageRequest, cache_dir: Path) -> tuple[PublishedImage, list[Path]]:
    data = request.source.read_bytes()
    key = hashlib.sha256(data + _SETTINGS.encode()).hexdigest()[:32]
    entry = cache_dir / key
    meta_path = entry / "meta.json"
    if not meta_path.is_file():
        _encode(request, entry)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    renditions = tuple(
        Rendition(url=f"{request.url_stem}-{w}.webp", width=w, height=h) for w, h in meta["sizes"]
    )
    image = PublishedImage(
        renditions=renditions, width=meta["width"], height=meta["height"], colour=meta["colour"]
    )
    return image, [entry / f"{w}.webp" for w, _ in meta["sizes"]]


def _encode(request: ImageRequest, entry: Path) -> None:
    try:
        with Image.open(request.source) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ImageError(
            f"cannot read image: {exc}",
            path=request.label,
            hint="re-export the image as JPEG or PNG",
        ) from None
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    tmp = entry.with_name(entry.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    sizes: list[tuple[int, int]] = []
    for target in sorted({min(width, image.width) for width in WIDTHS}):
        height = max(1, round(image.height * target / image.width))
        resized = image.resize((target, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        resized.save(tmp / f"{target}.webp", "WEBP", quality=QUALITY, method=4)
        sizes.append((target, height))
    pixel = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    red, green, blue = pixel if isinstance(pixel, tuple) else (0, 0, 0)
    meta = {
        "width": image.width,
        "height": image.height,
        "sizes": sizes,
        "colour": f"#{red:02x}{green:02x}{blue:02x}",
    }
    (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    try:
        tmp.rename(entry)
    except OSError:  # another build finished the same entry first
        for child in tmp.iterdir():
            child.unlink()
        tmp.rmdir()
