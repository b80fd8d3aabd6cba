"""Scaffolding: 'showcase init' starts a site that builds, 'showcase new' adds to one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from generator import build
from generator.authoring import scaffold
from generator.authoring.scaffold import EXAMPLE_PAINTINGS, init_site
from generator.cli import cli
from generator.config import PublishSettings, load_config
from generator.content.artists import ARTIST_KEYS, PLACE_KEYS
from generator.content.series import SERIES_KEYS, WORK_KEYS


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One site made by init, to copy: painting its images once is enough."""
    target = tmp_path_factory.mktemp("started") / "site"
    init_site(target)
    return target


@pytest.fixture
def site(started: Path, tmp_path: Path) -> Path:
    """A writable copy of a freshly started site."""
    return Path(shutil.copytree(started, tmp_path / "my-site"))


def run(*args: str) -> tuple[int, str]:
    """Run the command line; return its exit code and everything it printed."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its content."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def has_key(text: str, key: str, indent: str = "") -> bool:
    """Whether ``key:`` starts a line of ``text``, commented out or not."""
    return re.search(rf"^{indent}(# ?)?{key}:", text, re.MULTILINE) is not None


# showcase init ---------------------------------------------------------------------------


def test_init_creates_a_site_that_builds_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "aigerim-gallery"
    code, output = run("init", str(target))
    assert code == 0, output
    assert f"cd {target} && showcase serve" in output
    assert "showcase build" in output
    report = build(target, tmp_path / "out", cache_dir=tmp_path / "cache")
    assert report.warnings == ()
    assert report.images == len(EXAMPLE_PAINTINGS) == 4
    out = tmp_path / "out"
    assert "Aigerim Gallery" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "artists/aigerim-sadykova/index.html").is_file()
    assert (out / "gallery/turkistan-blue/dome-at-noon/index.html").is_file()
    assert (out / "map/index.html").is_file()
    assert not (out / "README.txt").exists()


def test_init_writes_settings_content_and_no_theme(tmp_path: Path) -> None:
    written = init_site(tmp_path / "new")
    site = tmp_path / "new"
    assert {p.relative_to(site).as_posix() for p in written} == set(snapshot(site))
    settings = (site / "site.yaml").read_text(encoding="utf-8")
    assert "title: New" in settings
    assert "\n# base_url: https://" in settings and "localhost" not in settings
    assert "#   url: https://tile.openstreetmap.org/{z}/{x}/{y}.png" in settings
    assert "\nimages:\n" in settings
    for title in ("Artists", "Gallery", "Map"):
        assert f"- title: {title}" in settings
    artist = (site / "content/artists/aigerim-sadykova.md").read_text(encoding="utf-8")
    for key in ARTIST_KEYS:
        assert has_key(artist, key), key
    assert "lat: 43.2973" in artist and "lon: 68.2518" in artist
    assert not list((site / "templates").glob("*.html"))
    assert not any((site / "static").iterdir())
    assert "same name" in (site / "templates/README.txt").read_text(encoding="utf-8")


def test_init_names_the_theme_folders_as_the_layout_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scaffold, "STATIC_DIR", "assets")
    monkeypatch.setattr(scaffold, "TEMPLATES_DIR", "layouts")
    monkeypatch.setattr(scaffold, "EXAMPLE_PAINTINGS", ())  # no need to paint them here
    init_site(tmp_path / "site")
    assert (tmp_path / "site/assets").is_dir() and not (tmp_path / "site/static").exists()
    assert (tmp_path / "site/layouts/README.txt").is_file()
    assert not (tmp_path / "site/templates").exists()


def test_init_paints_the_example_works_the_same_every_time(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    init_site(first)
    init_site(second)
    images = first / "content/series/turkistan-blue"
    assert len(list(images.iterdir())) == 4
    for path in images.iterdir():
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()
        assert path.stat().st_size < 150_000, path.name
        with Image.open(path) as image:
            assert image.format == "JPEG" and image.width == 1600


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "site.yaml").write_text("title: Mine\n", encoding="utf-8")
    (target / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before = snapshot(target)
    code, output = run("init", str(target))
    assert code == 1
    assert "not empty" in output and "nothing was written" in output
    assert snapshot(target) == before
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt", "site.yaml"]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("a file\n", encoding="utf-8")
    code, output = run("init", str(target))
    assert code == 1 and "not a folder" in output
    assert target.read_text(encoding="utf-8") == "a file\n"


def test_init_accepts_an_empty_folder_and_a_fresh_repository(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("init", str(empty))[0] == 0
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    (clone / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    assert run("init", str(clone))[0] == 0
    assert (clone / ".git/HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (clone / "site.yaml").is_file()


# showcase new artist ---------------------------------------------------------------------


def test_new_artist_writes_every_key(site: Path) -> None:
    code, output = run("new", "artist", "Bakhyt Kalējs", "--source", str(site))
    assert code == 0, output
    path = site / "content/artists/bakhyt-kalejs.md"
    assert str(path) in output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    assert "name: Bakhyt Kalējs\n" in text
    assert "\ndraft: true\n" in text
    for key in ARTIST_KEYS:
        assert has_key(text, key), key
    for key in PLACE_KEYS:
        assert has_key(text, key, r"(  |#   (- )?  )?"), key


def test_new_artist_refuses_to_overwrite(site: Path) -> None:
    path = site / "content/artists/aigerim-sadykova.md"
    before = path.read_bytes()
    code, output = run("new", "artist", "Aigerim Sadykova", "-s", str(site))
    assert code == 1
    assert "content/artists/aigerim-sadykova.md" in output and "already exists" in output
    assert path.read_bytes() == before


def test_new_artist_builds_as_a_draft(site: Path, tmp_path: Path) -> None:
    assert run("new", "artist", "Bekzat Ayumi", "-s", str(site))[0] == 0
    common = ["build", "-s", str(site), "-q", "--cache-dir", str(tmp_path / "cache")]
    code, output = run(*common, "-o", str(tmp_path / "drafts"), "--drafts")
    assert code == 0, output
    assert (tmp_path / "drafts/artists/bekzat-ayumi/index.html").is_file()
    code, output = run(*common, "-o", str(tmp_path / "public"))
    assert code == 0, output
    assert not (tmp_path / "public/artists/bekzat-ayumi").exists()


def test_new_artist_quotes_names_that_yaml_would_misread(site: Path, tmp_path: Path) -> None:
    assert run("new", "artist", "Anna: #2", "-s", str(site))[0] == 0
    report = build(site, tmp_path / "out", drafts=True, cache_dir=tmp_path / "cache")
    page = (report.output / "artists/anna-2/index.html").read_text(encoding="utf-8")
    assert "Anna: #2" in page


def test_new_needs_a_site(tmp_path: Path) -> None:
    code, output = run("new", "artist", "Aigerim Sadykova", "-s", str(tmp_path))
    assert code == 1
    assert "no site.yaml" in output and "showcase init" in output
    assert not (tmp_path / "content").exists()


# showcase new series ---------------------------------------------------------------------


def test_new_series_refuses_an_unknown_artist(site: Path) -> None:
    code, output = run(
        "new", "series", "Steppe Awakening", "--artist", "aigerim-sadykowa", "-s", str(site)
    )
    assert code == 1
    assert "unknown artist 'aigerim-sadykowa'" in output
    assert "did you mean 'aigerim-sadykova'?" in output
    assert not (site / "content/series/steppe-awakening.md").exists()


def test_new_series_knows_an_artist_by_its_slug_key(site: Path) -> None:
    artist = site / "content/artists/aigerim-sadykova.md"
    artist.write_text(
        artist.read_text(encoding="utf-8").replace("weight: 10", "slug: aigerim\nweight: 10"),
        encoding="utf-8",
    )
    assert run("new", "series", "Blue", "-a", "aigerim-sadykova", "-s", str(site))[0] == 1
    assert run("new", "series", "Blue", "-a", "aigerim", "-s", str(site))[0] == 0


def test_new_series_says_whether_the_build_stops_at_it_until_filled_in(site: Path) -> None:
    code, output = run("new", "series", "Blue", "-a", "aigerim-sadykova", "-s", str(site))
    assert code == 0, output
    assert "Its artist is published, so builds stop at this file" in output
    assert "until each work has its 'image' and 'alt'" in output
    assert run("new", "artist", "Dana Ray", "-s", str(site))[0] == 0
    code, output = run("new", "series", "Green", "-a", "dana-ray", "-s", str(site))
    assert code == 0, output
    assert "Its artist is a draft, so the series is one too" in output
    assert "builds stop" not in output


def test_new_series_writes_a_file_that_builds_once_filled_in(site: Path, tmp_path: Path) -> None:
    code, output = run(
        "new", "series", "Steppe Awakening", "-a", "aigerim-sadykova", "-s", str(site)
    )
    assert code == 0, output
    path = site / "content/series/steppe-awakening.md"
    assert str(path) in output
    assert (site / "content/series/steppe-awakening").is_dir()
    text = path.read_text(encoding="utf-8")
    for key in SERIES_KEYS:
        assert has_key(text, key), key
    for key in WORK_KEYS:
        assert has_key(text, key, r"  (  |- )"), key
    assert "# image: steppe-awakening/01-first-work.jpg" in text
    shutil.copy(
        site / "content/series/turkistan-blue/01-dome-at-noon.jpg",
        site / "content/series/steppe-awakening/01-first-work.jpg",
    )
    text = text.replace("# image:", "image:").replace("# alt:", "alt:")
    text = text.replace("What the image shows, in a sentence.", "Two bands of green.")
    text = text.replace("A paragraph or two about Steppe Awakening", "Spring on the steppe")
    text = text.replace("title: First Work", "title: Green Bands")
    path.write_text(text, encoding="utf-8")
    report = build(site, tmp_path / "out", cache_dir=tmp_path / "cache")
    assert report.warnings == ()
    assert (tmp_path / "out/gallery/steppe-awakening/green-bands/index.html").is_file()


def line_of(path: Path, text: str) -> int:
    """The number of the first line of ``path`` that holds ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_example_text_of_new_is_refused_once_published_and_kept_in_a_draft(
    site: Path, tmp_path: Path
) -> None:
    assert run("new", "artist", "Bakhyt Morel", "-s", str(site))[0] == 0
    assert run("new", "series", "Steppe Light", "-a", "bakhyt-morel", "-s", str(site))[0] == 0
    artist, series = (
        site / "content/artists/bakhyt-morel.md",
        site / "content/series/steppe-light.md",
    )
    shutil.copy(
        site / "content/series/turkistan-blue/01-dome-at-noon.jpg",
        site / "content/series/steppe-light/01-first-work.jpg",
    )
    series.write_text(
        series.read_text("utf-8").replace("# image:", "image:").replace("# alt:", "alt:"), "utf-8"
    )
    common = ["build", "-s", str(site), "-o", str(tmp_path / "out"), "--cache-dir"]
    common.append(str(tmp_path / "cache"))
    code, output = run(*common)  # a draft may carry them, and so may its series
    assert code == 0, output

    artist.write_text(artist.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    before = snapshot(tmp_path / "out")
    code, output = run(*common)
    assert code == 1
    a, s = "content/artists/bakhyt-morel.md", "content/series/steppe-light.md"
    for place in (
        f"{a}:{line_of(artist, 'summary: One sentence about Bakhyt Morel.')}: the summary",
        f"{a}:{line_of(artist, 'name: Hometown')}: the hometown",
        f"{a}:{line_of(artist, 'story here, in Markdown')}: the story",
        f"{s}:{line_of(series, 'title: First Work')}: the title of work 1",
        f"{s}:{line_of(series, 'alt: What the image shows')}: the alt text of work 1",
        f"{s}:{line_of(series, 'A paragraph or two about')}: the description",
    ):
        assert f"error: {place} is still the example text of 'showcase new'" in output, place
    assert "Build failed with 6 errors in 2 files" in output and "Traceback" not in output
    assert snapshot(tmp_path / "out") == before

    code, output = run("check", "-s", str(site), "--cache-dir", str(tmp_path / "cache"))
    assert code == 1
    assert f"{a}:{line_of(artist, 'name: Hometown')}: error: the hometown is still" in output

    for path, old, new in (
        (artist, "One sentence about Bakhyt Morel.", "A painter of the steppe."),
        (artist, "name: Hometown", "name: Balkhash"),
        (artist, "lat: 0.0\n  lon: 0.0", "lat: 46.8481\n  lon: 74.995"),
        (artist, "Write Bakhyt Morel's story here", "Bakhyt paints"),
        (series, "title: First Work", "title: Morning Grass"),
        (series, "What the image shows, in a sentence.", "Two bands of green under a pale sky."),
        (series, "A paragraph or two about", "Light over"),
    ):
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    code, output = run(*common)
    assert code == 0, output
    assert (tmp_path / "out/artists/bakhyt-morel/index.html").is_file()


def test_example_text_is_reported_with_the_other_files_problems(site: Path, tmp_path: Path) -> None:
    assert run("new", "artist", "Dana Ray", "-s", str(site))[0] == 0
    artist = site / "content/artists/dana-ray.md"
    artist.write_text(artist.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    series = site / "content/series/turkistan-blue.md"
    series.write_text(series.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    code, output = run("build", "-s", str(site), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "content/series/turkistan-blue.md:" in output and "titel" in output
    summary = line_of(artist, "summary: One sentence about Dana Ray.")
    assert f"content/artists/dana-ray.md:{summary}: the summary is still the example" in output


def test_example_text_stays_refused_after_the_artists_name_is_corrected(
    site: Path, tmp_path: Path
) -> None:
    assert run("new", "artist", "Dana Ray", "-s", str(site))[0] == 0
    artist = site / "content/artists/dana-ray.md"
    (site / "content/artists/dana-ray").mkdir()
    shutil.copy(
        site / "content/series/turkistan-blue/01-dome-at-noon.jpg",
        site / "content/artists/dana-ray/portrait.jpg",
    )
    text = artist.read_text("utf-8").replace("draft: true\n", "")
    text = text.replace("name: Dana Ray", "name: Dana Rae").replace("# portrait", "portrait")
    text = text.replace("name: Hometown", "name: Balkhash").replace("lat: 0.0", "lat: 46.8")
    artist.write_text(text.replace("lon: 0.0", "lon: 75.0"), "utf-8")
    code, output = run(
        "build", "-s", str(site), "-o", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c")
    )
    assert code == 1
    a = "content/artists/dana-ray.md"
    for place in (
        f"{a}:{line_of(artist, 'summary: One sentence about Dana Ray.')}: the summary",
        f"{a}:{line_of(artist, 'portrait_alt: Dana Ray in the studio.')}: the portrait's alt",
        f"{a}:{line_of(artist, 'Write Dana Ray')}: the story",
    ):
        assert f"error: {place}" in output, (place, output)
    assert "Build failed with 3 errors" in output and "Traceback" not in output


def test_a_commented_out_image_and_alt_say_which_hash_to_remove(site: Path, tmp_path: Path) -> None:
    assert (
        run("new", "series", "Steppe Awakening", "-a", "aigerim-sadykova", "-s", str(site))[0] == 0
    )
    series = site / "content/series/steppe-awakening.md"
    code, output = run(
        "build", "-s", str(site), "--drafts", "-o", str(tmp_path / "out"), "--cache-dir",
        str(tmp_path / "cache"),
    )  # fmt: skip
    assert code == 1
    image, alt = line_of(series, "# image:"), line_of(series, "# alt:")
    s = "content/series/steppe-awakening.md"
    assert (
        f"{s}:{image}:5: work 1, 'First Work': 'image' is required, and its line is commented out\n"
        f"  hint: remove the '#' at the start of line {image}, and put the image "
        "01-first-work.jpg in the folder steppe-awakening/ beside this file"
    ) in output
    assert f"  hint: remove the '#' at the start of line {alt}\n" in output
    assert "add a line" not in output


def test_new_series_refuses_to_overwrite(site: Path) -> None:
    path = site / "content/series/turkistan-blue.md"
    before = path.read_bytes()
    code, output = run("new", "series", "Turkistan Blue", "-a", "aigerim-sadykova", "-s", str(site))
    assert code == 1
    assert "content/series/turkistan-blue.md" in output and "already exists" in output
    assert path.read_bytes() == before


def test_init_footer_names_the_site_once(site: Path, tmp_path: Path, image_cache: Path) -> None:
    build(site, tmp_path / "out", cache_dir=image_cache)
    page = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    footer = page[page.index('<footer class="site-footer">') :]
    title = load_config(site).title
    assert f"<p>{title}</p>" in footer
    assert f"{title} · {title}" not in footer


def test_init_settings_explain_a_publish_section_that_loads_once_uncommented(
    site: Path,
) -> None:
    settings = (site / "site.yaml").read_text(encoding="utf-8")
    assert "\n# publish:\n" in settings
    assert "\npublish:" not in settings
    for key in PublishSettings.__dataclass_fields__:
        assert has_key(settings, key, indent=r"#   "), key
    # Removing the '#' of 'publish:' and of its keys gives settings that load as they say.
    section = settings[settings.index("# publish:") :]
    uncommented = re.sub(r"^# ?(publish:|  \w+:)", r"\1", section, flags=re.MULTILINE)
    (site / "site.yaml").write_text(settings.replace(section, uncommented), encoding="utf-8")
    publish = load_config(site).publish
    assert publish.target == "github-pages"
    assert publish.branch == "gh-pages"
    assert publish.cname == "art.example.org"
