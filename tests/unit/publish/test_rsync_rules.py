"""rsync's side, without running it: filter rules, names as it shows them, and addresses."""

from __future__ import annotations

import pytest

from generator.publish.rsync import _is_remote, _itemized, _links, _pattern, _rules, _unescaped


def rules(removed: list[str]) -> list[str]:
    return _rules(removed).decode().split("\0")[:-1]


def test_only_the_removed_files_and_their_folders_are_deleted_everything_else_protected() -> None:
    expected = ["R /a/b/c.html", "R /d.txt", "R /a/", "R /a/b/", "P *"]
    assert rules(["a/b/c.html", "d.txt"]) == expected


def test_nothing_removed_protects_everything() -> None:
    assert rules([]) == ["P *"]


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("plain.txt", "plain.txt"),
        ("back\\slash.txt", "back\\slash.txt"),  # no wildcard: backslashes are literal
        ("*.txt", "\\*.txt"),
        ("[x]?\\.txt", "\\[x]\\?\\\\.txt"),
    ],
)
def test_a_name_with_wildcards_is_matched_literally(path: str, pattern: str) -> None:
    assert _pattern(path) == pattern


def test_a_rule_keeps_a_newline_in_a_name_as_rules_are_nul_separated() -> None:
    assert rules(["new\nline.txt"]) == ["R /new\nline.txt", "P *"]


@pytest.mark.parametrize(
    ("shown", "name"),
    [
        (b"plain.txt", "plain.txt"),
        (b"new\\#012line.txt", "new\nline.txt"),
        (b"caf\\#303\\#251.txt", "café.txt"),
        (b"back\\slash.txt", "back\\slash.txt"),
    ],
)
def test_a_name_rsync_escaped_is_read_as_the_file_s_name(shown: bytes, name: str) -> None:
    assert _unescaped(shown) == name


def test_itemized_changes_give_each_code_and_path() -> None:
    output = (
        ">f+++++++++ new.txt\n"
        ">fcs....... changed\\#012name.txt\n"
        "*deleting   gone.txt\n"
        "cd+++++++++ folder/\n"
        "sending incremental file list\n"
    )
    assert _itemized(output) == [
        (">f+++++++++", "new.txt"),
        (">fcs.......", "changed\nname.txt"),
        ("*deleting", "gone.txt"),
        ("cd+++++++++", "folder/"),
    ]


def test_a_link_shown_with_its_target_counts_under_each_name_it_could_have() -> None:
    listing = {"a -> b": "l", "c": "l", "d -> e": "-"}
    assert _links(listing) == {"a -> b", "a", "c"}


@pytest.mark.parametrize(
    ("dest", "remote"),
    [
        ("user@host:/srv/www", True),
        ("host:site", True),
        ("/var/www/site", False),
        ("./a:b", False),
        ("folder/with:colon", False),
    ],
)
def test_an_address_is_remote_only_with_a_host_before_its_colon(dest: str, remote: bool) -> None:
    assert _is_remote(dest) is remote
