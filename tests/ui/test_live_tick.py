"""Live refresh without a second wake-up (issue 15, "Idle"): while a screen's own
once-a-second clock runs (the meeting, the presentation view, the follow view), that
clock asks the store for other processes' changes and the store watcher's timer waits;
where no such clock runs (the home screen) the watcher asks itself.

Real app, real stores, a fake clock; the ticks are called, not waited for.
"""

from __future__ import annotations

from pathlib import Path

from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.follow import make_follow_app
from roundtable.ui.live import POLL_SECONDS, Tick
from roundtable.ui.screens.follow import FollowScreen
from roundtable.ui.screens.meeting.presentation import PresentationScreen
from roundtable.ui.widgets.item_log import ItemLog
from tests.ui.conftest import (
    BERLIN,
    FakeClock,
    app_for,
    meeting_screen,
    running_meeting,
    settle,
    wait_until,
)


def logged(app: object, text: str) -> bool:
    """True once the meeting screen's log shows an entry with `text`."""
    from roundtable.ui.screens.meeting.screen import MeetingScreen

    screens = [s for s in getattr(app, "screen_stack", []) if isinstance(s, MeetingScreen)]
    return any(
        text in getattr(entry, "text", "")
        for screen in screens
        for entry in screen.query_one(ItemLog).entries
    )


async def test_the_meeting_clock_asks_the_store_and_the_watcher_waits(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock, start=True, poll_seconds=POLL_SECONDS)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = meeting_screen(app)
        [ticking] = app.watcher.riders
        assert isinstance(ticking, Tick) and ticking.asks_every == 1

        # Another writer adds to the log; the meeting's next tick sees it.
        with Store.open(db_file, clock=clock) as other:
            other.add_decision(meeting.id, 0, "Leads gehen binnen 48 Stunden an den Vertrieb")
        seen = app.watcher.version
        ticking.tick()
        assert app.watcher.version != seen  # asked, in this tick
        await wait_until(pilot, lambda: logged(app, "48 Stunden"))

        # The presentation view's clock asks while the meeting's waits.
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, PresentationScreen))
        [presenting] = app.watcher.riders
        assert isinstance(presenting, Tick) and presenting is not ticking
        assert ticking.asks_every == 0
        with Store.open(db_file, clock=clock) as other:
            other.add_decision(meeting.id, 0, "Messe-Budget bleibt bei 12.000 Euro")
        seen = app.watcher.version
        presenting.tick()
        assert app.watcher.version != seen
        await wait_until(pilot, lambda: logged(app, "Messe-Budget"))

        # Back on the board, its clock asks again.
        await pilot.press("v")
        await wait_until(pilot, lambda: app.screen is screen)
        assert app.watcher.riders == (ticking,)
        assert ticking.asks_every == 1

        # On the home screen no clock ticks: the watcher's own timer asks again.
        await pilot.press("h")
        await wait_until(pilot, lambda: screen not in app.screen_stack)
        assert app.watcher.riders == ()


async def test_a_clock_slower_than_the_watcher_leaves_it_to_the_watcher(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True, poll_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert meeting_screen(app).is_attached
        assert app.watcher.riders == ()


async def test_the_follow_clock_asks_the_store(
    config: TeamConfig, clock: FakeClock, tmp_path: Path
) -> None:
    db_file = tmp_path / "roundtable.db"
    with Store.open(db_file, clock=clock) as facilitator:
        meeting = running_meeting(facilitator, config, clock)
    assert meeting.id is not None
    viewer = Store.open(db_file, read_only=True)
    app = make_follow_app(config, viewer, clock, timezone=BERLIN, poll_seconds=POLL_SECONDS)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, FollowScreen)
            await wait_until(pilot, lambda: screen.meeting is not None)
            [ticking] = app.watcher.riders
            assert isinstance(ticking, Tick) and ticking.asks_every == 1
            with Store.open(db_file, clock=clock) as facilitator:
                facilitator.add_decision(meeting.id, 0, "Leads binnen 48 Stunden")
            seen = app.watcher.version
            ticking.tick()
            assert app.watcher.version != seen
            await wait_until(
                pilot,
                lambda: any(
                    "48 Stunden" in getattr(entry, "text", "")
                    for entry in screen.query_one(ItemLog).entries
                ),
            )
    finally:
        viewer.close()
