"""Live refresh across processes: ask the store once a second whether anything changed.

An attendee's `roundtable done A-42`, the facilitator's app and `roundtable follow` are
separate processes on one store file. `store.version()` is one `os.stat`, so the app asks
it on its event loop once a second and, only when it changed, posts `StoreChanged` to
every screen on its stack; each screen re-reads what it shows (on the store thread). An
idle app costs one stat a second.

A screen that has its own once-a-second clock (the meeting, the presentation view, the
follow view) asks in that clock's tick instead (`Tick`), and the watcher's timer waits
meanwhile: an idle meeting wakes once a second, not twice. Where no such clock runs (the
home screen, the action items) the watcher's own timer asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.timer import Timer

from roundtable.store.store import Store

__all__ = ["POLL_SECONDS", "StoreChanged", "StoreWatcher", "Tick"]

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
        self._riders: set[object] = set()
        """The ticks that ask the store in the watcher's place (see `ride`)."""

    def start(self) -> None:
        """Start polling (call once the app runs)."""
        if self._timer is None:
            self._timer = self.app.set_interval(
                self.interval, self.poll, name="store-watch", pause=bool(self._riders)
            )

    @property
    def riders(self) -> tuple[object, ...]:
        """The ticks asking in the watcher's place; while there is one, its timer waits."""
        return tuple(self._riders)

    def ride(self, rider: object, every: float) -> int:
        """`rider`, a timer firing every `every` seconds, will `poll` in its ticks: the
        watcher's own timer waits until every rider has `alight`ed. Returns how many ticks
        apart the rider asks (the watcher's interval, in ticks: 1 for a clock ticking once a
        second), or 0 when the tick is less frequent than the watcher and may not ride (a
        change would show later)."""
        if every > self.interval:
            return 0
        self._riders.add(rider)
        if self._timer is not None:
            self._timer.pause()
        return max(1, int(self.interval // every))

    def alight(self, rider: object) -> None:
        """`rider` no longer polls; the watcher's timer runs again if no tick is left."""
        self._riders.discard(rider)
        if not self._riders and self._timer is not None:
            self._timer.resume()

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


class Tick:
    """A screen's clock: calls `callback` every `interval` seconds and, when the app has a
    `StoreWatcher` whose interval it keeps, asks the store for changes first, in the same
    wake-up. `pause`, `resume` and `stop` hand the asking back to the watcher meanwhile;
    the screen calls `stop` when it is unmounted."""

    def __init__(self, screen: DOMNode, interval: float, callback: Callable[[], object]) -> None:
        self.interval = interval
        self.callback = callback
        watcher = getattr(screen.app, "watcher", None)
        # A test's host app has no watcher: the tick is a plain clock there.
        self.watcher = watcher if isinstance(watcher, StoreWatcher) else None
        self.timer = screen.set_interval(interval, self.tick)
        self.asks_every = 0
        """Every how many ticks this tick polls the store in the watcher's place (0: it
        does not, the watcher's own timer asks)."""
        self._ticks = 0
        self._ride()

    def _ride(self) -> None:
        if self.watcher is not None:
            self.asks_every = self.watcher.ride(self, self.interval)
            self._ticks = 0

    def _alight(self) -> None:
        if self.watcher is not None:
            self.watcher.alight(self)
        self.asks_every = 0

    def tick(self) -> None:
        """One tick: ask the store when it is this tick's turn, then call back."""
        if self.asks_every and self.watcher is not None:
            self._ticks += 1
            if self._ticks >= self.asks_every:
                self._ticks = 0
                self.watcher.poll()
        self.callback()

    def pause(self) -> None:
        """Stop ticking until `resume`; the watcher asks meanwhile."""
        self.timer.pause()
        self._alight()

    def resume(self) -> None:
        """Tick again (and ask the store again)."""
        self._ride()
        self.timer.resume()

    def stop(self) -> None:
        """Stop for good (the screen is going away)."""
        self.timer.stop()
        self._alight()
