"""Carry-over between meetings: open action items grouped by owner, deferred agenda items
taken into the next agenda (inside the box), and the cadence a new meeting runs under."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from roundtable.domain import timebox
from roundtable.domain.cadence import (
    cadence_for_new_meeting,
    changed_cadence,
    upcoming_meeting_date,
)
from roundtable.domain.carry_over import group_by_owner, read_carry_over, review_index
from roundtable.domain.config import Agenda, AgendaItem, Cadence, ItemKind, Role, TeamConfig
from roundtable.domain.deferred import deferred_items, fit_to_box, is_wrap_up, with_deferred
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.meeting import Attendee, Meeting
from roundtable.errors import UsageError
from roundtable.store.store import Store

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)

ROLES = (
    Role("sales-marketing", "Sales Marketing", "marketing", ("Katrin Vogel",)),
    Role("sales-controlling", "Sales Controlling", "controlling", ("Monika Schneider",)),
    Role("dialog-marketing", "Dialog Marketing", "marketing", ("Stefan Krüger",)),
)

ITEMS = (
    AgendaItem("Open action items", 15, "sales-marketing", ItemKind.REPORT, review=True),
    AgendaItem("Campaign results to date", 30, "sales-controlling", ItemKind.REPORT),
    AgendaItem("Pre-qualified lead pipeline", 30, "dialog-marketing"),
    AgendaItem("Revenue estimate", 25, "sales-marketing", ItemKind.DECISION),
    AgendaItem("Campaign planning", 40, "dialog-marketing"),
    AgendaItem("Budgets", 25, "sales-controlling", ItemKind.DECISION),
    AgendaItem("Wrap-up", 15, "sales-marketing", ItemKind.REPORT),
)


def agenda(agenda_id: str = "round-table", cadence: Cadence = Cadence.WEEKLY) -> Agenda:
    return Agenda(agenda_id, "Round Table", 180, cadence, ITEMS, Path(f"{agenda_id}.yaml"))


def config(*agendas: Agenda) -> TeamConfig:
    return TeamConfig(Path("."), "tests", "Nordwerk Systems GmbH", ROLES, agendas)


def meeting(
    source: Agenda, number: int = 1, now: datetime = START, cadence: Cadence | None = None
) -> Meeting:
    started = timebox.new_meeting(
        source, (Attendee("Katrin Vogel", "sales-marketing"),), "", 1, now
    )
    started = replace(started, number=number)
    return started if cadence is None else replace(started, cadence=cadence)


def action(
    number: int,
    owner: str | None,
    due: date | None = None,
    status: ActionStatus = ActionStatus.OPEN,
    meeting_id: int | None = 1,
) -> ActionItem:
    return ActionItem(
        id=number,
        ref=f"A-{number}",
        text=f"Punkt {number}",
        owner=owner,
        due=due,
        status=status,
        meeting_id=meeting_id,
        item_index=0,
        opened_at=START,
    )


# --- open action items, grouped by owner -------------------------------------------


def test_groups_follow_the_roles_file_with_overdue_owners_first() -> None:
    items = [
        action(1, "sales-marketing", date(2026, 3, 9)),
        action(2, "Monika Schneider", date(2026, 2, 1)),  # overdue
        action(3, None),
        action(4, "Jürgen Weber", date(2026, 3, 5)),  # left the company
        action(5, "sales-marketing", date(2026, 2, 20)),  # overdue
        action(6, "Katrin Vogel", date(2026, 3, 3), ActionStatus.DONE),
        action(7, "dialog-marketing"),
    ]
    groups = group_by_owner(items, ROLES, TODAY)
    assert [g.owner for g in groups] == [
        "sales-marketing",
        "Monika Schneider",
        "Katrin Vogel",
        "dialog-marketing",
        "Jürgen Weber",
        None,
    ]
    first = groups[0]
    assert [a.ref for a in first.actions] == ["A-5", "A-1"]  # overdue first
    assert first.overdue == 1 and first.is_role and first.in_roles
    monika = groups[1]
    assert not monika.is_role and monika.role is not None
    assert monika.role.id == "sales-controlling"
    weber = groups[4]
    assert weber.role is None and not weber.in_roles
    assert groups[5].in_roles  # nobody yet is not someone unknown


def test_review_index_is_the_marked_item_else_the_first() -> None:
    assert review_index(meeting(agenda())) == 0
    moved = agenda()
    moved = replace(
        moved,
        items=(replace(ITEMS[0], review=False), ITEMS[1], replace(ITEMS[2], review=True)),
    )
    assert review_index(meeting(moved)) == 2
    unmarked = replace(moved, items=(replace(ITEMS[0], review=False), ITEMS[1]))
    assert review_index(meeting(unmarked)) == 0


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "roundtable.db", clock=lambda: START) as opened:
        yield opened


def test_carry_over_is_what_was_open_at_the_start_with_its_status_now(store: Store) -> None:
    times = iter([START - timedelta(days=14 - i) for i in range(10)])
    store.clock = lambda: next(times)
    first = store.add_meeting(meeting(agenda(), 1, START - timedelta(days=14)))
    assert first.id is not None
    open_one = store.add_action("Leadliste an den Vertrieb", "dialog-marketing", None, first.id, 2)
    closed_before = store.add_action("Messestand buchen", "sales-marketing", None, first.id, 4)
    closed_later = store.add_action("Budget Q2 prüfen", "sales-controlling", None, first.id, 5)
    store.set_action_status(closed_before.ref, ActionStatus.DONE)
    store.save_meeting(timebox.end(first, START - timedelta(days=14, minutes=-170)))

    store.clock = lambda: START
    second = store.add_meeting(meeting(agenda(), 2, START))
    assert second.id is not None
    store.clock = lambda: START + timedelta(minutes=5)
    store.set_action_status(closed_later.ref, ActionStatus.DONE, second.id)
    store.add_action("Neu in diesem Meeting", "sales-marketing", None, second.id, 0)

    carried = read_carry_over(store, second)
    assert {a.ref for a in carried} == {open_one.ref, closed_later.ref}
    closed = next(a for a in carried if a.ref == closed_later.ref)
    assert closed.status is ActionStatus.DONE and closed.closed_in == second.id


# --- deferred items ----------------------------------------------------------------


def deferred_meeting() -> Meeting:
    """A meeting that ended with the budgets and the campaign planning deferred."""
    started = meeting(agenda())
    now = START
    for _ in range(4):
        now += timedelta(minutes=30)
        started = timebox.next_item(started, now)
    started = timebox.defer(started, 5, now)  # budgets, still to come
    started = timebox.defer(started, 4, now)  # campaign planning, running: on to the wrap-up
    return timebox.end(started, now + timedelta(minutes=15))


def test_deferred_items_are_those_the_meeting_deferred_in_agenda_order() -> None:
    ended = deferred_meeting()
    assert [item.title for item in deferred_items(ended)] == [
        "Campaign planning",
        "Budgets",
    ]
    assert deferred_items(None) == ()


def test_carried_items_go_before_the_wrap_up_with_their_planned_minutes() -> None:
    carried = deferred_items(deferred_meeting())[:1]  # campaign planning, 40 minutes
    shorter = ITEMS[:2] + ITEMS[-1:]  # 60 minutes with the wrap-up
    plan = with_deferred(shorter, carried, 180)
    assert [item.title for item in plan.items] == [
        "Open action items",
        "Campaign results to date",
        "Campaign planning",
        "Wrap-up",
    ]
    assert plan.carried == frozenset({2})
    assert plan.items[2].minutes == 40 and not plan.items[2].review
    assert plan.fits and plan.planned_minutes == 100


def test_without_a_wrap_up_they_go_at_the_end() -> None:
    assert not is_wrap_up(ITEMS[5])
    assert is_wrap_up(replace(ITEMS[6], title="Abschluss und Ausblick"))
    plan = with_deferred(ITEMS[:2], deferred_items(deferred_meeting())[:1], 180)
    assert [item.title for item in plan.items][-1] == "Campaign planning"


def test_over_the_box_is_said_and_fitting_shrinks_only_the_agendas_own_items() -> None:
    # 40 + 25 minutes, under titles today's agenda does not have (else carried into them)
    carried = [
        replace(item, title=f"{item.title} (special)")
        for item in deferred_items(deferred_meeting())[:2]
    ]
    plan = with_deferred(ITEMS, carried, 180)
    assert plan.planned_minutes == 245 and not plan.fits and plan.over_minutes == 65
    fitted = fit_to_box(plan)
    assert fitted.planned_minutes == 180 and fitted.fits
    assert [fitted.items[i].minutes for i in sorted(fitted.carried)] == [40, 25]
    own = [item.minutes for i, item in enumerate(fitted.items) if i not in fitted.carried]
    assert sum(own) == 115 and all(m >= 1 for m in own)
    assert all(
        new.minutes <= old.minutes
        for new, old in zip(
            [item for i, item in enumerate(fitted.items) if i not in fitted.carried],
            ITEMS,
            strict=True,
        )
    )


def test_what_cannot_fit_even_at_a_minute_each_is_refused() -> None:
    huge = replace(
        deferred_items(deferred_meeting())[0], title="Special planning", original_minutes=175
    )
    plan = with_deferred(ITEMS, [huge], 180)
    assert not plan.can_fit
    with pytest.raises(UsageError, match="Take fewer"):
        fit_to_box(plan)


# --- cadence -------------------------------------------------------------------------


def test_a_new_meeting_takes_its_agendas_cadence_until_the_team_changes_it() -> None:
    weekly, sync = agenda(), agenda("quick-sync", Cadence.BIWEEKLY)
    team = config(weekly, sync)
    assert cadence_for_new_meeting(weekly, None, team) is Cadence.WEEKLY
    assert cadence_for_new_meeting(sync, meeting(weekly), team) is Cadence.BIWEEKLY
    changed = meeting(weekly, cadence=Cadence.BIWEEKLY)  # the team moved to every two weeks
    assert changed_cadence(changed, team) is Cadence.BIWEEKLY
    assert cadence_for_new_meeting(weekly, changed, team) is Cadence.BIWEEKLY
    # The next meeting inherited it, so it still differs from its agenda: it holds on.
    inherited = meeting(weekly, 3, cadence=Cadence.BIWEEKLY)
    assert cadence_for_new_meeting(weekly, inherited, team) is Cadence.BIWEEKLY
    # Changed back to the agenda's: the agendas decide again.
    back = meeting(weekly, 4, cadence=Cadence.WEEKLY)
    assert changed_cadence(back, team) is None
    assert cadence_for_new_meeting(sync, back, team) is Cadence.BIWEEKLY


def test_a_meeting_of_an_agenda_no_longer_there_passes_its_cadence_on() -> None:
    gone = meeting(agenda("constituting"), cadence=Cadence.WEEKLY)
    team = config(agenda(cadence=Cadence.BIWEEKLY))
    assert changed_cadence(gone, team) is Cadence.WEEKLY


@pytest.mark.parametrize(
    ("last", "cadence", "today", "expected"),
    [
        (date(2026, 3, 2), Cadence.WEEKLY, date(2026, 3, 2), date(2026, 3, 9)),
        (date(2026, 3, 2), Cadence.BIWEEKLY, date(2026, 3, 5), date(2026, 3, 16)),
        (date(2026, 3, 2), Cadence.BIWEEKLY, date(2026, 3, 16), date(2026, 3, 16)),
        (date(2026, 3, 2), Cadence.BIWEEKLY, date(2026, 3, 17), date(2026, 3, 30)),
        (date(2026, 1, 5), Cadence.WEEKLY, date(2026, 3, 3), date(2026, 3, 9)),
    ],
)
def test_upcoming_meeting_date_skips_the_meetings_already_past(
    last: date, cadence: Cadence, today: date, expected: date
) -> None:
    assert upcoming_meeting_date(last, cadence, today) == expected


def test_a_deferred_item_the_agenda_has_too_is_carried_into_it_not_added_twice() -> None:
    carried = deferred_items(deferred_meeting())  # campaign planning 40, budgets 25
    squeezed = [replace(item, original_minutes=8) for item in carried]
    plan = with_deferred(ITEMS, squeezed, 180)
    titles = [item.title for item in plan.items]
    assert titles == [item.title for item in ITEMS]  # nothing twice
    planning = titles.index("Campaign planning")
    budgets = titles.index("Budgets")
    assert plan.carried == frozenset({planning, budgets})
    # The agenda's own plan stays when it is the longer one; the item says it came back.
    assert plan.items[planning].minutes == ITEMS[planning].minutes
    assert "Deferred from the last meeting." in plan.items[planning].notes
    assert plan.planned_minutes == sum(item.minutes for item in ITEMS)


def test_carried_into_an_item_it_keeps_the_longer_plan_and_fitting_keeps_it() -> None:
    carried = deferred_items(deferred_meeting())[:1]
    longer = [replace(carried[0], original_minutes=70)]
    plan = with_deferred(ITEMS, longer, 180)
    planning = [item.title for item in plan.items].index("Campaign planning")
    assert plan.items[planning].minutes == 70 and len(plan.items) == len(ITEMS)
    fitted = fit_to_box(plan)
    assert fitted.fits and fitted.items[planning].minutes == 70
