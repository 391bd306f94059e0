"""No two modules of the package import each other, not even inside a function or for type
checking (the window and its action helpers, the entry point and the app): where one calls the
other back, it knows it through an interface (a Protocol) instead."""

from __future__ import annotations

import ast
from pathlib import Path

import annotator

ROOT = Path(annotator.__file__).parent


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """What a module imports anywhere: at the top, in a function, or for type checking."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("annotator")}


def test_no_two_modules_import_each_other() -> None:
    graph = {_module(path): _imports(path) for path in ROOT.rglob("*.py")}
    pairs = sorted(
        (a, b)
        for a, imported in graph.items()
        for b in imported
        if b in graph and a < b and a in graph[b] and not b.startswith(a + ".")
    )
    assert pairs == []
