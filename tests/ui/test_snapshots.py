"""Snapshots of what the room sees: the meeting screen in each phase, and home.

Deterministic by construction: a fixed clock, a store filled the same way each time,
Berlin's wall clock, and no cursor on screen. Update with `--snapshot-update`, then look
at every changed SVG before accepting it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from textual.pilot import Pilot

from roundtable.domain.config import TeamConfig
from roundtable.domain.entries import BudgetKind
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp
from roundtable.ui.screens.meeting.screen import MeetingScreen
from tests.ui.conftest import FakeClock, app_for, running_meeting

SnapCompare = Callable[..., bool]

SIZES = [(80, 24), (160, 48)]


def meeting_app(config: TeamConfig, db_file: Path, clock: FakeClock) -> tuple[RoundtableApp, Store]:
    """The app on a meeting whose first item has just used its fifteen minutes."""
    store = Store.open(db_file, clock=clock)
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_decision(meeting.id, 0, "Alle offenen Punkte aus Meeting 11 sind erledigt.")
    clock.advance(minutes=15)
    app = app_for(config, store, clock, start=True)
    return app, store


async def settled(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, RoundtableApp)
    await pilot.pause()
    await app.store_thread.drain()
    await pilot.pause()


def second_item(store: Store, clock: FakeClock, minutes: float) -> Callable[[Pilot[None]], object]:
    """Go to the second item, capture into it, and let `minutes` pass."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settled(pilot)
        await pilot.press("n")
        await settled(pilot)
        meeting = store.running_meeting()
        assert meeting is not None and meeting.id is not None
        store.add_decision(meeting.id, 1, "Frühjahrskampagne [Messe] läuft bis 30. April weiter.")
        store.add_action("Lead-Report Q1 an den Vertrieb", "dialog-marketing", None, meeting.id, 1)
        store.add_budget(
            meeting.id,
            1,
            area="Marketing Communication",
            amount=Decimal("12500"),
            currency="EUR",
            period="2026-Q2",
            kind=BudgetKind.SHIFT,
            from_area="Sales",
            needs_signoff=True,
        )
        clock.advance(minutes=minutes)
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen)
        screen.reload_log()  # what the store poll does every few seconds, now
        await settled(pilot)
        screen.refresh_clocks()
        # The box warning may wrap to a second line: let that layout pass run too.
        await settled(pilot)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
@pytest.mark.parametrize(
    ("phase", "minutes"),
    [("normal", 7.5), ("warning", 28.75), ("overrun", 36.25)],
)
def test_meeting_screen(
    snap_compare: SnapCompare,
    config: TeamConfig,
    db_file: Path,
    clock: FakeClock,
    size: tuple[int, int],
    phase: str,
    minutes: float,
) -> None:
    app, store = meeting_app(config, db_file, clock)
    try:
        assert snap_compare(app, terminal_size=size, run_before=second_item(store, clock, minutes))
    finally:
        store.close()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_home_screen(
    snap_compare: SnapCompare,
    config: TeamConfig,
    db_file: Path,
    clock: FakeClock,
    size: tuple[int, int],
) -> None:
    with Store.open(db_file, clock=clock) as store:
        running_meeting(store, config, clock)
        clock.advance(minutes=50)
        app = app_for(config, store, clock)
        assert snap_compare(app, terminal_size=size, run_before=settled)
