"""The contact page, ``/contact/``, and the "Enquire about this work" action of work pages.

Both read the ``contact:`` settings (``generator.config.Contact``): the site's, with an
artist's own keys winning on that artist's works. Email addresses are written as numeric
character references, which every browser decodes without JavaScript, so that the address
is not plain text in the HTML source: that stops the harvesters that search the raw source
for addresses, not a program that parses the page as a browser does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from generator import urls
from generator.config import Contact, ContactForm, ContactLink, SiteConfig
from generator.content.model import STATUS_NOT_FOR_SALE, Artist, Work

if TYPE_CHECKING:
    from generator.language import Language
    from generator.site.pages import Page, Planning

# The name a Netlify form is registered under: the contact page's and every work page's
# enquiry form have the same fields, so they are one form to Netlify.
FORM_NAME = "contact"


def encoded(text: str) -> Markup:
    """``text`` as hexadecimal character references (``&#x61;``): shown and followed as
    written by every browser, but not plain text in the page's source.

    The production build's minifier leaves ``&#x`` references as they are
    (``generator.site.assets.minify_page``).
    """
    return Markup("".join(f"&#x{ord(char):x};" for char in text))


def mailto(email: str, subject: str = "", body: str = "") -> Markup:
    """An encoded ``mailto:`` href, its subject and body percent-encoded (RFC 6068)."""
    query = [
        f"{name}={quote(value, safe='')}"
        for name, value in (("subject", subject), ("body", body))
        if value
    ]
    return encoded(f"mailto:{email}" + ("?" + "&".join(query) if query else ""))


def contact_link(item: ContactLink) -> Markup:
    """A ``links`` entry as its ``<a rel="me">``. A ``mailto:`` link is written as ``email:``
    is (its href and its title as character references): the footer of every page, the
    contact page and an artist's page all show links through this one function."""
    if urlsplit(item.url).scheme == "mailto":
        return Markup('<a href="{}" rel="me">{}</a>').format(encoded(item.url), encoded(item.title))
    return Markup('<a href="{}" rel="me">{}</a>').format(item.url, item.title)


def contact_of(config: SiteConfig, artist: Artist | None) -> Contact | None:
    """The contact of an artist's pages and works: their own keys, the rest the site's."""
    if artist is None or artist.contact is None:
        return config.contact
    return artist.contact.over(config.contact)


@dataclass(frozen=True, slots=True)
class Enquiry:
    """A work page's action: a form posting to the contact form's action, or a mailto link."""

    label: str
    work: str  # the work as the enquiry names it: its title, and inventory number if any
    subject: str
    form: ContactForm | None = None
    href: str = ""  # the encoded mailto: link (Markup), without a form


def enquiry(
    work: Work,
    artist: Artist,
    config: SiteConfig,
    link: urls.UrlBuilder,
    language: Language | None = None,
) -> Enquiry | None:
    """How to ask about ``work``; None when it is sold or in a private collection, or when
    there is no form and no email address to write to. Its words in ``language`` (default
    English): the label, and the subject and first line of the message."""
    from generator.language import english

    said = language or english()
    form, email = enquiry_route(config, artist)
    if not work.enquirable or not (form or email):
        return None
    named = f"{work.title} ({work.inventory})" if work.inventory else work.title
    label = (
        said.gettext("Ask about this work")
        if work.status == STATUS_NOT_FOR_SALE
        else said.gettext("Enquire about this work")
    )
    subject = said.gettext("Enquiry: %(work)s, by %(name)s", work=named, name=artist.name)
    if form is not None:
        return Enquiry(label=label, work=named, subject=subject, form=form)
    page = link.absolute(urls.work_url(work.series_slug, work.slug))
    about = said.gettext("About %(work)s, %(year)s:", work=named, year=work.year)
    body = f"{about}\r\n{page}\r\n\r\n"
    return Enquiry(label=label, work=named, subject=subject, href=mailto(email, subject, body))


def enquiry_route(config: SiteConfig, artist: Artist | None) -> tuple[ContactForm | None, str]:
    """Where an enquiry about an artist's work goes: ``(form, "")`` or ``(None, email)``,
    ``(None, "")`` when nowhere.

    The artist's own keys come first (their form, else their email), then the site's (its
    form, else its email): an artist who gives only an email is written to, even on a site
    with a form. Not ``contact_of``, which merges key by key and would let the site's form
    win over the artist's email.
    """
    for contact in (artist.contact if artist is not None else None, config.contact):
        if contact is not None and contact.form is not None:
            return contact.form, ""
        if contact is not None and contact.email:
            return None, contact.email
    return None, ""


def contact_pages(plan: Planning) -> list[Page]:
    """``/contact/`` when ``site.yaml`` has a ``contact:``; its title and text come from
    ``content/pages/contact.md`` when there is one."""
    from generator.site.pages import Page

    config, said = plan.site.config, plan.language
    contact = config.contact
    if contact is None:
        return []
    own = plan.site.page(urls.CONTACT)  # content/pages/contact.md: its title and text
    return [
        Page(
            url=urls.page_url(urls.CONTACT),
            template="contact.html",
            title=own.title if own else said.gettext("Contact"),
            description=(own.summary if own else "")
            or said.gettext("How to reach %(site)s.", site=config.title),
            image=plan.image,
            image_alt=plan.image_alt,
            in_sitemap=not own.unlisted if own else True,
            noindex=own.unlisted if own else False,
            data={
                "contact": contact,
                "summary": own.summary if own else "",
                "text_html": own.body_html if own else "",
                "form_subject": said.gettext("Message from the %(site)s site", site=config.title),
            },
            index=True,
            updated=(own.updated or own.date if own else None) or plan.updated,
            source=own.source if own else None,
        )
    ]
