"""Time-box arithmetic: every clock of a meeting, derived from its timestamps and `now`.

Nothing here counts ticks or reads a clock: callers pass `now` (from an injected
`Clock`), so a restarted app shows the right times and a stalled event loop cannot
make a clock drift. Operations return a new `Meeting`; the caller saves it.

CONTRACT (filled in by the timebox work; signatures are relied on by the UI):
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from roundtable.domain.config import Agenda
from roundtable.domain.meeting import Attendee, Meeting

__all__ = [
    "BoxView",
    "ItemPhase",
    "box_view",
    "defer",
    "end",
    "extend",
    "item_elapsed",
    "item_remaining",
    "new_meeting",
    "next_item",
    "pause",
    "previous_item",
    "rebalance",
    "restore_deferred",
    "resume",
    "warning_window",
]


class ItemPhase(StrEnum):
    NORMAL = "normal"
    WARNING = "warning"
    """The last 20 % of the planned minutes or the last 2 minutes, whichever is shorter."""
    OVERRUN = "overrun"


@dataclass(frozen=True)
class BoxView:
    """Every figure the meeting screen shows, computed once per refresh."""

    now: datetime
    used: timedelta
    """Wall-clock time since the start (up to the end, once ended); breaks included."""
    left: timedelta
    """Time box minus used; negative once the box is over."""
    planned_end: datetime
    """Start plus the time box."""
    projected_end: datetime
    """When the meeting ends if the current item takes at least its plan and every
    pending item its planned minutes; a running break is assumed to end now."""
    box_over: bool
    """The three hours are up."""
    current_elapsed: timedelta | None
    """Elapsed time of the current item, breaks excluded; None without a current item."""
    current_remaining: timedelta | None
    """Planned minus elapsed for the current item; negative while it overruns."""
    current_phase: ItemPhase | None
    item_elapsed: tuple[timedelta, ...]
    """Elapsed time of every item, breaks excluded, in agenda order."""
    not_fitting: frozenset[int]
    """Indexes of pending items that would end after the planned end."""


def new_meeting(
    agenda: Agenda,
    attendees: Sequence[Attendee],
    facilitator: str,
    number: int,
    now: datetime,
) -> Meeting:
    """A meeting started at `now` from `agenda`, its first item running."""
    raise NotImplementedError


def warning_window(planned_minutes: int) -> timedelta:
    """min(20 % of planned, 2 minutes)."""
    raise NotImplementedError


def item_elapsed(meeting: Meeting, index: int, now: datetime) -> timedelta:
    """Time item `index` has been current, summed over its segments, breaks excluded."""
    raise NotImplementedError


def item_remaining(meeting: Meeting, index: int, now: datetime) -> timedelta:
    """Planned minus elapsed; negative while the item overruns."""
    raise NotImplementedError


def box_view(meeting: Meeting, now: datetime) -> BoxView:
    raise NotImplementedError


def next_item(meeting: Meeting, now: datetime) -> Meeting:
    """Close the current item (done) and start the next pending one (None if none left)."""
    raise NotImplementedError


def previous_item(meeting: Meeting, now: datetime) -> Meeting:
    """Go back to the nearest earlier item that is not deferred; the one left stays pending."""
    raise NotImplementedError


def pause(meeting: Meeting, now: datetime) -> Meeting:
    raise NotImplementedError


def resume(meeting: Meeting, now: datetime) -> Meeting:
    raise NotImplementedError


def extend(meeting: Meeting, minutes: int, now: datetime) -> Meeting:
    """Give the current item `minutes` more, taken from the pending items in proportion
    to their planned minutes, none below 1 minute."""
    raise NotImplementedError


def rebalance(meeting: Meeting, now: datetime) -> Meeting:
    """Fit the pending items into what is left of the box, in proportion to their planned
    minutes, none below 1 minute."""
    raise NotImplementedError


def defer(meeting: Meeting, index: int, now: datetime) -> Meeting:
    """Defer item `index` to the next meeting; deferring the current item moves on."""
    raise NotImplementedError


def restore_deferred(meeting: Meeting, index: int, now: datetime) -> Meeting:
    """Take a deferred item back into this meeting (pending again)."""
    raise NotImplementedError


def end(meeting: Meeting, now: datetime) -> Meeting:
    """End the meeting at `now`: the current item is done, what is left is deferred."""
    raise NotImplementedError
