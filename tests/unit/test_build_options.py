"""build() takes a BuildOptions, keywords over it, or both; nothing else."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from generator.build import BuildOptions, build

# The module (``generator.build`` as an attribute is the function the package exports).
build_module = importlib.import_module("generator.build")


@pytest.fixture
def chosen(monkeypatch: pytest.MonkeyPatch) -> list[BuildOptions]:
    """The options each build() call hands to its Builder (which then builds nothing)."""
    seen: list[BuildOptions] = []

    class Recording:
        def __init__(self, source: object, output: object, options: BuildOptions) -> None:
            seen.append(options)

        def build(self) -> None:
            return None

    monkeypatch.setattr(build_module, "Builder", Recording)
    return seen


def test_options_with_keywords_over_them(chosen: list[BuildOptions]) -> None:
    build("p", "o", BuildOptions(drafts=True, workers=2), base_url="https://x.org/", workers=1)
    assert chosen == [BuildOptions(base_url="https://x.org/", drafts=True, workers=1)]


def test_keywords_alone_as_the_readme_shows_with_a_cache_named_by_a_string(
    chosen: list[BuildOptions],
) -> None:
    build("p", "o", base_url="https://x.org/", cache_dir="cache", production=True)
    assert chosen == [
        BuildOptions(base_url="https://x.org/", cache_dir=Path("cache"), production=True)
    ]
    build("p")
    assert chosen[-1] == BuildOptions()


def test_a_name_that_is_not_an_option_is_a_type_error(chosen: list[BuildOptions]) -> None:
    with pytest.raises(TypeError):
        build("p", "o", draft=True)
    assert chosen == []
