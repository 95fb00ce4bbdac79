"""Snapshots of the campaign scoreboard and its forms at 80x24 and 160x48.

Deterministic by construction: the demo year comes from a fixed seed and day, the
running meeting from a fixed clock, and no cursor blinks. Each picture was looked at
before it was accepted; update with `--snapshot-update`, then look at every changed
SVG again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from roundtable.demo.history import fill_demo
from roundtable.domain import timebox
from roundtable.domain.campaigns import CampaignDraft, CampaignStatus, Channel
from roundtable.domain.config import TeamConfig
from roundtable.domain.meeting import Meeting
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp
from roundtable.ui.screens.campaigns.campaign_form import CampaignForm
from roundtable.ui.screens.campaigns.scoreboard import ScoreboardScreen
from roundtable.ui.screens.campaigns.snapshot_form import SnapshotForm
from tests.ui.conftest import FakeClock, app_for, running_meeting, team_config

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]

SIZES = [(80, 24), (160, 48)]
DEMO_DAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
"""Tuesday 24 November 2026, 09:00 in Berlin: meeting 41 has just begun."""


def demo_app(
    tmp_path: Path, *, meeting: bool = True, start: bool = False
) -> tuple[RoundtableApp, Store, TeamConfig, Meeting | None]:
    """The app on a demo year; with `meeting`, meeting 41 runs and controlling has
    reported the first campaign in it already; `start` opens the app on it, at the
    campaign results."""
    clock = FakeClock(NOW)
    config = team_config(tmp_path)
    store = Store.open(tmp_path / "demo.db", clock=clock)
    fill_demo(store, config, today=DEMO_DAY)
    running = None
    if meeting:
        running = running_meeting(store, config, clock)
        assert running.id is not None
        first = store.scoreboard().rows[0]
        store.record_snapshot(
            first.campaign.id,
            running.id,
            leads=41,
            accepted=21,
            won=3,
            estimated_revenue=Decimal("160000"),
            actual_revenue=Decimal("81250"),
        )
    if running is not None and start:
        clock.advance(minutes=14)
        running = timebox.next_item(running, clock())
        store.save_meeting(running)
        clock.advance(minutes=9)
    return app_for(config, store, clock, start=start), store, config, running


def open_scoreboard(
    store: Store, config: TeamConfig, meeting: Meeting | None, *keys: str
) -> RunBefore:
    async def run(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, RoundtableApp)
        app.push_screen(
            ScoreboardScreen(
                app.context,
                meeting=meeting,
            )
        )
        await settled(pilot)
        if keys:
            await pilot.press(*keys)
            await settled(pilot)
        no_blinking(pilot)
        await pilot.pause()

    return run


async def settled(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, RoundtableApp)
    await pilot.pause()
    await app.store_thread.drain()
    await pilot.pause()


def no_blinking(pilot: Pilot[Any]) -> None:
    for field in pilot.app.screen.query(Input).results():
        field.cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_scoreboard_in_a_meeting(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app, store, config, meeting = demo_app(tmp_path)
    run = open_scoreboard(store, config, meeting, "down")
    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_meeting_at_the_campaign_results(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app, _store, _config, _meeting = demo_app(tmp_path, start=True)

    async def run(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        # The campaigns follow the first frame.
        await settled(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run)


def test_scoreboard_read_only(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, store, config, _meeting = demo_app(tmp_path, meeting=False)
    run = open_scoreboard(store, config, None)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run)


def test_figures_form_from_the_scoreboard(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, store, config, meeting = demo_app(tmp_path)
    run = open_scoreboard(store, config, meeting, "down", "enter")

    async def type_figures(pilot: Pilot[Any]) -> None:
        await run(pilot)
        for field_id, text in [("leads", "38"), ("actual_revenue", "-5")]:
            pilot.app.screen.query_one(f"#{field_id}", Input).focus()
            await pilot.press("end", "shift+home")
            pilot.app.post_message(events.Paste(text))
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        no_blinking(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=type_figures)


class Host(App[None]):
    """A bare app that opens one modal."""

    def __init__(self, modal: Screen[Any]) -> None:
        super().__init__()
        self.modal = modal

    def on_mount(self) -> None:
        self.push_screen(self.modal)


def test_campaign_form_errors(snap_compare: SnapCompare, tmp_path: Path) -> None:
    config = team_config(tmp_path)
    form = CampaignForm(config.roles, date(2026, 3, 2), taken=["Anwendertag Süd 2026"])

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for field_id, text in [
            ("name", "Messe [bold]Hannover[/bold] 2026 \x1b[31m"),
            ("owner", "Stefan Krüger"),
            ("start", "2026-04-20"),
            ("end", "2026-04-19"),
            ("budget", "-45,000"),
        ]:
            pilot.app.screen.query_one(f"#{field_id}", Input).focus()
            await pilot.press("end", "shift+home")
            pilot.app.post_message(events.Paste(text))
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        no_blinking(pilot)

    assert snap_compare(Host(form), terminal_size=(80, 24), run_before=run)


def test_campaign_form_editing_large(snap_compare: SnapCompare, tmp_path: Path) -> None:
    config = team_config(tmp_path)
    initial = CampaignDraft(
        name="Frühjahrs-Webinarreihe 2026",
        owner="marketing-communication",
        channel=Channel.WEBINAR,
        start=date(2026, 2, 2),
        end=date(2026, 4, 30),
        budget=Decimal("12000"),
        cost=Decimal("10822.68"),
        status=CampaignStatus.RUNNING,
        note="Drei Termine, Zielgruppe Instandhaltungsleiter",
    )
    form = CampaignForm(config.roles, date(2026, 3, 2), initial)

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#owner", Input).focus()
        await pilot.pause()
        no_blinking(pilot)

    assert snap_compare(Host(form), terminal_size=(160, 48), run_before=run)


def test_figures_form_first_report(snap_compare: SnapCompare, tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    with Store.open(tmp_path / "x.db", clock=clock) as store:
        campaign = store.add_campaign(
            "Direct Mailing Mittelstand 2026",
            owner="dialog-marketing",
            channel=Channel.MAILING,
            start=date(2026, 9, 1),
            end=date(2026, 12, 18),
            budget=Decimal("18000"),
            cost=Decimal("4200"),
            status=CampaignStatus.RUNNING,
        )
    form = SnapshotForm(campaign, 41)

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        no_blinking(pilot)

    assert snap_compare(Host(form), terminal_size=(80, 24), run_before=run)
