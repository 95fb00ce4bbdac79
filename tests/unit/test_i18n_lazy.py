"""No text is translated at import time: the language is chosen later, and may change.

A `_()` in a class body (Textual `BINDINGS`) or at module level runs when the module is
imported, in whatever language is current then; a process that switches language later
(the tests, `--lang` read after an import) would show that language forever. Such text is
marked with `N_` / `NP_` and translated where it is shown (`roundtable.i18n`).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "roundtable"
TRANSLATING = {"_", "ngettext", "pgettext"}


def _import_time_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls of a translating function outside any function body."""
    found: list[ast.Call] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id in TRANSLATING
            ):
                found.append(child)
            visit(child)

    visit(tree)
    return found


def test_nothing_is_translated_at_import_time() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _import_time_calls(tree):
            where = path.relative_to(PACKAGE.parent)
            offenders.append(f"{where}:{call.lineno}: {ast.unparse(call)}")
    assert not offenders, "use N_()/NP_() and translate where shown:\n" + "\n".join(offenders)


def test_the_check_sees_a_class_level_call() -> None:
    # Guards the check itself: a BINDINGS entry in a class body is found, a call in a
    # method is not.
    tree = ast.parse(
        "class S:\n"
        "    BINDINGS = [Binding('q', 'quit', _('Quit'))]\n"
        "    def shown(self):\n"
        "        return _('Quit')\n"
    )
    assert [ast.unparse(call) for call in _import_time_calls(tree)] == ["_('Quit')"]
