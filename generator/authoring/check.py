"""check_site(): every validation of a build, plus what only the finished pages show.

The site is built into a temporary folder, then every page is read back the way a browser
would: links and anchors that point nowhere, images without alt text, pages without a
description. Besides the pages, the sources are checked for images too small for a work page
and files in ``content/`` that nothing uses; with ``external``, links to other hosts are
requested, a few at a time.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from PIL import Image

from generator.authoring.external import DEFAULT_TIMEOUT, DEFAULT_WORKERS, fetch_all
from generator.authoring.findings import Finding
from generator.authoring.readback import BuiltPage, read_pages
from generator.authoring.settings import form_action_errors, menu_warnings, sale_warnings
from generator.authoring.untranslated import untranslated_warnings
from generator.build import build
from generator.config import SiteConfig, load_config
from generator.content.kinds import KINDS
from generator.content.loader import load_site
from generator.content.markdown import MarkdownRenderer
from generator.content.model import Site
from generator.content.placeholders import vague_alts
from generator.content.places import place_warnings
from generator.errors import ContentErrors, SiteError
from generator.layout import CONTENT_DIR
from generator.media.requests import SHARP_SIZE, looks_soft
from generator.source.imagefile import IMAGE_SUFFIXES, open_image
from generator.source.slugs import is_valid_slug, slugify
from generator.urls import UrlBuilder

_ORIENTATION = 0x0112  # EXIF: values 5–8 mean the image is stored turned a quarter


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Everything a check found: errors fail it, warnings do not (unless made strict)."""

    errors: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()
    pages: int = 0

    @property
    def ok(self) -> bool:
        """Whether there are no errors."""
        return not self.errors

    def strict(self) -> CheckReport:
        """The same findings, every warning counted as an error."""
        return replace(self, errors=_sorted(self.errors + self.warnings), warnings=())

    def lines(self) -> list[str]:
        """``location: error|warning: message`` for each finding, grouped by file."""
        tagged = [(f, "error") for f in self.errors] + [(f, "warning") for f in self.warnings]
        tagged.sort(key=lambda item: (*_order(item[0]), item[1]))
        return [f"{f.location}: {severity}: {f.message}" for f, severity in tagged]

    def summary(self) -> str:
        """The closing line: how many errors and warnings."""
        return f"{_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')}"

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        """``{"errors": [...], "warnings": [...]}``, ready for ``json.dumps``."""
        return {
            "errors": [f.as_dict() for f in self.errors],
            "warnings": [f.as_dict() for f in self.warnings],
        }


def check_site(
    source: Path | str = ".",
    *,
    external: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = DEFAULT_WORKERS,
    cache_dir: Path | str | None = None,
) -> CheckReport:
    """Build the site in ``source`` into a temporary folder and check it; never raise SiteError."""
    root = Path(source).resolve()
    with tempfile.TemporaryDirectory(prefix="showcase-check-") as temporary:
        output = Path(temporary) / "site"
        try:
            report = build(root, output, cache_dir=cache_dir, temporary=True)
            config = load_config(root)
            everything, in_drafts = _site_with_drafts(root, config)
        except SiteError as exc:
            return CheckReport(errors=_sorted(_from_error(exc)))
        published = everything.published()
        base_path = UrlBuilder(config.base_url).base_path
        pages = read_pages(output, base_path)
        # Where a page's words come from: what each page planned said it shows (Page.source).
        sources = _Sources(
            root, {base_path + url.lstrip("/"): src for url, src in report.sources}, base_path
        )
        errors, warnings = _check_pages(output, pages, config.base_url, sources)
        errors += form_action_errors(published, output)
    errors += _vague_alts(published)
    warnings += _small_images(published)
    warnings += in_drafts
    warnings += _unused_files(everything)
    warnings += _file_names_made_slugs(everything)
    warnings += sale_warnings(published)
    warnings += menu_warnings(everything)
    warnings += untranslated_warnings(published)
    warnings += [Finding("place", text, file) for file, text in place_warnings(published.artists)]
    if external:
        warnings += _check_external(pages, sources, timeout, workers)
    return CheckReport(errors=_sorted(errors), warnings=_sorted(warnings), pages=len(pages))


# -- Where a page's words come from ------------------------------------------------------


class _Sources:
    """Finds the content file and line an href was written on, when a story wrote it."""

    def __init__(self, root: Path, pages: dict[str, str], base_path: str = "/") -> None:
        self._root = root
        self._pages = pages
        self._base_path = base_path
        self._lines: dict[str, list[str]] = {}

    def locate(self, page_url: str, href: str) -> tuple[str, int | None]:
        """``(content file, line)`` where ``href`` is written, else ``(page URL, None)``."""
        source = self._pages.get(page_url)
        if source is not None:
            if source not in self._lines:
                text = (self._root / source).read_text(encoding="utf-8")
                self._lines[source] = text.splitlines()
            # A story's link to a site path is written without the base URL's sub-path.
            written = [href]
            if href.startswith(self._base_path) and self._base_path != "/":
                written.append("/" + href.removeprefix(self._base_path))
            for number, text_line in enumerate(self._lines[source], start=1):
                for link in written:
                    if (
                        f"({link}" in text_line
                        or f'"{link}"' in text_line
                        or f"<{link}>" in text_line
                    ):
                        return source, number
        return page_url, None


# -- Links, anchors, alt text, descriptions ----------------------------------------------


def _check_pages(
    output: Path, pages: dict[Path, BuiltPage], base_url: str, sources: _Sources
) -> tuple[list[Finding], list[Finding]]:
    errors: list[Finding] = []
    warnings: list[Finding] = []
    base_path = UrlBuilder(base_url).base_path
    host = urlsplit(base_url).netloc.lower()
    for page in pages.values():
        for ref in page.refs:
            problem = _resolve(output, pages, page.url, ref.url, base_path, host)
            if problem is not None:
                kind, message = problem
                file, line = sources.locate(page.url, ref.url)
                errors.append(Finding(kind, message, file, line))
        for _line, src in page.no_alt:
            errors.append(
                Finding(
                    "alt",
                    f"image {src or '(without src)'} has no alt text: describe what it shows, "
                    'or mark it role="presentation" if it is decoration',
                    page.url,
                )
            )
        if not page.description:
            warnings.append(
                Finding(
                    "description",
                    'no <meta name="description">: search engines and link previews show '
                    "whatever text they find first",
                    page.url,
                )
            )
    return errors, warnings


def _resolve(
    output: Path,
    pages: dict[Path, BuiltPage],
    page_url: str,
    ref: str,
    base_path: str,
    host: str,
) -> tuple[str, str] | None:
    """``(kind, message)`` when an internal reference points nowhere, else None."""
    absolute = urljoin(page_url, ref)
    parts = urlsplit(absolute)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None  # mailto:, tel:, data: and the like
    if parts.netloc and parts.netloc.lower() != host:
        return None  # another host: checked with --external
    path = unquote(parts.path)
    if not path.startswith(base_path):
        return "link", f"{ref} is outside the site, which is served under {base_path}"
    rel = path[len(base_path) :]
    target = output / rel
    if rel == "" or rel.endswith("/") or (target / "index.html").is_file():
        target = target / "index.html"  # clean URLs, with or without the final slash
    if not target.resolve().is_relative_to(output.resolve()) or not target.is_file():
        return "link", f"{ref} points nowhere: there is no {path}"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html":
        ids = pages[target].ids if target in pages else set()
        if fragment not in ids:
            return "anchor", f"{ref}: the page {path} has no id '{fragment}'"
    return None


# -- Alt texts that do not describe ------------------------------------------------------


def _vague_alts(site: Site) -> list[Finding]:
    """Alt texts that are a file name or a placeholder: they fail WCAG 1.1.1 as a missing one
    does (a screen reader reads "IMG_3307" or "image" and nothing of what it shows), so they
    are errors, like a missing alt (the build warns of them)."""
    return [Finding("alt", message, source, line) for source, line, message in vague_alts(site)]


# -- Sources: image sizes, unused files --------------------------------------------------


def _small_images(site: Site) -> list[Finding]:
    """Works whose image will look soft on a work page (the build's own rule, ``looks_soft``)."""
    warnings = []
    for series in site.series:
        for work in series.works:
            width, height = _image_size(work.image)
            if looks_soft(width, height):
                warnings.append(
                    Finding(
                        "image-size",
                        f"{_label(site, work.image)} is only {width}×{height} px; a work page "
                        f"shows it up to {SHARP_SIZE} px, so it will look soft "
                        "(export it larger)",
                        work.source,
                        work.line,
                    )
                )
    return warnings


def _image_size(path: Path) -> tuple[int, int]:
    """The size an image is shown at, after its EXIF orientation; (0, 0) if unreadable."""
    try:
        with warnings.catch_warnings():  # the size is all that is read: no bomb goes off
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = open_image(path)
        with image:
            width, height = image.size
            if image.getexif().get(_ORIENTATION) in (5, 6, 7, 8):
                return height, width
            return width, height
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return 0, 0


def _unused_files(site: Site) -> list[Finding]:
    """Images nothing shows, and files that are neither Markdown nor images."""
    used = {
        image.resolve()
        for kind in KINDS
        for item in getattr(site, kind.folder)
        for image in kind.images(item)
    }
    content = site.root / CONTENT_DIR
    warnings = []
    for path in sorted(_files(content)):
        suffix = path.suffix.lower()
        if suffix == ".md" or path.resolve() in used:
            continue
        label = _label(site, path)
        if suffix in IMAGE_SUFFIXES:
            message = "no artist portrait or work uses this image"
        else:
            message = "nothing uses this file: content/ holds Markdown files and their images"
        warnings.append(Finding("unused-file", message, label))
    return warnings


def _file_names_made_slugs(site: Site) -> list[Finding]:
    """Artists and series whose file's name had to be made a slug to give their address."""
    warnings = []
    for kind in KINDS:
        for item in getattr(site, kind.folder):
            stem = Path(item.source).stem
            if not is_valid_slug(stem) and item.slug == slugify(stem):
                warnings.append(
                    Finding(
                        "file-name",
                        f"the file name {Path(item.source).name!r} is not a slug, so the "
                        f"{kind.noun}'s address uses '{item.slug}': rename the file "
                        f"{item.slug}.md to make them match",
                        item.source,
                    )
                )
    return warnings


def _files(folder: Path) -> Iterator[Path]:
    """Every file below ``folder``, leaving out hidden files and folders (.DS_Store, .git)."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name.startswith("."):
            continue
        if path.is_dir():
            yield from _files(path)
        elif path.is_file():
            yield path


def _label(site: Site, path: Path) -> str:
    try:
        return path.resolve().relative_to(site.root).as_posix()
    except ValueError:
        return str(path)


# -- External links ----------------------------------------------------------------------


def _check_external(
    pages: dict[Path, BuiltPage], sources: _Sources, timeout: float, workers: int
) -> list[Finding]:
    """Request every link to another host once; a finding for each place a failing one is."""
    places: dict[str, list[tuple[str, str]]] = {}
    for page in pages.values():
        for ref in page.refs:
            # A protocol-relative link (//host/x) takes the page's scheme: https, on the web.
            href = "https:" + ref.url if ref.url.startswith("//") else ref.url
            parts = urlsplit(urljoin(page.url, href))
            if ref.link and parts.scheme in ("http", "https") and parts.netloc:
                places.setdefault(urlunsplit(parts._replace(fragment="")), []).append(
                    (page.url, ref.url)
                )
    urls = sorted(places)
    outcomes = fetch_all(urls, timeout, workers)
    warnings = []
    for url, problem in zip(urls, outcomes, strict=True):
        if problem is None:
            continue
        for page_url, href in dict.fromkeys(places[url]):
            file, line = sources.locate(page_url, href)
            warnings.append(Finding("external", f"{href}: {problem}", file, line))
    return warnings


# -- Helpers -----------------------------------------------------------------------------


def _site_with_drafts(root: Path, config: SiteConfig) -> tuple[Site, list[Finding]]:
    """The site with its drafts, and the drafts' problems as warnings.

    A draft is not published, so what is still missing in it does not fail the check, as it
    does not fail the build: it is listed, to be finished before the draft is published. A
    draft that cannot be read is left out, as the build leaves it out.
    """
    try:
        return load_site(root, config, MarkdownRenderer(), drafts=True), []
    except SiteError as exc:
        site = load_site(root, config, MarkdownRenderer())
        unfinished = [
            Finding(
                f.kind, f"in a draft, to finish before it is published: {f.message}", f.file, f.line
            )
            for f in _from_error(exc)
        ]
        return site, unfinished


def _from_error(exc: SiteError) -> list[Finding]:
    errors = exc.errors if isinstance(exc, ContentErrors) else (exc,)
    findings = []
    for error in errors:
        message = f"{error.message} (hint: {error.hint})" if error.hint else error.message
        findings.append(Finding("build", message, error.path or "site", error.line))
    return findings


def _order(finding: Finding) -> tuple[str, str, int, str]:
    return (finding.language, finding.file, finding.line or 0, finding.message)


def _sorted(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=_order))


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"


__all__ = ["CheckReport", "Finding", "check_site"]
