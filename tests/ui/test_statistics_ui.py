"""What the team's history shows in the app: the forecast line on the meeting screen and
the rebalance by history, on a real store with a fake clock."""

from __future__ import annotations

from datetime import timedelta

from roundtable.domain import timebox
from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.app import default_attendees
from roundtable.ui.widgets.forecast import ForecastLine
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

# Minutes the items of the round table took: campaign planning habitually runs over.
TOOK = (15, 28, 30, 25, 59, 25, 10)


def held_meetings(store: Store, config: TeamConfig, clock: FakeClock, count: int = 3) -> None:
    """`count` ended round tables, a week apart, before the clock's today; each item took
    the minutes of `TOOK`."""
    agenda = config.agenda("round-table")
    assert agenda is not None
    today = clock.now
    for weeks in range(count, 0, -1):
        clock.now = today - timedelta(weeks=weeks)
        meeting = timebox.new_meeting(
            agenda, default_attendees(config), "Katrin Vogel", store.next_meeting_number(), clock()
        )
        for minutes in TOOK:
            clock.advance(minutes=minutes)
            meeting = timebox.next_item(meeting, clock())
        meeting = timebox.end(meeting, clock())
        store.add_meeting(meeting)
    clock.now = today


async def test_forecast_line_names_what_will_not_fit(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    held_meetings(store, config, clock)
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        clock.advance(minutes=1)
        tick(app)
        await pilot.pause()
        line = app.screen.query_one(ForecastLine)
        assert line.has_class("-known") and line.has_class("-late")
        # 15 + 28 + 30 + 25 + 59 = 157; Budgets ends at 182 and Wrap-up at 192.
        assert line.shown == (
            "Plan: ends 12:00 · usual pace: 12:12 · "
            "At the usual pace Budgets and Wrap-up will not fit (about 12 minutes over)."
        )
        assert "Budgets and Wrap-up will not fit" in shown_text(app)
        # The plan itself fits: the time box still shows it.
        assert app.screen.query_one("#box-projected-end", PlainLabel).shown == "12:00"

        await pilot.press("R")
        await settle(pilot)
        planned = [item.planned_minutes for item in meeting_screen(app).meeting.items]
        # 180 - 1 used - 14 left of the first item = 165 minutes for the items after
        # it, in proportion to what they usually take (28, 30, 25, 59, 25, 10).
        assert planned[0] == 15
        assert sum(planned[1:]) == 165
        assert planned[4] > 40 and planned[6] < 15
        stored = store.running_meeting()
        assert stored is not None and [i.planned_minutes for i in stored.items] == planned
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [i.planned_minutes for i in meeting_screen(app).meeting.items][4] == 40


async def test_no_history_no_forecast_line(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        tick(app)
        await pilot.pause()
        line = app.screen.query_one(ForecastLine)
        assert not line.has_class("-known")
        assert line.display is False
