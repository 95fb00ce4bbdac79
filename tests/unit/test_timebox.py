"""The time box walked through whole meetings at explicit moments: no clock is read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roundtable.domain.config import Agenda, AgendaItem, Cadence, ItemKind
from roundtable.domain.meeting import (
    Attendee,
    ItemState,
    Meeting,
    MeetingState,
    Pause,
    Segment,
)
from roundtable.domain.timebox import (
    ItemPhase,
    box_view,
    defer,
    end,
    extend,
    item_elapsed,
    item_phase,
    item_remaining,
    new_meeting,
    next_item,
    pause,
    previous_item,
    rebalance,
    rebalance_minutes,
    restore_deferred,
    resume,
    running_order,
    spare_minutes,
    warning_window,
)

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)

ATTENDEES = (
    Attendee("Sabine Krüger", "vertriebscontrolling"),
    Attendee("Jörg Hansen", "dialogmarketing"),
    Attendee("Aylin Demir", "marketingkommunikation"),
    Attendee("Markus Weber", "absatzmarketing"),
    Attendee("Claudia Schmitt", "produktmarketing", present=False),
)


def at(minutes: float) -> datetime:
    """The moment `minutes` after the meeting started."""
    return T0 + timedelta(minutes=minutes)


def mins(minutes: float) -> timedelta:
    return timedelta(minutes=minutes)


def make_agenda(*minutes: int, timebox: int = 180) -> Agenda:
    """A round-table agenda whose items are planned for `minutes`."""
    titles = [
        ("Offene Aufgaben aus dem letzten Meeting", "vertriebscontrolling", ItemKind.REPORT),
        ("Kampagnenergebnisse Q1 (Controlling)", "vertriebscontrolling", ItemKind.REPORT),
        ("Lead-Pipeline Dialogmarketing", "dialogmarketing", ItemKind.DISCUSSION),
        ("Umsatzprognose aus den Leads", "absatzmarketing", ItemKind.DISCUSSION),
        ("Kampagnenplanung Frühjahrsmesse", "marketingkommunikation", ItemKind.DECISION),
        ("Budgets Vertrieb und Kommunikation", "absatzmarketing", ItemKind.DECISION),
        ("Zusammenfassung und nächste Schritte", "vertriebscontrolling", ItemKind.REPORT),
    ]
    items = tuple(
        AgendaItem(
            title=titles[i % len(titles)][0] if i < len(titles) else f"Thema {i + 1}",
            minutes=m,
            role=titles[i % len(titles)][1],
            kind=titles[i % len(titles)][2],
            notes="Zahlen bis Freitag an alle" if i == 1 else "",
            review=i == 0,
        )
        for i, m in enumerate(minutes)
    )
    return Agenda(
        id="runder-tisch",
        title="Runder Tisch Marketing & Vertrieb",
        timebox_minutes=timebox,
        cadence=Cadence.BIWEEKLY,
        items=items,
        path=Path("agendas/runder-tisch.yaml"),
        facilitator="vertriebscontrolling",
    )


def start(*minutes: int, timebox: int = 180) -> Meeting:
    return new_meeting(make_agenda(*minutes, timebox=timebox), ATTENDEES, "Sabine Krüger", 7, T0)


def states(meeting: Meeting) -> list[ItemState]:
    return [item.state for item in meeting.items]


def planned(meeting: Meeting) -> list[int]:
    return [item.planned_minutes for item in meeting.items]


R, P, D, X = ItemState.RUNNING, ItemState.PENDING, ItemState.DONE, ItemState.DEFERRED


# --- starting -------------------------------------------------------------------------


def test_new_meeting_snapshots_the_agenda_and_runs_the_first_item() -> None:
    agenda = make_agenda(10, 20, 15)
    meeting = new_meeting(agenda, ATTENDEES, "Sabine Krüger", 7, T0)

    assert meeting.id is None
    assert (meeting.number, meeting.agenda_id, meeting.title) == (
        7,
        "runder-tisch",
        "Runder Tisch Marketing & Vertrieb",
    )
    assert (meeting.timebox_minutes, meeting.cadence) == (180, Cadence.BIWEEKLY)
    assert meeting.attendees == ATTENDEES
    assert meeting.facilitator == "Sabine Krüger"
    assert meeting.started_at == T0
    assert meeting.ended_at is None
    assert meeting.state is MeetingState.RUNNING
    assert meeting.current == 0
    assert states(meeting) == [R, P, P]
    assert meeting.items[0].segments == (Segment(T0),)
    assert meeting.items[1].segments == ()
    for item, source in zip(meeting.items, agenda.items, strict=True):
        assert (item.title, item.role, item.kind, item.notes, item.review) == (
            source.title,
            source.role,
            source.kind,
            source.notes,
            source.review,
        )
        assert item.planned_minutes == item.original_minutes == source.minutes


def test_fresh_meeting_view() -> None:
    view = box_view(start(10, 20, 15, timebox=60), T0)

    assert view.used == timedelta(0)
    assert view.left == mins(60)
    assert view.planned_end == at(60)
    assert view.projected_end == at(45)
    assert not view.box_over
    assert view.current_elapsed == timedelta(0)
    assert view.current_remaining == mins(10)
    assert view.current_phase is ItemPhase.NORMAL
    assert view.item_elapsed == (timedelta(0),) * 3
    assert view.not_fitting == frozenset()


# --- one item's clock -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned_minutes", "window"),
    [(1, timedelta(seconds=12)), (5, mins(1)), (8, timedelta(seconds=96)), (10, mins(2))],
)
def test_warning_window_is_a_fifth_but_at_most_two_minutes(
    planned_minutes: int, window: timedelta
) -> None:
    assert warning_window(planned_minutes) == window
    assert warning_window(30) == mins(2)


def test_five_minute_item_warns_at_four_and_overruns_after_five() -> None:
    meeting = start(5, 10)

    def phase(minute: float) -> ItemPhase | None:
        return box_view(meeting, at(minute)).current_phase

    assert phase(3 + 59 / 60) is ItemPhase.NORMAL
    assert phase(4) is ItemPhase.WARNING
    assert phase(5) is ItemPhase.WARNING
    assert box_view(meeting, at(5)).current_remaining == timedelta(0)
    assert phase(5 + 1 / 60) is ItemPhase.OVERRUN


def test_thirty_minute_item_warns_at_twenty_eight() -> None:
    meeting = start(30)

    assert box_view(meeting, at(27.99)).current_phase is ItemPhase.NORMAL
    assert box_view(meeting, at(28)).current_phase is ItemPhase.WARNING
    assert box_view(meeting, at(28)).current_remaining == mins(2)


def test_overrun_counts_up() -> None:
    meeting = start(5, 10)

    for minute, overrun in [(6, 1), (8, 3), (20, 15)]:
        view = box_view(meeting, at(minute))
        assert view.current_remaining == -mins(overrun)
        assert view.current_phase is ItemPhase.OVERRUN
        assert item_remaining(meeting, 0, at(minute)) == -mins(overrun)
    assert item_phase(5, -timedelta(seconds=1)) is ItemPhase.OVERRUN


def test_break_stops_item_clocks_but_not_the_box() -> None:
    meeting = pause(start(10, 20, timebox=60), at(2))
    assert meeting.state is MeetingState.PAUSED

    during = box_view(meeting, at(9))
    assert during.current_elapsed == mins(2)
    assert during.used == mins(9)
    # The break is assumed to end now: 8 minutes of the item and 20 of the next are left.
    assert during.projected_end == at(9 + 8 + 20)

    meeting = resume(meeting, at(12))
    assert meeting.pauses == (Pause(at(2), at(12)),)
    after = box_view(meeting, at(15))
    assert after.current_elapsed == mins(5)
    assert after.used == mins(15)
    assert after.left == mins(45)
    assert item_elapsed(meeting, 0, at(15)) == mins(5)


def test_break_spanning_an_item_change_is_taken_off_both_items() -> None:
    meeting = start(10, 20)
    meeting = pause(meeting, at(8))
    meeting = next_item(meeting, at(10))
    meeting = resume(meeting, at(13))

    view = box_view(meeting, at(20))
    assert view.item_elapsed == (mins(8), mins(7))


def test_pausing_twice_and_resuming_while_running_do_nothing() -> None:
    meeting = start(10)
    assert resume(meeting, at(1)) is meeting
    paused = pause(meeting, at(2))
    assert pause(paused, at(3)) is paused
    assert paused.pauses == (Pause(at(2)),)


# --- the whole meeting ----------------------------------------------------------------


def test_projected_end_moves_once_the_item_overruns() -> None:
    meeting = start(10, 20, 15, timebox=60)

    assert box_view(meeting, at(3)).projected_end == at(45)
    assert box_view(meeting, at(10)).projected_end == at(45)
    # Two minutes over: the current item is assumed to stop now.
    assert box_view(meeting, at(12)).projected_end == at(47)
    assert box_view(meeting, at(25)).projected_end == at(60)


def test_partly_run_pending_item_counts_only_what_it_has_left() -> None:
    meeting = start(10, 20, 15, timebox=60)
    meeting = next_item(meeting, at(10))
    meeting = previous_item(meeting, at(16))  # item 1 ran 6 of its 20 minutes

    view = box_view(meeting, at(16))
    assert states(meeting) == [R, P, P]
    assert view.projected_end == at(16 + 0 + 14 + 15)


def test_items_that_would_end_after_the_box_are_marked() -> None:
    meeting = start(20, 20, 15, 5, timebox=60)

    assert box_view(meeting, at(0)).not_fitting == frozenset()
    # 10 minutes over: item 3 (5 minutes) would end at 70 and item 2 at 65.
    view = box_view(meeting, at(30))
    assert view.projected_end == at(70)
    assert view.not_fitting == frozenset({2, 3})
    # An item that starts inside the box but ends after it does not fit either.
    assert box_view(meeting, at(22)).not_fitting == frozenset({3})
    assert box_view(meeting, at(20)).not_fitting == frozenset()


def test_box_over_after_the_time_box() -> None:
    meeting = start(30, 40, timebox=60)

    assert not box_view(meeting, at(59)).box_over
    over = box_view(meeting, at(75))
    assert over.box_over
    assert over.left == -mins(15)


def test_view_is_the_same_however_often_and_after_any_gap() -> None:
    meeting = start(30, 60, 20, timebox=120)
    meeting = next_item(meeting, at(25))

    first = box_view(meeting, at(40))
    assert all(box_view(meeting, at(40)) == first for _ in range(3))

    # The app was closed for an hour: nothing ticked, the view is still right.
    later = box_view(meeting, at(40 + 61))
    assert later.used == mins(101)
    assert later.current_elapsed == mins(76)
    assert later.current_remaining == -mins(16)
    assert later.item_elapsed == (mins(25), mins(76), timedelta(0))


# --- next and previous ----------------------------------------------------------------


def test_next_closes_the_item_and_starts_the_next() -> None:
    meeting = next_item(start(10, 20, 15), at(9))

    assert meeting.current == 1
    assert states(meeting) == [D, R, P]
    assert meeting.items[0].segments == (Segment(at(0), at(9)),)
    assert meeting.items[0].ended_at == at(9)
    assert meeting.items[1].segments == (Segment(at(9)),)


def test_next_after_the_last_item_leaves_no_current_item() -> None:
    meeting = start(10, 20)
    meeting = next_item(meeting, at(10))
    meeting = next_item(meeting, at(30))

    assert meeting.current is None
    assert states(meeting) == [D, D]
    assert meeting.ended_at is None
    assert next_item(meeting, at(31)) is meeting
    view = box_view(meeting, at(31))
    assert view.current_remaining is None
    assert view.current_phase is None
    assert view.projected_end == at(31)


def test_previous_and_next_round_trip_keeps_every_segment() -> None:
    meeting = start(10, 20, 15)
    meeting = next_item(meeting, at(10))
    meeting = previous_item(meeting, at(12))

    assert meeting.current == 0
    assert states(meeting) == [R, P, P]
    assert meeting.items[0].segments == (Segment(at(0), at(10)), Segment(at(12)))
    assert meeting.items[1].segments == (Segment(at(10), at(12)),)

    meeting = next_item(meeting, at(15))
    assert meeting.current == 1
    assert states(meeting) == [D, R, P]
    assert meeting.items[1].segments == (Segment(at(10), at(12)), Segment(at(15)))
    assert box_view(meeting, at(20)).item_elapsed == (mins(13), mins(7), timedelta(0))


def test_previous_skips_deferred_items_and_stops_at_the_top() -> None:
    meeting = start(10, 20, 15)
    assert previous_item(meeting, at(1)) is meeting

    meeting = defer(meeting, 1, at(2))
    meeting = next_item(meeting, at(10))
    assert meeting.current == 2
    meeting = previous_item(meeting, at(11))
    assert meeting.current == 0
    assert states(meeting) == [R, X, P]


def test_previous_without_current_item_goes_back_to_the_last_one_done() -> None:
    meeting = start(10, 20)
    meeting = next_item(meeting, at(10))
    meeting = next_item(meeting, at(30))
    meeting = previous_item(meeting, at(31))

    assert meeting.current == 1
    assert states(meeting) == [D, R]
    assert meeting.items[1].segments == (Segment(at(10), at(30)), Segment(at(31)))


def test_next_wraps_to_a_pending_item_above() -> None:
    meeting = start(10, 20, 15)
    meeting = defer(meeting, 1, at(1))
    meeting = next_item(meeting, at(10))
    meeting = restore_deferred(meeting, 1, at(11))
    assert running_order(meeting) == (1,)
    meeting = next_item(meeting, at(20))

    assert meeting.current == 1
    assert states(meeting) == [D, R, D]


def test_restored_item_after_the_last_one_can_be_started() -> None:
    meeting = start(10, 20)
    meeting = defer(meeting, 1, at(1))
    meeting = next_item(meeting, at(10))
    assert meeting.current is None
    meeting = restore_deferred(meeting, 1, at(11))
    meeting = next_item(meeting, at(12))

    assert meeting.current == 1
    assert states(meeting) == [D, R]


# --- defer ----------------------------------------------------------------------------


def test_defer_a_later_item() -> None:
    meeting = start(10, 20, 15, timebox=60)
    meeting = defer(meeting, 1, at(3))

    assert states(meeting) == [R, X, P]
    assert meeting.current == 0
    assert box_view(meeting, at(3)).projected_end == at(3 + 7 + 15)
    assert defer(meeting, 1, at(4)) is meeting


def test_defer_the_current_item_moves_on() -> None:
    meeting = start(10, 20, 15)
    meeting = defer(meeting, 0, at(4))

    assert states(meeting) == [X, R, P]
    assert meeting.current == 1
    assert meeting.items[0].segments == (Segment(at(0), at(4)),)
    assert meeting.items[1].segments == (Segment(at(4)),)


def test_defer_a_done_item_does_nothing_and_restore_brings_it_back() -> None:
    meeting = next_item(start(10, 20, 15), at(10))
    assert defer(meeting, 0, at(11)) is meeting

    deferred = defer(meeting, 2, at(11))
    assert states(deferred) == [D, R, X]
    assert states(restore_deferred(deferred, 2, at(12))) == [D, R, P]
    assert restore_deferred(deferred, 1, at(12)) is deferred
    with pytest.raises(IndexError):
        defer(meeting, 3, at(12))


# --- extend and rebalance -------------------------------------------------------------


def test_extend_takes_from_later_items_in_proportion() -> None:
    meeting = start(10, 30, 20, 10, timebox=70)
    meeting = extend(meeting, 6, at(9))

    # 6 minutes from 30, 20, 10 in proportion: 3, 2, 1.
    assert planned(meeting) == [16, 27, 18, 9]
    assert sum(planned(meeting)) == 70
    assert [item.original_minutes for item in meeting.items] == [10, 30, 20, 10]
    assert box_view(meeting, at(9)).projected_end == at(9 + 7 + 54)


def test_extend_takes_the_spare_time_of_the_plan_first() -> None:
    # 50 minutes planned in a 70-minute box: 20 spare.
    meeting = start(10, 20, 20, timebox=70)
    assert spare_minutes(meeting, at(4)) == 20
    assert planned(extend(meeting, 5, at(4))) == [15, 20, 20]  # the spare time only
    # 25 more: the 20 spare, then 5 from the later items in proportion.
    assert planned(extend(meeting, 25, at(4))) == [35, 17, 18]
    # An overrun eats the spare time first: 8 minutes into a 10-minute item's overrun...
    late = start(10, 20, 20, timebox=70)
    assert spare_minutes(late, at(18)) == 12
    assert planned(extend(late, 5, at(18))) == [15, 20, 20]


def test_extend_rounds_by_largest_remainder() -> None:
    meeting = extend(start(10, 10, 10, 10, timebox=40), 5, at(1))

    # No spare time in the box; 5 / 3 each: the ties go to the earlier items.
    assert planned(meeting) == [15, 8, 8, 9]


def test_extend_never_takes_an_item_below_one_minute() -> None:
    meeting = start(10, 2, 1, 4, timebox=17)
    meeting = extend(meeting, 10, at(5))

    # Only 1 + 0 + 3 minutes can be given; the current item gets all 10 anyway.
    assert planned(meeting) == [20, 1, 1, 1]
    assert box_view(meeting, at(5)).projected_end == at(5 + 15 + 3)


def test_extend_without_a_current_item_or_by_nothing_does_nothing() -> None:
    meeting = start(10)
    assert extend(meeting, 0, at(1)) is meeting
    done = next_item(meeting, at(10))
    assert extend(done, 5, at(11)) is done


def test_rebalance_fits_the_pending_items_into_the_box() -> None:
    meeting = start(30, 20, 40, 10, timebox=90)
    at_40 = at(40)  # 10 minutes over: 70 planned minutes left, only 50 in the box

    assert box_view(meeting, at_40).not_fitting == frozenset({2, 3})
    assert rebalance_minutes(meeting, at_40) == 50
    meeting = rebalance(meeting, at_40)

    # 50 in proportion to 20, 40, 10: 14.28, 28.57, 7.14 -> 14, 29, 7.
    assert planned(meeting) == [30, 14, 29, 7]
    view = box_view(meeting, at_40)
    assert view.projected_end == view.planned_end
    assert view.not_fitting == frozenset()


def test_rebalance_counts_what_the_current_item_has_left() -> None:
    meeting = start(30, 40, 40, timebox=90)
    meeting = rebalance(meeting, at(10.5))

    # 79.5 minutes to the end, 19.5 still planned for the current item: 60 to share.
    assert planned(meeting) == [30, 30, 30]


def test_rebalance_keeps_every_item_at_least_one_minute() -> None:
    meeting = start(30, 1, 30, 60, timebox=60)
    meeting = rebalance(meeting, at(30))

    # 30 minutes: 1 would get 0.33 -> pinned at 1, the other 29 split 30:60.
    assert planned(meeting) == [30, 1, 10, 19]

    squeezed = rebalance(start(50, 5, 5, 5, timebox=60), at(58))
    assert planned(squeezed) == [50, 1, 1, 1]


def test_rebalance_without_pending_items_does_nothing() -> None:
    meeting = start(30)
    assert rebalance(meeting, at(10)) is meeting


# --- the end --------------------------------------------------------------------------


def test_end_closes_everything_and_defers_the_rest() -> None:
    meeting = start(10, 20, 15, 5)
    meeting = next_item(meeting, at(10))
    meeting = pause(meeting, at(20))
    meeting = end(meeting, at(25))

    assert meeting.state is MeetingState.ENDED
    assert meeting.ended_at == at(25)
    assert meeting.current is None
    assert states(meeting) == [D, D, X, X]
    assert meeting.items[1].segments == (Segment(at(10), at(25)),)
    assert meeting.pauses == (Pause(at(20), at(25)),)

    view = box_view(meeting, at(90))
    assert view.used == mins(25)
    assert view.projected_end == at(25)
    assert view.item_elapsed == (mins(10), mins(10), timedelta(0), timedelta(0))
    assert view.current_remaining is None
    assert view.not_fitting == frozenset()


def test_ended_meeting_ignores_every_operation() -> None:
    meeting = end(next_item(start(10, 20, 15), at(10)), at(15))
    later = at(20)

    operations: list[Callable[[Meeting], Meeting]] = [
        lambda m: end(m, later),
        lambda m: next_item(m, later),
        lambda m: previous_item(m, later),
        lambda m: pause(m, later),
        lambda m: resume(m, later),
        lambda m: extend(m, 5, later),
        lambda m: rebalance(m, later),
        lambda m: defer(m, 2, later),
        lambda m: restore_deferred(m, 2, later),
    ]
    for operation in operations:
        assert operation(meeting) is meeting


def test_clock_stepping_back_cannot_make_segments_run_backwards() -> None:
    meeting = next_item(start(10, 20), at(10))
    meeting = previous_item(meeting, at(9))  # the system clock went back a minute

    assert meeting.items[1].segments == (Segment(at(10), at(10)),)
    assert meeting.items[0].segments[-1] == Segment(at(10))
    assert box_view(meeting, at(9.5)).item_elapsed == (mins(9.5), timedelta(0))


# --- properties -----------------------------------------------------------------------

_operations = st.one_of(
    st.tuples(st.just("next")),
    st.tuples(st.just("previous")),
    st.tuples(st.just("pause")),
    st.tuples(st.just("resume")),
    st.tuples(st.just("extend"), st.integers(1, 30)),
    st.tuples(st.just("rebalance")),
    st.tuples(st.just("defer"), st.integers(0, 7)),
    st.tuples(st.just("restore"), st.integers(0, 7)),
    st.tuples(st.just("end")),
)

_steps = st.lists(
    st.tuples(st.integers(0, 30 * 60), _operations),  # seconds since the last step
    max_size=30,
)

_agendas = st.lists(st.integers(1, 40), min_size=1, max_size=8)


def _apply(meeting: Meeting, operation: tuple[object, ...], now: datetime) -> Meeting:
    name = operation[0]
    index = operation[1] if len(operation) > 1 else 0
    assert isinstance(index, int)
    index = index % len(meeting.items)
    if name == "next":
        return next_item(meeting, now)
    if name == "previous":
        return previous_item(meeting, now)
    if name == "pause":
        return pause(meeting, now)
    if name == "resume":
        return resume(meeting, now)
    if name == "extend":
        assert isinstance(operation[1], int)
        return extend(meeting, operation[1], now)
    if name == "rebalance":
        return rebalance(meeting, now)
    if name == "defer":
        return defer(meeting, index, now)
    if name == "restore":
        return restore_deferred(meeting, index, now)
    return end(meeting, now)


def _check_invariants(meeting: Meeting, now: datetime) -> None:
    assert all(item.planned_minutes >= 1 for item in meeting.items)

    running = [i for i, item in enumerate(meeting.items) if item.state is ItemState.RUNNING]
    assert running == ([] if meeting.current is None else [meeting.current])

    segments = sorted(
        (segment for item in meeting.items for segment in item.segments),
        key=lambda segment: (segment.start, segment.end is None, segment.end or segment.start),
    )
    open_segments = [segment for segment in segments if segment.end is None]
    assert len(open_segments) == len(running)
    for item in meeting.items:
        for segment in item.segments[:-1]:
            assert segment.end is not None
        starts = [segment.start for segment in item.segments]
        assert starts == sorted(starts)
    for earlier, later in pairwise(segments):
        assert earlier.end is not None
        assert earlier.start <= earlier.end <= later.start
    for one in meeting.pauses[:-1]:
        assert one.end is not None
    for earlier_pause, later_pause in pairwise(meeting.pauses):
        assert earlier_pause.end is not None
        assert earlier_pause.start <= earlier_pause.end <= later_pause.start

    view = box_view(meeting, now)
    assert view == box_view(meeting, now)
    assert all(elapsed >= timedelta(0) for elapsed in view.item_elapsed)
    # Only one item runs at a time, so together they cannot use more than the wall clock.
    assert sum(view.item_elapsed, timedelta(0)) <= view.used
    if meeting.ended_at is None:
        assert view.projected_end >= now
        assert view.not_fitting <= set(running_order(meeting))
    else:
        assert not {ItemState.RUNNING, ItemState.PENDING} & set(states(meeting))
        assert not open_segments
        assert meeting.state is MeetingState.ENDED


@settings(max_examples=150, deadline=None)
@given(minutes=_agendas, steps=_steps)
def test_random_meetings_keep_their_invariants(
    minutes: list[int], steps: list[tuple[int, tuple[object, ...]]]
) -> None:
    meeting = start(*minutes)
    now = T0
    _check_invariants(meeting, now)
    for gap, operation in steps:
        now += timedelta(seconds=gap)
        meeting = _apply(meeting, operation, now)
        _check_invariants(meeting, now)


@settings(max_examples=150, deadline=None)
@given(
    minutes=_agendas,
    steps=_steps,
    timebox=st.integers(1, 180),
    seconds=st.integers(0, 200 * 60),
)
def test_rebalance_fills_exactly_what_is_left(
    minutes: list[int],
    steps: list[tuple[int, tuple[object, ...]]],
    timebox: int,
    seconds: int,
) -> None:
    meeting = start(*minutes, timebox=timebox)
    now = T0
    for gap, operation in steps:
        now += timedelta(seconds=gap)
        meeting = _apply(meeting, operation, now)
    now += timedelta(seconds=seconds)

    order = running_order(meeting)
    available = rebalance_minutes(meeting, now)
    balanced = rebalance(meeting, now)
    shares = [balanced.items[i].planned_minutes for i in order]
    others = [i for i in range(len(meeting.items)) if i not in order]

    assert all(share >= 1 for share in shares)
    assert [balanced.items[i] for i in others] == [meeting.items[i] for i in others]
    if meeting.ended_at is None and order:
        assert sum(shares) == max(available, len(order))
        assert rebalance(meeting, now) == balanced  # deterministic


@settings(max_examples=150, deadline=None)
@given(
    minutes=st.lists(st.integers(1, 60), min_size=2, max_size=8),
    extra=st.integers(1, 120),
)
def test_extend_moves_minutes_without_losing_any(minutes: list[int], extra: int) -> None:
    meeting = start(*minutes)
    extended = extend(meeting, extra, at(1))

    before, after = planned(meeting), planned(extended)
    assert after[0] == before[0] + extra
    assert all(1 <= a <= b for a, b in zip(after[1:], before[1:], strict=True))
    # First the box's spare time, then what the later items can give.
    free = spare_minutes(meeting, at(1))
    spare = sum(b - 1 for b in before[1:])
    assert sum(before[1:]) - sum(after[1:]) == min(max(extra - free, 0), spare)
