"""Timing statistics, template suggestions and the cut-line forecast on small hand-made
histories with answers worked out by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from roundtable.domain.config import Cadence, ItemKind
from roundtable.domain.meeting import ItemState, Meeting, MeetingItem, Pause, Segment
from roundtable.domain.statistics.advice import suggestion_text, suggestions
from roundtable.domain.statistics.forecast import (
    forecast,
    forecast_text,
    rebalance_by_history,
    usual_minutes,
)
from roundtable.domain.statistics.timing import median, percentile, timing_report
from roundtable.domain.timebox import box_view, next_item, rebalance_minutes
from roundtable.i18n import set_language

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

Plan = tuple[str, int, float | None]
"""An item's title, planned minutes and the minutes it took (None: deferred)."""


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def held(
    number: int,
    plan: Sequence[Plan],
    *,
    box: int = 180,
    pause_after: int | None = None,
    pause_minutes: float = 0,
    agenda: str = "round-table",
) -> Meeting:
    """An ended meeting held a week after the one before, the items one after another;
    a break of `pause_minutes` after item `pause_after` (outside every item)."""
    start = T0 + timedelta(days=7 * (number - 1))
    moment = start
    items = []
    pauses = []
    for index, (title, planned, took) in enumerate(plan):
        if took is None:
            items.append(_item(title, planned, ItemState.DEFERRED, ()))
        else:
            segment = Segment(moment, moment + timedelta(minutes=took))
            items.append(_item(title, planned, ItemState.DONE, (segment,)))
            moment += timedelta(minutes=took)
        if index == pause_after:
            pauses.append(Pause(moment, moment + timedelta(minutes=pause_minutes)))
            moment += timedelta(minutes=pause_minutes)
    return Meeting(
        id=number,
        number=number,
        agenda_id=agenda,
        title="Round table",
        timebox_minutes=box,
        cadence=Cadence.WEEKLY,
        items=tuple(items),
        attendees=(),
        facilitator="Sabine",
        started_at=start,
        ended_at=moment,
        pauses=tuple(pauses),
        current=None,
    )


def _item(title: str, planned: int, state: ItemState, segments: tuple[Segment, ...]) -> MeetingItem:
    return MeetingItem(
        title=title,
        role="sales-marketing",
        kind=ItemKind.DISCUSSION,
        planned_minutes=planned,
        original_minutes=planned,
        state=state,
        segments=segments,
    )


def running(number: int, plan: Sequence[tuple[str, int]], box: int = 180) -> Meeting:
    """A meeting that started at its day's 9:00 with its first item running."""
    start = T0 + timedelta(days=7 * (number - 1))
    items = tuple(
        replace(
            _item(title, minutes, ItemState.PENDING, ()),
            state=ItemState.RUNNING if index == 0 else ItemState.PENDING,
            segments=(Segment(start),) if index == 0 else (),
        )
        for index, (title, minutes) in enumerate(plan)
    )
    return Meeting(
        id=number,
        number=number,
        agenda_id="round-table",
        title="Round table",
        timebox_minutes=box,
        cadence=Cadence.WEEKLY,
        items=items,
        attendees=(),
        facilitator="Sabine",
        started_at=start,
        current=0,
    )


# --- median and percentile -----------------------------------------------------------


def test_median_and_nearest_rank_percentile() -> None:
    assert median([]) is None
    assert median([7]) == 7
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5
    assert percentile([], 0.8) is None
    assert percentile([5], 0.8) == 5
    # ceil(0.8 * 10) = 8th smallest of 1..10
    assert percentile(list(range(10, 0, -1)), 0.8) == 8
    # ceil(0.8 * 4) = 4th of 4
    assert percentile([1, 2, 3, 4], 0.8) == 4
    assert percentile([1, 2, 3, 4, 5], 0.8) == 4


# --- timing statistics ---------------------------------------------------------------


def test_no_history_gives_an_empty_report_and_no_suggestions() -> None:
    report = timing_report([])
    assert report.meetings == () and report.items == ()
    assert report.box_median is None
    assert suggestions(report) == ()


def test_one_meeting() -> None:
    report = timing_report([held(1, [("Budgets", 25, 30), ("Wrap-up", 15, 10)])])
    assert [m.used for m in report.meetings] == [40]
    budgets, wrap_up = report.items
    assert (budgets.title, budgets.meetings, budgets.planned) == ("Budgets", 1, 25)
    assert budgets.actual_median == 30 and budgets.actual_p80 == 30
    assert (budgets.overran, budgets.ended_early, budgets.overrun_median) == (1, 0, 5)
    assert (wrap_up.overran, wrap_up.ended_early, wrap_up.slack_median) == (0, 1, 5)
    # One meeting is not a habit.
    assert suggestions(report) == ()


def test_a_running_meeting_does_not_count() -> None:
    report = timing_report([held(1, [("Budgets", 25, 30)]), running(2, [("Budgets", 25)])])
    assert [m.number for m in report.meetings] == [1]


HISTORY = [
    held(1, [("Campaign planning", 40, 47), ("Budgets", 25, 25), ("Wrap-up", 15, 8)]),
    held(2, [("Campaign planning", 40, 50), ("Budgets", 25, None), ("Wrap-up", 15, 9)]),
    held(3, [("Campaign planning", 40, 40.4), ("Budgets", 25, 27), ("Wrap-up", 15, 15)]),
    held(4, [("Campaign planning", 40, 44), ("Budgets", 25, 20), ("Wrap-up", 15, 10)]),
]


def test_planned_against_actual_per_item() -> None:
    report = timing_report(HISTORY)
    planning = report.item("campaign  PLANNING")
    assert planning is not None
    assert planning.meetings == 4
    # 40.4, 44, 47, 50: median (44 + 47) / 2; 80 %: ceil(3.2) = 4th
    assert planning.actual_median == 45.5
    assert planning.actual_p80 == 50
    # 40.4 minutes of a 40-minute plan kept the plan.
    assert (planning.overran, planning.ended_early) == (3, 0)
    # overruns 7, 10, 4 → median 7
    assert planning.overrun_median == 7


def test_deferred_items_count_as_deferred_not_in_the_medians() -> None:
    budgets = timing_report(HISTORY).item("Budgets")
    assert budgets is not None
    assert (budgets.meetings, budgets.deferred) == (4, 1)
    assert budgets.actual_trend == (25, 27, 20)
    assert budgets.actual_median == 25
    assert (budgets.overran, budgets.ended_early) == (1, 1)


def test_suggestion_in_words() -> None:
    (suggestion,) = suggestions(timing_report(HISTORY))
    assert (suggestion.new_plan, suggestion.old_plan, suggestion.donor) == (
        47,
        40,
        "Wrap-up",
    )
    assert suggestion_text(suggestion) == (
        "Campaign planning ran over in 3 of the last 4 meetings, by 7 minutes at the "
        "median: plan 47 instead of 40, take it from Wrap-up, which ended early 3 times."
    )


def test_suggestion_without_an_item_that_ends_early() -> None:
    history = [
        held(n, [("Campaign planning", 40, 45), ("Budgets", 25, 25)], box=90) for n in (1, 2)
    ]
    (suggestion,) = suggestions(timing_report(history))
    assert suggestion.donor is None and suggestion.spare == 25
    assert suggestion_text(suggestion).endswith(
        "plan 45 instead of 40, the box has 25 minutes unplanned."
    )
    tight = [held(n, [("Campaign planning", 40, 45), ("Budgets", 25, 25)], box=65) for n in (1, 2)]
    assert suggestion_text(suggestions(timing_report(tight))[0]).endswith(
        "shorten another item: none ends early."
    )


def test_renamed_item_starts_a_history_of_its_own() -> None:
    history = [
        held(1, [("Budgets", 25, 30)]),
        held(2, [("Budgets", 25, 31)]),
        held(3, [("Budget agreements", 25, 20)]),
    ]
    report = timing_report(history)
    assert [s.title for s in report.items] == ["Budget agreements", "Budgets"]
    renamed = report.item("Budget agreements")
    assert renamed is not None and renamed.meetings == 1
    old = report.item("Budgets")
    assert old is not None and old.actual_median == 30.5


def test_a_break_is_not_an_item_minute_but_uses_the_box() -> None:
    meeting = held(1, [("Reports", 30, 30), ("Budgets", 25, 25)], pause_after=0, pause_minutes=15)
    report = timing_report([meeting])
    assert [s.actual_median for s in report.items] == [30, 25]
    (time,) = report.meetings
    assert (time.used, time.paused) == (70, 15)


def test_a_break_inside_an_item_does_not_count_for_it() -> None:
    meeting = held(1, [("Reports", 30, 40)])
    meeting = replace(
        meeting, pauses=(Pause(T0 + timedelta(minutes=10), T0 + timedelta(minutes=20)),)
    )
    (reports,) = timing_report([meeting]).items
    assert reports.actual_median == 30 and reports.overran == 0


def test_agenda_and_last_filters() -> None:
    history = [*HISTORY, held(5, [("Kick-off", 60, 70)], agenda="constituting")]
    assert len(timing_report(history).meetings) == 5
    assert [m.number for m in timing_report(history, agenda_id="round-table").meetings] == [
        1,
        2,
        3,
        4,
    ]
    assert [m.number for m in timing_report(history, last=2).meetings] == [4, 5]
    last_two = timing_report(history, agenda_id="round-table", last=2)
    planning = last_two.item("Campaign planning")
    assert planning is not None and planning.actual_trend == (40.4, 44)


def test_extended_items_are_counted() -> None:
    meeting = held(1, [("Budgets", 25, 30)])
    extended = replace(meeting, items=(replace(meeting.items[0], planned_minutes=30),))
    (budgets,) = timing_report([extended]).items
    assert budgets.extended == 1


# --- the forecast --------------------------------------------------------------------

PLAN = [("Reports", 60), ("Campaign planning", 40), ("Budgets", 40), ("Wrap-up", 40)]


def test_forecast_from_the_first_minute() -> None:
    history = [
        held(n, [("Reports", 60, 60), ("Campaign planning", 40, 52), ("Budgets", 40, 40)])
        for n in (1, 2, 3)
    ]
    usual = usual_minutes(timing_report(history))
    meeting = running(4, PLAN)
    now = meeting.started_at + timedelta(minutes=1)
    result = forecast(meeting, now, usual)
    # The plan fits exactly; the usual pace is 12 minutes longer.
    assert result.plan_end == result.planned_end
    assert result.over == timedelta(minutes=12)
    # Budgets ends at 152 and Wrap-up (no history: its plan) at 192 > 180.
    assert result.not_fitting == (3,)
    assert result.from_history == frozenset({0, 1, 2})
    assert forecast_text(meeting, result) == (
        "At the usual pace Wrap-up will not fit (about 12 minutes over)."
    )


def test_forecast_names_every_item_that_does_not_fit() -> None:
    history = [held(n, [("Reports", 60, 90), ("Campaign planning", 40, 52)]) for n in (1, 2)]
    usual = usual_minutes(timing_report(history))
    meeting = running(3, PLAN)
    result = forecast(meeting, meeting.started_at, usual)
    assert result.not_fitting == (2, 3)
    assert forecast_text(meeting, result) == (
        "At the usual pace Budgets and Wrap-up will not fit (about 42 minutes over)."
    )


def test_forecast_without_history_is_the_plan() -> None:
    meeting = running(1, PLAN)
    result = forecast(meeting, meeting.started_at, {})
    assert (
        result.usual_end == result.plan_end == box_view(meeting, meeting.started_at).projected_end
    )
    assert result.not_fitting == ()
    assert forecast_text(meeting, result) == (
        "No history yet for the items left: the plan is the forecast."
    )


def test_forecast_with_time_to_spare_and_an_item_past_its_usual_time() -> None:
    usual = {"reports": 50.0, "campaign planning": 30.0}
    meeting = running(1, [("Reports", 60), ("Campaign planning", 40)])
    # 55 minutes into Reports, which usually takes 50: assumed to stop now.
    now = meeting.started_at + timedelta(minutes=55)
    result = forecast(meeting, now, usual)
    assert result.usual_end == now + timedelta(minutes=30)
    assert forecast_text(meeting, result) == (
        "At the usual pace everything fits, about 95 minutes to spare."
    )
    later = next_item(meeting, now)
    assert forecast(later, now, usual).usual_end == now + timedelta(minutes=30)


def test_rebalance_by_history_stays_inside_the_box() -> None:
    usual = {"campaign planning": 60.0, "budgets": 30.0}
    meeting = running(
        1, [("Reports", 60), ("Campaign planning", 40), ("Budgets", 40), ("Wrap-up", 40)]
    )
    now = meeting.started_at + timedelta(minutes=10)
    balanced = rebalance_by_history(meeting, now, usual)
    # 180 - 10 - 50 = 120 minutes for weights 60, 30 and 40 (Wrap-up's plan): 1 each,
    # and the 117 left split exactly 54, 27, 36.
    assert [item.planned_minutes for item in balanced.items] == [60, 55, 28, 37]
    assert sum(i.planned_minutes for i in balanced.items[1:]) == rebalance_minutes(meeting, now)
    result = forecast(balanced, now, {})
    assert result.plan_end == balanced.started_at + timedelta(minutes=180)


def test_rebalance_by_history_when_the_box_is_spent() -> None:
    meeting = running(1, [("Reports", 60), ("Budgets", 40), ("Wrap-up", 40)], box=140)
    now = meeting.started_at + timedelta(minutes=139)
    balanced = rebalance_by_history(meeting, now, {"budgets": 30.0})
    assert [item.planned_minutes for item in balanced.items] == [60, 1, 1]
