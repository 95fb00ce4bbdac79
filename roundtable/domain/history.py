"""The record as history: every change of a logged entry is a dated event.

An action item opened, closed, reopened, re-assigned or re-dated, a budget agreement
signed off or rejected, a decision corrected: each is one `Event` saying what changed,
when, where (the meeting that was running, or None between meetings) and by whom. The
store keeps the events next to the entries (`roundtable.store.events`); this module
answers questions about them without a store: what an entry looked like at a moment,
and which changes to a meeting's record came after it ended (its amendments).

Times compare as the store writes them: UTC, to the microsecond, one fixed width, so
`"2026-03-04T09:00:00.000000+00:00" < "…"` is the same as comparing the moments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from roundtable.domain.clock import stamp

__all__ = [
    "AMENDING_KINDS",
    "EntryKind",
    "Event",
    "EventKind",
    "amendments",
    "stamp",
]


class EntryKind(StrEnum):
    """What an event is about."""

    ACTION = "action"
    DECISION = "decision"
    BUDGET = "budget"
    NOTE = "note"
    MINUTES = "minutes"
    """A meeting's minutes, as approved in the next meeting (`domain.approval`)."""


class EventKind(StrEnum):
    """What happened to the entry."""

    LOGGED = "logged"
    """A decision, budget agreement or note was recorded."""
    OPENED = "opened"
    DONE = "done"
    DROPPED = "dropped"
    REOPENED = "reopened"
    REASSIGNED = "reassigned"
    REDATED = "redated"
    CORRECTED = "corrected"
    """The text or another field of a logged entry was fixed."""
    DELETED = "deleted"
    RESTORED = "restored"
    SIGNED_OFF = "signed_off"
    REJECTED = "rejected"
    APPROVED = "approved"
    """The previous meeting's minutes were approved (perhaps with a correction)."""


AMENDING_KINDS = frozenset(
    {
        EventKind.LOGGED,
        EventKind.OPENED,
        EventKind.CORRECTED,
        EventKind.DELETED,
        EventKind.RESTORED,
    }
)
"""Changes that, made after a meeting ended to an entry of that meeting, amend its
minutes. Closing, re-dating or signing off later is the next meetings' business."""


@dataclass(frozen=True)
class Event:
    """One change of one logged entry."""

    id: int
    kind: EventKind
    entry: EntryKind
    entry_id: int
    at: str
    """When, as `stamp` writes it."""
    meeting_id: int | None
    """The meeting that was running; None: between meetings."""
    by: str | None
    """Who made it, where known (the facilitator, `--by`, the OS user)."""
    note: str = ""
    """Why, as the person said (a reopen's reason, a sign-off's note)."""
    before: Mapping[str, Any] | None = None
    """The entry's stored document before the change (None: it did not exist)."""
    after: Mapping[str, Any] | None = None
    """The entry's stored document after the change (None: it is gone)."""

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.at)

    def belongs_to(self, meeting_id: int) -> bool:
        """Whether the entry was recorded under `meeting_id` (before or after)."""
        return any(
            doc is not None and doc.get("meeting_id") == meeting_id
            for doc in (self.before, self.after)
        )


def amendments(events: Iterable[Event], meeting_id: int, ended: str) -> list[Event]:
    """The corrections to meeting `meeting_id`'s record made after it ended at `ended`,
    oldest first: what its minutes append as dated amendments."""
    found = [
        event
        for event in events
        if event.at > ended and event.kind in AMENDING_KINDS and event.belongs_to(meeting_id)
    ]
    return sorted(found, key=lambda event: (event.at, event.id))
