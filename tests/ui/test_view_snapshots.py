"""Snapshots of the action-items screen, the follow view and the carry-over.

Deterministic like tests/ui/test_snapshots.py: a fixed clock, a store filled the same
way each time, Berlin's wall clock. Update with `--snapshot-update`, then look at every
changed SVG (rsvg-convert it to a PNG) before accepting it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from roundtable.domain import timebox
from roundtable.domain.action_query import StatusFilter
from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.follow import make_follow_app
from roundtable.ui.widgets.carry_over import CarryOverTable
from tests.ui.conftest import (
    BERLIN,
    FakeClock,
    app_for,
    nordwerk_history,
    settle,
    table_settled,
    wait_until,
)

SnapCompare = Callable[..., bool]

SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_action_items_screen(
    snap_compare: SnapCompare,
    config: TeamConfig,
    db_file: Path,
    clock: FakeClock,
    size: tuple[int, int],
) -> None:
    with Store.open(db_file, clock=clock) as store:
        nordwerk_history(store, config, clock)
        app = app_for(config, store, clock)

        async def every_item(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            status: Select[StatusFilter] = app.screen.query_one("#status", Select)
            status.value = StatusFilter.ALL
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=every_item)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_follow_view(
    snap_compare: SnapCompare,
    config: TeamConfig,
    db_file: Path,
    clock: FakeClock,
    size: tuple[int, int],
) -> None:
    with Store.open(db_file, clock=clock) as store:
        _first, second = nordwerk_history(store, config, clock)
        store.add_decision(second, 1, "Frühjahrskampagne [Messe] läuft bis 30. April weiter.")
        clock.advance(minutes=15)
        running = store.running_meeting()
        assert running is not None
        store.save_meeting(timebox.next_item(running, clock()))
        clock.advance(minutes=12, seconds=30)
    with Store.open(db_file, read_only=True) as viewer:
        app = make_follow_app(config, viewer, clock, timezone=BERLIN, poll_seconds=3600)
        try:
            assert snap_compare(app, terminal_size=size, run_before=settle)
        finally:
            app.store_thread.close()


def test_carry_over_in_the_review_item(
    snap_compare: SnapCompare, config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    with Store.open(db_file, clock=clock) as store:
        nordwerk_history(store, config, clock)
        clock.advance(minutes=4)
        app = app_for(config, store, clock, start=True)

        async def read(pilot: Pilot[None]) -> None:
            await wait_until(pilot, lambda: bool(pilot.app.screen.query(CarryOverTable)))
            table = pilot.app.screen.query_one(CarryOverTable)
            await wait_until(pilot, lambda: bool(table.groups))
            await table_settled(pilot, table)
            # Every row fits: no scrollbar left from measuring the wrapped rows taller.
            assert not table.show_vertical_scrollbar

        assert snap_compare(app, terminal_size=(80, 24), run_before=read)
