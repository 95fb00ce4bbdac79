"""The statistics screen on a demo year: opened from home with `g`, driven by the Pilot,
and as snapshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Sparkline

from roundtable.ui.screens.home.home import HomeScreen
from roundtable.ui.screens.statistics import StatisticsScreen
from roundtable.ui.widgets.plain import PlainLabel
from tests.ui.conftest import settle, shown_text
from tests.ui.test_campaign_snapshots import demo_app

SnapCompare = Callable[..., bool]


async def test_statistics_from_home(tmp_path: Path) -> None:
    app, store, _config, _meeting = demo_app(tmp_path, meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatisticsScreen)
        table = screen.query_one(DataTable)
        titles = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert titles[:2] == ["Open action items", "Campaign results to date"]
        assert "Campaign planning" in titles
        summary = screen.query_one("#stats-summary", PlainLabel).shown
        assert summary.startswith("Last 10 meetings (")
        advice = screen.query_one("#stats-suggestions", PlainLabel).shown
        # The demo's campaign planning habitually runs over.
        assert "• Campaign planning ran over in " in advice
        assert "instead of 40" in advice
        box_trend = screen.query_one("#stats-box-trend", Sparkline)
        assert len(box_trend.data or []) == len(store.meetings())
        # Moving the cursor shows that item's minutes over every meeting.
        await pilot.press("down")
        await pilot.pause()
        caption = screen.query_one("#stats-item-caption", PlainLabel).shown
        assert caption == "Campaign results to date, plan 30: minutes per meeting"
        assert "Campaign results to date, plan 30" in shown_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    store.close()


async def test_statistics_without_meetings(tmp_path: Path) -> None:
    app, store, _config, _meeting = demo_app(tmp_path, meeting=False)
    store.wipe()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_statistics()
        await settle(pilot)
        assert "No ended meetings yet" in shown_text(app)
    store.close()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_statistics_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app, _store, _config, _meeting = demo_app(tmp_path, meeting=False)

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run)
