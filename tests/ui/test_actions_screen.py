"""The action-items screen: filters, search, changes and undo, on a real store.

Nordwerk's history: two meetings' action items, some done or dropped, some overdue, one
owned by someone who has left (not in the roles file any more), one owned by nobody.
"""

from __future__ import annotations

from datetime import date

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select

from roundtable.domain.action_query import StatusFilter
from roundtable.domain.config import TeamConfig
from roundtable.domain.entries import ActionStatus
from roundtable.store.store import Store
from roundtable.ui.screens.actions.action_items import SEARCH_DEBOUNCE_SECONDS, ActionItemsScreen
from roundtable.ui.screens.forms.action_edit import DueModal, OwnerModal
from roundtable.ui.widgets.action_table import ActionTable
from tests.ui.conftest import (
    FakeClock,
    app_for,
    nordwerk_history,
    settle,
    shown_text,
    wait_until,
)


def table(app: App[None]) -> ActionTable:
    return app.screen.query_one(ActionTable)


def refs(app: App[None]) -> list[str]:
    return [row.action.ref for row in table(app).rows]


async def open_actions(pilot: Pilot[None]) -> ActionItemsScreen:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ActionItemsScreen)
    return screen


async def test_filters_narrow_the_list_and_say_how_many(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    nordwerk_history(store, config, clock)
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_actions(pilot)
        assert refs(app) == ["A-1", "A-3", "A-2", "A-7", "A-4"]  # open, due first
        assert "5 of 7 action items · open · 2 overdue in all" in shown_text(app)

        status: Select[StatusFilter] = screen.query_one("#status", Select)
        status.value = StatusFilter.DONE
        await settle(pilot)
        assert refs(app) == ["A-5"]
        status.value = StatusFilter.DROPPED
        await settle(pilot)
        assert refs(app) == ["A-6"]
        status.value = StatusFilter.ALL
        await settle(pilot)
        assert len(refs(app)) == 7

        overdue = screen.query_one("#overdue", Checkbox)
        overdue.value = True
        await settle(pilot)
        assert refs(app) == ["A-1", "A-3"]  # done and dropped ones are never overdue
        overdue.value = False
        await settle(pilot)

        owner: Select[str] = screen.query_one("#owner", Select)
        owner.value = "role:dialog-marketing"  # the role and its holder Stefan
        await settle(pilot)
        assert refs(app) == ["A-1", "A-6"]
        owner.value = "person:Jürgen Weber"
        await settle(pilot)
        assert refs(app) == ["A-3"]
        assert "Jürgen Weber (not in roles)" in shown_text(app)
        owner.value = "nobody"
        await settle(pilot)
        assert refs(app) == ["A-4"]
        owner.value = "everyone"
        await settle(pilot)

        meeting = screen.query_one("#meeting", Input)
        meeting.focus()
        await pilot.press("2")  # opened in meeting 2
        await settle(pilot)
        assert refs(app) == ["A-7"]
        assert "opened in meeting 2" in shown_text(app)
        await pilot.press("backspace", "9")
        await settle(pilot)
        assert refs(app) == []
        assert "No action item matches" in shown_text(app)
        await pilot.press("backspace", "1")
        await settle(pilot)
        assert len(refs(app)) == 6


async def test_search_narrows_as_you_type_case_insensitive(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    nordwerk_history(store, config, clock)
    app = app_for(config, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actions(pilot)
        await pilot.press("slash", *"MESSE")
        await pilot.pause(SEARCH_DEBOUNCE_SECONDS + 0.05)
        await settle(pilot)
        assert refs(app) == ["A-2", "A-7"]  # open ones; the booked booth is done
        await pilot.press(*" hann")
        await pilot.pause(SEARCH_DEBOUNCE_SECONDS + 0.05)
        assert refs(app) == ["A-2"]
        app.screen.query_one("#search", Input).value = "a-3"  # by ref
        await pilot.pause(SEARCH_DEBOUNCE_SECONDS + 0.05)
        assert refs(app) == ["A-3"]
        app.screen.query_one("#search", Input).value = "controlling"  # the owner in words
        await pilot.pause(SEARCH_DEBOUNCE_SECONDS + 0.05)
        assert refs(app) == ["A-7"]
        await pilot.press("enter")  # back to the list
        assert app.focused is table(app)


async def test_done_reopen_reassign_redate_and_undo(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    _first_id, second_id = nordwerk_history(store, config, clock)
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_actions(pilot)
        await pilot.press("enter")  # A-1 done, recorded in the running meeting
        await settle(pilot)
        done = store.action("A-1")
        assert done.status is ActionStatus.DONE and done.closed_in == second_id
        assert refs(app)[0] == "A-1"  # stays listed until a filter changes
        await pilot.press("enter")  # and reopened
        await settle(pilot)
        assert store.action("A-1").status is ActionStatus.OPEN

        await pilot.press("down")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, OwnerModal)
        app.screen.query_one("#owner", Input).value = ""
        await pilot.press(*"Dialog Marketing", "enter")
        await settle(pilot)
        assert store.action("A-3").owner == "dialog-marketing"

        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, DueModal)
        app.screen.query_one("#due", Input).value = ""
        await pilot.press(*"next meeting", "enter")  # every two weeks: 16 March
        await settle(pilot)
        assert store.action("A-3").due == date(2026, 3, 16)

        await pilot.press("delete")
        await settle(pilot)
        assert store.action("A-3").status is ActionStatus.DROPPED

        for _ in range(2):
            await pilot.press("ctrl+z")
            await settle(pilot)
        back = store.action("A-3")
        assert back.status is ActionStatus.OPEN
        assert back.due == date(2026, 2, 27)
        assert back.owner == "dialog-marketing"  # two steps back: the owner stays
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.action("A-3").owner == "Jürgen Weber"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ActionItemsScreen)


async def test_reachable_from_the_meeting_and_the_palette(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    nordwerk_history(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ActionItemsScreen)
        await wait_until(pilot, lambda: bool(refs(app)))
        await pilot.press("escape")
        await settle(pilot)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Action items" in commands
        assert "Change cadence" in commands
