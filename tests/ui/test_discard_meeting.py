"""Discarding a meeting started by mistake from the meeting screen (ctrl+d or the
palette): asked first, refused with the reason once something is logged."""

from __future__ import annotations

from pathlib import Path

from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.screens.dialogs.confirm import ConfirmModal
from roundtable.ui.screens.home.home import HomeScreen
from roundtable.ui.screens.meeting.screen import MeetingScreen
from tests.ui.conftest import FakeClock, app_for, running_meeting, settle, shown_text
from tests.ui.test_log_edits import paste


async def test_a_meeting_with_nothing_logged_is_discarded_after_asking(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")  # moving through the agenda logs nothing
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "Discard meeting 1?" in shown_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("Meeting 1 was discarded" in n.message for n in app._notifications)
    with Store.open(db_file, read_only=True) as disk:
        assert disk.running_meeting() is None
        assert disk.meetings() == []
        assert disk.next_meeting_number() == 1


async def test_once_something_is_logged_the_key_says_why_not(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await paste(pilot, "Budget Messe freigegeben")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        last = [n.message for n in app._notifications][-1]
        assert "Meeting 1 cannot be discarded: 1 entry was logged or changed in it." in last
        assert "End it instead" in last
    with Store.open(db_file, read_only=True) as disk:
        assert disk.running_meeting() is not None
