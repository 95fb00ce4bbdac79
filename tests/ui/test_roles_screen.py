"""Roles and players on screen: from home and from the meeting (`w`), offered in the
constituting meeting's roles item, the commitment recorded there and in its minutes;
and past meetings opening read-only with their minutes."""

from __future__ import annotations

from pathlib import Path

from roundtable.domain import timebox
from roundtable.domain.config import TeamConfig, load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.store.store import Store
from roundtable.ui.app import default_attendees
from roundtable.ui.screens.home.home import HomeScreen
from roundtable.ui.screens.home.minutes_preview import MinutesPreview
from roundtable.ui.screens.home.past_meetings import PastMeetingsScreen
from roundtable.ui.screens.meeting.ending import meeting_minutes
from roundtable.ui.screens.meeting.screen import MeetingScreen
from roundtable.ui.screens.roles.roles import RolesScreen
from tests.ui.conftest import (
    BERLIN,
    FakeClock,
    app_for,
    running_meeting,
    settle,
    shown_text,
)


def shipped() -> TeamConfig:
    return load_config(shipped_defaults_dir(), "tests")


def constituting(store: Store, config: TeamConfig, clock: FakeClock) -> int:
    agenda = config.agenda("constituting")
    assert agenda is not None
    meeting = timebox.new_meeting(
        agenda, default_attendees(config), "Katrin Vogel", store.next_meeting_number(), clock()
    )
    stored = store.add_meeting(meeting)
    assert stored.id is not None
    return stored.id


async def test_home_w_shows_roles_holders_responsibilities_and_commitment(
    store: Store, clock: FakeClock
) -> None:
    config = shipped()
    app = app_for(config, store, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "w Roles" in shown_text(app)  # in the footer
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, RolesScreen)
        shown = shown_text(app)
        assert "Roles and players" in shown
        assert "Product Marketing" in shown
        assert "Jana Richter, Felix Bauer" in shown
        assert "Positions the products and defines the target groups" in shown
        assert "Committed by Dr. Martin Keller on Jan 12, 2026" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_the_roles_item_offers_the_roles_and_c_records_the_commitment(
    store: Store, clock: FakeClock, db_file: Path
) -> None:
    config = shipped()
    meeting_id = constituting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("n")  # from "Why we meet" to "Roles and players"
        await settle(pilot)
        assert any("w shows the roles and players" in n.message for n in app._notifications)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, RolesScreen)
        assert "Record commitment" in shown_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert any("the roles are committed" in n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
    with Store.open(db_file, read_only=True) as disk:
        [note] = disk.notes(meeting_id)
        assert note.item_index == 1
        assert note.text.startswith(
            "Roles committed on Mar 2, 2026 by Dr. Martin Keller, Sabine Brandt:"
        )
        assert "Product Marketing: Jana Richter, Felix Bauer" in note.text
        minutes = meeting_minutes(disk, meeting_id, config, BERLIN).markdown
    assert "Roles committed on Mar 2, 2026 by Dr. Martin Keller" in minutes


async def test_the_roles_seen_between_meetings_cannot_be_committed(
    store: Store, clock: FakeClock
) -> None:
    app = app_for(shipped(), store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, RolesScreen)
        assert "Record commitment" not in shown_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert store.notes() == []


async def test_past_meetings_open_read_only_with_their_minutes(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    first = running_meeting(store, config, clock)
    assert first.id is not None
    store.add_decision(first.id, 1, "Messebudget freigegeben")
    store.save_meeting(timebox.end(first, clock()))
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, PastMeetingsScreen)
        assert "enter Open minutes" in shown_text(app)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, MinutesPreview)
        shown = shown_text(app)
        assert "Minutes of meeting 1" in shown
        assert "Messebudget freigegeben" in app.screen.markdown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PastMeetingsScreen)
    assert len(store.meetings()) == 1
