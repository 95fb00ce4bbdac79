"""Discarding a meeting started by mistake, as if it had never been started.

A meeting in which nothing was logged (no decision, action item, budget agreement,
note, campaign or campaign figures, and no change to any entry recorded while it ran)
holds nothing the record needs: its agenda snapshot, attendance and clocks are removed
in one transaction, and the next meeting gets its number again, so the minutes' running
numbers have no gap (`Meetings.next_number` is the highest number kept plus one). Its
store id is not given out again: ids never repeat (see `records`).

Once anything is logged the meeting is part of the record and can only be ended; an
ended meeting cannot be discarded either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roundtable.domain.history import EntryKind
from roundtable.errors import UsageError
from roundtable.i18n import _, ngettext
from roundtable.store.events import EventLog
from roundtable.store.meetings import Meetings
from roundtable.store.notes import NOTES
from roundtable.store.records import (
    ACTIONS,
    BUDGETS,
    CAMPAIGNS,
    DECISIONS,
    MEETING_CLOCKS,
    MEETING_ITEMS,
    MEETINGS,
    SNAPSHOTS,
    Records,
)
from roundtable.store.values import MAX_ITEMS

if TYPE_CHECKING:
    from roundtable.domain.meeting import Meeting

__all__ = ["DiscardRefused", "discard_meeting", "discard_refusal"]

_TABLES = {
    EntryKind.ACTION: ACTIONS,
    EntryKind.DECISION: DECISIONS,
    EntryKind.BUDGET: BUDGETS,
    EntryKind.NOTE: NOTES,
}


class DiscardRefused(UsageError):
    """The meeting is part of the record: something was logged in it, or it has ended."""


def _logged_count(records: Records, events: EventLog, meeting_id: int) -> int:
    """How many entries were logged or changed in the meeting (0: nothing)."""
    found: set[tuple[str, int]] = set()
    for kind in (DECISIONS, ACTIONS, BUDGETS, NOTES, SNAPSHOTS):
        found.update(
            (kind, doc_id) for doc_id, _doc in records.by_key(kind, "meeting_id", meeting_id)
        )
    found.update((CAMPAIGNS, i) for i, _doc in records.by_key(CAMPAIGNS, "created_in", meeting_id))
    found.update((ACTIONS, i) for i, _doc in records.by_key(ACTIONS, "closed_in", meeting_id))
    # Entries deleted since still count: their events keep them in the record.
    found.update((_TABLES[kind], i) for kind, i in events.entries_of_meeting(meeting_id))
    found.update((_TABLES[e.entry], e.entry_id) for e in events.in_meeting(meeting_id))
    return len(found)


def discard_refusal(
    records: Records, meetings: Meetings, events: EventLog, meeting_id: int
) -> str | None:
    """Why the meeting cannot be discarded, in words; None if it can."""
    meeting = meetings.get(meeting_id)
    if meeting.ended_at is not None:
        return _(
            "Meeting {number} has ended and is part of the record; it cannot be discarded."
        ).format(number=meeting.number)
    count = _logged_count(records, events, meeting_id)
    if count:
        return ngettext(
            "Meeting {number} cannot be discarded: {count} entry was logged or changed "
            "in it. End it instead.",
            "Meeting {number} cannot be discarded: {count} entries were logged or changed "
            "in it. End it instead.",
            count,
        ).format(number=meeting.number, count=count)
    return None


def discard_meeting(
    records: Records, meetings: Meetings, events: EventLog, meeting_id: int
) -> Meeting:
    """Remove the meeting and its parts (call inside the store's transaction); the
    meeting as it was. Raises `DiscardRefused` with the reason, `NotFoundError`."""
    refusal = discard_refusal(records, meetings, events, meeting_id)
    if refusal is not None:
        raise DiscardRefused(refusal)
    meeting = meetings.get(meeting_id)
    for index in range(min(len(meeting.items), MAX_ITEMS)):
        item_id = meeting_id * MAX_ITEMS + index
        if records.get(MEETING_ITEMS, item_id) is not None:
            records.remove(MEETING_ITEMS, item_id)
    if records.get(MEETING_CLOCKS, meeting_id) is not None:
        records.remove(MEETING_CLOCKS, meeting_id)
    records.remove(MEETINGS, meeting_id)
    return meeting
