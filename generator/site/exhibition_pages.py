"""The exhibitions page, ``/exhibitions/``, and its iCalendar files.

Built only when some artist lists exhibitions: the page (``exhibitions.html``: current and
upcoming, past by year, undated), one ``.ics`` per current or upcoming exhibition with an
opening day (its "Add to calendar" link) and ``exhibitions.ics`` with every dated one. The
page lists the whole site, so it has no identity: its key is everything it shows, the
build's day included (``Calendar.today``), and it is made again when a day moves an
exhibition from upcoming to past.
"""

from __future__ import annotations

from functools import partial

from generator import urls
from generator.site import jsonld as structured
from generator.site.ical import calendar_text
from generator.site.pages import Page, Planning

ICS_TEMPLATE = "calendar.ics"


def exhibition_pages(plan: Planning) -> list[Page]:
    """The exhibitions page and its calendar files; none when no artist lists exhibitions."""
    calendar = plan.calendar
    if not calendar:
        return []
    title, said = plan.site.config.title, plan.language
    events = {s.key: urls.event_url(s.key) for s in calendar.events}
    pages = [
        Page(
            url=urls.exhibitions_url(),
            template="exhibitions.html",
            title=said.gettext("Exhibitions"),
            description=said.gettext(
                "Where to see the work of the artists of %(site)s: current and upcoming "
                "exhibitions, and past ones by year.",
                site=title,
            ),
            image=plan.image,
            image_alt=plan.image_alt,
            data={
                "calendar": calendar,
                "events": events,
                "calendar_file": urls.calendar_url() if calendar.dated else "",
            },
            index=True,
            updated=plan.updated,
            describe=partial(structured.exhibitions_page, calendar, plan.link, said),
        )
    ]
    if calendar.dated:
        pages.append(
            _ics(
                urls.calendar_url(),
                said.gettext("Exhibitions of %(site)s", site=title),
                calendar_text(
                    calendar.dated,
                    said.gettext("%(site)s: exhibitions", site=title),
                    plan.link,
                    said,
                ),
            )
        )
    for showing in calendar.events:
        text = calendar_text((showing,), showing.exhibition.title, plan.link, said)
        pages.append(_ics(events[showing.key], showing.exhibition.title, text))
    return pages


def _ics(url: str, title: str, text: str) -> Page:
    return Page(
        url=url,
        template=ICS_TEMPLATE,
        title=title,
        description="",
        in_sitemap=False,
        data={"text": text},
        index=True,
    )
