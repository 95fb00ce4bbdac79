"""Approving the previous minutes, as a German Protokoll has it.

At the review item the facilitator records that the last meeting's minutes were
approved, as they stand or with a correction. It is kept as an event of the meeting
in which it was said (`EntryKind.MINUTES`, the approved meeting's id as its entry):
the minutes of that meeting say so, and a later change never rewrites it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from roundtable.domain.history import EntryKind, Event, EventKind

__all__ = ["MinutesApproval", "approval_doc", "approval_in"]


@dataclass(frozen=True)
class MinutesApproval:
    """The minutes of meeting number `approved_number` approved in meeting `meeting_id`."""

    meeting_id: int
    """The meeting in which they were approved."""
    approved_id: int
    """The meeting whose minutes were approved."""
    approved_number: int
    correction: str
    """The correction they were approved with; "" when approved as they stand."""
    at: datetime
    by: str | None


def approval_doc(
    meeting_id: int, approved_id: int, approved_number: int, correction: str
) -> dict[str, Any]:
    """What the event keeps after the approval (`meeting_id` files it under its meeting)."""
    return {
        "meeting_id": meeting_id,
        "approved_id": approved_id,
        "approved_number": approved_number,
        "correction": correction,
    }


def _from_event(event: Event) -> MinutesApproval | None:
    doc: Mapping[str, Any] | None = event.after
    if doc is None:
        return None
    meeting_id = doc.get("meeting_id")
    approved_id = doc.get("approved_id")
    number = doc.get("approved_number")
    if not (
        isinstance(meeting_id, int) and isinstance(approved_id, int) and isinstance(number, int)
    ):
        return None
    correction = doc.get("correction")
    return MinutesApproval(
        meeting_id=meeting_id,
        approved_id=approved_id,
        approved_number=number,
        correction=correction if isinstance(correction, str) else "",
        at=event.moment,
        by=event.by,
    )


def approval_in(
    events: Iterable[Event], meeting_id: int, until: str | None = None
) -> MinutesApproval | None:
    """The last approval said in meeting `meeting_id` (up to the stamp `until`), or None.

    Saying it again (with another correction) replaces what was said before."""
    found: MinutesApproval | None = None
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        if event.entry is not EntryKind.MINUTES or event.kind is not EventKind.APPROVED:
            continue
        if until is not None and event.at > until:
            continue
        approval = _from_event(event)
        if approval is not None and approval.meeting_id == meeting_id:
            found = approval
    return found
