"""`roundtable follow`: the read-only app around the follow view.

`make_follow_app` builds it the same way for the command line and the tests. It owns no
write to the store at all: give it a store opened with `read_only=True`. It remembers
the theme chosen in it (`follow_preferences`), except in a browser.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from textual import constants
from textual.screen import Screen

from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.live import POLL_SECONDS
from roundtable.ui.preferences import FOLLOW_THEME, Preferences
from roundtable.ui.screens.follow import FOLLOW_CSS, FollowScreen
from roundtable.ui.store_app import StoreApp

__all__ = ["FollowApp", "follow_preferences", "make_follow_app"]


class FollowApp(StoreApp):
    """The running meeting, live and read-only."""

    TITLE = "roundtable follow"

    def __init__(
        self,
        config: TeamConfig,
        store: Store,
        clock: Clock = system_clock,
        *,
        timezone: tzinfo | None = None,
        poll_seconds: float = POLL_SECONDS,
        preferences: Preferences | None = None,
    ) -> None:
        super().__init__(
            config,
            store,
            clock,
            timezone=timezone,
            poll_seconds=poll_seconds,
            preferences=preferences,
        )
        self.css_path = [*self.css_path, FOLLOW_CSS]

    def get_default_screen(self) -> Screen[None]:
        return FollowScreen(self.context)

    def on_mount(self) -> None:
        self.watcher.start()


def make_follow_app(
    config: TeamConfig,
    store: Store,
    clock: Clock = system_clock,
    *,
    timezone: tzinfo | None = None,
    poll_seconds: float = POLL_SECONDS,
    preferences: Preferences | None = None,
) -> FollowApp:
    """The follow app on `config` and a store opened read-only; `poll_seconds` is how
    often it asks the store for changes (tests make it short); `preferences` as
    `follow_preferences` reads them (default: kept in memory only)."""
    return FollowApp(
        config,
        store,
        clock,
        timezone=timezone,
        poll_seconds=poll_seconds,
        preferences=preferences,
    )


def follow_preferences(path: Path) -> Preferences:
    """The follow view's preferences in `path`: its own theme, else the meeting app's.

    In a browser (`roundtable serve` runs one follow process per viewer, under
    textual-serve's web driver) they stay in memory: every viewer would read and write
    the one file of the user running the server.
    """
    if constants.DRIVER is not None and "web_driver" in constants.DRIVER:
        return Preferences()
    return Preferences.load(path, FOLLOW_THEME)
