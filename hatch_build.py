"""Hatch build hook: compile the translation catalogs into the package.

Every `roundtable/locale/<lang>/LC_MESSAGES/*.po` becomes the `.mo` gettext reads at
run time. The `.mo` files are build output, not source (`.gitignore` has `*.mo`):

- a wheel (`pip install .`) gets them compiled into a temporary folder and included
  under `roundtable/locale/...`; the source tree is left untouched;
- an editable install (`pip install -e .`) imports the package from the source tree, so
  they are compiled next to their `.po` there.

Fuzzy entries are left out, as gettext tools do: a translation nobody has checked is
not shown. A `.po` that does not parse fails the build with its file and line.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("roundtable") / "locale"


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles `.po` to `.mo` for wheel and editable builds (the sdist ships the `.po`)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        # Imported here: only wheel builds need Babel (it is in build-system.requires).
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        editable = version == "editable"
        self._scratch: Path | None = None
        if not editable:
            self._scratch = Path(tempfile.mkdtemp(prefix="roundtable-mo-"))
        for po_path in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
            relative = po_path.relative_to(root).with_suffix(".mo")
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, abort_invalid=True)
            target = root / relative if editable else self._scratch_dir() / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=False)
            if not editable:
                build_data["force_include"][str(target)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    def _scratch_dir(self) -> Path:
        assert self._scratch is not None
        return self._scratch
