"""The preview's pure parts: what a change is, and the one watch loop's handling of failures."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.authoring import preview
from generator.errors import ContentError, SiteError

SOURCE = Path("/project")


@pytest.mark.parametrize(
    ("changed", "kind"),
    [
        ({SOURCE / "static/css/site.css"}, "css"),
        ({SOURCE / "static/css/site.css", SOURCE / "static/print.css"}, "css"),
        ({SOURCE / "static/css/site.css", SOURCE / "static/js/app.js"}, "reload"),
        ({SOURCE / "templates/extra.css"}, "reload"),  # a stylesheet a template includes
        ({SOURCE / "content/artists/dana.md"}, "reload"),
        ({SOURCE / "site.yaml"}, "reload"),
        (set(), "reload"),
    ],
)
def test_only_stylesheets_of_static_are_swapped_in_place(changed: set[Path], kind: str) -> None:
    assert preview.classify(changed, SOURCE) == kind


class FakeBuilder:
    """A builder whose builds fail as told, one outcome per change."""

    def __init__(self, outcomes: list[BaseException | None]) -> None:
        self.source = SOURCE
        self.primed = True
        self.workers: int | None = None
        self.outcomes = outcomes

    def build(self) -> str:
        outcome = self.outcomes.pop(0)
        if outcome is not None:
            raise outcome
        return "built"


def changes(count: int) -> Iterator[set[Path]]:
    yield set()  # the watcher listens
    for _ in range(count):
        yield {SOURCE / "content/artists/dana.md"}


@pytest.mark.parametrize(
    ("failure", "shown"),
    [
        (ContentError("name is missing", path="content/artists/dana.md", line=2), "name is"),
        (RuntimeError("a bug"), "RuntimeError: a bug"),
        (PermissionError(13, "Permission denied", "site/index.html"), "site/index.html"),
    ],
)
def test_build_watch_shows_any_failure_as_an_error_and_keeps_watching(
    monkeypatch: pytest.MonkeyPatch, failure: Exception, shown: str
) -> None:
    monkeypatch.setattr(preview, "watch_changes", lambda source, *rest: changes(3))
    builder = FakeBuilder([None, failure, None])
    built: list[object] = []
    errors: list[SiteError] = []
    preview.watch(builder, built.append, errors.append, stop=threading.Event())  # type: ignore[arg-type]
    assert built == ["built", "built"]  # the change after the failure was built
    assert len(errors) == 1 and shown in str(errors[0])
    assert "Traceback" not in str(errors[0]) and errors[0].__cause__ in (failure, None)


def test_a_bug_is_named_as_one_with_its_traceback_kept_for_debug() -> None:
    bug = KeyError("slug")
    error = preview.as_site_error(bug)
    assert error.message == "KeyError: 'slug'" and error.hint is not None and "bug" in error.hint
    assert error.__cause__ is bug


def test_a_stylesheet_is_static_by_the_layout_s_folder_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(preview, "STATIC_DIR", "assets")
    assert preview.classify({SOURCE / "assets/site.css"}, SOURCE) == "css"
    assert preview.classify({SOURCE / "static/site.css"}, SOURCE) == "reload"
