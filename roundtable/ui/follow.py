"""`roundtable follow`: the read-only app around the follow view.

`make_follow_app` builds it the same way for the command line and the tests. It owns no
write at all: give it a store opened with `read_only=True`.
"""

from __future__ import annotations

from datetime import tzinfo

from textual.screen import Screen

from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.live import POLL_SECONDS
from roundtable.ui.screens.follow import FOLLOW_CSS, FollowScreen
from roundtable.ui.store_app import StoreApp

__all__ = ["FollowApp", "make_follow_app"]


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
    ) -> None:
        super().__init__(config, store, clock, timezone=timezone, poll_seconds=poll_seconds)
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
) -> FollowApp:
    """The follow app on `config` and a store opened read-only; `poll_seconds` is how
    often it asks the store for changes (tests make it short)."""
    return FollowApp(config, store, clock, timezone=timezone, poll_seconds=poll_seconds)
