#!/usr/bin/env python3
"""Deterministic synthetic artist corpus for the peer SSG benchmark.

    python3 make_corpus.py --n 1000 --layout hugo OUT_SITE_DIR

Writes N Markdown files (one per artist) into the content folder that the
chosen peer expects inside OUT_SITE_DIR:

    hugo      content/artists/<slug>.md   YAML front-matter
    eleventy  src/artists/<slug>.md       YAML front-matter
    mkdocs    docs/artists/<slug>.md      YAML front-matter
    pelican   content/<slug>.md           Pelican's native "Key: value" meta
    plain     <slug>.md                   YAML front-matter
    showcase  content/artists/<slug>.md   showcase's own front-matter (+ site.yaml)

The text is identical across layouts (same seed -> same bytes of body); only
the front-matter syntax differs where a peer cannot read YAML lists (Pelican).
Each body: ~5 paragraphs of ~80 words, one heading, one list, one link.
Only *.md files directly in the content folder are replaced.

This is showcase's copy of the shared peer-bench script: the bodies are the same bytes;
the ``showcase`` layout maps the same facts onto showcase's artist keys (the hometown as a
place, the medium as the discipline). Series are only names in this corpus, and showcase
series are folders of images, so a showcase artist lists them in its summary instead.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

FIRST = """Aigerim Aruzhan Bakhyt Bekzat Dana Daniyar Erlan Gulnara Madina Nurlan
Saule Timur Yerlan Zarina Aliya Askar Dinara Kairat Laura Marat Nazira Olzhas
Ruslan Samal Talgat Ainur Berik Dariga Yerbol Zhanar Anna Mateo Ingrid Kenji
Lucia Omar Priya Sven Chiara Tomasz""".split()
LAST = """Morel Ayumi Kalejs Abenov Dzhaksybekov Nurpeisova Sultanov Omarova
Seitkali Zhumabayev Karimova Tokayev Bekova Iskakov Mukanova Sarsenbayev
Novak Rossi Lindqvist Tanaka Haddad Mehta Kowalski Ferreira Moreau Okafor""".split()
TOWNS = [  # (name, lat, lon) — approximate town centres
    ("Almaty", 43.2389, 76.8897), ("Astana", 51.1694, 71.4491),
    ("Shymkent", 42.3417, 69.5901), ("Karaganda", 49.8047, 73.1094),
    ("Aktobe", 50.2839, 57.1670), ("Taraz", 42.9000, 71.3667),
    ("Pavlodar", 52.2873, 76.9674), ("Oskemen", 49.9480, 82.6279),
    ("Semey", 50.4111, 80.2275), ("Atyrau", 47.0945, 51.9238),
    ("Kostanay", 53.2144, 63.6246), ("Kyzylorda", 44.8488, 65.4823),
    ("Oral", 51.2333, 51.3667), ("Petropavl", 54.8753, 69.1628),
    ("Aktau", 43.6353, 51.1683), ("Turkistan", 43.2973, 68.2518),
    ("Taldykorgan", 45.0156, 78.3739), ("Ekibastuz", 51.7237, 75.3229),
    ("Zhezkazgan", 47.7833, 67.7667), ("Kokshetau", 53.2833, 69.3833),
]
MEDIA = ["painting", "photography", "sculpture", "textile", "ceramics",
         "printmaking", "drawing", "installation", "video", "mixed media"]
SERIES_A = """Steppe Morning Winter Quiet Open Silent Golden Northern River Salt
Distant Crimson""".split()
SERIES_B = """Awakening Horses Bazaar Faces Threads Lanterns Orchards Villages
Winds Shores Roads Portraits""".split()
WORDS = """the a of and in to with from her his their light colour canvas
studio market street river steppe mountain village city family morning evening
winter summer road horse carpet pattern brush ink paper thread clay stone wind
sky field orchard bazaar memory story voice silence rhythm line shadow surface
texture gesture portrait landscape season harvest journey window courtyard
train station teacher grandmother friend stranger collector gallery exhibition
catalogue critic work series print frame edge margin layer glaze kiln loom
needle camera lens film darkroom negative sketchbook notebook quietly slowly
carefully boldly softly often always never again still almost nearly later
early long short bright dark warm cold old new small vast distant near faded
vivid painted drew carved wove fired printed photographed gathered travelled
returned remembered noticed followed crossed opened closed kept lost found
began finished learned taught showed hung sold gave took made became seemed
between beneath above across along through toward around during after before
every each many several few some other another same different first last""".split()


def sentence(rng: random.Random, lo: int = 9, hi: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    if rng.random() < 0.25:  # a little inline markup, as real stories have
        k = rng.randrange(len(words))
        words[k] = f"*{words[k]}*"
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng: random.Random, target: int = 80) -> str:
    out, n = [], 0
    while n < target:
        s = sentence(rng)
        out.append(s)
        n += len(s.split())
    return " ".join(out)


def artist(i: int, seed: int) -> dict:
    rng = random.Random(f"{seed}:{i}")
    first, last = rng.choice(FIRST), rng.choice(LAST)
    town, lat, lon = rng.choice(TOWNS)
    series = sorted({f"{rng.choice(SERIES_A)} {rng.choice(SERIES_B)}"
                     for _ in range(rng.randint(1, 3))})
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    slug = f"{first}-{last}-{i:05d}".lower()
    works = [f"*{s} {rng.randint(1, 12)}* ({rng.randint(2005, 2025)})" for s in series]
    works += [f"Untitled {rng.randint(1, 99)}" for _ in range(rng.randint(1, 3))]
    body = "\n\n".join([
        paragraph(rng), paragraph(rng),
        "## Works and series",
        "\n".join(f"- {w}" for w in works),
        paragraph(rng), paragraph(rng),
        paragraph(rng) + f" See the [exhibition notes](https://example.org/notes/{slug}/)"
        f" and the [hometown page](https://example.org/towns/{town.lower()}/).",
    ]) + "\n"
    return {
        "title": f"{first} {last}", "name": f"{first} {last}", "slug": slug,
        "hometown": town,
        "lat": round(lat + rng.uniform(-0.05, 0.05), 4),
        "lon": round(lon + rng.uniform(-0.05, 0.05), 4),
        "medium": rng.choice(MEDIA), "series": series, "date": date.isoformat(),
        "body": body,
    }


def yaml_doc(a: dict) -> str:
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = ["---", f"title: {q(a['title'])}", f"name: {q(a['name'])}",
             f"slug: {a['slug']}", f"hometown: {q(a['hometown'])}",
             f"lat: {a['lat']}", f"lon: {a['lon']}", f"medium: {q(a['medium'])}",
             "series:"] + [f"  - {q(s)}" for s in a["series"]] + [
             f"date: {a['date']}", "---", ""]
    return "\n".join(lines) + a["body"]


def pelican_doc(a: dict) -> str:
    # Python-Markdown's meta extension (Pelican's reader): no YAML lists.
    lines = ["---", f"Title: {a['title']}", f"Name: {a['name']}",
             f"Slug: {a['slug']}", f"Hometown: {a['hometown']}",
             f"Lat: {a['lat']}", f"Lon: {a['lon']}", f"Medium: {a['medium']}",
             f"Series: {'; '.join(a['series'])}", f"Date: {a['date']}", "---", ""]
    return "\n".join(lines) + "\n" + a["body"]


def showcase_doc(a: dict) -> str:
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    summary = f"{a['medium'].capitalize()} from {a['hometown']}: {', '.join(a['series'])}."
    lines = ["---", f"name: {q(a['name'])}", f"slug: {a['slug']}",
             f"discipline: {q(a['medium'])}", f"summary: {q(summary)}",
             "hometown:", f"  name: {q(a['hometown'])}", "  country: Kazakhstan",
             f"  lat: {a['lat']}", f"  lon: {a['lon']}",
             f"date: {a['date']}", "---", ""]
    return "\n".join(lines) + a["body"]


SHOWCASE_SITE = """\
title: Artists
description: A benchmark collective of synthetic artists.
base_url: https://example.org/
"""


LAYOUTS = {  # layout -> (content sub-folder, renderer)
    "hugo": ("content/artists", yaml_doc),
    "eleventy": ("src/artists", yaml_doc),
    "mkdocs": ("docs/artists", yaml_doc),
    "pelican": ("content", pelican_doc),
    "plain": (".", yaml_doc),
    "showcase": ("content/artists", showcase_doc),
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="site folder to write into")
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--layout", choices=sorted(LAYOUTS), default="plain")
    p.add_argument("--seed", type=int, default=20261122)
    args = p.parse_args(argv)
    sub, render = LAYOUTS[args.layout]
    dest = args.out / sub
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("*.md"):
        old.unlink()
    words = 0
    for i in range(args.n):
        a = artist(i, args.seed)
        words += len(a["body"].split())
        (dest / f"{a['slug']}.md").write_text(render(a), encoding="utf-8")
    if args.layout == "showcase" and not (args.out / "site.yaml").exists():
        (args.out / "site.yaml").write_text(SHOWCASE_SITE, encoding="utf-8")
    print(f"{args.n} artists, {words} body words -> {dest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
