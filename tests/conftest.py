"""Shared fixtures: the example project, a built copy of it, and the small fixture sites."""

from __future__ import annotations

import importlib.util
import shutil
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from generator import BuildReport, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"  # small sites, for tests that need a site, not that one

# Property tests: no example database (nothing is written into the working tree), and no
# time limits: a loaded machine must not fail them, and speed is measured in bench/.
settings.register_profile(
    "showcase", database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("showcase")


@pytest.fixture(scope="session")
def image_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One image cache for the whole run, so each artwork is encoded once."""
    return tmp_path_factory.mktemp("image-cache")


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory, image_cache: Path) -> BuildReport:
    """The example site of the repository, built once for the tests that only read it."""
    return build(ROOT, tmp_path_factory.mktemp("example") / "site", cache_dir=image_cache)


@pytest.fixture
def project(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A writable copy of the example project (content, settings; the theme stays shared).

    In a test module that sets ``ONE_LANGUAGE = True`` (one that is about publishing or disks,
    not languages), the copy is in English alone: its settings each in the default language
    and no translation files, so that each of its many builds makes a third of the pages.
    """
    target = tmp_path / "project"
    target.mkdir()
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copy2(ROOT / "site.yaml", target / "site.yaml")
    if getattr(request.module, "ONE_LANGUAGE", False):
        settings = _bench_common().one_language_settings()
        (target / "site.yaml").write_text(settings, encoding="utf-8")
        for translation in (target / "content").glob("*/*.*.md"):
            translation.unlink()
    return target


def _bench_common() -> Any:
    """bench/_common.py, whose one_language_settings() the benchmarks use too."""
    spec = importlib.util.spec_from_file_location("bench_common", ROOT / "bench" / "_common.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:  # registered before it runs: its dataclasses look themselves up there
        module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


@pytest.fixture
def own_cache(tmp_path: Path, image_cache: Path, example_build: BuildReport) -> Path:
    """A copy of the warm image cache, for builds whose changes would make its entries stale."""
    target = tmp_path / "image-cache"
    shutil.copytree(image_cache, target)
    return target


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/tiny: one artist, one series of two small images."""
    target = tmp_path / "tiny"
    shutil.copytree(FIXTURES / "tiny", target)
    return target


def pytest_configure(config: pytest.Config) -> None:
    """Tests that hang up a build or a preview need SIGHUP to act in the processes they start.

    A suite run under ``nohup`` ignores hang-ups, and every process it starts inherits that
    (a nohup'ed showcase rightly keeps ignoring them): give the suite the default back.
    """
    if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) is signal.SIG_IGN:
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
