"""Reading a meeting's clocks: an item's elapsed and remaining time, its phase, the
running order, and the whole box at a glance (`box_view`, once a second)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from roundtable.domain.meeting import ItemState, Meeting, MeetingItem, Pause

__all__ = [
    "BoxView",
    "ItemPhase",
    "box_view",
    "item_elapsed",
    "item_phase",
    "item_remaining",
    "running_order",
    "warning_window",
]

_MINUTE = timedelta(minutes=1)
_ZERO = timedelta(0)
_MAX_WARNING = timedelta(minutes=2)


class ItemPhase(StrEnum):
    """Where an item's countdown stands."""

    NORMAL = "normal"
    WARNING = "warning"
    """The last 20 % of the planned minutes or the last 2 minutes, whichever is shorter."""
    OVERRUN = "overrun"
    """Past the planned minutes; the clock counts the overrun up."""


class BoxView(NamedTuple):
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


# --- reading the clocks ---------------------------------------------------------------


class _Pauses:
    """The meeting's pauses as a prefix sum, so the paused time inside any stretch is
    two binary searches instead of a walk over every pause."""

    def __init__(self, pauses: Sequence[Pause], horizon: datetime) -> None:
        self._starts: list[datetime] = []
        self._ends: list[datetime] = []
        self._before: list[timedelta] = []
        total = _ZERO
        for one in pauses:
            # Capped at the horizon so the view is the state as of `now`, even for a
            # `now` that a stepped-back clock put before the last recorded timestamp.
            stop = horizon if one.end is None else min(one.end, horizon)
            stop = max(stop, one.start)
            self._starts.append(one.start)
            self._ends.append(stop)
            self._before.append(total)
            total += stop - one.start

    def paused_until(self, moment: datetime) -> timedelta:
        """Total paused time before `moment`."""
        k = bisect_right(self._starts, moment)
        if k == 0:
            return _ZERO
        last = k - 1
        return self._before[last] + min(moment, self._ends[last]) - self._starts[last]

    def overlap(self, start: datetime, stop: datetime) -> timedelta:
        """Paused time between `start` and `stop`."""
        return self.paused_until(stop) - self.paused_until(start)


def _horizon(meeting: Meeting, now: datetime) -> datetime:
    """Where open segments and pauses stop: now, or the end once the meeting ended."""
    if meeting.ended_at is not None:
        return min(now, meeting.ended_at)
    return now


def _elapsed(item: MeetingItem, pauses: _Pauses, horizon: datetime) -> timedelta:
    total = _ZERO
    for segment in item.segments:
        stop = horizon if segment.end is None else min(segment.end, horizon)
        if stop <= segment.start:
            continue
        total += stop - segment.start - pauses.overlap(segment.start, stop)
    return max(total, _ZERO)


def warning_window(planned_minutes: int) -> timedelta:
    """min(20 % of planned, 2 minutes)."""
    # 20 % of a minute is exactly 12 seconds, so no float rounding creeps in.
    return min(timedelta(seconds=12 * planned_minutes), _MAX_WARNING)


def item_phase(planned_minutes: int, remaining: timedelta) -> ItemPhase:
    """The phase of an item planned for `planned_minutes` with `remaining` left."""
    if remaining < _ZERO:
        return ItemPhase.OVERRUN
    if remaining <= warning_window(planned_minutes):
        return ItemPhase.WARNING
    return ItemPhase.NORMAL


def item_elapsed(meeting: Meeting, index: int, now: datetime) -> timedelta:
    """Time item `index` has been current, summed over its segments, breaks excluded."""
    horizon = _horizon(meeting, now)
    return _elapsed(meeting.items[index], _Pauses(meeting.pauses, horizon), horizon)


def item_remaining(meeting: Meeting, index: int, now: datetime) -> timedelta:
    """Planned minus elapsed; negative while the item overruns."""
    planned = meeting.items[index].planned_minutes * _MINUTE
    return planned - item_elapsed(meeting, index, now)


def running_order(meeting: Meeting) -> tuple[int, ...]:
    """Indexes of the pending items in the order `next_item` would start them: those
    after the current item first, then the ones before it from the top."""
    pending = [i for i, item in enumerate(meeting.items) if item.state is ItemState.PENDING]
    if meeting.current is None:
        return tuple(pending)
    after = [i for i in pending if i > meeting.current]
    before = [i for i in pending if i < meeting.current]
    return tuple(after + before)


def box_view(meeting: Meeting, now: datetime) -> BoxView:
    """Every figure for one refresh of the meeting screen, as of `now`."""
    horizon = _horizon(meeting, now)
    pauses = _Pauses(meeting.pauses, horizon)
    elapsed = tuple(_elapsed(item, pauses, horizon) for item in meeting.items)
    box = meeting.timebox_minutes * _MINUTE
    used = max(horizon - meeting.started_at, _ZERO)
    planned_end = meeting.started_at + box

    current_elapsed: timedelta | None = None
    current_remaining: timedelta | None = None
    current_phase: ItemPhase | None = None
    cursor = now
    if meeting.current is not None:
        item = meeting.items[meeting.current]
        current_elapsed = elapsed[meeting.current]
        current_remaining = item.planned_minutes * _MINUTE - current_elapsed
        current_phase = item_phase(item.planned_minutes, current_remaining)
        # An overrunning item is assumed to stop now, so the forecast moves with it.
        cursor += max(current_remaining, _ZERO)

    not_fitting: set[int] = set()
    if meeting.ended_at is not None:
        projected_end = meeting.ended_at
    else:
        for index in running_order(meeting):
            planned = meeting.items[index].planned_minutes * _MINUTE
            cursor += max(planned - elapsed[index], _ZERO)
            if cursor > planned_end:
                not_fitting.add(index)
        projected_end = cursor

    return BoxView(
        now=now,
        used=used,
        left=box - used,
        planned_end=planned_end,
        projected_end=projected_end,
        box_over=used >= box,
        current_elapsed=current_elapsed,
        current_remaining=current_remaining,
        current_phase=current_phase,
        item_elapsed=elapsed,
        not_fitting=frozenset(not_fitting),
    )
