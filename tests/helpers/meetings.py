"""Meetings to put in a store: the builder several test folders used to copy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from roundtable.domain.config import Cadence, ItemKind
from roundtable.domain.meeting import Attendee, ItemState, Meeting, MeetingItem, Segment

__all__ = ["CONTROLLING", "campaign_results_meeting"]

CONTROLLING = (Attendee("Monika Schneider", "sales-controlling"),)


def campaign_results_meeting(
    number: int,
    started: datetime,
    *,
    minutes: float | None = 170,
    item_minutes: float | None = None,
    notes: str = "",
    attendees: Sequence[Attendee] = CONTROLLING,
) -> Meeting:
    """A round-table meeting with one item, controlling's "Campaign results to date",
    that ran `minutes` (None: it still runs) and the item `item_minutes` (None: all of
    it); the first attendee facilitates."""
    end = None if minutes is None else started + timedelta(minutes=minutes)
    item_end = end if item_minutes is None else started + timedelta(minutes=item_minutes)
    return Meeting(
        id=None,
        number=number,
        agenda_id="round-table",
        title="Marketing & Sales Round Table",
        timebox_minutes=180,
        cadence=Cadence.BIWEEKLY,
        items=(
            MeetingItem(
                title="Campaign results to date",
                role="sales-controlling",
                kind=ItemKind.REPORT,
                planned_minutes=30,
                original_minutes=30,
                notes=notes,
                state=ItemState.DONE if end else ItemState.RUNNING,
                segments=(Segment(started, item_end),),
            ),
        ),
        attendees=tuple(attendees),
        facilitator=attendees[0].name,
        started_at=started,
        ended_at=end,
        current=None if end else 0,
    )
