"""roundtable keeps its styles in .tcss files (STYLE.md: an app keeps its styling in
.tcss; DEFAULT_CSS is for widgets meant for other apps): no class under roundtable/
sets DEFAULT_CSS, and every .tcss file is one an app or a screen loads."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "roundtable"


def _default_css_classes() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for statement in node.body:
                targets = (
                    statement.targets
                    if isinstance(statement, ast.Assign)
                    else [statement.target]
                    if isinstance(statement, ast.AnnAssign)
                    else []
                )
                if any(isinstance(t, ast.Name) and t.id == "DEFAULT_CSS" for t in targets):
                    found.append(f"{path.relative_to(PACKAGE.parent)}: {node.name}")
    return found


def test_no_class_sets_default_css() -> None:
    assert _default_css_classes() == []


def test_every_stylesheet_is_named_where_it_is_loaded() -> None:
    sources = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    unused = [
        str(path.relative_to(PACKAGE.parent))
        for path in sorted(PACKAGE.rglob("*.tcss"))
        if f'"{path.name}"' not in sources
    ]
    assert unused == []
