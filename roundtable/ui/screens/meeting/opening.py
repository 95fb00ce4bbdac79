"""What the meeting screen shows from its first frame on, read before it is built.

The meeting, its log, the carry-over (while the review item runs, when it stands in the
agenda's place) and the usual pace of its items are read in one go (`read_opening`: on
the store thread, or before the app starts when it goes straight into the meeting), so
the screen's first frame is the one the room keeps seeing: no list replaces the agenda
a moment later, and no store call competes with that frame.
"""

from __future__ import annotations

from typing import NamedTuple

from roundtable.domain.carry_over import read_carry_over, review_index
from roundtable.domain.entries import ActionItem
from roundtable.domain.meeting import Meeting
from roundtable.store.store import Store
from roundtable.ui.screens.meeting.display import Entries, read_entries
from roundtable.ui.widgets.forecast import read_usual_minutes

__all__ = ["Opening", "read_opening", "read_running"]


class Opening(NamedTuple):
    """A saved meeting and what its screen shows with it."""

    meeting: Meeting
    entries: Entries
    carried: list[ActionItem] | None
    """The carry-over, read while the review item runs; None: read when first wanted."""
    usual: dict[str, float]
    """What each of its items usually takes (`widgets.forecast.read_usual_minutes`)."""


def read_opening(store: Store, meeting: Meeting) -> Opening:
    """Everything the screen of `meeting` (saved) shows at once (off the event loop)."""
    if meeting.id is None:
        raise ValueError("the meeting screen needs a saved meeting")
    with store.reading():
        entries = read_entries(store, meeting.id)
        on_review = meeting.current is not None and meeting.current == review_index(meeting)
        carried = read_carry_over(store, meeting) if on_review else None
        usual = read_usual_minutes(store, meeting)
    return Opening(meeting, entries, carried, usual)


def read_running(store: Store) -> Opening | None:
    """The running meeting and what its screen shows, if a meeting runs (off the event
    loop)."""
    with store.reading():
        running = store.running_meeting()
        if running is None or running.id is None:
            return None
        return read_opening(store, running)
