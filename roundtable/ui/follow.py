"""`roundtable follow`: the read-only app around the follow view.

`make_follow_app` builds it the same way for the command line and the tests. It owns no
write at all: give it a store opened with `read_only=True`.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.config import TeamConfig
from roundtable.domain.store import Store
from roundtable.i18n import _
from roundtable.ui.live import POLL_SECONDS, StoreWatcher
from roundtable.ui.screens.follow import FollowScreen
from roundtable.ui.store_thread import StoreThread

__all__ = ["FollowApp", "make_follow_app"]

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class FollowApp(App[None]):
    """The running meeting, live and read-only."""

    CSS_PATH = Path(__file__).parent / "roundtable.tcss"
    TITLE = "roundtable follow"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_theme", _("Light/dark"), id="toggle-theme"),
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
        self.store_thread = StoreThread()
        self.watcher = StoreWatcher(self, store, poll_seconds)
        self.theme = DARK_THEME

    def get_default_screen(self) -> Screen[None]:
        return FollowScreen(
            config=self.config,
            store=self.store,
            store_thread=self.store_thread,
            clock=self.clock,
            timezone=self.timezone,
        )

    def on_mount(self) -> None:
        self.watcher.start()

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.theme != LIGHT_THEME else DARK_THEME


def make_follow_app(
    config: TeamConfig,
    store: Store,
    clock: Clock = system_clock,
    *,
    timezone: tzinfo | None = None,
    poll_seconds: float = POLL_SECONDS,
) -> FollowApp:
    """The follow app on `config` and a store opened read-only; `poll_seconds` is how
    often it asks the store for changes (tests make it short)."""
    return FollowApp(config, store, clock, timezone=timezone, poll_seconds=poll_seconds)
