"""Live refresh across processes: ask the store once a second whether anything changed.

An attendee's `roundtable done A-42`, the facilitator's app and `roundtable follow` are
separate processes on one store file. `store.version()` is one `os.stat`, so the app asks
it on its event loop once a second and, only when it changed, posts `StoreChanged` to
every screen on its stack; each screen re-reads what it shows (on the store thread). An
idle app costs one stat a second.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.message import Message
from textual.timer import Timer

from roundtable.store.store import Store

__all__ = ["POLL_SECONDS", "StoreChanged", "StoreWatcher"]

POLL_SECONDS = 1.0
"""How often the store is asked whether another process (or this one) changed it."""


class StoreChanged(Message):
    """The store file changed (a write by any process): re-read what is shown."""

    def __init__(self, version: object) -> None:
        super().__init__()
        self.version = version


class StoreWatcher:
    """Polls `store.version()` every `interval` seconds and tells the screens when it
    changed. The first version is read when the watcher is made, before any screen reads
    the store, so no change can slip between a screen's first read and the first poll."""

    def __init__(self, app: App[Any], store: Store, interval: float = POLL_SECONDS) -> None:
        self.app = app
        self.store = store
        self.interval = interval
        self.version: object = store.version()
        self._timer: Timer | None = None

    def start(self) -> None:
        """Start polling (call once the app runs)."""
        if self._timer is None:
            self._timer = self.app.set_interval(self.interval, self.poll, name="store-watch")

    def stop(self) -> None:
        """Stop polling."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def poll(self) -> bool:
        """Ask once now; True (and every screen told) if the store changed."""
        version = self.store.version()
        if version == self.version:
            return False
        self.version = version
        for screen in self.app.screen_stack:
            screen.post_message(StoreChanged(version))
        return True
