"""The contact page's and the work page's pure parts: encoded addresses and the enquiry."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator.config import Contact, ContactForm, SiteConfig
from generator.content.model import STATUSES, Artist, Place, Work
from generator.site.assets import minify_page
from generator.site.contact import contact_of, encoded, enquiry, enquiry_route, mailto
from generator.urls import UrlBuilder

LINK = UrlBuilder("https://example.org/sub/")
ARTIST = Artist(
    slug="morel",
    name="Bakhyt Morel",
    discipline="painter",
    summary="A painter.",
    hometown=Place(name="Almaty", country="Kazakhstan", lat=43.2, lon=76.9),
    story_html="",
    source="content/artists/morel.md",
)


def work(status: str = "", inventory: str = "") -> Work:
    return Work(
        slug="dome-at-noon",
        title="Dome & Noon",
        year=2019,
        medium="Oil",
        alt="A dome.",
        image=Path("x.jpg"),
        series_slug="blue",
        status=status,
        inventory=inventory,
    )


def config(contact: Contact | None) -> SiteConfig:
    return SiteConfig(title="T", description="D", base_url=LINK.base_url, contact=contact)


def test_an_encoded_text_has_no_letter_of_it_in_the_source_and_decodes_back() -> None:
    text = encoded("studio@example.org")
    assert "studio" not in text and "@" not in text and "example" not in text
    assert html.unescape(str(text)) == "studio@example.org"


def test_a_production_minified_page_keeps_the_references() -> None:
    page = f'<!doctype html><p><a href="{mailto("a@b.org")}">{encoded("a@b.org")}</a> &#34;x'
    minified = minify_page(page.encode()).decode()
    assert "a@b.org" not in minified and "mailto" not in minified
    assert html.unescape(minified).count("a@b.org") == 2
    assert '"x' in minified  # the references of escaped text are still minified as before


def test_the_mailto_enquiry_names_the_work_and_carries_its_address() -> None:
    ask = enquiry(work(inventory="KM-12/3"), ARTIST, config(Contact(email="a@b.org")), LINK)
    assert ask is not None and ask.form is None and ask.label == "Enquire about this work"
    href = html.unescape(str(ask.href))
    assert " " not in href  # every space is %20, every newline %0D%0A
    parts = urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", "a@b.org")
    query = {key: unquote(value) for key, value in (p.split("=") for p in parts.query.split("&"))}
    assert query["subject"] == "Enquiry: Dome & Noon (KM-12/3), by Bakhyt Morel"
    assert "https://example.org/sub/gallery/blue/dome-at-noon/" in query["body"]
    assert parse_qs(parts.query)["subject"] == [query["subject"]]  # & in the title is %26


def test_with_a_form_the_enquiry_is_that_form_naming_the_work() -> None:
    form = ContactForm("https://formspree.io/f/x", "formspree")
    ask = enquiry(work(inventory="7"), ARTIST, config(Contact(form=form)), LINK)
    assert ask is not None and ask.form == form and ask.work == "Dome & Noon (7)"


@pytest.mark.parametrize("status", ["", *STATUSES])
def test_sold_and_private_works_have_no_enquiry_the_others_do(status: str) -> None:
    ask = enquiry(work(status), ARTIST, config(Contact(email="a@b.org")), LINK)
    if status in ("sold", "private-collection"):
        assert ask is None
    else:
        assert ask is not None
        wanted = "Ask about this work" if status == "not-for-sale" else "Enquire about this work"
        assert ask.label == wanted


def test_no_enquiry_without_a_contact_or_with_only_a_phone() -> None:
    assert enquiry(work(), ARTIST, config(None), LINK) is None
    assert enquiry(work(), ARTIST, config(Contact(phone="+7 1")), LINK) is None


def test_an_artists_email_is_used_on_their_works() -> None:
    artist = replace(ARTIST, contact=Contact(email="me@x.org"))
    site = config(Contact(email="site@x.org", phone="1"))
    assert contact_of(site, artist) == Contact(email="me@x.org", phone="1")
    ask = enquiry(work(), artist, site, LINK)
    assert ask is not None and "me@x.org" in html.unescape(str(ask.href))


FORM = ContactForm("https://formspree.io/f/site", "formspree")
OWN_FORM = ContactForm("https://formspree.io/f/own", "formspree")


@pytest.mark.parametrize(
    ("own", "site", "route"),
    [
        (Contact(email="me@x.org"), Contact(form=FORM), (None, "me@x.org")),
        (Contact(email="me@x.org", form=OWN_FORM), Contact(form=FORM), (OWN_FORM, "")),
        (Contact(phone="1"), Contact(form=FORM, email="s@x.org"), (FORM, "")),
        (Contact(phone="1"), Contact(email="s@x.org"), (None, "s@x.org")),
        (None, Contact(form=FORM), (FORM, "")),
        (Contact(phone="1"), Contact(phone="2"), (None, "")),
    ],
)
def test_the_enquiry_goes_to_the_artists_own_form_or_email_before_the_sites(
    own: Contact | None, site: Contact, route: tuple[ContactForm | None, str]
) -> None:
    artist = replace(ARTIST, contact=own)
    assert enquiry_route(config(site), artist) == route


def test_an_artist_with_only_an_email_is_written_to_on_a_site_with_a_form() -> None:
    artist = replace(ARTIST, contact=Contact(email="me@x.org"))
    ask = enquiry(work(), artist, config(Contact(form=FORM)), LINK)
    assert ask is not None and ask.form is None
    assert html.unescape(str(ask.href)).startswith("mailto:me@x.org?")
