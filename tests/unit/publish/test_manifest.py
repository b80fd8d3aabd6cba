"""The publish manifest: written and read back exactly, whatever the names, in every format."""

from __future__ import annotations

import pytest

from generator.publish.manifest import (
    DIGESTS_HEADER,
    MANIFEST_HEADER,
    Manifest,
    manifest_text,
    parse_manifest,
    parse_staging,
    read_manifest,
)

DIGEST = "a" * 64
OTHER = "b" * 64
ODD = (
    "café.txt",
    "back\\slash.txt",
    "new\nline.txt",
    " leading and trailing .txt ",
    "# hash.txt",
    '"quoted".txt',
    "odd [folder]/ü*.txt",
    "tab\there.txt",
)


@pytest.mark.parametrize("name", ODD)
def test_an_odd_name_is_read_back_exactly(name: str) -> None:
    assert read_manifest(manifest_text({name: DIGEST})).files == {name: DIGEST}
    assert parse_manifest(manifest_text([name])) == (name,)


def test_a_plain_name_is_written_as_it_is_one_a_line_sorted() -> None:
    text = manifest_text({"b/index.html": DIGEST, "a.css": ""})
    assert text == MANIFEST_HEADER + DIGESTS_HEADER + f"- a.css\n{DIGEST} b/index.html\n"


def test_a_manifest_of_an_older_version_lists_plain_trimmed_paths_without_digests() -> None:
    text = MANIFEST_HEADER + "index.html\n  artists/x/index.html  \n\n# a comment\n"
    assert read_manifest(text).files == {"index.html": "", "artists/x/index.html": ""}


def test_an_unknown_or_malformed_digest_is_recorded_as_unknown() -> None:
    text = MANIFEST_HEADER + DIGESTS_HEADER + "- a.txt\nnot-a-digest b.txt\n"
    assert read_manifest(text).files == {"a.txt": "", "b.txt": ""}


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "../outside", "a/../../b", "a//b", "./a", "nul\0.txt", ""]
)
def test_a_path_outside_the_destination_is_dropped(path: str) -> None:
    text = MANIFEST_HEADER + DIGESTS_HEADER + f'{DIGEST} "{path}"\n'.replace("\0", "\\u0000")
    staging = manifest_text({}, staging=[path])
    assert read_manifest(text).files == {}
    assert parse_staging(staging) == ()


def test_an_unfinished_publish_lists_its_pending_digests_and_temporary_files() -> None:
    text = manifest_text(
        {"a.txt": DIGEST}, staging=[".a.txt.showcase-new-7"], pending={"a.txt": OTHER}
    )
    manifest = read_manifest(text)
    assert manifest == Manifest({"a.txt": DIGEST}, {"a.txt": OTHER}, (".a.txt.showcase-new-7",))


def test_showcase_owns_a_file_with_its_recorded_or_pending_digest_or_an_unknown_one() -> None:
    manifest = Manifest({"a.txt": DIGEST, "old.txt": ""}, {"a.txt": OTHER})
    assert manifest.owns("a.txt", DIGEST) and manifest.owns("a.txt", OTHER)
    assert not manifest.owns("a.txt", "c" * 64)
    assert manifest.owns("old.txt", "c" * 64)
    assert not manifest.owns("theirs.txt", DIGEST)
