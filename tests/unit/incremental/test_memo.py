"""The page memo reuses a page only when it is made from the very same objects."""

from __future__ import annotations

from collections.abc import Callable

from generator.incremental.memo import PageMemo
from generator.site.pages import Page


class Part:
    """An object compared by identity, like a model object the loader kept."""


def maker(made: list[tuple[object, ...]]) -> Callable[[tuple[object, ...]], Page]:
    def make(identity: tuple[object, ...]) -> Page:
        made.append(identity)
        return Page(url="/x/", template="x.html", title="x", description="", identity=identity)

    return make


def test_the_same_parts_give_the_same_page_without_making_it_again() -> None:
    memo, part = PageMemo(), Part()
    made: list[tuple[object, ...]] = []
    memo.begin("settings")
    first = memo.page("artist", (part,), maker(made))
    memo.begin("settings")
    again = memo.page("artist", (part,), maker(made))
    assert again is first and made == [("artist", part)]


def test_an_equal_but_new_part_makes_a_new_page() -> None:
    memo = PageMemo()
    made: list[tuple[object, ...]] = []
    memo.begin("settings")
    memo.page("artist", (Part(),), maker(made))
    memo.begin("settings")
    memo.page("artist", (Part(),), maker(made))
    assert len(made) == 2


def test_other_settings_make_every_page_again() -> None:
    memo, part = PageMemo(), Part()
    made: list[tuple[object, ...]] = []
    memo.begin("settings")
    memo.page("artist", (part,), maker(made))
    memo.begin("other settings")
    memo.page("artist", (part,), maker(made))
    assert len(made) == 2


def test_only_the_last_build_is_kept() -> None:
    memo, part = PageMemo(), Part()
    made: list[tuple[object, ...]] = []
    memo.begin("settings")
    memo.page("artist", (part,), maker(made))
    memo.begin("settings")  # a build that did not plan this page
    memo.begin("settings")
    memo.page("artist", (part,), maker(made))
    assert len(made) == 2
