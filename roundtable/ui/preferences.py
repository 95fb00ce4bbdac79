"""What the app remembers of one person between runs, and where it puts screenshots.

Only the theme so far, in a small JSON file in the user's state folder
(`platformdirs.user_state_path`, e.g. `~/.local/state/roundtable/preferences.json`).
Not the config folder: a `~/.config/roundtable` that exists is where the team's roles
and agendas are looked for, and a preferences file must not create it. A missing,
unreadable or odd file means the defaults, never an error: a theme is not worth a
refused start.

The meeting app and the follow view each remember their own theme (`MEETING_THEME`,
`FOLLOW_THEME`): they are usually on different screens (the projector, one's own
laptop), and choosing a theme for one must not change the other. Until a theme is
chosen in the follow view it opens in the meeting app's: a person who likes the light
theme gets it there too without choosing twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from roundtable.store.files import make_folders, replace_file

__all__ = [
    "FOLLOW_THEME",
    "MEETING_THEME",
    "Preferences",
    "preferences_path",
    "screenshot_folder",
]

APP_NAME = "roundtable"

MEETING_THEME = "theme"
"""The key of the meeting app's theme (the first one, so the name stayed)."""
FOLLOW_THEME = "follow_theme"
"""The key of the follow view's theme."""


def preferences_path() -> Path:
    """Where the current user's preferences live."""
    import platformdirs  # only when the app starts from the command line

    return platformdirs.user_state_path(APP_NAME) / "preferences.json"


def _read(path: Path) -> dict[str, object]:
    """What the file holds; nothing when it is missing, unreadable or not ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class Preferences:
    """One person's preferences, read from and written to `path` (None: kept in memory
    only, as in tests, benches and the follow view in a browser)."""

    # A plain class, not a dataclass: `roundtable start` imports this module before its
    # first frame, where a dataclass's definition costs ~0.3 ms; nothing compares it.
    __slots__ = ("path", "theme", "theme_key")

    def __init__(
        self, path: Path | None = None, theme: str | None = None, theme_key: str = MEETING_THEME
    ) -> None:
        self.path = path
        self.theme = theme
        """The theme last chosen; None: the app's default."""
        self.theme_key = theme_key
        """Whose theme: the meeting app's or the follow view's."""

    def _fields(self) -> tuple[Path | None, str | None, str]:
        return (self.path, self.theme, self.theme_key)

    # Equal when their fields are, and unhashable, as the dataclass it was.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Preferences)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "Preferences(path={!r}, theme={!r}, theme_key={!r})".format(*self._fields())

    @classmethod
    def load(cls, path: Path | None, theme_key: str = MEETING_THEME) -> Preferences:
        """The preferences in `path`; the defaults when it is missing or unreadable.
        Without a theme of its own, the follow view's is the meeting app's."""
        preferences = cls(path, theme_key=theme_key)
        if path is None:
            return preferences
        data = _read(path)
        for key in (theme_key, MEETING_THEME):
            theme = data.get(key)
            if isinstance(theme, str):
                preferences.theme = theme
                break
        return preferences

    def save_theme(self, theme: str) -> bool:
        """Remember `theme`; False when the file could not be written (it is kept for
        this run all the same)."""
        self.theme = theme
        if self.path is None:
            return True
        # Read again: the other app may have remembered its theme since this one started.
        data = {**_read(self.path), self.theme_key: theme}
        encoded = json.dumps(data, indent=2).encode("utf-8") + b"\n"
        try:
            make_folders(self.path.parent)
            os.close(replace_file(self.path, encoded, like=None))
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
