"""The domain and the attendee commands never load Textual (they must start fast)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import roundtable.domain


def _modules_loaded_by(statement: str) -> set[str]:
    probe = f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_no_domain_module_imports_textual() -> None:
    # walk_packages: the modules inside domain's packages (campaigns, statistics) too.
    names = [
        info.name
        for info in pkgutil.walk_packages(roundtable.domain.__path__, "roundtable.domain.")
    ]
    assert "roundtable.domain.statistics.forecast" in names
    assert "roundtable.domain.config" in names
    loaded = _modules_loaded_by("\n".join(f"import {name}" for name in names))
    assert "textual" not in loaded


def test_cli_module_does_not_import_textual() -> None:
    loaded = _modules_loaded_by("import roundtable.cli")
    assert "roundtable.cli" in loaded
    assert "textual" not in loaded
