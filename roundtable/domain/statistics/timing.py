"""How long the agenda items really take: planned against actual minutes across meetings.

An agenda item is recognised across meetings by its title (case and runs of spaces do
not matter): a renamed item starts a history of its own. Only ended meetings count; a
break does not count towards an item's minutes (the clocks of `timebox` say so), but
it does count towards the time the meeting used of its box. A deferred item has not
taken its time, so it counts as deferred and not in the medians.

Whole minutes decide "ran over" and "ended early": an item that took 40 minutes and
20 seconds of a 40-minute plan kept its plan. Medians of an even count are the mean of
the two middle values; the 80th percentile is the nearest rank (the smallest value with
at least 80 % of the values at or below it), so every figure is one a meeting really had.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from roundtable.domain.meeting import ItemState, Meeting, Pause, Segment

__all__ = [
    "ItemRun",
    "ItemStats",
    "MeetingTime",
    "TimingReport",
    "item_key",
    "median",
    "percentile",
    "timing_report",
]

_MINUTE = timedelta(minutes=1)


@lru_cache(maxsize=1024)
def item_key(title: str) -> str:
    """What makes two agenda items the same item across meetings."""
    return " ".join(title.split()).casefold()


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count)."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least `share` of the
    values at or below it (0 < share <= 1)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(share * len(ordered) - 1e-9), 1)
    return ordered[rank - 1]


def _whole(minutes: float) -> int:
    """Minutes rounded half up: 40 min 30 s counts as 41."""
    return math.floor(minutes + 0.5)


class ItemRun(NamedTuple):
    """One agenda item in one ended meeting (a named tuple: a decade of meetings makes
    thousands of them, and `roundtable stats` must stay quick)."""

    meeting_number: int
    title: str
    planned: int
    """Minutes the agenda gave it when the meeting started."""
    final_plan: int
    """Minutes it had at the end, after any extend or rebalance."""
    actual: float
    """Minutes it was the current item, breaks excluded."""
    deferred: bool

    @property
    def whole(self) -> int:
        """`actual` in whole minutes, half up."""
        return _whole(self.actual)

    @property
    def overran(self) -> bool:
        return not self.deferred and self.whole > self.planned

    @property
    def ended_early(self) -> bool:
        return not self.deferred and self.whole < self.planned

    @property
    def extended(self) -> bool:
        return self.final_plan > self.planned


class ItemStats(NamedTuple):
    """One agenda item over the meetings looked at.

    A named tuple, not a frozen dataclass: the meeting screen's forecast imports this
    module before its first frame, where a named tuple takes a fraction of the time to
    define."""

    title: str
    """As the most recent meeting wrote it."""
    runs: tuple[ItemRun, ...]
    """Oldest first."""

    @property
    def meetings(self) -> int:
        return len(self.runs)

    @property
    def held(self) -> tuple[ItemRun, ...]:
        """The runs that were not deferred: those that say how long it takes."""
        return tuple(run for run in self.runs if not run.deferred)

    @property
    def planned(self) -> int:
        """The plan of the most recent meeting."""
        return self.runs[-1].planned

    @property
    def planned_median(self) -> float:
        return median([run.planned for run in self.runs]) or 0.0

    @property
    def actual_median(self) -> float | None:
        return median([run.actual for run in self.held])

    @property
    def actual_p80(self) -> float | None:
        return percentile([run.actual for run in self.held], 0.8)

    @property
    def overran(self) -> int:
        return sum(run.overran for run in self.runs)

    @property
    def ended_early(self) -> int:
        return sum(run.ended_early for run in self.runs)

    @property
    def extended(self) -> int:
        return sum(run.extended for run in self.runs)

    @property
    def deferred(self) -> int:
        return sum(run.deferred for run in self.runs)

    @property
    def overrun_median(self) -> int | None:
        """Whole minutes over the plan, at the median of the runs that overran
        (rounded up: a plan that is half a minute short is still short)."""
        overs = [_whole(run.actual) - run.planned for run in self.runs if run.overran]
        value = median(overs)
        return None if value is None else math.ceil(value)

    @property
    def slack_median(self) -> int | None:
        """Whole minutes left of the plan, at the median of the runs that ended early
        (rounded down)."""
        slack = [run.planned - _whole(run.actual) for run in self.runs if run.ended_early]
        value = median(slack)
        return None if value is None else math.floor(value)

    @property
    def actual_trend(self) -> tuple[float, ...]:
        """Actual minutes per held run, for a sparkline."""
        return tuple(run.actual for run in self.held)


class MeetingTime(NamedTuple):
    """How much of its box one ended meeting used."""

    number: int
    agenda_id: str
    title: str
    started_at: datetime
    box: int
    """The time box in minutes."""
    used: float
    """Minutes from start to end, breaks included (a break does not extend the box)."""
    paused: float
    """Minutes of breaks."""
    deferred: int
    """Items deferred to the next meeting."""

    @property
    def over_box(self) -> bool:
        return _whole(self.used) > self.box

    @property
    def used_share(self) -> float:
        """Used of the box, 1.0 for exactly the box."""
        return self.used / self.box if self.box else 0.0


class TimingReport(NamedTuple):
    """What `roundtable stats` prints and the statistics screen shows."""

    meetings: tuple[MeetingTime, ...]
    """Oldest first."""
    items: tuple[ItemStats, ...]
    """In the order of the most recent agenda, then items no longer on it by when they
    were last held."""

    @property
    def used_trend(self) -> tuple[float, ...]:
        """Minutes used per meeting, for a sparkline."""
        return tuple(meeting.used for meeting in self.meetings)

    @property
    def box_median(self) -> float | None:
        return median([meeting.used for meeting in self.meetings])

    def item(self, title: str) -> ItemStats | None:
        key = item_key(title)
        return next((stats for stats in self.items if item_key(stats.title) == key), None)


def _paused(meeting: Meeting, end: datetime) -> float:
    total = timedelta(0)
    for one in meeting.pauses:
        stop = end if one.end is None else min(one.end, end)
        if stop > one.start:
            total += stop - one.start
    return total / _MINUTE


def _meeting_time(meeting: Meeting, end: datetime) -> MeetingTime:
    return MeetingTime(
        number=meeting.number,
        agenda_id=meeting.agenda_id,
        title=meeting.title,
        started_at=meeting.started_at,
        box=meeting.timebox_minutes,
        used=max(end - meeting.started_at, timedelta(0)) / _MINUTE,
        paused=_paused(meeting, end),
        deferred=sum(item.state is not ItemState.DONE for item in meeting.items),
    )


def _item_minutes(segments: Sequence[Segment], pauses: Sequence[Pause], end: datetime) -> float:
    """Minutes inside `segments` and outside `pauses`, up to `end` (the clocks of
    `timebox`, for an ended meeting: a few segments and pauses, so no prefix sums)."""
    seconds = 0.0
    for segment in segments:
        start = segment.start
        stop = end if segment.end is None or segment.end > end else segment.end
        if stop <= start:
            continue
        seconds += (stop - start).total_seconds()
        for one in pauses:
            if one.start >= stop or (one.end is not None and one.end <= start):
                continue
            pause_end = end if one.end is None or one.end > end else one.end
            seconds -= (min(stop, pause_end) - max(start, one.start)).total_seconds()
    return max(seconds, 0.0) / 60


def _runs(meeting: Meeting, end: datetime) -> Iterable[ItemRun]:
    for item in meeting.items:
        yield ItemRun(
            meeting_number=meeting.number,
            title=item.title,
            planned=item.original_minutes,
            final_plan=item.planned_minutes,
            actual=_item_minutes(item.segments, meeting.pauses, end),
            # Ending a meeting defers what is left; a pending item here is the same.
            deferred=item.state is not ItemState.DONE,
        )


def timing_report(
    meetings: Iterable[Meeting], *, agenda_id: str | None = None, last: int | None = None
) -> TimingReport:
    """The statistics of the ended meetings (of agenda `agenda_id`, the `last` most
    recent of them), oldest first. A running meeting does not count yet."""
    ended = sorted(
        (
            m
            for m in meetings
            if m.ended_at is not None and (agenda_id is None or m.agenda_id == agenda_id)
        ),
        key=lambda m: m.number,
    )
    if last is not None:
        ended = ended[-last:] if last > 0 else []
    times: list[MeetingTime] = []
    runs: dict[str, list[ItemRun]] = {}
    for meeting in ended:
        assert meeting.ended_at is not None
        times.append(_meeting_time(meeting, meeting.ended_at))
        for run in _runs(meeting, meeting.ended_at):
            runs.setdefault(item_key(run.title), []).append(run)
    order: list[str] = []
    if ended:
        order = list(dict.fromkeys(item_key(item.title) for item in ended[-1].items))
    rest = sorted(
        (key for key in runs if key not in order),
        key=lambda key: -runs[key][-1].meeting_number,
    )
    items = tuple(
        ItemStats(title=runs[key][-1].title, runs=tuple(runs[key])) for key in order + rest
    )
    return TimingReport(meetings=tuple(times), items=items)
