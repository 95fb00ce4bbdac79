"""Which events are the action items' changes between two meetings: closed, dropped,
reopened, re-assigned or re-dated by an attendee between the previous meeting's end and
this one's (or now, while it runs).

Its own module, apart from gathering the minutes (`gather`), because the meeting screen
counts these changes as the review item opens: that count needs the events, not the
minutes' reading and rendering.
"""

from __future__ import annotations

from roundtable.domain.history import EntryKind, Event, EventKind, stamp
from roundtable.domain.meeting import Meeting
from roundtable.errors import NotFoundError
from roundtable.store.store import Store

__all__ = ["action_changes_since_last_meeting", "is_action_change"]

_BETWEEN_KINDS = frozenset(
    {
        EventKind.DONE,
        EventKind.DROPPED,
        EventKind.REOPENED,
        EventKind.REASSIGNED,
        EventKind.REDATED,
    }
)


def is_action_change(event: Event) -> bool:
    """True for an attendee's change to an action item outside any meeting."""
    return (
        event.entry is EntryKind.ACTION
        and event.kind in _BETWEEN_KINDS
        and event.meeting_id is None
    )


def action_changes_since_last_meeting(store: Store, meeting_id: int) -> list[Event]:
    """The events of `changes_since_last_meeting` (roundtable.domain.minutes.gather),
    oldest first, undecoded."""
    with store.reading():
        meeting = store.meeting(meeting_id)
        previous = _previous(store, meeting)
        since = stamp(previous.ended_at or previous.started_at) if previous else ""
        until = stamp(meeting.ended_at or store.clock())
        found = [
            event
            for event in store.stream_events_since(since)
            if event.at <= until and is_action_change(event)
        ]
        return sorted(found, key=lambda event: (event.at, event.id))


def _previous(store: Store, meeting: Meeting) -> Meeting | None:
    """The meeting numbered before `meeting`, if any."""
    # While a meeting runs (the review item counts its changes) the one before it is
    # among the latest two: those are read without looking up years of meetings by
    # number (a whole table of them decoded to find one).
    latest = store.latest_meetings(None, 2)
    for candidate in latest:
        if candidate.number == meeting.number - 1:
            return candidate
    try:
        return store.meeting_by_number(meeting.number - 1)
    except NotFoundError:
        return None
