"""Build benchmark at scale: showcase's full site, N artists with two series of six works each.

    .venv/bin/python bench/showcase_scale.py --artists 1000 [--images] [--rounds 3]
        [--edits 5] [--json]

Writes a site of N artists (stories from bench/corpus.py), each with two series of six works:
about 16 pages an artist (artist, press page, 2 series, 12 works) plus home, gallery, map and
404.

Without --images every work shows one of six shared 1000 px images and the image cache
(--cache-dir) is warmed once before timing, so "cold" (a whole process writing into a new
folder, --fresh so that the build record and compiled templates are ignored, warm image cache)
measures pages. With --images every work has an image of its own (800×600) and each cold run
has a new, empty image cache too, so it includes encoding; it also reports a rebuild with
nothing changed, which must encode nothing, and how much longer that rebuild takes than the
same N-artist site's with shared images, per 1,000 images. Both modes report the noop
rebuild, the time from appending to a story to seeing it on the page under
`showcase build --watch`, and peak memory, sampled in one more cold run (with --images, one
more encoding of every image) as in bench/compare.py. Cold runs are never written where an
earlier run's output was deleted (see bench/_common.py's clean()).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from _common import (
    Run,
    clean,
    columns,
    compile_showcase,
    count_pages,
    describe,
    disk_floor,
    machine,
    median,
    memory_metric,
    one_language_settings,
    print_rows,
    run_measured,
    showcase,
    site_files,
    watch_edits,
)
from corpus import artist, showcase_doc
from PIL import Image, ImageDraw

from generator.parallel import cores

SEED = 20261122  # bench/corpus.py's default: the same stories as bench/compare.py
SERIES, WORKS = 2, 6
SHARED = 6
SLOW_IMAGES = 1200  # more unique images than this take minutes to encode: say so first
CORE_SECONDS_PER_IMAGE = 0.25  # encoding one 800×600 image in every format and width, roughly
MEDIA = ("Oil on canvas", "Gouache on paper", "Silver gelatin print", "Ink on paper")
# The disk floor writes from as many processes as showcase renders with (one per core).
CORES = cores()
Row = dict[str, Any]
SHOWCASE_COLUMNS = [
    ("N", "artists", ","),
    ("pages", "pages", ","),
    ("cold s", "showcase_cold_s", ".3f"),
    ("disk floor s", "disk_floor_s", ".3f"),
    ("pages/s", "showcase_pages_per_s", ",.0f"),
    ("peak MB", "showcase_peak_rss_mb", ".0f"),
    ("noop s", "showcase_noop_s", ".3f"),
    ("edit → page s", "showcase_edit_s", ".3f"),
]
IMAGE_COLUMNS = [
    ("N", "artists", ","),
    ("images", "images", ","),
    ("encoded cold", "encoded", ","),
    ("encodes/s", "encodes_per_s", ",.0f"),
    ("encoded noop", "noop_encoded", ","),
    ("shared-image noop s", "baseline_noop_s", ".3f"),
    ("noop extra s / 1,000 images", "noop_extra_per_1000_images_s", ".3f"),
]


def picture(path: Path, seed: str, size: tuple[int, int]) -> None:
    """A deterministic picture with some detail: a gradient, shapes and grain."""
    rng = random.Random(seed)
    top, bottom = (tuple(rng.randrange(256) for _ in range(3)) for _ in range(2))
    mask = Image.linear_gradient("L").resize(size)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randrange(20, size[0] // 3), rng.randrange(20, size[1] // 3)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + w, y + h), fill=colour)
    grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).convert("RGB")
    Image.blend(image, grain, 0.12).save(path, quality=90)


def make_site(folder: Path, artists: int, unique: bool) -> list[str]:
    """Write the site; return the artists' slugs."""
    (folder / "site.yaml").write_text(one_language_settings(), encoding="utf-8")
    stories, series = folder / "content/artists", folder / "content/series"
    (series / "shared").mkdir(parents=True)
    stories.mkdir()
    if not unique:
        for n in range(SHARED):
            picture(series / "shared" / f"work-{n}.jpg", f"shared-{n}", (1000, 750))
    slugs = []
    for i in range(artists):
        person = artist(i, SEED)
        slugs.append(person["slug"])
        (stories / f"{person['slug']}.md").write_text(showcase_doc(person), encoding="utf-8")
        for k in range(SERIES):
            write_series(series, person, k, unique)
    return slugs


def write_series(folder: Path, person: dict[str, Any], k: int, unique: bool) -> None:
    """One series of WORKS works for ``person``; with ``unique``, each with its own image."""
    slug = f"{person['slug']}-series-{k + 1}"
    works = []
    for w in range(WORKS):
        if unique:
            (folder / slug).mkdir(exist_ok=True)
            image = f"{slug}/{w + 1:02d}.jpg"
            picture(folder / image, image, (800, 600))
        else:
            image = f"shared/work-{(k * WORKS + w) % SHARED}.jpg"
        works.append(
            f"  - title: Work {w + 1}\n    image: {image}\n    year: {2010 + w}\n"
            f"    medium: {MEDIA[w % len(MEDIA)]}\n"
            f"    alt: Shapes of colour over a gradient, number {w + 1} of {WORKS}.\n"
        )
    title = person["series"][k % len(person["series"])]
    (folder / f"{slug}.md").write_text(
        f"---\ntitle: {title} {k + 1}\nslug: {slug}\nartist: {person['slug']}\n"
        f"years: '2010–2015'\nworks:\n{''.join(works)}---\nA series by {person['name']}.\n",
        encoding="utf-8",
    )


def build(
    site: Path,
    output: Path,
    cache: Path,
    artists: int,
    sample: bool = False,
    fresh: bool = False,
) -> tuple[Run, int | None]:
    """One whole-process build, checked for every page; the run and the images it encoded.

    ``fresh`` ignores what the cache holds besides images (the last build's record and the
    compiled templates), as a first build would find it.
    """
    command = showcase("build", "-s", str(site), "-o", str(output), "--cache-dir", str(cache))
    if fresh:
        command.append("--fresh")
    run = run_measured(command, sample=sample)
    expected = {  # series are slugged '<artist>-series-<k>' (write_series)
        "artists/*/index.html": artists,
        "gallery/*-series-*/index.html": artists * SERIES,
        "gallery/*-series-*/*/index.html": artists * SERIES * WORKS,
    }
    for pattern, count in expected.items():
        if (found := count_pages(output, pattern)) != count:
            raise RuntimeError(f"{found} of {count} {pattern} written:\n{run.output[-2000:]}")
    encoded = re.search(r"(\d+) images encoded", run.output)
    if encoded is None:  # a build that found nothing to do says so instead
        return run, 0 if "Nothing changed" in run.output else None
    return run, int(encoded.group(1))


def measure(scratch: Path, artists: int, rounds: int, edits: int, images: bool) -> Row:
    """The figures for one N, made in the new folder ``scratch``.

    Every cold run writes into a new folder (with ``images``, with a new image cache too),
    and nothing is deleted until the timing is over, of every N: see ``_common.clean``.
    """
    site, cache = scratch / "site", scratch / "image-cache"
    site.mkdir(parents=True)
    slugs = make_site(site, artists, unique=images)
    if not images:
        build(site, scratch / "warm", cache, artists)  # warm the image cache, untimed

    def cache_of(n: int) -> Path:  # with images, each cold run starts with an empty cache
        return scratch / f"cache-{n}" if images else cache

    colds, noops, encoded, again = [], [], [], []
    for n in range(rounds):
        output = scratch / f"cold-{n}"
        clean()  # nothing to delete: it syncs
        run, count = build(site, output, cache_of(n), artists, fresh=True)
        colds.append(run)
        encoded.append(count)
        run, count = build(site, output, cache_of(n), artists)
        noops.append(run)
        again.append(count)
    if images and any(again):
        raise RuntimeError(f"rebuilds with nothing changed encoded {again} images")
    built = scratch / "cold-0"
    row = figures(artists, count_pages(built, "**/*.html"), colds, noops)
    files = site_files(built)
    row["disk_floor_s"] = median(
        [disk_floor(files, scratch / f"floor-{n}", CORES) for n in range(rounds)]
    )
    clean()
    sampled = build(site, scratch / "sampled", cache_of(rounds), artists, True, fresh=True)
    row["showcase_peak_rss_mb"] = sampled[0].peak_mb
    # The watcher builds into site/site, with a cache that holds the images already.
    row["showcase_edit_s"], row["showcase_edits"], why = watch_edits(
        site, slugs, edits, "--cache-dir", str(cache_of(0))
    )
    row["errors"] = {"showcase_edit": why} if why else {}
    if images:
        row.update(image_figures(scratch, artists, noops, encoded, again))
        if row["encoded"]:
            row["encodes_per_s"] = round(row["encoded"] / row["showcase_cold_s"], 1)
    return row


def figures(artists: int, pages: int, colds: list[Run], noops: list[Run]) -> Row:
    """Cold and noop medians, and pages per second."""
    time = median([r.seconds for r in colds])
    return {
        "artists": artists,
        "pages": pages,
        "rounds": len(colds),
        "showcase_cold_s": time,
        "showcase_pages_per_s": round(pages / time, 1),
        "showcase_noop_s": median([r.seconds for r in noops]),
        "memory_metric": memory_metric(),
    }


def image_figures(
    scratch: Path,
    artists: int,
    noops: list[Run],
    encoded: list[int | None],
    again: list[int | None],
) -> Row:
    """Encode counts, and the noop's extra time over the shared-image site's, per 1,000 images."""
    images = artists * SERIES * WORKS
    base, cache = scratch / "baseline", scratch / "baseline-cache"
    base.mkdir()
    make_site(base, artists, unique=False)
    build(base, base / "site", cache, artists)
    baseline = median([build(base, base / "site", cache, artists)[0].seconds for _ in noops])
    noop = median([r.seconds for r in noops])
    counts = [count for count in again if count is not None]
    return {
        "images": images,
        "encoded": encoded[-1],
        "noop_encoded": max(counts) if len(counts) == len(again) else None,
        "baseline_noop_s": baseline,
        "noop_extra_per_1000_images_s": round((noop - baseline) / images * 1000, 3),
    }


def report(rows: list[Row], images: bool) -> str:
    """The figures as Markdown."""
    parts = [describe(machine()), _mode(images), columns(rows, SHOWCASE_COLUMNS)]
    if images:
        parts.append(columns(rows, IMAGE_COLUMNS))
    notes = sorted({why for r in rows for why in r["errors"].values()})
    return "\n\n".join(parts + (["Not measured: " + "; ".join(notes)] if notes else []))


def _mode(images: bool) -> str:
    if images:
        return (
            "Every work has its own 800×600 image; cold = into a new folder, --fresh, with a "
            "new image cache, so it includes encoding every image."
        )
    return (
        f"Works share {SHARED} images of 1000 px; cold = into a new folder, --fresh, but "
        "the image cache (--cache-dir) warmed beforehand: it measures pages."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artists", type=int, nargs="+", default=[1000])
    parser.add_argument("--images", action="store_true", help="a unique image for every work")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5, help="story edits timed under --watch")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.images and (most := sum(args.artists) * SERIES * WORKS) > SLOW_IMAGES:
        minutes = most * (args.rounds + 1) * CORE_SECONDS_PER_IMAGE / (os.cpu_count() or 1) / 60
        print(
            f"note: {most:,} unique images, encoded in every configured format and width "
            f"{args.rounds + 1} times (the rounds and a memory run): expect roughly "
            f"{minutes:.0f} minutes.",
            file=sys.stderr,
        )
    compile_showcase()
    with tempfile.TemporaryDirectory(prefix="showcase-scale-") as scratch:
        rows = [
            measure(Path(scratch) / f"n{n}", n, args.rounds, args.edits, args.images)
            for n in args.artists
        ]
    print_rows(rows, args.json, lambda rows: report(rows, args.images))


if __name__ == "__main__":
    main()
