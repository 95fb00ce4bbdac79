"""A meeting as it runs: the agenda snapshot it was started from and its timestamps.

Everything here is a frozen value. The time-box operations in `timebox.py` take a
meeting and a moment and return the changed meeting; the store saves it. No clock is
read here: every duration is derived from the timestamps and an explicit `now`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from roundtable.domain.config import Cadence, ItemKind
from roundtable.i18n import _

__all__ = [
    "Attendance",
    "Attendee",
    "ItemState",
    "Meeting",
    "MeetingItem",
    "MeetingState",
    "Pause",
    "Segment",
    "attendance_word",
]


class MeetingState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class ItemState(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    DEFERRED = "deferred"


# Segment and Pause are named tuples, not frozen dataclasses: as immutable, equal and
# hashed alike, and the app imports this module before its first frame, where a named
# tuple takes a fraction of a dataclass's time to define. (Changed with `_replace`.)


class Segment(NamedTuple):
    """One stretch of time during which an item was the current one.

    Going back to an earlier item opens a new segment, so an item can have several.
    """

    start: datetime
    end: datetime | None = None


class Pause(NamedTuple):
    """A break: item clocks stop, the meeting's wall-clock box does not."""

    start: datetime
    end: datetime | None = None


class Attendance(StrEnum):
    """Whether someone was at the table: there, excused (sent apologies) or absent."""

    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"


def attendance_word(attendance: Attendance) -> str:
    """`present`, `excused` or `absent`, in the current language (the meeting screen's
    attendance line and the minutes say it alike)."""
    return {
        Attendance.PRESENT: _("present"),
        Attendance.EXCUSED: _("excused"),
        Attendance.ABSENT: _("absent"),
    }[attendance]


@dataclass(frozen=True)
class Attendee:
    """Someone on a meeting's attendance list."""

    # (A docstring of its own: without one, dataclass writes one from
    # `inspect.signature`, a cost paid before the meeting screen's first frame.)

    name: str
    role: str
    """The id of the role this person holds (the first one, if several); "" for a guest."""
    present: bool = True
    excused: bool = False
    """Not present, but sent apologies beforehand (ignored while `present`)."""
    guest: bool = False
    """Not a role holder: someone invited to this meeting (typed in the attendance dialog)."""

    @property
    def attendance(self) -> Attendance:
        if self.present:
            return Attendance.PRESENT
        return Attendance.EXCUSED if self.excused else Attendance.ABSENT

    def marked(self, attendance: Attendance) -> Attendee:
        """This person marked present, excused or absent."""
        return replace(
            self,
            present=attendance is Attendance.PRESENT,
            excused=attendance is Attendance.EXCUSED,
        )


@dataclass(frozen=True)
class MeetingItem:
    """An agenda item as this meeting runs it."""

    title: str
    role: str
    kind: ItemKind
    planned_minutes: int
    """The plan now, after any extend or rebalance."""
    original_minutes: int
    """The plan as the agenda had it when the meeting started."""
    notes: str = ""
    review: bool = False
    state: ItemState = ItemState.PENDING
    segments: tuple[Segment, ...] = ()

    @property
    def started_at(self) -> datetime | None:
        return self.segments[0].start if self.segments else None

    @property
    def ended_at(self) -> datetime | None:
        if not self.segments or self.state is ItemState.RUNNING:
            return None
        return self.segments[-1].end


@dataclass(frozen=True)
class Meeting:
    """One round table, from start to end."""

    id: int | None
    """The store's id; None until the store has saved it."""
    number: int
    """Running number among this team's meetings (1 for the first)."""
    agenda_id: str
    title: str
    timebox_minutes: int
    cadence: Cadence
    items: tuple[MeetingItem, ...]
    attendees: tuple[Attendee, ...]
    facilitator: str
    started_at: datetime
    ended_at: datetime | None = None
    pauses: tuple[Pause, ...] = ()
    current: int | None = 0
    """Index of the current item; None once no item is left to run."""
    location: str = ""
    """Where the table meets (the agenda's `location:`); "" when not said."""
    minute_taker: str = ""
    """Who keeps the minutes (a holder of the agenda's `minute_taker:` role); "" if nobody."""

    @property
    def state(self) -> MeetingState:
        if self.ended_at is not None:
            return MeetingState.ENDED
        if self.pauses and self.pauses[-1].end is None:
            return MeetingState.PAUSED
        return MeetingState.RUNNING

    @property
    def current_item(self) -> MeetingItem | None:
        return None if self.current is None else self.items[self.current]
