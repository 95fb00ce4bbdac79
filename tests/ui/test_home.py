"""The home screen and the way into the app: `roundtable` and `roundtable start`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Button

from roundtable.domain import timebox
from roundtable.domain.config import TeamConfig
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.store.store import Store
from roundtable.ui.screens.actions.action_items import ActionItemsScreen
from roundtable.ui.screens.dialogs.deferred_offer import DeferredOffer
from roundtable.ui.screens.home.home import AgendaTable, HomeScreen
from roundtable.ui.screens.home.past_meetings import PastMeetingsScreen
from roundtable.ui.screens.meeting.screen import MeetingScreen
from tests.ui.conftest import FakeClock, app_for, running_meeting, settle, shown_text


async def test_home_lists_the_agendas_and_no_meeting_to_resume(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    app = app_for(config, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query_one("#resume-panel").display
        table = app.screen.query_one(AgendaTable)
        assert table.selected_id == "round-table"
        shown = shown_text(app)
        assert "Marketing & Sales Round Table" in shown
        assert "180 / 180" in shown
        assert "every two weeks" in shown
        assert "Quick sync before the trade fair" in shown
        assert "30 / 30" in shown
        assert "weekly" in shown
        # With nothing to resume, the footer does not offer it.
        assert "Resume" not in shown


async def test_home_offers_to_resume_the_running_meeting(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    clock.advance(minutes=20)
    app = app_for(config, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#resume-panel")
        assert panel.display
        assert app.focused is app.screen.query_one("#resume", Button)
        assert "Meeting 1 is running" in shown_text(app)
        assert "r Resume" in shown_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("escape")  # Escape never leaves a running meeting
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("h")  # home again; the meeting keeps running, and it says so
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("Meeting 1 keeps running" in n.message for n in app._notifications)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)


async def test_starting_another_agenda_while_one_runs_resumes_the_running_one(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(AgendaTable).focus()
        await pilot.press("down", "s")  # the quick sync
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.agenda_id == "round-table"
    assert len(store.meetings()) == 1


async def test_start_without_an_agenda_offers_them_with_the_last_one_selected(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    ended = running_meeting(store, config, clock, "quick-sync")
    clock.advance(minutes=30)
    store.save_meeting(timebox.end(ended, clock()))
    clock.advance(days=7)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(AgendaTable)
        assert table.selected_id == "quick-sync"
        assert app.focused is table
        await pilot.press("enter")  # start it: attendance first
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        # The last sync ran out of time for the booth staffing: offered, left out today.
        assert isinstance(app.screen, DeferredOffer)
        await pilot.press("n", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.agenda_id == "quick-sync"
        assert app.screen.meeting.number == 2
        assert len(app.screen.meeting.items) == 2


async def test_action_items_and_past_meetings_lists(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    store.add_action("Leadliste [Q2] an den Vertrieb", "dialog-marketing", None, meeting.id, 2)
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ActionItemsScreen)
        shown = shown_text(app)
        assert "A-1" in shown
        assert "Leadliste [Q2] an den Vertrieb" in shown
        assert "Dialog Marketing" in shown
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, PastMeetingsScreen)
        shown = shown_text(app)
        assert "Marketing & Sales Round Table" in shown
        assert "Mar 2, 2026" in shown
        assert "09:00 – running" in shown


# --- the command line ---------------------------------------------------------------


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roundtable", "--config", str(shipped_defaults_dir()), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_start_with_an_unknown_agenda_names_the_ones_there_are(tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "x.db"), "start", "jour-fixe", cwd=tmp_path)
    assert result.returncode == 4
    assert "No agenda jour-fixe" in result.stderr
    assert "round-table" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()  # refused before anything was opened


def test_start_on_a_broken_store_is_one_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "roundtable.db"
    db.write_text("{ this is not a store", encoding="utf-8")
    result = run_cli("--db", str(db), "start", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.startswith("roundtable: ")
    assert str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_text(encoding="utf-8") == "{ this is not a store"
