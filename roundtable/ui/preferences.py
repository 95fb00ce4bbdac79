"""What the app remembers of one person between runs, and where it puts screenshots.

Only the theme so far, in a small JSON file in the user's state folder
(`platformdirs.user_state_path`, e.g. `~/.local/state/roundtable/preferences.json`).
Not the config folder: a `~/.config/roundtable` that exists is where the team's roles
and agendas are looked for, and a preferences file must not create it. A missing,
unreadable or odd file means the defaults, never an error: a theme is not worth a
refused start.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from roundtable.store.files import make_folders, replace_file

__all__ = ["Preferences", "preferences_path", "screenshot_folder"]

APP_NAME = "roundtable"


def preferences_path() -> Path:
    """Where the current user's preferences live."""
    import platformdirs  # only when the app starts from the command line

    return platformdirs.user_state_path(APP_NAME) / "preferences.json"


@dataclass
class Preferences:
    """One person's preferences, read from and written to `path` (None: kept in memory
    only, as in tests and benches)."""

    path: Path | None = None
    theme: str | None = None
    """The theme last chosen; None: the app's default."""

    @classmethod
    def load(cls, path: Path | None) -> Preferences:
        """The preferences in `path`; the defaults when it is missing or unreadable."""
        preferences = cls(path)
        if path is None:
            return preferences
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return preferences
        theme = data.get("theme") if isinstance(data, dict) else None
        preferences.theme = theme if isinstance(theme, str) else None
        return preferences

    def save_theme(self, theme: str) -> bool:
        """Remember `theme`; False when the file could not be written (it is kept for
        this run all the same)."""
        self.theme = theme
        if self.path is None:
            return True
        data = json.dumps({"theme": theme}, indent=2).encode("utf-8") + b"\n"
        try:
            make_folders(self.path.parent)
            os.close(replace_file(self.path, data, like=None))
        except OSError:
            return False
        return True


def screenshot_folder(candidates: Iterable[Path] | None = None) -> Path:
    """The first existing folder of the user's downloads, home and the current folder
    (Textual's own choice, the downloads folder, fails when it does not exist)."""
    if candidates is None:
        import platformdirs

        candidates = (platformdirs.user_downloads_path(), Path.home(), Path.cwd())
    folders = list(candidates)
    for folder in folders:
        if folder.is_dir():
            return folder
    return folders[-1] if folders else Path.cwd()
