"""Between meetings: the carry-over of open action items in the review item, the items
the last meeting deferred offered before the next one starts, and the cadence.

A first meeting (two weeks earlier) leaves open action items and deferred items behind;
the app then starts or resumes the next meeting on the same real store.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from roundtable.domain import timebox
from roundtable.domain.config import Cadence, TeamConfig
from roundtable.domain.entries import ActionStatus
from roundtable.domain.meeting import ItemState, Meeting
from roundtable.store.store import Store
from roundtable.ui.screens.dialogs.cadence import CadenceModal
from roundtable.ui.screens.dialogs.deferred_offer import DeferredOffer
from roundtable.ui.screens.forms.action_edit import DueModal, OwnerModal
from roundtable.ui.screens.home.home import HomeScreen
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.carry_over import CarryOverTable
from tests.ui.conftest import (
    FakeClock,
    app_for,
    meeting_screen,
    running_meeting,
    settle,
    shown_text,
    wait_until,
)


def earlier_meeting(store: Store, config: TeamConfig, clock: FakeClock) -> Meeting:
    """Meeting 1, two weeks ago: four open action items (one owner has left the company,
    one item nobody owns), one closed; the budgets and campaign planning deferred."""
    clock.advance(days=-14)
    first = running_meeting(store, config, clock)
    assert first.id is not None
    for text, owner, due, index in (
        ("Leadliste Frühjahrskampagne an den Vertrieb", "dialog-marketing", date(2026, 2, 20), 2),
        ("Umsatzschätzung Messe Hannover aktualisieren", "Monika Schneider", date(2026, 3, 9), 3),
        ("Agentur-Briefing Herbstkampagne", "Jürgen Weber", date(2026, 2, 27), 4),
        ("Budgetverschiebung mit der Geschäftsführung klären", None, None, 5),
    ):
        store.add_action(text, owner, due, first.id, index)
    closed = store.add_action("Messestand buchen", "sales-marketing", None, first.id, 4)
    store.set_action_status(closed.ref, ActionStatus.DONE, first.id)
    ended = first
    for minutes in (15, 30, 30, 25):
        clock.advance(minutes=minutes)
        ended = timebox.next_item(ended, clock())
    ended = timebox.defer(ended, 5, clock())  # budgets
    ended = timebox.defer(ended, 4, clock())  # campaign planning, running: on to the wrap-up
    clock.advance(minutes=10)
    ended = timebox.end(ended, clock())
    store.save_meeting(ended)
    clock.advance(days=14, minutes=-110)  # back to 09:00, two weeks later
    return ended


def carry_over(app: App[None]) -> CarryOverTable:
    return meeting_screen(app).query_one(CarryOverTable)


async def carry_over_shown(pilot: Pilot[None]) -> CarryOverTable:
    """Wait for the carry-over: it is read and built just after the first frame."""
    app = pilot.app
    await wait_until(pilot, lambda: bool(app.screen.query(CarryOverTable)))
    table = carry_over(app)
    await wait_until(pilot, lambda: bool(table.groups))
    return table


def rows(app: App[None]) -> list[str]:
    return [action.ref for group in carry_over(app).groups for action in group.actions]


# --- the carry-over -------------------------------------------------------------------


async def test_review_item_opens_with_the_open_items_grouped_by_owner_overdue_first(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    earlier_meeting(store, config, clock)
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        table = await carry_over_shown(pilot)
        assert table.display and not meeting_screen(app).query_one(AgendaList).display
        assert app.focused is table
        # Overdue owners first (roles-file order), then the rest; the closed one is not here.
        assert rows(app) == ["A-1", "A-3", "A-2", "A-4"]
        shown = shown_text(app)
        assert "4 open from earlier meetings · 2 overdue" in shown
        # The owner column is narrow so the item's text gets the width: owners wrap.
        cells = " ".join(
            str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)
        )
        assert "Jürgen Weber (not in roles)" in cells
        assert "Jürgen Weber" in shown
        assert "nobody yet" in shown
        assert "Messestand buchen" not in shown

        await pilot.press("c")  # the agenda on demand ...
        assert not table.display and meeting_screen(app).query_one(AgendaList).display
        await pilot.press("c")  # ... and back
        assert table.display
        await pilot.press("n")  # the next item: the agenda takes its place again
        await settle(pilot)
        assert not table.display
        await pilot.press("c")  # reachable at any time
        assert table.display


async def test_close_drop_and_undo_are_recorded_in_this_meeting(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    earlier_meeting(store, config, clock)
    meeting = running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await carry_over_shown(pilot)
        await pilot.press("enter")  # A-1 done
        await settle(pilot)
        done = store.action("A-1")
        assert done.status is ActionStatus.DONE and done.closed_in == meeting.id
        assert rows(app)[0] == "A-1"  # still listed, so it can be reopened
        assert "done" in shown_text(app)
        assert "3 open from earlier meetings" in shown_text(app)

        await pilot.press("down", "delete")  # A-3 dropped
        await settle(pilot)
        dropped = store.action("A-3")
        assert dropped.status is ActionStatus.DROPPED and dropped.closed_in == meeting.id

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.action("A-3").status is ActionStatus.OPEN
        await pilot.press("ctrl+z")
        await settle(pilot)
        reopened = store.action("A-1")
        assert reopened.status is ActionStatus.OPEN and reopened.closed_in is None
        assert "4 open from earlier meetings" in shown_text(app)


async def test_reassign_and_redate_right_in_the_review(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    earlier_meeting(store, config, clock)
    meeting = running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await carry_over_shown(pilot)
        await pilot.press("down")  # A-3, Jürgen Weber's: he left, Stefan takes it
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, OwnerModal)
        owner = app.screen.query_one("#owner", Input)
        assert owner.value == "Jürgen Weber"
        owner.value = ""
        await pilot.press(*"stefan krüger", "enter")
        await settle(pilot)
        assert store.action("A-3").owner == "Stefan Krüger"
        assert "Jürgen Weber" not in shown_text(app)

        await pilot.press("u")  # and a new due date: two weeks from today
        await settle(pilot)
        assert isinstance(app.screen, DueModal)
        app.screen.query_one("#due", Input).value = ""
        await pilot.press(*"+2w", "enter")
        await settle(pilot)
        assert store.action("A-3").due == date(2026, 3, 16)

        # Both changes are recorded as made in this meeting (the store keeps that on the
        # item; the journal's last line for A-3 shows it).
        lines = [
            line for line in db_file.read_text(encoding="utf-8").splitlines() if '"A-3"' in line
        ]
        assert f'"updated_in":{meeting.id}' in lines[-1].replace(" ", "")

        await pilot.press("ctrl+z")  # the due date back, the new owner stays
        await settle(pilot)
        again = store.action("A-3")
        assert again.due == date(2026, 2, 27) and again.owner == "Stefan Krüger"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.action("A-3").owner == "Jürgen Weber"


# --- deferred items offered before the next meeting -----------------------------------


async def start_from_home(pilot: Pilot[None]) -> None:
    """Start the selected agenda from home, everyone present."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_chosen_deferred_items_join_before_the_wrap_up(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    earlier_meeting(store, config, clock)
    agenda = config.agenda("round-table")
    assert agenda is not None
    # Today's agenda leaves room: without campaign planning and budgets (115 minutes).
    kept = tuple(i for i in agenda.items if i.title not in ("Campaign planning", "Budgets"))
    short = replace(agenda, items=kept)
    config = replace(config, agendas=(short,))
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_from_home(pilot)
        offer = app.screen
        assert isinstance(offer, DeferredOffer)
        assert "Planned: 180 of 180 minutes" in shown_text(app)  # both fit exactly
        await pilot.press("down", "space")  # not the budgets today
        assert "Planned: 155 of 180 minutes" in shown_text(app)
        await pilot.press("enter")
        await settle(pilot)
        meeting = meeting_screen(app).meeting
    assert [item.title for item in meeting.items] == [
        "Open action items",
        "Campaign results to date",
        "Pre-qualified lead pipeline",
        "Revenue estimate",
        "Campaign planning",
        "Wrap-up",
    ]
    assert meeting.items[4].planned_minutes == 40
    assert meeting.items[4].state is ItemState.PENDING
    stored = store.running_meeting()
    assert stored is not None and stored.items == meeting.items


async def test_deferred_items_the_agenda_has_are_carried_into_them_not_added_twice(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    earlier_meeting(store, config, clock)  # deferred campaign planning and budgets
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_from_home(pilot)
        assert isinstance(app.screen, DeferredOffer)
        shown = shown_text(app)
        # The plan is shown before the meeting starts: the same seven items, two marked.
        assert "Planned: 180 of 180 minutes" in shown
        assert "↩ 40 min  Campaign planning" in shown
        assert "↩ 25 min  Budgets" in shown
        await pilot.press("enter")
        await settle(pilot)
        meeting = meeting_screen(app).meeting
    titles = [item.title for item in meeting.items]
    assert len(titles) == len(set(titles)) == 7
    assert meeting.items[0].planned_minutes == 15  # the review item is not cut
    planning = meeting.items[titles.index("Campaign planning")]
    assert planning.planned_minutes == 40
    assert "Deferred from the last meeting." in planning.notes


async def test_what_does_not_fit_is_said_and_fitting_keeps_the_box(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    earlier_meeting(store, config, clock)
    agenda = config.agenda("round-table")
    assert agenda is not None
    # Today the budgets get only 10 minutes (the wrap-up the rest): the deferred
    # budgets' 25 make the plan 15 minutes too long.
    items = tuple(
        replace(item, minutes={"Budgets": 10, "Wrap-up": 30}.get(item.title, item.minutes))
        for item in agenda.items
    )
    config = replace(config, agendas=(replace(agenda, items=items),))
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_from_home(pilot)
        assert isinstance(app.screen, DeferredOffer)
        await pilot.press("space")  # only the budgets, not the campaign planning
        assert "Today's agenda, fitted to the box:" in shown_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DeferredOffer)  # not started: it would not fit
        assert "15 minutes over the 180-minute box" in shown_text(app)
        await pilot.press("f")
        await settle(pilot)
        meeting = meeting_screen(app).meeting
    assert sum(item.planned_minutes for item in meeting.items) == 180
    assert [i.title for i in meeting.items][-2:] == ["Budgets", "Wrap-up"]
    assert meeting.items[-2].planned_minutes == 25
    assert all(item.planned_minutes >= 1 for item in meeting.items)


async def test_cancelling_the_offer_starts_nothing(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    earlier_meeting(store, config, clock)
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_from_home(pilot)
        assert isinstance(app.screen, DeferredOffer)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert store.running_meeting() is None


# --- cadence --------------------------------------------------------------------------


async def test_changing_the_cadence_moves_the_default_due_date_and_carries_on(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)  # every two weeks, as the agenda says
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one("#due", Input).value == "2026-03-16"
        await pilot.press("escape")
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, CadenceModal)
        await pilot.press("w")  # weekly from now on
        await settle(pilot)
        assert meeting_screen(app).meeting.cadence is Cadence.WEEKLY
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one("#due", Input).value == "2026-03-09"
        await pilot.press("escape")
        await pilot.press("ctrl+z")  # taken back
        await settle(pilot)
        assert meeting_screen(app).meeting.cadence is Cadence.BIWEEKLY
        await pilot.press("k", "w")
        await settle(pilot)
        meeting_screen(app).end_meeting()
        await settle(pilot)
    ended = store.meetings()[-1]
    assert ended.cadence is Cadence.WEEKLY

    clock.advance(days=7)
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_from_home(pilot)
        # Meeting 1 ended at once, so its other items are offered: none taken today.
        assert isinstance(app.screen, DeferredOffer)
        await pilot.press("n", "enter")
        await settle(pilot)
        nxt = meeting_screen(app).meeting
        assert nxt.number == 2 and nxt.cadence is Cadence.WEEKLY
        await pilot.press("a")
        await settle(pilot)
        assert (
            app.screen.query_one("#due", Input).value
            == (clock().date() + timedelta(days=7)).isoformat()
        )
