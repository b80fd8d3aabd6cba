"""The contact page, the footer's rel=me links, sameAs and the enquiry action, in real builds."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from generator import BuildReport, build
from generator.authoring.check import check_site
from generator.authoring.findings import Finding
from generator.errors import ContentErrors
from tests.sitecheck import json_ld

CONTACT = """\
contact:
  email: studio@example.org
  phone: +7 727 000 00 00
  address: |
    Abay Avenue 1
    Almaty
  links:
    - title: Instagram
      url: https://www.instagram.com/site/
"""


def configure(project: Path, contact: str, form: str = "") -> None:
    settings = project / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + contact + form, encoding="utf-8")


def set_works(project: Path, status: str, inventory: str = "DS-1") -> None:
    series = project / "content/series/small-hours.md"
    text = series.read_text(encoding="utf-8")
    text = text.replace(
        "    medium: Oil on board\n",
        f"    medium: Oil on board\n    status: {status}\n    inventory: {inventory}\n",
        1,
    )
    series.write_text(text, encoding="utf-8")


def page(report: BuildReport, url: str) -> str:
    return (report.output / url.strip("/") / "index.html").read_text(encoding="utf-8")


def run(project: Path, cache: Path, *, production: bool = False) -> BuildReport:
    return build(project, project / "site", cache_dir=cache, production=production)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_without_contact_there_is_no_contact_page_nor_enquiry(
    tiny_project: Path, cache: Path
) -> None:
    report = run(tiny_project, cache)
    assert not (report.output / "contact").exists()
    work = page(report, "/gallery/small-hours/dawn/")
    assert "enquire" not in work and 'rel="me"' not in work


def test_the_contact_page_with_mailto_shows_every_way_and_hides_the_address(
    tiny_project: Path, cache: Path
) -> None:
    configure(tiny_project, CONTACT)
    report = run(tiny_project, cache)
    contact = page(report, "/contact/")
    assert "studio@example.org" not in contact and "mailto:" not in contact
    assert html.unescape(contact).count('href="mailto:studio@example.org"') == 1
    assert html.unescape(contact).count(">studio@example.org</a>") == 1
    assert '<a href="tel:+77270000000">+7 727 000 00 00</a>' in contact
    assert "Abay Avenue 1<br>Almaty" in contact
    assert "<form" not in contact
    footer = contact.split('<footer class="site-footer">')[1]
    assert '<a href="https://www.instagram.com/site/" rel="me">Instagram</a>' in footer
    assert 'href="/contact/" aria-current="page">Contact</a>' in footer
    sitemap = (report.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/contact/" in sitemap


def test_the_production_build_keeps_the_address_encoded(tiny_project: Path, cache: Path) -> None:
    configure(tiny_project, CONTACT)
    report = run(tiny_project, cache, production=True)
    for url in ("/contact/", "/gallery/small-hours/dawn/"):
        text = page(report, url)
        assert "studio@example.org" not in text and "mailto:" not in text, url
        assert "mailto:studio@example.org" in html.unescape(text), url


@pytest.mark.parametrize(
    ("provider", "present", "honeypot"),
    [
        (
            "netlify",
            [
                'name="contact" data-netlify="true" data-netlify-honeypot="bot-field"',
                '<input type="hidden" name="form-name" value="contact">',
            ],
            "bot-field",
        ),
        ("formspree", ['<input type="hidden" name="_subject" value="Message from'], "_gotcha"),
        ("plain", [], "_gotcha"),
    ],
)
def test_a_form_posts_to_its_action_with_what_its_provider_needs(
    tiny_project: Path, cache: Path, provider: str, present: list[str], honeypot: str
) -> None:
    form = f"  form:\n    action: https://forms.example/f/1\n    provider: {provider}\n"
    configure(tiny_project, CONTACT, form)
    contact = page(run(tiny_project, cache), "/contact/")
    assert '<form class="contact-form" method="post" action="https://forms.example/f/1"' in contact
    for text in present:
        assert text in contact
    for absent in ("data-netlify", "form-name", "_subject"):
        if not any(absent in text for text in present):
            assert absent not in contact
    trap = re.search(r'<div class="contact-form__trap" aria-hidden="true">.*?</div>', contact, re.S)
    assert trap is not None
    assert f'name="{honeypot}" tabindex="-1" autocomplete="off"' in trap.group(0)
    for field, autocomplete in (("name", "name"), ("email", "email")):
        assert f'name="{field}" autocomplete="{autocomplete}" required' in contact
    assert '<textarea id="contact-message" name="message" rows="6" required>' in contact
    assert '<label for="contact-work">' in contact and 'name="work"' in contact


def test_a_work_page_enquires_by_mailto_naming_the_work(tiny_project: Path, cache: Path) -> None:
    configure(tiny_project, CONTACT)
    set_works(tiny_project, "available", "DS 1")
    work = page(run(tiny_project, cache), "/gallery/small-hours/dawn/")
    link = re.search(r'<a class="enquire__action" href="([^"]+)">Enquire about this work</a>', work)
    assert link is not None and "mailto" not in link.group(1)
    assert html.unescape(link.group(1)) == (
        "mailto:studio@example.org?subject=Enquiry%3A%20Dawn%20%28DS%201%29%2C%20by%20Dana%20Sadyk"
        "&body=About%20Dawn%20%28DS%201%29%2C%202024%3A%0D%0A"
        "https%3A%2F%2Fexample.org%2Fgallery%2Fsmall-hours%2Fdawn%2F%0D%0A%0D%0A"
    )


def test_a_work_page_with_a_form_has_a_form_naming_the_work(
    tiny_project: Path, cache: Path
) -> None:
    configure(tiny_project, CONTACT, "  form:\n    action: /thanks/\n")
    set_works(tiny_project, "reserved")
    work = page(run(tiny_project, cache), "/gallery/small-hours/dawn/")
    assert '<summary class="enquire__action">Enquire about this work</summary>' in work
    assert 'action="/thanks/"' in work
    assert 'name="work" autocomplete="off" value="Dawn (DS-1)" readonly' in work


@pytest.mark.parametrize("status", ["sold", "private-collection"])
def test_sold_and_private_works_show_no_enquiry(
    tiny_project: Path, cache: Path, status: str
) -> None:
    configure(tiny_project, CONTACT)
    set_works(tiny_project, status)
    report = run(tiny_project, cache)
    assert "enquire" not in page(report, "/gallery/small-hours/dawn/")
    assert "Enquire about this work" in page(report, "/gallery/small-hours/dusk/")


def test_an_artists_links_are_their_footer_links_and_their_same_as(
    tiny_project: Path, cache: Path
) -> None:
    configure(tiny_project, CONTACT)
    artist = tiny_project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8").replace(
        "---\n",
        "---\ncontact:\n  links:\n    - title: Her site\n      url: https://dana.example/\n",
        1,
    )
    artist.write_text(text, encoding="utf-8")
    report = run(tiny_project, cache)
    for url in ("/artists/dana-sadyk/", "/gallery/small-hours/dawn/"):
        footer = page(report, url).split('<footer class="site-footer">')[1]
        assert '<a href="https://dana.example/" rel="me">Her site</a>' in footer
        assert "instagram.com/site" not in footer
    person = json_ld(report.output / "artists/dana-sadyk/index.html")
    assert person["sameAs"] == ["https://dana.example/"]
    home = page(report, "/").split('<footer class="site-footer">')[1]
    assert 'href="https://www.instagram.com/site/" rel="me"' in home


def test_an_artist_without_links_has_no_same_as(tiny_project: Path, cache: Path) -> None:
    configure(tiny_project, CONTACT)
    person = json_ld(run(tiny_project, cache).output / "artists/dana-sadyk/index.html")
    assert "sameAs" not in person


def test_a_bad_artist_contact_is_a_located_error(tiny_project: Path, cache: Path) -> None:
    artist = tiny_project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8").replace(
        "---\n", "---\ncontact:\n  email: dana(at)example.org\n", 1
    )
    artist.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        run(tiny_project, cache)
    (error,) = raised.value.errors
    assert error.path == "content/artists/dana-sadyk.md" and error.line == 3
    assert "'contact.email' is not an email address" in error.message


def test_contact_md_gives_the_contact_page_its_title_and_text(
    tiny_project: Path, cache: Path
) -> None:
    configure(tiny_project, CONTACT)
    pages = tiny_project / "content/pages"
    pages.mkdir()
    (pages / "contact.md").write_text(
        "---\ntitle: Write to Dana\nsummary: She answers within a week.\n---\n"
        "Studio visits by appointment.\n",
        encoding="utf-8",
    )
    report = run(tiny_project, cache)
    contact = page(report, "/contact/")
    assert "<h1>Write to Dana</h1>" in contact
    assert '<p class="lead">She answers within a week.</p>' in contact
    assert "<p>Studio visits by appointment.</p>" in contact
    assert "Abay Avenue 1<br>Almaty" in contact  # and the ways to reach her, as without it
    assert '<meta name="description" content="She answers within a week.">' in contact


def test_without_contact_settings_contact_md_is_an_ordinary_page(
    tiny_project: Path, cache: Path
) -> None:
    pages = tiny_project / "content/pages"
    pages.mkdir()
    (pages / "contact.md").write_text("---\ntitle: Write to Dana\n---\nBy post.\n", "utf-8")
    contact = page(run(tiny_project, cache), "/contact/")
    assert "<h1>Write to Dana</h1>" in contact and "contact-form" not in contact


@pytest.mark.parametrize("form", ["", "  form:\n    action: /post/\n    provider: netlify\n"])
def test_the_contact_and_enquiry_pages_are_valid_html(
    tiny_project: Path, cache: Path, form: str
) -> None:
    from tests.integration.test_html_validity import validator

    configure(tiny_project, CONTACT, form)
    set_works(tiny_project, "available")
    report = run(tiny_project, cache)
    result = subprocess.run(
        [validator(), "--root", str(report.output)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


ARTIST_CONTACT = """\
contact:
  email: dana@example.org
  phone: +7 726 200 00 00
  address: |
    Studio 4
    Taraz
  links:
    - title: Her site
      url: https://dana.example/
"""


def give_artist(project: Path, contact: str) -> None:
    artist = project / "content/artists/dana-sadyk.md"
    text = artist.read_text(encoding="utf-8").replace("---\n", "---\n" + contact, 1)
    artist.write_text(text, encoding="utf-8")


def test_an_artists_own_contact_is_a_section_of_their_page(tiny_project: Path, cache: Path) -> None:
    configure(tiny_project, CONTACT)
    give_artist(tiny_project, ARTIST_CONTACT)
    text = page(run(tiny_project, cache), "/artists/dana-sadyk/")
    section = text.split('<section class="artist__contact wrap"')[1].split("</section>")[0]
    assert '<h2 id="contact-heading" class="section-title">Contact</h2>' in section
    assert "dana@example.org" not in section and "mailto:" not in section
    assert 'href="mailto:dana@example.org">dana@example.org</a>' in html.unescape(section)
    assert '<a href="tel:+77262000000">+7 726 200 00 00</a>' in section
    assert "Studio 4<br>Taraz" in section
    assert '<a href="https://dana.example/" rel="me">Her site</a>' in section
    assert "studio@example.org" not in html.unescape(section)  # the site's are on /contact/


def test_an_artist_without_contact_or_with_only_a_form_has_no_contact_section(
    tiny_project: Path, cache: Path
) -> None:
    configure(tiny_project, CONTACT)
    assert "artist__contact" not in page(run(tiny_project, cache), "/artists/dana-sadyk/")
    give_artist(tiny_project, "contact:\n  form:\n    action: /thanks/\n")
    assert "artist__contact" not in page(run(tiny_project, cache), "/artists/dana-sadyk/")


def test_a_mailto_link_is_encoded_in_every_footer_and_on_the_contact_page(
    tiny_project: Path, cache: Path
) -> None:
    configure(
        tiny_project,
        "contact:\n  links:\n    - title: write@example.org\n      url: mailto:write@example.org\n",
    )
    report = run(tiny_project, cache, production=True)
    for url in ("/", "/contact/", "/artists/dana-sadyk/", "/gallery/small-hours/dawn/"):
        text = page(report, url)
        assert "write@example.org" not in text and "mailto:" not in text, url
        decoded = html.unescape(text)
        assert "mailto:write@example.org" in decoded and ">write@example.org</a>" in decoded, url


def findings(project: Path, cache: Path, kind: str) -> list[Finding]:
    report = check_site(project, cache_dir=cache)
    return [f for f in report.errors + report.warnings if f.kind == kind]


def test_check_asks_for_a_real_way_to_ask_about_an_available_work(
    tiny_project: Path, cache: Path
) -> None:
    configure(tiny_project, "contact:\n  address: Abay Avenue 1\n")
    set_works(tiny_project, "available")
    give_artist(
        tiny_project, "contact:\n  links:\n    - title: Site\n      url: https://d.example/\n"
    )
    [warning] = findings(tiny_project, cache, "no-contact")
    assert (
        "'Dawn' is available" in warning.message and "email, a phone or a form" in warning.message
    )
    assert warning.file == "content/series/small-hours.md" and warning.line
    give_artist(tiny_project, "contact:\n  phone: +7 726 200 00 00\n")
    assert findings(tiny_project, cache, "no-contact") == []


def test_check_finds_a_form_posting_to_a_page_the_site_does_not_have(
    tiny_project: Path, cache: Path
) -> None:
    configure(tiny_project, CONTACT, "  form:\n    action: /thanks/\n")
    [error] = [f for f in findings(tiny_project, cache, "link") if "form" in f.message]
    assert error in check_site(tiny_project, cache_dir=cache).errors
    lines = (tiny_project / "site.yaml").read_text(encoding="utf-8").splitlines()
    assert error.file == "site.yaml" and error.line is not None
    assert lines[error.line - 1] == "    action: /thanks/"
    assert "/thanks/" in error.message and "content/pages/thanks.md" in error.message
    (tiny_project / "content/pages").mkdir(exist_ok=True)
    (tiny_project / "content/pages/thanks.md").write_text(
        "---\ntitle: Thank you\nvisibility: unlisted\n---\nYour message is sent.\n",
        encoding="utf-8",
    )
    assert not [f for f in findings(tiny_project, cache, "link") if "form" in f.message]


def test_check_warns_that_menu_does_nothing_on_an_unlisted_page(
    tiny_project: Path, cache: Path
) -> None:
    (tiny_project / "content/pages").mkdir(exist_ok=True)
    (tiny_project / "content/pages/press.md").write_text(
        "---\ntitle: Press\nvisibility: unlisted\nmenu: 2\n---\nReviews.\n", encoding="utf-8"
    )
    [warning] = findings(tiny_project, cache, "menu")
    assert (warning.file, warning.line) == ("content/pages/press.md", 4)
    assert "'menu: 2' has no effect" in warning.message and "unlisted" in warning.message
