"""The import rules of ARCHITECTURE.md, checked on the source: which part may import
which, and no import cycle between roundtable's modules (function-level imports count
too: a lazy import must not hide a cycle)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "roundtable"

# part → the parts (and outside packages) it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "roundtable.domain": (
        "textual",
        "rich",
        "roundtable.ui",
        "roundtable.cli",
        "roundtable.serve",
        "roundtable.demo",
    ),
    "roundtable.store": (
        "textual",
        "rich",
        "roundtable.ui",
        "roundtable.cli",
        "roundtable.serve",
        "roundtable.demo",
    ),
    "roundtable.demo": ("textual", "rich", "roundtable.ui", "roundtable.cli", "roundtable.serve"),
    "roundtable.cli": ("textual", "roundtable.ui.screens", "roundtable.ui.widgets"),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, name: str) -> Iterator[str]:
    """Every module `name` imports at run time, top-level or inside a function."""
    is_package = path.name == "__init__.py"

    def visit(node: ast.AST) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            # A package's TYPE_CHECKING imports are the names its `__getattr__` loads on
            # first use (`domain.config`, `ui.widgets`): run-time imports, so they count.
            if isinstance(child, ast.If) and _is_type_checking(child) and not is_package:
                for other in child.orelse:
                    yield from visit(other)
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (child.level - 1)]
                    module = ".".join([*base, child.module] if child.module else base)
                else:
                    module = child.module or ""
                # `from package import submodule` depends on the submodule, not on the
                # package's own `__init__` (which any submodule import runs anyway).
                names = [f"{module}.{alias.name}" for alias in child.names]
                submodules = [target for target in names if target in MODULES]
                yield from submodules
                if len(submodules) < len(names):
                    yield module
            else:
                yield from visit(child)

    yield from visit(ast.parse(path.read_text(encoding="utf-8")))


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        graph[name] = {target for target in _imports(path, name) if target in MODULES}
        graph[name].discard(name)
    return graph


def _outside(name: str) -> set[str]:
    return set(_imports(MODULES[name], name))


@pytest.mark.parametrize("part", sorted(FORBIDDEN))
def test_a_part_imports_only_what_it_may(part: str) -> None:
    broken = []
    for name in MODULES:
        if name != part and not name.startswith(part + "."):
            continue
        for target in _outside(name):
            for forbidden in FORBIDDEN[part]:
                if target == forbidden or target.startswith(forbidden + "."):
                    broken.append(f"{name} imports {target}")
    assert not broken, "\n".join(sorted(set(broken)))


def test_no_import_cycle() -> None:
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    assert not cycles, "import cycles:\n" + "\n".join(" ↔ ".join(c) for c in cycles)


def test_the_rules_see_the_code() -> None:
    # A guard for the checker itself: it finds the modules and their imports.
    graph = _graph()
    assert "roundtable.domain.timebox" in MODULES
    assert any(
        target.startswith("roundtable.domain") for target in graph["roundtable.store.opened"]
    )
