"""Three languages against one: the same N-artist site built in English alone, and in
English, Russian and Kazakh, in the same run.

    .venv/bin/python bench/languages.py --artists 1000 [--full] [--rounds 3] [--edits 5]
        [--json]

The site is bench/compare.py's corpus (N artists' stories, as the peers build them), or with
--full bench/showcase_scale.py's (N artists, each with two series of six works sharing six
images). The three-language site declares ``languages: [en, ru, kk]`` and has, for every
artist (and series), a translation into Russian and one into Kazakh: the name, summary and
discipline, a whole story as long as the original (its words spelt in Cyrillic), the
series' title and description, and each work's title, medium and alt text. Every page then
exists three times, so its cold build should take at most three times the one-language
site's: the figure to watch is ``ratio``.

A round builds each site once, cold (a new process into a new folder, ``--fresh``, with the
image cache warmed beforehand), in an order that alternates between rounds, then once more
with nothing changed (noop). The three-language site's edit → page is timed under
``showcase build --watch`` as in the other scripts (the English story edited, its English
page watched).
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path
from typing import Any

from _common import (
    Run,
    clean,
    compile_showcase,
    count_pages,
    describe,
    machine,
    median,
    print_rows,
    run_measured,
    showcase,
    table,
    watch_edits,
)
from corpus import SHOWCASE_SITE, artist, paragraph, showcase_doc
from showcase_scale import SEED, SERIES, WORKS, make_site

LANGUAGES = ("en", "ru", "kk")
# Latin letters spelt in Cyrillic, so that a translation is as long, in UTF-8, as the
# Russian or Kazakh it stands for (two bytes a letter).
CYRILLIC = {
    "ru": str.maketrans("abcdefghijklmnopqrstuvwxyz", "абцдефгхийклмнопярстуввхыз"),
    "kk": str.maketrans("abcdefghijklmnopqrstuvwxyz", "әбцдефғһіжқлмнөпқрстұүвхыз"),
}
Row = dict[str, Any]


def translate(text: str, code: str) -> str:
    """``text`` spelt in the language's letters (Markdown and numbers kept)."""
    return text.lower().translate(CYRILLIC[code])


def make_corpus(site: Path, artists: int) -> list[str]:
    """bench/compare.py's corpus: one story an artist, no series; return the slugs."""
    (site / "content/artists").mkdir(parents=True)
    (site / "site.yaml").write_text(SHOWCASE_SITE, encoding="utf-8")
    slugs = []
    for i in range(artists):
        person = artist(i, SEED)
        slugs.append(person["slug"])
        story = site / "content/artists" / f"{person['slug']}.md"
        story.write_text(showcase_doc(person), encoding="utf-8")
    return slugs


def add_translations(site: Path, artists: int, series: bool) -> None:
    """Declare three languages and write a translation of every artist and series into each."""
    config = site / "site.yaml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^language: .*$", "", text).rstrip() + "\n"
    config.write_text(text + f"languages: [{', '.join(LANGUAGES)}]\n", encoding="utf-8")
    for i in range(artists):
        person = artist(i, SEED)
        rng = random.Random(f"{SEED}:{i}:translation")
        story = "\n\n".join(paragraph(rng) for _ in range(5))
        for code in LANGUAGES[1:]:
            (site / "content/artists" / f"{person['slug']}.{code}.md").write_text(
                "---\n"
                f'name: "{translate(person["name"], code).title()}"\n'
                f'discipline: "{translate(person["medium"], code)}"\n'
                f'summary: "{translate(person["medium"] + " from " + person["hometown"], code)}."\n'
                f"---\n{translate(story, code)}\n",
                encoding="utf-8",
            )
            for k in range(SERIES if series else 0):
                slug = f"{person['slug']}-series-{k + 1}"
                works = "".join(
                    f"  - slug: work-{w + 1}\n"
                    f'    title: "{translate("Work", code)} {w + 1}"\n'
                    f'    medium: "{translate("oil on canvas", code)}"\n'
                    f'    alt: "{translate("shapes of colour over a gradient", code)} {w + 1}."\n'
                    for w in range(WORKS)
                )
                title = translate(person["series"][k % len(person["series"])], code)
                (site / "content/series" / f"{slug}.{code}.md").write_text(
                    f'---\ntitle: "{title} {k + 1}"\nworks:\n{works}---\n'
                    f"{translate('A series by ' + person['name'], code)}.\n",
                    encoding="utf-8",
                )


def build(site: Path, output: Path, cache: Path, pages: int, fresh: bool = False) -> Run:
    """One whole-process build, checked for every artist page of every language."""
    command = showcase("build", "-s", str(site), "-o", str(output), "--cache-dir", str(cache))
    if fresh:
        command.append("--fresh")
    run = run_measured(command)  # raises with the output when the build fails
    found = count_pages(output, "artists/*/index.html") + count_pages(
        output, "*/artists/*/index.html"
    )
    if found != pages:
        raise RuntimeError(f"{found} of {pages} artist pages written:\n{run.output[-2000:]}")
    return run


def measure(scratch: Path, artists: int, rounds: int, edits: int, full: bool) -> Row:
    """Both sites' cold and noop figures, the three-language site's edit → page."""
    sites = {1: scratch / "one", 3: scratch / "three"}
    slugs: list[str] = []
    for count, site in sites.items():
        site.mkdir(parents=True)
        slugs = make_site(site, artists, unique=False) if full else make_corpus(site, artists)
        if count == 3:
            add_translations(site, artists, series=full)
        build(site, scratch / f"warm-{count}", scratch / f"cache-{count}", artists * count)
    colds: dict[int, list[Run]] = {1: [], 3: []}
    noops: dict[int, list[Run]] = {1: [], 3: []}
    for n in range(rounds):
        for count in (1, 3) if n % 2 == 0 else (3, 1):
            output, cache = scratch / f"cold-{count}-{n}", scratch / f"cache-{count}"
            clean()  # nothing to delete: it syncs
            colds[count].append(build(sites[count], output, cache, artists * count, fresh=True))
            noops[count].append(build(sites[count], output, cache, artists * count))
    row: Row = {"artists": artists, "site": "full" if full else "corpus", "rounds": rounds}
    for count in (1, 3):
        row[f"pages_{count}"] = count_pages(scratch / f"cold-{count}-0", "**/*.html")
        row[f"cold_{count}_s"] = median([r.seconds for r in colds[count]])
        row[f"noop_{count}_s"] = median([r.seconds for r in noops[count]])
    row["ratio"] = round(row["cold_3_s"] / row["cold_1_s"], 2)
    row["edit_3_s"], row["edits_3"], why = watch_edits(
        sites[3], slugs, edits, "--cache-dir", str(scratch / "cache-3")
    )
    row["errors"] = {"edit": why} if why else {}
    return row


def report(rows: list[Row]) -> str:
    """The figures as Markdown."""
    headers = [
        "N",
        "site",
        "pages 1",
        "cold 1 s",
        "pages 3",
        "cold 3 s",
        "ratio",
        "noop 1 s",
        "noop 3 s",
        "edit 3 s",
    ]
    lines = [
        [
            f"{r['artists']:,}",
            r["site"],
            f"{r['pages_1']:,}",
            f"{r['cold_1_s']:.3f}",
            f"{r['pages_3']:,}",
            f"{r['cold_3_s']:.3f}",
            f"{r['ratio']:.2f}",
            f"{r['noop_1_s']:.3f}",
            f"{r['noop_3_s']:.3f}",
            "—" if r["edit_3_s"] is None else f"{r['edit_3_s']:.3f}",
        ]
        for r in rows
    ]
    return "\n\n".join([describe(machine()), table(headers, lines)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artists", type=int, nargs="+", default=[1000])
    parser.add_argument("--full", action="store_true", help="showcase_scale.py's whole site")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5, help="story edits timed under --watch")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    compile_showcase()
    with tempfile.TemporaryDirectory(prefix="showcase-languages-") as scratch:
        rows = [
            measure(Path(scratch) / f"n{n}", n, args.rounds, args.edits, args.full)
            for n in args.artists
        ]
    print_rows(rows, args.json, report)


if __name__ == "__main__":
    main()
