from __future__ import annotations

import pytest
import yaml

from generator.source import quickyaml
from generator.source.marks import Mark


def test_simple_front_matter_is_read_with_marks() -> None:
    data, marks = quickyaml.parse("name: A\nhometown:\n  lat: 43.25\n", 2) or (None, None)
    assert data == {"name": "A", "hometown": {"lat": 43.25}}
    assert marks is not None and marks[("hometown", "lat")] == Mark(4, 8)


def test_more_than_the_subset_is_left_to_pyyaml() -> None:
    assert quickyaml.parse("name: A  # a comment\n", 2) is None
    assert quickyaml.parse("tags: [a, b]\n", 2) is None


def test_the_installed_pyyaml_reads_the_sample_as_the_subset_does() -> None:
    assert quickyaml._agrees_with_pyyaml()


def test_a_pyyaml_that_reads_differently_turns_the_subset_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yaml, "load", lambda *args, **kwargs: {"name": "something else"})
    monkeypatch.setattr(quickyaml, "_trusted", None)
    assert quickyaml.parse("name: A\n", 2) is None
    assert quickyaml._trusted is False
