"""What every screen of the app works with, handed down as one value.

The app builds one `AppContext` (the team's config, the open store and the thread that
runs its calls, the clock every figure is computed from, the room's time zone and the
one undo stack) and passes it to each screen it shows, instead of five to seven
arguments per screen.
"""

from __future__ import annotations

from datetime import date, tzinfo
from typing import NamedTuple

from roundtable.domain.clock import Clock
from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.undo import UndoStack

__all__ = ["AppContext"]


class AppContext(NamedTuple):
    """The app's shared state; screens read it and never replace its parts."""

    config: TeamConfig
    """The roles, agendas and budgets of the team."""
    store: Store
    """The open store; call it only on `store_thread`."""
    store_thread: StoreThread
    """Runs every store call in order, off the event loop."""
    clock: Clock
    """Now, as every clock on screen computes it (tests move a fake one)."""
    timezone: tzinfo | None
    """The room's wall clock for times shown; None for the machine's local time."""
    undo: UndoStack
    """The one undo stack of the app."""

    def today(self) -> date:
        """Today's date on the room's wall clock."""
        return self.clock().astimezone(self.timezone).date()
