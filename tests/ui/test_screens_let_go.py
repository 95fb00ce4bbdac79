"""A screen left is let go: nothing keeps it, and what it read, once the room is back on
the meeting. The scoreboard of every campaign and the list of every action item are the
app's biggest reads; a table on them that follows the theme once stayed subscribed (and
so alive, with all it was handed) after the screen was closed."""

from __future__ import annotations

import gc
import weakref

from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.screens.actions.action_items import ActionItemsScreen
from roundtable.ui.screens.campaigns.scoreboard import ScoreboardScreen
from roundtable.ui.widgets.action_table import ActionTable
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.scoreboard_table import ScoreboardTable
from tests.ui.conftest import FakeClock, app_for, meeting_screen, running_meeting, settle


async def test_the_scoreboard_and_the_action_items_are_let_go_when_left(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    left: list[weakref.ref[object]] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        meeting = meeting_screen(app)
        shown = (
            ("dollar_sign", ScoreboardScreen, ScoreboardTable),
            ("i", ActionItemsScreen, ActionTable),
        )
        for key, kind, table in shown:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, kind)
            left += [weakref.ref(app.screen), weakref.ref(app.screen.query_one(table))]
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is meeting
        gc.collect()
        assert [ref() for ref in left] == [None] * 4


async def test_a_scoreboard_shown_follows_the_theme_until_it_goes(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("dollar_sign")
        await settle(pilot)
        table = app.screen.query_one(ScoreboardTable)
        subscribers = app.theme_changed_signal._subscriptions
        assert table in subscribers
        await pilot.press("escape")
        await settle(pilot)
        assert table not in subscribers
        # The meeting screen's agenda, still shown, still follows it.
        assert meeting_screen(app).query_one(AgendaList) in subscribers
