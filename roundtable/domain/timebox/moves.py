"""Moving through a meeting: start it, next and previous item, pause and resume,
extend and rebalance the plan, defer an item and take it back, end. Each returns a new
`Meeting` (or the same one where the move does not apply); the caller saves it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from fractions import Fraction

from roundtable.domain.config import Agenda
from roundtable.domain.meeting import (
    Attendee,
    ItemState,
    Meeting,
    MeetingItem,
    MeetingState,
    Pause,
    Segment,
)
from roundtable.domain.timebox.clocks import box_view, running_order

__all__ = [
    "apportion_minutes",
    "defer",
    "end",
    "extend",
    "new_meeting",
    "next_item",
    "pause",
    "previous_item",
    "rebalance",
    "rebalance_minutes",
    "restore_deferred",
    "resume",
    "spare_minutes",
]

_MINUTE = timedelta(minutes=1)
_ZERO = timedelta(0)

# --- moving through the meeting --------------------------------------------------------


def new_meeting(
    agenda: Agenda,
    attendees: Sequence[Attendee],
    facilitator: str,
    number: int,
    now: datetime,
    *,
    minute_taker: str = "",
) -> Meeting:
    """A meeting started at `now` from `agenda`, its first item running, at the
    agenda's location."""
    items = tuple(
        MeetingItem(
            title=item.title,
            role=item.role,
            kind=item.kind,
            planned_minutes=item.minutes,
            original_minutes=item.minutes,
            notes=item.notes,
            review=item.review,
            state=ItemState.RUNNING if index == 0 else ItemState.PENDING,
            segments=(Segment(now),) if index == 0 else (),
        )
        for index, item in enumerate(agenda.items)
    )
    return Meeting(
        id=None,
        number=number,
        agenda_id=agenda.id,
        title=agenda.title,
        timebox_minutes=agenda.timebox_minutes,
        cadence=agenda.cadence,
        items=items,
        attendees=tuple(attendees),
        facilitator=facilitator,
        started_at=now,
        current=0 if items else None,
        location=agenda.location,
        minute_taker=minute_taker,
    )


def _timestamps(meeting: Meeting) -> Iterable[datetime]:
    yield meeting.started_at
    for item in meeting.items:
        for segment in item.segments:
            yield segment.start
            if segment.end is not None:
                yield segment.end
    for one in meeting.pauses:
        yield one.start
        if one.end is not None:
            yield one.end


def _moment(meeting: Meeting, now: datetime) -> datetime:
    """`now`, or the latest recorded timestamp if the clock has stepped back behind it."""
    return max(now, *_timestamps(meeting))


def _close(item: MeetingItem, state: ItemState, now: datetime) -> MeetingItem:
    """`item` with its open segment closed at `now`, in `state`."""
    segments = item.segments
    if segments and segments[-1].end is None:
        segments = (*segments[:-1], segments[-1]._replace(end=now))
    return replace(item, state=state, segments=segments)


def _open(item: MeetingItem, now: datetime) -> MeetingItem:
    """`item` running, with a new segment from `now`."""
    return replace(item, state=ItemState.RUNNING, segments=(*item.segments, Segment(now)))


def _with_items(meeting: Meeting, changes: dict[int, MeetingItem]) -> tuple[MeetingItem, ...]:
    return tuple(changes.get(i, item) for i, item in enumerate(meeting.items))


def _leave_current(meeting: Meeting, state: ItemState, now: datetime) -> Meeting:
    """Close the current item in `state` and start the next one in running order."""
    changes: dict[int, MeetingItem] = {}
    if meeting.current is not None:
        changes[meeting.current] = _close(meeting.items[meeting.current], state, now)
    order = running_order(meeting)
    following = order[0] if order else None
    if following is not None:
        changes[following] = _open(meeting.items[following], now)
    return replace(meeting, items=_with_items(meeting, changes), current=following)


def next_item(meeting: Meeting, now: datetime) -> Meeting:
    """Close the current item (done) and start the next pending one (None if none left).

    Without a current item this starts the first pending item if there is one (an item
    taken back with `restore_deferred` after the last one was done), else does nothing.
    """
    if meeting.ended_at is not None:
        return meeting
    if meeting.current is None and not running_order(meeting):
        return meeting
    return _leave_current(meeting, ItemState.DONE, _moment(meeting, now))


def previous_item(meeting: Meeting, now: datetime) -> Meeting:
    """Go back to the nearest earlier item that is not deferred; the one left stays pending.

    Without a current item, go back to the item that was done last.
    """
    if meeting.ended_at is not None:
        return meeting
    now = _moment(meeting, now)
    if meeting.current is None:
        done = [i for i, item in enumerate(meeting.items) if item.state is ItemState.DONE]
        if not done:
            return meeting
        # The item closed most recently, which is what "back" means after the last one.
        target = max(done, key=lambda i: (_last_end(meeting, i), i))
        items = _with_items(meeting, {target: _open(meeting.items[target], now)})
        return replace(meeting, items=items, current=target)
    earlier = [
        i for i in range(meeting.current) if meeting.items[i].state is not ItemState.DEFERRED
    ]
    if not earlier:
        return meeting
    target = earlier[-1]
    changes = {
        meeting.current: _close(meeting.items[meeting.current], ItemState.PENDING, now),
        target: _open(meeting.items[target], now),
    }
    return replace(meeting, items=_with_items(meeting, changes), current=target)


def _last_end(meeting: Meeting, index: int) -> datetime:
    """When item `index` was last current (its last segment's end)."""
    segments = meeting.items[index].segments
    if not segments:
        return meeting.started_at
    return segments[-1].end or segments[-1].start


def pause(meeting: Meeting, now: datetime) -> Meeting:
    """Start a break: item clocks stop, the box keeps running. Pausing twice does nothing."""
    if meeting.state is not MeetingState.RUNNING:
        return meeting
    return replace(meeting, pauses=(*meeting.pauses, Pause(_moment(meeting, now))))


def resume(meeting: Meeting, now: datetime) -> Meeting:
    """End the break. Resuming a running meeting does nothing."""
    if meeting.state is not MeetingState.PAUSED:
        return meeting
    last = meeting.pauses[-1]._replace(end=_moment(meeting, now))
    return replace(meeting, pauses=(*meeting.pauses[:-1], last))


def _apportion(total: int, weights: Sequence[int], floor: int, caps: Sequence[int]) -> list[int]:
    """Split `total` whole units in proportion to `weights`, each share at least `floor`
    and at most its cap, by the largest-remainder method.

    Expects floor * len(weights) <= total <= sum(caps). Shares pushed past a bound are
    pinned to it and the rest is split again among the others (water filling); ties in
    the rounding go to the larger weight, then to the earlier item, so it is
    deterministic.
    """
    count = len(weights)
    pinned: dict[int, int] = {}
    ideal: dict[int, Fraction] = {}
    while True:
        active = [i for i in range(count) if i not in pinned]
        rest = total - sum(pinned.values())
        weight = sum(weights[i] for i in active)
        if not active or weight == 0:
            break
        ideal = {i: Fraction(rest * weights[i], weight) for i in active}
        low = [i for i in active if ideal[i] < floor]
        high = [i for i in active if ideal[i] > caps[i]]
        if not low and not high:
            break
        # Bounds here are one-sided per call (a floor or caps), so pinning every
        # violator at once converges.
        for i in low:
            pinned[i] = floor
        for i in high:
            pinned[i] = caps[i]
    shares = [pinned.get(i, 0) for i in range(count)]
    for i, share in ideal.items():
        if i not in pinned:
            shares[i] = int(share)  # non-negative, so int() floors
    leftover = total - sum(shares)
    by_remainder = sorted(
        (i for i in ideal if i not in pinned),
        key=lambda i: (-(ideal[i] - int(ideal[i])), -weights[i], i),
    )
    for i in by_remainder[:leftover]:
        shares[i] += 1
    return shares


def apportion_minutes(total: int, weights: Sequence[int], floor: int = 1) -> list[int]:
    """Split `total` whole minutes in proportion to `weights`, none below `floor` and none
    above its weight (nothing grows); expects floor * len(weights) <= total <= sum(weights).

    The split `rebalance` uses, for planning outside a running meeting (the deferred items
    offered before one starts).
    """
    return _apportion(total, weights, floor, list(weights))


def spare_minutes(meeting: Meeting, now: datetime) -> int:
    """Whole minutes of the box that no item plans for: what is left of the box minus
    what the current item has left of its plan and what the pending items plan (0 when
    the plan already overfills the box)."""
    pending = sum(meeting.items[i].planned_minutes for i in running_order(meeting))
    return max(rebalance_minutes(meeting, now) - pending, 0)


def extend(meeting: Meeting, minutes: int, now: datetime) -> Meeting:
    """Give the current item `minutes` more: first from the box's spare time (see
    `spare_minutes`), the rest from the pending items in proportion to their planned
    minutes, none below 1 minute.

    What the pending items cannot give (they are all down to 1 minute) the current item
    gets anyway, and the projected end moves. `minutes` below 1 does nothing.
    """
    if meeting.ended_at is not None or meeting.current is None or minutes < 1:
        return meeting
    from_items = minutes - min(minutes, spare_minutes(meeting, _moment(meeting, now)))
    order = running_order(meeting)
    planned = [meeting.items[i].planned_minutes for i in order]
    spare = [max(p - 1, 0) for p in planned]
    taken = _apportion(min(from_items, sum(spare)), planned, 0, spare)
    changes = {
        i: replace(meeting.items[i], planned_minutes=p - t)
        for i, p, t in zip(order, planned, taken, strict=True)
    }
    current = meeting.items[meeting.current]
    changes[meeting.current] = replace(current, planned_minutes=current.planned_minutes + minutes)
    return replace(meeting, items=_with_items(meeting, changes))


def rebalance_minutes(meeting: Meeting, now: datetime) -> int:
    """Whole minutes the pending items can share: from now to the planned end, minus what
    the current item has left of its plan (floored; negative once the box is over)."""
    view = box_view(meeting, now)
    remaining = max(view.current_remaining or _ZERO, _ZERO)
    return (view.planned_end - now - remaining) // _MINUTE


def rebalance(meeting: Meeting, now: datetime) -> Meeting:
    """Fit the pending items into what is left of the box, in proportion to their planned
    minutes, none below 1 minute.

    The new plans add up to `rebalance_minutes` exactly, unless that is less than one
    minute per pending item: then each gets 1.
    """
    if meeting.ended_at is not None:
        return meeting
    order = running_order(meeting)
    if not order:
        return meeting
    now = _moment(meeting, now)
    available = rebalance_minutes(meeting, now)
    planned = [meeting.items[i].planned_minutes for i in order]
    if available < len(order):
        shares = [1] * len(order)
    else:
        shares = _apportion(available, planned, 1, [available] * len(order))
    changes = {
        i: replace(meeting.items[i], planned_minutes=share)
        for i, share in zip(order, shares, strict=True)
    }
    return replace(meeting, items=_with_items(meeting, changes))


def _check_index(meeting: Meeting, index: int) -> None:
    if not 0 <= index < len(meeting.items):
        raise IndexError(f"no item {index} in a meeting of {len(meeting.items)} items")


def defer(meeting: Meeting, index: int, now: datetime) -> Meeting:
    """Defer item `index` to the next meeting; deferring the current item moves on.

    Deferring a done or already deferred item does nothing.
    """
    _check_index(meeting, index)
    if meeting.ended_at is not None:
        return meeting
    item = meeting.items[index]
    if index == meeting.current:
        return _leave_current(meeting, ItemState.DEFERRED, _moment(meeting, now))
    if item.state is not ItemState.PENDING:
        return meeting
    deferred = replace(item, state=ItemState.DEFERRED)
    return replace(meeting, items=_with_items(meeting, {index: deferred}))


def restore_deferred(meeting: Meeting, index: int, now: datetime) -> Meeting:
    """Take a deferred item back into this meeting (pending again)."""
    _check_index(meeting, index)
    item = meeting.items[index]
    if meeting.ended_at is not None or item.state is not ItemState.DEFERRED:
        return meeting
    restored = replace(item, state=ItemState.PENDING)
    return replace(meeting, items=_with_items(meeting, {index: restored}))


def end(meeting: Meeting, now: datetime) -> Meeting:
    """End the meeting at `now`: the current item is done, what is left is deferred."""
    if meeting.ended_at is not None:
        return meeting
    now = _moment(meeting, now)
    meeting = resume(meeting, now)
    changes: dict[int, MeetingItem] = {}
    for i, item in enumerate(meeting.items):
        if i == meeting.current:
            changes[i] = _close(item, ItemState.DONE, now)
        elif item.state is ItemState.PENDING:
            changes[i] = replace(item, state=ItemState.DEFERRED)
    return replace(meeting, items=_with_items(meeting, changes), current=None, ended_at=now)
