"""The package tree is layered: a module imports only from its own layer or the layers below.

The layers follow the pipeline (docs/ARCHITECTURE.md draws it): reading files, settings,
content, images and maps, the planned site, rendering, writing, the build that orders them,
and the commands on top. Imports needed only for type annotations (under ``TYPE_CHECKING``)
are not imports at run time and may name any layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"

# Lowest first. Units in one tuple are one layer and may import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__version__", "errors", "layout", "parallel", "report"),
    ("source",),
    ("config", "urls", "language"),
    ("incremental", "output"),
    ("content",),
    ("media", "map"),
    ("site",),
    ("render",),
    ("build",),
    ("authoring", "publish"),
    ("console", "cli", "__init__", "__main__"),
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str:
    """``generator.site.pages`` → ``site``; ``generator.build`` → ``build``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def runtime_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``generator`` import made when the module runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(child) for child in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            if node.module == "generator":
                found += [(node.lineno, f"generator.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("generator")]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_unit_of_the_package_has_a_layer() -> None:
    units = {
        unit_of(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)) for p in MODULES
    }
    assert units - set(RANK) == set(), "give these a layer in LAYERS and docs/ARCHITECTURE.md"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_module_imports_nothing_from_a_higher_layer(path: Path) -> None:
    unit = unit_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
    upward = [
        f"line {line}: {module} ({unit_of(module)} is above {unit})"
        for line, module in runtime_imports(path)
        if RANK.get(unit_of(module), -1) > RANK[unit]
    ]
    assert not upward, "\n".join(upward)
