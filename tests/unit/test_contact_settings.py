"""The ``contact:`` block: one reader for site.yaml and an artist's front-matter."""

from __future__ import annotations

from typing import Any

import pytest

from generator.config import Contact, ContactForm, ContactLink, read_contact
from generator.errors import ConfigError, SiteError
from generator.source.fields import Fields, Problems
from generator.source.marks import KeyPath, Mark


def read(block: Any) -> tuple[Contact | None, list[SiteError]]:
    problems = Problems("site.yaml", ConfigError)
    marks: dict[KeyPath, Mark] = {
        ("contact",): Mark(3, 1),
        ("contact", "form", "provider"): Mark(7, 15),
    }
    return read_contact(Fields({"contact": block}, marks, problems)), problems.errors


def test_every_key_is_read() -> None:
    contact, errors = read(
        {
            "email": "studio@example.org",
            "phone": "+7 (727) 123-45-67",
            "address": "Abay Avenue 1\nAlmaty",
            "links": [{"title": "Instagram", "url": "https://www.instagram.com/x/"}],
            "form": {"action": "https://formspree.io/f/abc", "provider": "formspree"},
        }
    )
    assert errors == []
    assert contact == Contact(
        email="studio@example.org",
        phone="+7 (727) 123-45-67",
        address="Abay Avenue 1\nAlmaty",
        links=(ContactLink("Instagram", "https://www.instagram.com/x/"),),
        form=ContactForm("https://formspree.io/f/abc", "formspree"),
    )
    assert contact.phone_href == "tel:+77271234567"


def test_no_block_is_no_contact() -> None:
    assert read(None) == (None, [])


def test_the_provider_defaults_to_plain_and_a_site_path_is_an_action() -> None:
    contact, errors = read({"form": {"action": "/thanks/"}})
    assert errors == [] and contact is not None
    assert contact.form == ContactForm("/thanks/", "plain")


def test_an_artists_keys_win_key_by_key_and_the_rest_are_the_sites() -> None:
    site = Contact(
        email="site@example.org",
        phone="1",
        links=(ContactLink("Site", "https://example.org/"),),
        form=ContactForm("https://formspree.io/f/site"),
    )
    own = Contact(email="artist@example.org", links=(ContactLink("Me", "https://me.example/"),))
    assert own.over(site) == Contact(
        email="artist@example.org",
        phone="1",
        links=(ContactLink("Me", "https://me.example/"),),
        form=ContactForm("https://formspree.io/f/site"),
    )
    assert own.over(None) == own


@pytest.mark.parametrize(
    ("block", "message", "hint"),
    [
        ({"email": "studio at example.org"}, "'contact.email' is not an email address", "alone"),
        ({"email": "mailto:a@b.org"}, "'contact.email' is not an email address", "mailto"),
        (
            {"form": {"action": "https://x.example/f", "provider": "netlfy"}},
            "'contact.form.provider' must be one of plain, netlify, formspree (got 'netlfy')",
            "did you mean 'netlify'?",
        ),
        (
            {"form": {"action": "http://forms.example/f"}},
            "'contact.form.action' must be an https:// address or a path of the site",
            "formspree",
        ),
        ({"form": {"provider": "plain"}}, "'contact.form.action' is required", "action"),
        ({"links": [{"title": "Instagram"}]}, "link 1, 'Instagram': 'url' is required", "url"),
        (
            {"links": [{"title": "X", "url": "javascript:alert(1)"}]},
            "link 1, 'X': 'url' must be an http(s) or mailto: link",
            "https://",
        ),
        ({"phone": "call me"}, "'contact.phone' must be a phone number", "country code"),
        ({"emial": "a@b.org"}, "unknown key 'contact.emial'", "did you mean 'email'?"),
        ({}, "'contact' is empty", "remove"),
    ],
)
def test_bad_values_are_located_errors_with_hints(
    block: dict[str, Any], message: str, hint: str
) -> None:
    _, errors = read(block)
    assert errors, block
    error = errors[0]
    assert message in error.message
    assert error.path == "site.yaml" and error.line is not None
    assert error.hint is not None and hint in error.hint


def test_the_provider_error_points_at_its_line() -> None:
    _, errors = read({"form": {"action": "/f/", "provider": "netlfy"}})
    assert (errors[0].line, errors[0].column) == (7, 15)


def test_a_loopback_form_action_may_be_http_for_testing() -> None:
    contact, errors = read({"form": {"action": "http://127.0.0.1:8123/post"}})
    assert errors == [] and contact is not None and contact.form is not None
