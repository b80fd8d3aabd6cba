"""What the preview refuses, as pure decisions: which hosts it answers to, what is loopback."""

from __future__ import annotations

import pytest

from generator.authoring.guards import host_is_allowed, is_loopback


@pytest.mark.parametrize(
    ("header", "bound", "allowed"),
    [
        ("localhost:8000", "127.0.0.1", True),
        ("LOCALHOST:8000", "127.0.0.1", True),
        ("localhost", "127.0.0.1", True),
        ("[::1]:8000", "127.0.0.1", True),
        ("::1", "127.0.0.1", True),
        ("127.0.0.2:8000", "127.0.0.2", True),  # the address it was told to bind
        ("[::1]:8000", "[::1]", True),
        ("192.168.1.5:8000", "127.0.0.1", False),
        ("192.168.1.5:8000", "0.0.0.0", True),  # an address typed by hand cannot be rebound
        ("192.168.1.5:8000", "", True),
        ("[fe80::1]:8000", "::", True),
        ("evil.example", "0.0.0.0", False),  # a name can be rebound, whatever the binding
        ("evil.example:8000", "127.0.0.1", False),
        ("127.0.0.1.evil.example", "0.0.0.0", False),
        ("localhost.evil.example", "127.0.0.1", False),
        ("localhost:80x", "127.0.0.1", False),
        ("localhost:", "127.0.0.1", False),
        ("[::1]x", "127.0.0.1", False),
        ("[::1", "127.0.0.1", False),
        ("", "127.0.0.1", False),
        (None, "127.0.0.1", False),
    ],
)
def test_hosts_the_preview_answers_to(header: str | None, bound: str, allowed: bool) -> None:
    assert host_is_allowed(header, bound) is allowed


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.3.4.5", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("192.168.1.5", False),
        ("127.example.com", False),  # a name any machine may bear, not an address
        ("127.0.0.1.nip.io", False),
    ],
)
def test_only_this_machine_s_own_addresses_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
