"""The meeting screen's keys open nothing that is not in memory once it has settled.

`roundtable start` imports only what the meeting screen draws; whatever its modules
import inside a function (a form, a dialog, a screen a key opens) must be preloaded
(`roundtable.ui.preload.KEY_MODULES`), or a reinstall while the meeting runs breaks
that key (tests/ui/test_reinstall.py shows one such key for real)."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

from roundtable.ui.preload import KEY_MODULES

PACKAGE = Path(__file__).resolve().parents[2] / "roundtable"


def _loaded(*, preloaded: bool) -> set[str]:
    """roundtable's modules a fresh process has once it imported the app (and, if
    `preloaded`, once it preloaded what the keys open)."""
    script = "import sys, roundtable.ui.app\n"
    if preloaded:
        script += "from roundtable.ui.preload import preload\npreload()\n"
    script += "print(*sorted(sys.modules), sep='\\n')"
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return {name for name in shown.split() if name.startswith("roundtable")}


def _imported_inside_functions(module: str) -> set[str]:
    """The roundtable modules `module` imports inside a function body."""
    path = PACKAGE.parent / Path(*module.split("."))
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text())):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom) and inner.module and not inner.level:
                found.add(inner.module)
            elif isinstance(inner, ast.Import):
                found.update(alias.name for alias in inner.names)
    return {name for name in found if name.startswith("roundtable")}


def test_every_module_a_key_opens_is_preloaded() -> None:
    loaded = _loaded(preloaded=True)
    missing = {
        f"{name} (imported in {module})"
        for module in loaded
        for name in _imported_inside_functions(module)
        if name not in loaded
    }
    assert not missing, sorted(missing)


def test_the_preloaded_modules_exist() -> None:
    for name in KEY_MODULES:
        importlib.import_module(name)


def test_the_app_does_not_load_what_only_keys_open() -> None:
    # The point of preloading: the first frame waits for none of these.
    loaded = _loaded(preloaded=False)
    assert not loaded & {
        "roundtable.ui.screens.actions.action_items",
        "roundtable.ui.screens.campaigns.scoreboard",
        "roundtable.ui.screens.home.minutes_preview",
        "roundtable.ui.screens.forms.budget_form",
        "roundtable.domain.minutes.gather",
    }
