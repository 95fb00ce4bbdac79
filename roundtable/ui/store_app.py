"""What the meeting app and the follow app share: a store, its thread, the watch on it.

Both apps own an open store, the thread that runs its calls (`StoreThread`) and the
watch that tells every screen when the store changed (`live.StoreWatcher`), show the
wall clock of one time zone, and switch between a dark and a light theme with ctrl+t.
Each starts its watcher when it mounts, and resumes the garbage collector the
`roundtable` command paused for its start (`roundtable.collector`) once its first screen
is up.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from roundtable import collector
from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.config import TeamConfig
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.context import AppContext
from roundtable.ui.live import POLL_SECONDS, StoreWatcher
from roundtable.ui.store_thread import StoreThread

__all__ = ["DARK_THEME", "LIGHT_THEME", "StoreApp"]

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


_UI = Path(__file__).parent


class StoreApp(App[None]):
    """An app around one open store: its thread, its watcher and the theme key."""

    # Absolute, so subclasses defined elsewhere (benches, tests) find them too. Each
    # screen's styles sit beside it; the app loads them all, in this order, because a
    # screen shown as the app's first one never has its own CSS_PATH loaded.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        _UI / "app.tcss",
        _UI / "screens" / "home" / "home.tcss",
        _UI / "screens" / "meeting" / "display.tcss",
        _UI / "screens" / "meeting" / "meeting.tcss",
        _UI / "screens" / "actions" / "action_items.tcss",
        _UI / "screens" / "dialogs" / "dialogs.tcss",
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer: the meeting keys need its room; help and the palette list it.
        Binding("ctrl+t", "toggle_theme", _("Light/dark"), id="toggle-theme", show=False),
    ]

    def __init__(
        self,
        config: TeamConfig,
        store: Store,
        clock: Clock = system_clock,
        *,
        timezone: tzinfo | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.config = config
        self.store = store
        self.clock = clock
        self.timezone = timezone
        """The room's wall clock for times shown; None for the machine's local time."""
        self.store_thread = StoreThread()
        self.context = AppContext(config, store, self.store_thread, clock, timezone)
        """What every screen works with, handed down as one value."""
        self.watcher = StoreWatcher(self, store, poll_seconds)
        self.theme = DARK_THEME
        self.collector_resume_seconds = collector.RESUME_AFTER_SECONDS
        """When, after mounting, to resume the collector if the command paused it."""

    def _on_mount(self) -> None:
        # Textual's own hook, not `on_mount`: subclasses define that and need not call up.
        if collector.paused():
            self.set_timer(self.collector_resume_seconds, collector.resume)

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.theme != LIGHT_THEME else DARK_THEME
