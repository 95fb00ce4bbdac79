"""Snapshots of the board and the presentation view, dark and light (issue 15).

Deterministic like tests/ui/test_snapshots.py: a fixed clock, a store filled the same
way each time, Berlin's wall clock. The meeting runs its second item, six minutes over,
so the countdown counts the overrun, the box is late and the warning offers its keys.
Update with `--snapshot-update`, then look at every changed SVG before accepting it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.app import LIGHT_THEME
from tests.ui.conftest import FakeClock
from tests.ui.test_snapshots import meeting_app, second_item

SnapCompare = Callable[..., bool]

SIZES = [(80, 24), (160, 48)]
THEMES = ["dark", "light"]


def shown(
    store: Store, clock: FakeClock, minutes: float, *, light: bool, present: bool
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Into the second item, `minutes` in, in the light theme or not, presenting or not."""
    before = second_item(store, clock, minutes)

    async def run_before(pilot: Pilot[None]) -> None:
        if light:
            pilot.app.theme = LIGHT_THEME
        await before(pilot)
        if present:
            await pilot.press("v")
            await pilot.pause()
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
@pytest.mark.parametrize("view", ["board", "presentation"])
def test_projector(
    snap_compare: SnapCompare,
    config: TeamConfig,
    db_file: Path,
    clock: FakeClock,
    view: str,
    size: tuple[int, int],
    theme: str,
) -> None:
    app, store = meeting_app(config, db_file, clock)
    try:
        run_before = shown(
            store, clock, 36.25, light=theme == "light", present=view == "presentation"
        )
        assert snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        store.close()
