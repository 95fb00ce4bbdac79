"""The cut line at the usual pace: which items will not fit, before anything overruns.

`timebox.box_view` projects the end from the plan. Here the same walk through the
items left uses what each of them took in the recent past (the median of its last
held runs; an item without history takes its plan), so from the first minute the room
sees "At the usual pace Budgets and Wrap-up will not fit (about 12 minutes over)".
The plan's own projection stays beside it: this is a forecast, not a new plan.

`rebalance_by_history` spreads what is left of the box over the items left in
proportion to what they usually take, so the plan follows how the team spends its
time and still ends inside the box.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import NamedTuple

from roundtable.domain.meeting import Meeting, MeetingItem
from roundtable.domain.statistics.timing import TimingReport, item_key, median
from roundtable.domain.timebox import BoxView, box_view, rebalance_minutes, running_order
from roundtable.i18n import _, ngettext

__all__ = [
    "RECENT",
    "Forecast",
    "forecast",
    "forecast_text",
    "rebalance_by_history",
    "usual_minutes",
]

RECENT = 10
"""How many of an item's latest held runs say what it usually takes."""

_MINUTE = timedelta(minutes=1)
_ZERO = timedelta(0)


def usual_minutes(report: TimingReport, recent: int = RECENT) -> dict[str, float]:
    """Per item key (`timing.item_key`), the median minutes of its last `recent` held
    runs. Items that were only ever deferred are left out: they have no pace."""
    usual: dict[str, float] = {}
    for stats in report.items:
        value = median([run.actual for run in stats.held[-recent:]])
        if value is not None:
            usual[item_key(stats.title)] = value
    return usual


class Forecast(NamedTuple):
    """The meeting's end at the usual pace, beside the plan's."""

    planned_end: datetime
    """Start plus the box."""
    plan_end: datetime
    """The projected end if every item left takes its plan (`box_view`)."""
    usual_end: datetime
    """The projected end if every item left takes what it usually takes."""
    not_fitting: tuple[int, ...]
    """Indexes of the items left that end after the box at the usual pace, in running
    order."""
    expected: Mapping[int, float]
    """Minutes each item left (and the current one) is expected to take in all."""
    from_history: frozenset[int]
    """The indexes whose expectation comes from history, not from the plan."""

    @property
    def over(self) -> timedelta:
        """How far the usual pace ends past the box (negative: inside it)."""
        return self.usual_end - self.planned_end


def _expected(item: MeetingItem, usual: Mapping[str, float]) -> tuple[float, bool]:
    value = usual.get(item_key(item.title))
    if value is None:
        return float(item.planned_minutes), False
    return value, True


def forecast(
    meeting: Meeting, now: datetime, usual: Mapping[str, float], view: BoxView | None = None
) -> Forecast:
    """Where the meeting ends if the current item and every item left take what they
    usually take. An item already past its usual time is assumed to stop now, like an
    overrunning one in `box_view`; an ended meeting ends where it ended. `view` is
    `box_view(meeting, now)` if the caller has it already."""
    if view is None or view.now != now:
        view = box_view(meeting, now)
    expected: dict[int, float] = {}
    history: set[int] = set()
    cursor = now
    if meeting.current is not None:
        minutes, known = _expected(meeting.items[meeting.current], usual)
        expected[meeting.current] = minutes
        if known:
            history.add(meeting.current)
        cursor += max(minutes * _MINUTE - view.item_elapsed[meeting.current], _ZERO)
    not_fitting: list[int] = []
    if meeting.ended_at is not None:
        cursor = meeting.ended_at
    else:
        for index in running_order(meeting):
            minutes, known = _expected(meeting.items[index], usual)
            expected[index] = minutes
            if known:
                history.add(index)
            cursor += max(minutes * _MINUTE - view.item_elapsed[index], _ZERO)
            if cursor > view.planned_end:
                not_fitting.append(index)
    return Forecast(
        planned_end=view.planned_end,
        plan_end=view.projected_end,
        usual_end=cursor,
        not_fitting=tuple(not_fitting),
        expected=expected,
        from_history=frozenset(history),
    )


def _and(titles: list[str]) -> str:
    if len(titles) == 1:
        return titles[0]
    return _("{items} and {last}").format(items=", ".join(titles[:-1]), last=titles[-1])


def forecast_text(meeting: Meeting, result: Forecast) -> str:
    """The forecast in one sentence, for the meeting screen."""
    if meeting.ended_at is not None:
        return ""
    minutes = math.ceil(abs(result.over) / _MINUTE)
    if result.not_fitting:
        titles = [meeting.items[i].title for i in result.not_fitting]
        return ngettext(
            "At the usual pace {items} will not fit (about {minutes} minute over).",
            "At the usual pace {items} will not fit (about {minutes} minutes over).",
            minutes,
        ).format(items=_and(titles), minutes=minutes)
    if not result.from_history:
        return _("No history yet for the items left: the plan is the forecast.")
    return ngettext(
        "At the usual pace everything fits, about {minutes} minute to spare.",
        "At the usual pace everything fits, about {minutes} minutes to spare.",
        minutes,
    ).format(minutes=minutes)


def _shares(total: int, weights: list[float]) -> list[int]:
    """`total` whole minutes split in proportion to `weights`, at least 1 each, by the
    largest remainder (ties to the earlier item); `total` >= len(weights)."""
    spare = total - len(weights)
    whole = sum(weights)
    if whole <= 0:
        weights, whole = [1.0] * len(weights), float(len(weights))
    exact = [spare * weight / whole for weight in weights]
    shares = [math.floor(value) for value in exact]
    left = spare - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return [share + 1 for share in shares]


def rebalance_by_history(meeting: Meeting, now: datetime, usual: Mapping[str, float]) -> Meeting:
    """The items left planned in proportion to what they usually take, adding up to what
    is left of the box (`timebox.rebalance_minutes`), none below 1 minute. When less than
    a minute per item is left, each gets 1, as `timebox.rebalance` does."""
    if meeting.ended_at is not None:
        return meeting
    order = running_order(meeting)
    if not order:
        return meeting
    available = rebalance_minutes(meeting, now)
    if available < len(order):
        shares = [1] * len(order)
    else:
        weights = [_expected(meeting.items[i], usual)[0] for i in order]
        shares = _shares(available, weights)
    changes = dict(zip(order, shares, strict=True))
    items = tuple(
        replace(item, planned_minutes=changes[i]) if i in changes else item
        for i, item in enumerate(meeting.items)
    )
    return replace(meeting, items=items)
