"""An incremental build after any edit is byte-identical to a fresh build of the same sources.

The fragile part of incremental builds is what a page's key forgets. This walks one project
through an edit, a rename and a deletion of every kind of input the build reads: an artist, a
series, a work, a page of one's own (and its menu place and visibility, and a series' and a
work's), an image, a template, a static file (a stylesheet and a script, whose
fingerprinted names change on every page) and ``site.yaml``; after each step the updated
folder must hold exactly what a build from scratch writes, also in production (minified).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions, build
from generator.layout import default_theme
from tests.editing import drop_translated_work, remove_content, rename_content, retitle_work
from tests.sitecheck import tree_digest

SERIES = "content/series/steppe-awakening.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def every_kind_of_edit(project: Path) -> list[tuple[str, Callable[[], object]]]:
    """Named steps, each leaving a project that builds."""
    series = project / SERIES
    images = project / "content/series/steppe-awakening"
    templates = project / "templates"
    static = project / "static"

    def override_template() -> None:
        templates.mkdir(exist_ok=True)
        work = (default_theme() / "templates/work.html").read_text(encoding="utf-8")
        assert "</main>" in work or "{% endblock %}" in work
        (templates / "work.html").write_text(
            work.replace("{% endblock %}", "<p>Own work page</p>{% endblock %}", 1),
            encoding="utf-8",
        )

    def add_work() -> None:
        edit(
            series,
            "  - title: Evening Song\n",
            "  - title: Second Dawn\n"
            "    image: steppe-awakening/01-steppe-at-first-light.jpg\n"
            "    year: 2023\n"
            "    medium: Oil on board\n"
            "    alt: The first painting's dawn again, smaller.\n"
            "  - title: Evening Song\n",
        )

    def remove_work() -> None:
        text = series.read_text(encoding="utf-8")
        start = text.index("  - title: Second Dawn\n")
        end = text.index("  - title: Evening Song\n")
        series.write_text(text[:start] + text[end:], encoding="utf-8")

    def replace_image() -> None:  # new content under the same name
        shutil.copyfile(images / "06-evening-song.jpg", images / "05-rose-horizon.jpg")

    def rename_image() -> None:
        (images / "03-dusk-over-the-rolling-hills.jpg").rename(images / "03-dusk.jpg")
        edit(
            series,
            "steppe-awakening/03-dusk-over-the-rolling-hills.jpg",
            "steppe-awakening/03-dusk.jpg",
        )

    def rename_series_file() -> None:  # the slug comes from the title: the URL stays
        rename_content(
            project / "content/series/the-people-of-aktybek.md",
            project / "content/series/aktybek.md",
        )

    def delete_image_and_its_work() -> None:
        text = series.read_text(encoding="utf-8")
        start = text.index("  - title: Rose Horizon\n")
        end = text.index("  - title: Evening Song\n")
        series.write_text(text[:start] + text[end:], encoding="utf-8")
        drop_translated_work(series, "rose-horizon")
        (images / "05-rose-horizon.jpg").unlink()

    artists = project / "content/artists"

    def add_artist() -> None:  # with no series: the one kind of artist that can be deleted
        text = (artists / "bekzat-ayumi.md").read_text(encoding="utf-8")
        (artists / "aliya-nurlan.md").write_text(
            text.replace("name: Bekzat Ayumi", "name: Aliya Nurlan", 1), encoding="utf-8"
        )

    pages = project / "content/pages"

    def add_page() -> None:
        (pages / "studio.md").write_text(
            "---\ntitle: The studio\nmenu: 0\n---\nWhere the work is made.\n", encoding="utf-8"
        )

    def theme_file_edited(rel: str, addition: str) -> Callable[[], None]:
        def change() -> None:  # the project's copy overrides the theme's
            text = (default_theme() / "static" / rel).read_text(encoding="utf-8")
            (static / rel).parent.mkdir(parents=True, exist_ok=True)
            (static / rel).write_text(text + addition, encoding="utf-8")

        return change

    static.mkdir(exist_ok=True)  # empty: it adds nothing to the site until a file is in it

    def delete_series() -> None:
        remove_content(project / "content/series/bazaar-colours.md")
        shutil.rmtree(project / "content/series/bazaar-colours")

    return [
        ("series description", lambda: edit(series, "latest series", "newest series")),
        (
            "series title (its URL)",
            lambda: edit(series, "title: Steppe Awakening", "title: Steppe Awakens"),
        ),
        ("work caption", lambda: edit(series, "takes its colour.", "takes on its colour.")),
        ("work alt", lambda: edit(series, "A tall painting of a soft", "A tall canvas of a soft")),
        (
            "work title (its URL)",
            lambda: retitle_work(series, "Golden Grass", "Golden Grasses"),
        ),
        (
            "work year",
            lambda: edit(
                series,
                "year: 2022\n    medium: Oil on canvas\n    dimensions: 75",
                "year: 2021\n    medium: Oil on canvas\n    dimensions: 75",
            ),
        ),
        ("work added", add_work),
        ("work deleted", remove_work),
        ("image content", replace_image),
        ("image renamed", rename_image),
        ("image deleted with its work", delete_image_and_its_work),
        ("series file renamed", rename_series_file),
        ("series deleted", delete_series),
        (
            "artist story",
            lambda: edit(
                project / "content/artists/bekzat-ayumi.md", "knew no bounds", "knew no limits"
            ),
        ),
        (
            "artist hometown",
            lambda: edit(
                project / "content/artists/bakhyt-kalejs.md", "name: Zhenis", "name: Zhenis village"
            ),
        ),
        (
            "artist made a draft (deleted with its series)",
            lambda: edit(
                project / "content/artists/bakhyt-kalejs.md", "---\n", "---\ndraft: true\n"
            ),
        ),
        ("artist added, without series", add_artist),
        (
            "artist file renamed",
            lambda: (artists / "aliya-nurlan.md").rename(artists / "nurlan.md"),
        ),
        ("artist deleted", lambda: (artists / "nurlan.md").unlink()),
        ("page edited", lambda: edit(pages / "about.md", "three artists", "the three artists")),
        ("page added, in the menu", add_page),
        ("page's menu place", lambda: edit(pages / "studio.md", "menu: 0", "menu: 5")),
        (
            "page made unlisted",
            lambda: edit(pages / "studio.md", "menu: 5\n", "menu: 5\nvisibility: unlisted\n"),
        ),
        ("page deleted", lambda: (pages / "studio.md").unlink()),
        (
            "work made unlisted",
            lambda: edit(
                series,
                "  - title: Evening Song\n",
                "  - title: Evening Song\n    visibility: unlisted\n",
            ),
        ),
        ("series made unlisted", lambda: edit(series, "---\n", "---\nvisibility: unlisted\n")),
        ("series listed again", lambda: edit(series, "visibility: unlisted\ntitle", "title")),
        ("template added", override_template),
        (
            "template edited",
            lambda: edit(templates / "work.html", "Own work page", "Own work page, edited"),
        ),
        ("template deleted", lambda: (templates / "work.html").unlink()),
        (
            "static file added",
            lambda: (static / "notes.txt").write_text("one\n"),
        ),
        ("static file edited", lambda: (static / "notes.txt").write_text("two\n")),
        ("static file renamed", lambda: (static / "notes.txt").rename(static / "about.txt")),
        ("static file deleted", lambda: (static / "about.txt").unlink()),
        ("stylesheet edited", theme_file_edited("css/site.css", "\n.edited { color: red; }\n")),
        ("script edited", theme_file_edited("js/lightbox.js", "\nwindow.edited = true;\n")),
        (
            "site title",
            lambda: edit(project / "site.yaml", 'en: "Steppe & City"', 'en: "Steppe and City"'),
        ),
        (
            "site navigation",
            lambda: edit(project / "site.yaml", "  - title: {en: Map,", "  - title: {en: The map,"),
        ),
        (
            "site paging",
            lambda: (project / "site.yaml").write_text(
                (project / "site.yaml").read_text("utf-8") + "artists_per_page: 1\n",
                encoding="utf-8",
            ),
        ),
    ]


@pytest.mark.parametrize("how", ["in memory", "across runs", "production"])
def test_every_kind_of_edit_ends_byte_identical_to_a_fresh_build(
    project: Path, own_cache: Path, tmp_path: Path, how: str
) -> None:
    live = tmp_path / "live"
    options = BuildOptions(cache_dir=own_cache, production=how == "production")
    builder = Builder(project, live, options)
    builder.build()
    for step, change in every_kind_of_edit(project):
        change()
        report = builder.build() if how != "across runs" else build(project, live, options)
        assert not report.unchanged, f"after '{step}' the build saw no change"
        clean = build(project, tmp_path / f"clean-{step}", options, fresh=True)
        assert tree_digest(live) == tree_digest(clean.output), f"after '{step}'"
        shutil.rmtree(clean.output)
