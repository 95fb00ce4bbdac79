"""Live across processes: an attendee's command shows on the projector within two
seconds, and `roundtable follow` follows the meeting without ever writing the store.

The attendee is a real second process (`python -m roundtable done A-1`); the follow view
reads a store that another `Store` (its own journal reader, as another process has)
writes. The poll interval is made short; nothing sleeps longer than a poll.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from roundtable.domain import timebox
from roundtable.domain.config import TeamConfig
from roundtable.domain.entries import ActionStatus
from roundtable.store.store import Store
from roundtable.ui.follow import make_follow_app
from roundtable.ui.screens.actions.action_items import ActionItemsScreen
from roundtable.ui.screens.follow import FollowScreen
from roundtable.ui.widgets.action_table import ActionTable
from roundtable.ui.widgets.countdown import Countdown
from roundtable.ui.widgets.item_log import ItemLog
from roundtable.ui.widgets.plain import PlainLabel
from tests.ui.conftest import (
    BERLIN,
    FakeClock,
    app_for,
    meeting_screen,
    running_meeting,
    settle,
    shown_text,
    wait_until,
)

POLL = 0.05


def attendee(db_file: Path, *args: str) -> None:
    """An attendee's command, in its own process."""
    result = subprocess.run(
        [sys.executable, "-m", "roundtable", "--db", str(db_file), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


async def test_an_attendees_done_shows_on_the_projector_within_two_seconds(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    clock.advance(days=-14)
    first = running_meeting(store, config, clock)
    assert first.id is not None
    store.add_action(
        "Leadliste an den Vertrieb", "dialog-marketing", date(2026, 2, 20), first.id, 2
    )
    store.save_meeting(timebox.end(first, clock()))
    clock.advance(days=14)
    meeting = running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True, poll_seconds=POLL)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "1 open from earlier meetings" in shown_text(app))
        attendee(db_file, "done", "A-1")
        took = await wait_until(
            pilot, lambda: "0 open from earlier meetings" in shown_text(app), timeout=2.0
        )
        assert took < 2.0
        # And the action-items screen, opened now, shows it too; then the item reopens
        # from the terminal while the screen is open.
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, ActionItemsScreen))
        await wait_until(pilot, lambda: app.screen.query_one(ActionTable).row_count == 0)
        attendee(db_file, "reopen", "A-1")
        await wait_until(pilot, lambda: app.screen.query_one(ActionTable).row_count == 1)
    assert store.action("A-1").status is ActionStatus.OPEN
    assert meeting.id is not None


async def test_the_meeting_rereads_what_another_process_wrote(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock, start=True, poll_seconds=POLL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # Someone else's writer (a second laptop on the same store) adds to the log.
        with Store.open(db_file, clock=clock) as other:
            other.add_decision(meeting.id, 0, "Leads gehen binnen 48 Stunden an den Vertrieb")
        await wait_until(
            pilot,
            lambda: any(
                "48 Stunden" in getattr(entry, "text", "")
                for entry in meeting_screen(app).query_one(ItemLog).entries
            ),
        )


# --- roundtable follow ----------------------------------------------------------------


def files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in `folder` with its bytes and modification time."""
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def message(pilot: Pilot[None]) -> str:
    return pilot.app.screen.query_one("#follow-message", PlainLabel).shown


async def test_follow_waits_for_a_meeting_then_follows_it_and_never_writes(
    config: TeamConfig, clock: FakeClock, tmp_path: Path
) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    db_file = folder / "roundtable.db"
    viewer = Store.open(db_file, read_only=True)  # no file yet: nothing is created
    app = make_follow_app(config, viewer, clock, timezone=BERLIN, poll_seconds=POLL)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, FollowScreen)
            await wait_until(pilot, lambda: screen.read_once)
            assert message(pilot).startswith("No meeting is running")
            assert not db_file.exists()

            # The facilitator starts the meeting in another process: it is picked up.
            with Store.open(db_file, clock=clock) as facilitator:
                meeting = running_meeting(facilitator, config, clock)
                assert meeting.id is not None
                await wait_until(pilot, lambda: screen.meeting is not None)
                assert "Open action items" in shown_text(app)
                assert screen.query_one(Countdown).text == "15:00"

                # The clocks come from the timestamps and the clock, not from ticks.
                clock.advance(minutes=7, seconds=30)
                screen.refresh_clocks()
                assert screen.query_one(Countdown).text == "07:30"

                facilitator.add_decision(meeting.id, 0, "Alle offenen Punkte sind besprochen")
                clock.advance(minutes=8)
                facilitator.save_meeting(timebox.next_item(meeting, clock()))
                await wait_until(
                    pilot, lambda: screen.meeting is not None and screen.meeting.current == 1
                )
                assert screen.query_one("#item-title", PlainLabel).shown == (
                    "Campaign results to date"
                )
                assert screen.query_one(Countdown).text == "30:00"

                # From here on only the follow view runs: it must not touch the store.
                before = files(folder)
                mtime = os.stat(db_file).st_mtime_ns
                for _ in range(5):
                    screen.reload()
                    await pilot.pause(POLL)
                    await settle(pilot)
                await pilot.press("question_mark")
                await pilot.press("escape")
                await pilot.press("ctrl+t")
                await settle(pilot)
                assert files(folder) == before
                assert os.stat(db_file).st_mtime_ns == mtime

                clock.advance(minutes=5)
                stored = facilitator.running_meeting()
                assert stored is not None
                facilitator.save_meeting(timebox.end(stored, clock()))
            await wait_until(pilot, lambda: screen.meeting is None)
            assert message(pilot).startswith("No meeting is running")
            detail = screen.query_one("#follow-detail", PlainLabel).shown
            assert "The last meeting, 1 (Marketing & Sales Round Table), ended at 09:20" in detail
    finally:
        viewer.close()
        app.store_thread.close()


async def test_follow_has_no_keys_that_change_the_meeting(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    running_meeting(store, config, clock)
    with Store.open(db_file, read_only=True) as viewer:
        app = make_follow_app(config, viewer, clock, timezone=BERLIN, poll_seconds=POLL)
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                screen = app.screen
                assert isinstance(screen, FollowScreen)
                await wait_until(pilot, lambda: screen.meeting is not None)
                before = files(db_file.parent)
                for key in ("n", "space", "x", "d", "a", "f", "plus", "ctrl+z"):
                    await pilot.press(key)
                await settle(pilot)
                assert isinstance(app.screen, FollowScreen)  # no form opened
                assert files(db_file.parent) == before
                await pilot.press("q")
        finally:
            app.store_thread.close()
    stored = store.running_meeting()
    assert stored is not None and stored.current == 0


async def test_figures_from_controllings_terminal_show_on_the_scoreboard(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    from decimal import Decimal

    from roundtable.domain.campaigns import Channel
    from roundtable.ui.screens.campaigns.scoreboard import ScoreboardScreen

    running_meeting(store, config, clock)
    store.add_campaign(
        "Anwendertag Süd 2026",
        owner="marketing-communication",
        channel=Channel.EVENT,
        start=date(2026, 2, 2),
        end=date(2026, 3, 27),
        budget=Decimal("20000"),
    )
    app = app_for(config, store, clock, start=True, poll_seconds=POLL)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("dollar_sign")
        await wait_until(pilot, lambda: isinstance(app.screen, ScoreboardScreen))
        await wait_until(pilot, lambda: "0 of 1 campaigns reported" in shown_text(app))
        attendee(db_file, "figures", "anwendertag", "--leads", "1,234", "--accepted", "56")
        await wait_until(pilot, lambda: "1 of 1 campaigns reported" in shown_text(app))
        assert "1,234" in shown_text(app)
