"""The meeting screen, walked through whole meetings with the Pilot and a fake clock.

The app runs on a real store file; the clock is moved by hand and `tick` does what the
once-a-second timer does. Assertions read what is on screen (widgets' shown text, the
exported screen) and what the store holds afterwards.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import TextArea

from roundtable.domain.config import TeamConfig
from roundtable.domain.entries import ActionStatus
from roundtable.domain.meeting import ItemState, MeetingState
from roundtable.domain.timebox import ItemPhase
from roundtable.errors import StoreError
from roundtable.store.store import Store
from roundtable.ui.app import LIGHT_THEME
from roundtable.ui.screens.home.home import HomeScreen
from roundtable.ui.screens.home.minutes_preview import MinutesPreview
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.banner import Banner
from roundtable.ui.widgets.box_status import BoxStatus
from roundtable.ui.widgets.countdown import Countdown
from roundtable.ui.widgets.item_log import ItemLog
from roundtable.ui.widgets.plain import PlainLabel
from tests.ui.conftest import (
    FakeClock,
    app_for,
    meeting_screen,
    running_meeting,
    settle,
    shown_text,
    tick,
)

HOSTILE = "Kampagne [bold]Frühjahr[/x] \x1b[31m startet"
"""A decision that would restyle the screen if read as markup or sent raw."""


def countdown(app: App[None]) -> str:
    return app.screen.query_one(Countdown).text


def label(app: App[None], selector: str) -> str:
    return app.screen.query_one(selector, PlainLabel).shown


def states(app: App[None]) -> list[str]:
    return [row.state.value for row in app.screen.query_one(AgendaList).rows_shown]


# --- starting -----------------------------------------------------------------------


async def test_start_from_home_takes_attendance_then_runs_the_first_item(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    app = app_for(config, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # the first agenda is selected
        await settle(pilot)
        assert type(app.screen).__name__ == "AttendanceScreen"
        await pilot.press("space")  # the first person on the list is not here today
        await pilot.press("enter")
        await settle(pilot)
        meeting_screen(app)
        assert countdown(app) == "15:00"
        assert label(app, "#item-title") == "Open action items"
        assert "Katrin Vogel" in label(app, "#item-owner")
        assert label(app, "#attendance") == "Present: 5 of 6 · Katrin Vogel absent"
        assert label(app, "#box-planned-end") == "12:00"
    stored = store.running_meeting()
    assert stored is not None
    assert stored.started_at == clock()
    assert [a.name for a in stored.attendees if not a.present] == ["Katrin Vogel"]


async def test_cancelled_attendance_starts_nothing(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    app = app_for(config, store, clock, "round-table")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert store.running_meeting() is None


# --- the clocks ---------------------------------------------------------------------


async def test_countdown_warns_then_counts_the_overrun_up(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(Countdown)
        assert countdown(app) == "15:00"
        assert panel.has_class("-normal")

        clock.advance(minutes=12, seconds=30)
        tick(app)
        assert countdown(app) == "02:30"
        assert panel.has_class("-normal")

        clock.advance(minutes=1)
        tick(app)
        assert countdown(app) == "01:30"
        assert panel.has_class("-warning")
        assert "wrap up" in label(app, "#item-caption")

        clock.advance(minutes=3, seconds=5)
        tick(app)
        assert countdown(app) == "+01:35"
        assert panel.has_class("-overrun")
        assert "over time" in label(app, "#item-caption")
        # The overrun pushes the whole meeting: the projected end is marked late.
        box = app.screen.query_one(BoxStatus)
        assert box.has_class("-late")
        assert label(app, "#box-projected-end").startswith("12:01")
        assert "late" in label(app, "#box-projected-end")
        assert "⚠" in shown_text(app)


async def test_next_and_previous_item_move_the_agenda(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clock.advance(minutes=10)
        await pilot.press("n")
        await settle(pilot)
        assert label(app, "#item-title") == "Campaign results to date"
        assert countdown(app) == "30:00"
        assert states(app)[:3] == ["done", "running", "pending"]
        rows = app.screen.query_one(AgendaList).rows_shown
        assert rows[0].actual == "10"
        assert rows[2].is_next

        clock.advance(minutes=2)
        await pilot.press("p")
        await settle(pilot)
        assert label(app, "#item-title") == "Open action items"
        assert countdown(app) == "05:00"  # ten of its fifteen minutes were used before
    stored = store.running_meeting()
    assert stored is not None and stored.current == 0


async def test_extend_gives_the_current_item_five_minutes(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clock.advance(minutes=14)
        tick(app)
        assert countdown(app) == "01:00"
        await pilot.press("plus")
        await settle(pilot)
        assert countdown(app) == "06:00"
        await pilot.press("e")
        await settle(pilot)
        assert countdown(app) == "11:00"
    stored = store.running_meeting()
    assert stored is not None
    assert stored.items[0].planned_minutes == 25
    # Taken from the items still to come: the box still holds.
    assert sum(item.planned_minutes for item in stored.items) == 180


async def test_rebalance_fits_the_rest_after_an_overrun(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clock.advance(minutes=35)  # twenty minutes over on the first item
        await pilot.press("n")
        await settle(pilot)
        rows = app.screen.query_one(AgendaList).rows_shown
        assert any(row.late for row in rows)
        assert app.screen.query_one(BoxStatus).has_class("-late")
        # Said in words, with the way out, right there.
        banner = app.screen.query_one(Banner)
        assert banner.has_class("-late")
        assert banner.shown == "At this pace Budgets and Wrap-up do not fit: 20 min over the box."
        # The way out stands beside it, in the footer's words.
        assert banner.keys_shown == " r  Rebalance   f  Defer"

        await pilot.press("r")
        await settle(pilot)
        rows = app.screen.query_one(AgendaList).rows_shown
        assert not any(row.late for row in rows)
        assert not app.screen.query_one(BoxStatus).has_class("-late")
        assert not banner.has_class("-shown")
        assert label(app, "#box-projected-end") == "12:00"


async def test_defer_the_selected_row_and_restore_it(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")  # Revenue estimate
        await pilot.press("f")
        await settle(pilot)
        assert states(app)[3] == "deferred"
        assert label(app, "#item-title") == "Open action items"  # the current item stays

        await pilot.press("o")
        await settle(pilot)
        assert states(app)[3] == "pending"

        # Without another row selected, f defers the current item and moves on.
        await pilot.press("up", "up", "up")
        await pilot.press("f")
        await settle(pilot)
        assert states(app)[0] == "deferred"
        assert label(app, "#item-title") == "Campaign results to date"
    stored = store.running_meeting()
    assert stored is not None
    assert stored.items[0].state is ItemState.DEFERRED
    assert stored.items[3].state is ItemState.PENDING


async def test_pause_stops_the_item_clock_and_shows_a_banner(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clock.advance(minutes=5)
        await pilot.press("space")
        await settle(pilot)
        banner = app.screen.query_one(Banner)
        assert banner.has_class("-shown")
        assert "Break since 09:05" in banner.shown
        clock.advance(minutes=10)
        tick(app)
        assert countdown(app) == "10:00"  # stopped during the break
        assert label(app, "#box-used").startswith("0:15")  # the box keeps running

        await pilot.press("space")
        await settle(pilot)
        assert not banner.has_class("-paused")
        # The break did not stop the box: the full plan no longer fits, and it says so.
        assert banner.has_class("-late")
        assert "Wrap-up does not fit: 10 min over the box" in banner.shown
        clock.advance(minutes=1)
        tick(app)
        assert countdown(app) == "09:00"
    stored = store.running_meeting()
    assert stored is not None and stored.state is MeetingState.RUNNING
    assert len(stored.pauses) == 1


async def test_quit_and_start_again_resumes_with_the_right_times(
    config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    with Store.open(db_file, clock=clock) as store:
        running_meeting(store, config, clock)
        app = app_for(config, store, clock, start=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            clock.advance(minutes=2)
            await pilot.press("n")  # second item, 30 minutes
            await settle(pilot)
            assert countdown(app) == "30:00"
            await pilot.press("q")
            await settle(pilot)
            # Quitting says the meeting keeps running, and asks.
            assert type(app.screen).__name__ == "ConfirmModal"
            assert "Meeting 1 keeps running" in shown_text(app)
            await pilot.press("y")
            await pilot.pause()
        assert app.return_code == 0

    clock.advance(minutes=10)
    with Store.open(db_file, clock=clock) as store:
        app = app_for(config, store, clock, start=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert label(app, "#item-title") == "Campaign results to date"
            assert countdown(app) == "20:00"
            assert label(app, "#box-used").startswith("0:12")


async def test_the_minute_after_the_box_ran_out_reads_zero_not_minus_zero(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        clock.advance(minutes=180, seconds=30)
        tick(app)
        assert label(app, "#box-used") == "3:00 of 3:00"
        assert label(app, "#box-left") == "0:00"
        clock.advance(seconds=40)
        tick(app)
        assert label(app, "#box-left") == "-0:01"


async def test_three_hours_up_offers_to_end_and_defers_the_rest(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clock.advance(minutes=60)
        await pilot.press("n")
        clock.advance(minutes=121)
        tick(app)
        banner = app.screen.query_one(Banner)
        assert banner.has_class("-over")
        assert "The three hours are up" in banner.shown
        assert label(app, "#box-left") == "-0:01"

        await pilot.press("x")
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmModal"
        assert "5 items not yet started will be deferred" in shown_text(app)
        await pilot.press("y")
        await settle(pilot)
        # The end shows the summary and the minutes, written beside the store.
        assert isinstance(app.screen, MinutesPreview)
        written = store.path.parent / "minutes" / "meeting-001.md"
        assert written.is_file()
        assert app.screen.path == written
        assert app.screen.summary.startswith("The meeting took 3:01: 0 decisions")
        assert f"The minutes are written to {written}." in app.screen.summary
        assert written.read_text(encoding="utf-8") == app.screen.markdown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert store.running_meeting() is None
    ended = store.meetings()[-1]
    assert ended.ended_at == clock()
    assert [item.state for item in ended.items] == [
        ItemState.DONE,
        ItemState.DONE,
        *[ItemState.DEFERRED] * 5,
    ]


async def test_end_asks_first_and_no_keeps_the_meeting_running(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("n")  # the confirm modal's "no"
        await settle(pilot)
        meeting_screen(app)
    assert store.running_meeting() is not None


# --- captures -----------------------------------------------------------------------


async def test_capture_a_decision_shows_it_literally_in_the_log(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        app.screen.query_one("#decision", TextArea).insert(HOSTILE)  # as if pasted
        await pilot.press("enter")
        await settle(pilot)
        log = app.screen.query_one(ItemLog)
        assert len(log.entries) == 1
        shown = shown_text(app)
        assert "[bold]Frühjahr[/x] \\x1b[31m startet" in shown
    assert meeting.id is not None
    [decision] = store.decisions(meeting.id)
    assert decision.text == HOSTILE
    assert decision.item_index == 0


async def test_capture_an_action_item_due_at_the_next_meeting(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Leadliste an den Vertrieb")
        await pilot.press("tab")
        await pilot.press(*"dialog-marketing")
        await pilot.press("ctrl+s")
        await settle(pilot)
        meeting_screen(app)
        shown = shown_text(app)
        assert "A-1" in shown
        assert "Dialog Marketing · due Mar 16, 2026" in shown
    [action] = store.actions(meeting_id=meeting.id)
    assert (action.text, action.owner, action.item_index) == (
        "Leadliste an den Vertrieb",
        "dialog-marketing",
        1,
    )
    assert action.due is not None and action.due.isoformat() == "2026-03-16"
    assert action.status is ActionStatus.OPEN


async def test_capture_a_budget_agreement(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        for field, text in (("area", "Sales"), ("amount", "25000"), ("period", "2026-Q2")):
            app.screen.query_one(f"#{field}").focus()
            await pilot.press("end", "ctrl+u", *text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        meeting_screen(app)
        assert "Allocation: €25,000.00 to Sales for 2026-Q2" in shown_text(app)
    assert meeting.id is not None
    [budget] = store.budgets(meeting.id)
    assert (budget.area, str(budget.amount), budget.period) == ("Sales", "25000", "2026-Q2")


async def test_edit_delete_and_undo_in_the_log(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_decision(meeting.id, 0, "Newsletter im April")
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        log = app.screen.query_one(ItemLog)
        assert len(log.entries) == 1
        log.focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("end", *" und Mai", "enter")
        await settle(pilot)
        assert [d.text for d in store.decisions(meeting.id)] == ["Newsletter im April und Mai"]

        await pilot.press("delete")
        await settle(pilot)
        assert log.entries == []
        assert store.decisions(meeting.id) == []

        await pilot.press("ctrl+z")  # the delete
        await settle(pilot)
        assert [d.text for d in store.decisions(meeting.id)] == ["Newsletter im April und Mai"]
        await pilot.press("ctrl+z")  # the edit
        await settle(pilot)
        assert [d.text for d in store.decisions(meeting.id)] == ["Newsletter im April"]
        assert "Newsletter im April" in shown_text(app)


async def test_undo_takes_back_time_box_steps_and_captures(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press(*"Messe Hannover buchen", "enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert label(app, "#item-title") == "Campaign results to date"

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert label(app, "#item-title") == "Open action items"
        assert len(store.decisions(meeting.id)) == 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.decisions(meeting.id) == []
        assert app.screen.query_one(ItemLog).entries == []
    stored = store.running_meeting()
    assert stored is not None and stored.current == 0


async def test_attendance_can_be_changed_during_the_meeting(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("space", "enter")
        await settle(pilot)
        assert label(app, "#attendance") == "Present: 5 of 6 · Katrin Vogel absent"
    stored = store.running_meeting()
    assert stored is not None
    assert sum(a.present for a in stored.attendees) == 5


async def test_titles_and_names_from_the_config_are_shown_literally(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    agenda = config.agendas[1]
    hostile_item = replace(agenda.items[0], title="[bold]Leads[/x] \x1b]0;pwned\x07")
    hostile_role = replace(config.roles[2], holders=("Stefan [red]Krüger",))
    config = replace(
        config,
        roles=(*config.roles[:2], hostile_role, *config.roles[3:]),
        agendas=(replace(agenda, items=(hostile_item, *agenda.items[1:])),),
    )
    running_meeting(store, config, clock, "quick-sync")
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        shown = shown_text(app)
        assert "[bold]Leads[/x] \\x1b]0;pwned\\x07" in shown  # item panel and agenda
        assert "Log · [bold]Leads[/x]" in shown  # the log's border title
        assert "Dialog Marketing · Stefan [red]Krüger" in shown


class FailingStore(Store):
    """A store whose disk is full: every decision fails to save."""

    def add_decision(self, meeting_id: int, item_index: int, text: str) -> object:  # type: ignore[override]
        raise StoreError("No space left on device")


async def test_a_failed_write_keeps_the_typed_text(
    config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    with Store.open(db_file, clock=clock) as setup:
        running_meeting(setup, config, clock)
    with FailingStore.open(db_file, clock=clock) as store:
        app = app_for(config, store, clock, start=True)
        async with app.run_test(size=(160, 40), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            await pilot.press(*"Etat für die Messe freigeben", "enter")
            await settle(pilot)
            meeting_screen(app)
            shown = shown_text(app)
            assert "Not saved" in shown
            assert "No space left on device" in shown
            assert app.screen.query_one(ItemLog).entries == []
            await pilot.press("d")  # the form opens again with the text kept
            await settle(pilot)
            assert (
                app.screen.query_one("#decision", TextArea).text == "Etat für die Messe freigeben"
            )


# --- help, themes, sizes ------------------------------------------------------------


async def test_help_lists_every_key(config: TeamConfig, store: Store, clock: FakeClock) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = meeting_screen(app)
        keys = dict((description, key) for key, description in screen.help_bindings())
        for description in ("Next", "Previous", "Pause", "+5 min", "Rebalance", "Defer"):
            assert description in keys
        for description in ("Restore item", "Decision", "Action", "Budget", "Attendance"):
            assert description in keys
        for description in ("Edit entry", "Delete entry", "Undo", "End", "Help", "Quit"):
            assert description in keys
        assert keys["End"] == "^e / x"
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        assert "Rebalance" in shown_text(app)


async def test_theme_toggles_between_dark_and_light(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == LIGHT_THEME
        assert countdown(app) == "15:00"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-dark"


async def test_resizing_mid_meeting_reflows_and_small_screens_degrade(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_decision(meeting.id, 0, "Kick-off der Frühjahrskampagne am 1. April")
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        log = app.screen.query_one(ItemLog)
        assert log.display
        for size in ((60, 18), (40, 12), (20, 6), (160, 48), (80, 24)):
            await pilot.resize_terminal(*size)
            clock.advance(seconds=30)
            tick(app)
            await pilot.pause()
            assert app.screen.size == size
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        assert not log.display  # the log gives way below 80 columns
        assert "12:30" in shown_text(app)  # the compact countdown
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert log.display
        assert countdown(app) == "12:30"


async def test_log_follows_the_current_item(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_decision(meeting.id, 0, "Review: alles erledigt")
    store.add_action("Zahlen Q1 liefern", "Monika Schneider", None, meeting.id, 1)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        log = app.screen.query_one(ItemLog)
        assert [type(e).__name__ for e in log.entries] == ["Decision"]
        await pilot.press("n")
        await settle(pilot)
        assert [type(e).__name__ for e in log.entries] == ["ActionItem"]
        assert "Monika Schneider · no due date" in shown_text(app)


async def test_start_with_an_agenda_id_starts_that_agenda(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    app = app_for(config, store, clock, "quick-sync")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # everyone present
        await settle(pilot)
        assert label(app, "#item-title") == "Lead handover"
        assert countdown(app) == "10:00"
        assert label(app, "#box-planned-end") == "09:30"
        clock.advance(minutes=8, seconds=1)
        screen = tick(app)
        assert screen.view is not None and screen.view.current_phase is ItemPhase.WARNING
        assert countdown(app) == "01:59"


# --- the garbage collector -------------------------------------------------------


async def test_the_app_resumes_the_collector_the_command_paused_for_its_start(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    import gc

    from roundtable import collector
    from tests.ui.conftest import wait_until

    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    app.collector_resume_seconds = 0.05
    collector.pause()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert meeting_screen(app).view is not None
            await wait_until(pilot, gc.isenabled)
            assert not collector.paused()
    finally:
        collector.resume()
        gc.enable()


async def test_a_compact_footer_ends_with_the_palette_key(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    # At 80 columns the keys do not fit: the footer goes compact, and the palette key
    # still closes the row (no letter of the keys behind it in the last column).
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = shown_text(app).splitlines()[-1]
        assert footer.startswith("n Next space Pause")
        assert footer.endswith("▏^p palette")


@pytest.mark.parametrize(("size", "late"), [((160, 48), "▲ 65 min late"), ((80, 24), "▲ +65")])
async def test_the_projected_end_says_how_late_in_the_room_it_has(
    config: TeamConfig, store: Store, clock: FakeClock, size: tuple[int, int], late: str
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        # Seconds past the plan are already late, and say a whole minute, as the
        # warning line does: never "0 min late".
        clock.advance(minutes=15, seconds=30)
        tick(app)
        await settle(pilot)
        assert label(app, "#box-projected-end").endswith(("▲ 1 min late", "▲ +1"))
        clock.advance(minutes=65)
        tick(app)
        await settle(pilot)
        shown = label(app, "#box-projected-end")
        assert shown.endswith(late)
        width = app.screen.query_one("#box-projected-end", PlainLabel).size.width
        assert len(shown) <= width
