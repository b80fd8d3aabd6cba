"""Read a built site's pages back as a browser would: what each points at, defines and lacks."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Ref:
    """A URL a page points at, the line it is on, and whether it is a link (or an asset)."""

    url: str
    line: int
    link: bool


@dataclass(slots=True)
class BuiltPage:
    """What one built page points at, the ids it defines, and what it lacks."""

    url: str
    refs: list[Ref] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    no_alt: list[tuple[int, str]] = field(default_factory=list)
    description: bool = False


class _PageReader(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = BuiltPage(url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        line = self.getpos()[0]
        page = self.page
        if values.get("id"):
            page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            page.ids.add(values["name"])
        if tag == "a" and values.get("href"):
            page.refs.append(Ref(values["href"].strip(), line, link=True))
        if tag == "link" and values.get("href"):
            page.refs.append(Ref(values["href"].strip(), line, link=False))
        if tag in ("img", "script", "source") and values.get("src"):
            page.refs.append(Ref(values["src"].strip(), line, link=False))
        if tag in ("img", "source") and values.get("srcset"):
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    page.refs.append(Ref(candidate.split()[0], line, link=False))
        if tag == "img" and not values.get("alt", "").strip() and not _decorative(values):
            page.no_alt.append((line, values.get("src", "")))
        if tag == "meta" and values.get("name", "").lower() == "description":
            page.description = page.description or bool(values.get("content", "").strip())


def _decorative(values: dict[str, str]) -> bool:
    return values.get("role") in ("presentation", "none") or values.get("aria-hidden") == "true"


def read_pages(output: Path, base_path: str) -> dict[Path, BuiltPage]:
    pages = {}
    for path in sorted(output.rglob("*.html")):
        rel = path.relative_to(output).as_posix()
        url = base_path + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        reader = _PageReader(url)
        reader.feed(path.read_text(encoding="utf-8"))
        reader.close()
        pages[path] = reader.page
    return pages
