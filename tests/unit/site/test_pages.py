from __future__ import annotations

from pathlib import Path

from generator.config import SiteConfig
from generator.content.model import Artist, Place, Series, Site, Work
from generator.incremental.fingerprint import Fingerprints
from generator.map.atlas import build_atlas
from generator.media.images import ImageSource, PublishedImage, Rendition
from generator.site.pages import Page, plan_pages
from generator.urls import UrlBuilder

ALMATY = Place(name="Almaty", country="Kazakhstan", lat=43.2525, lon=76.9115)


def small_site() -> tuple[Site, dict[Path, PublishedImage]]:
    artist = Artist(
        slug="morel",
        name="Bakhyt Morel",
        discipline="painter",
        summary="A painter.",
        hometown=ALMATY,
        story_html="<p>Story.</p>",
        source="content/artists/morel.md",
    )
    works = tuple(
        Work(
            slug=f"w{n}",
            title=f"Work {n}",
            year=2020,
            medium="oil",
            alt="A painting.",
            image=Path(f"content/series/steppe/w{n}.jpg"),
            series_slug="steppe",
            source="content/series/steppe.md",
        )
        for n in (1, 2)
    )
    series = Series(
        slug="steppe",
        title="Steppe",
        artist_slug="morel",
        years="2020",
        description_html="<p>Wide.</p>",
        works=works,
        source="content/series/steppe.md",
    )
    config = SiteConfig(title="T", description="D", base_url="https://example.org/")
    rendition = Rendition(url="/media/w.jpg", width=800, height=600)
    image = PublishedImage(
        sources=(ImageSource("jpeg", (rendition,)),),
        width=800,
        height=600,
        colour="#000",
        preview="",
    )
    site = Site(config=config, root=Path("."), artists=(artist,), series=(series,))
    return site, {work.image: image for work in works}


def plan() -> list[Page]:
    site, images = small_site()
    return plan_pages(site, images, build_atlas(site), UrlBuilder(site.config.base_url))


def test_each_page_names_the_content_file_it_shows() -> None:
    sources = {page.url: page.source for page in plan()}
    assert sources["/artists/morel/"] == "content/artists/morel.md"
    assert sources["/gallery/steppe/"] == "content/series/steppe.md"
    assert sources["/gallery/steppe/w1/"] == "content/series/steppe.md"
    assert sources["/"] is None and sources["/map/"] is None and sources["/404.html"] is None


def test_the_source_is_in_no_page_key() -> None:
    page = next(page for page in plan() if page.url == "/")
    prints = Fingerprints()
    moved = Page(**{name: getattr(page, name) for name in Page.__dataclass_fields__})
    object.__setattr__(moved, "source", "elsewhere.md")
    assert prints.of(moved) == Fingerprints().of(page)
