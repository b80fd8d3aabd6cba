"""Building a copy of a site from the command line, and editing its files, as the
integration tests of one feature at a time do."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli


def build(project: Path, cache: Path) -> tuple[int, str]:
    """``showcase build --quiet`` of ``project`` with ``cache``: its status and all it said."""
    result = CliRunner().invoke(
        cli, ["build", "--source", str(project), "--quiet"], env={"SHOWCASE_CACHE_DIR": str(cache)}
    )
    return result.exit_code, result.output + (result.stderr or "")


def edit(project: Path, name: str, old: str, new: str) -> None:
    """Replace the first ``old`` in the project's file ``name`` (which must hold it)."""
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def translations_of(path: Path) -> list[Path]:
    """The translation files beside a content file: ``x.ru.md``, ``x.kk.md`` for ``x.md``."""
    return sorted(path.parent.glob(f"{path.stem}.*.md"))


def remove_content(path: Path) -> None:
    """Delete a content file with its translations, as an author removing it would."""
    for translation in translations_of(path):
        translation.unlink()
    path.unlink()


def rename_content(path: Path, new: Path) -> None:
    """Rename a content file and its translations alike (``x.ru.md`` → ``y.ru.md``)."""
    for translation in translations_of(path):
        code = translation.name[len(path.stem) + 1 : -len(".md")]
        translation.rename(new.parent / f"{new.stem}.{code}.md")
    path.rename(new)


def retitle_work(series: Path, old: str, new: str) -> None:
    """Give a work of ``series`` (its .md file) a new title, and so a new slug, which its
    translations then name."""
    from generator.source.slugs import slugify

    edit(series.parent, series.name, f"title: {old}", f"title: {new}")
    reslug_translated_work(series, slugify(old), slugify(new))


def reslug_translated_work(series: Path, old: str, new: str) -> None:
    """Make the translations of ``series`` name a work's new slug (``old`` → ``new``)."""
    for translation in translations_of(series):
        edit(translation.parent, translation.name, f"slug: {old}", f"slug: {new}")


def drop_translated_work(series: Path, slug: str) -> None:
    """Take the work ``slug`` out of the translations of ``series``, as an author deleting
    the work from the series does (a translation naming no work is an error)."""
    for translation in translations_of(series):
        lines = translation.read_text(encoding="utf-8").splitlines(keepends=True)
        start = lines.index(f"  - slug: {slug}\n")
        end = next(
            i
            for i in range(start + 1, len(lines))
            if lines[i].startswith("  - slug: ") or lines[i] == "---\n"
        )
        translation.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
