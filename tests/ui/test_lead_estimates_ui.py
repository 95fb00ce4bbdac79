"""Lead estimates in the figures form: typed, kept, and shown calibrated by how earlier
lead estimates turned out (real store, fake clock)."""

from __future__ import annotations

from decimal import Decimal

from roundtable.domain.campaigns import CampaignStatus, Channel
from roundtable.domain.campaigns.lead_calibration import (
    board_lead_outcomes,
    leads_for_new_estimate,
)
from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.screens.campaigns.snapshot_form import FiguresDraft, SnapshotForm
from roundtable.ui.widgets.plain import PlainLabel
from tests.ui.conftest import FakeClock, running_meeting, shown_text
from tests.ui.test_campaign_ui import Host, fill


async def test_figures_form_shows_the_lead_estimate_calibrated_and_returns_it(
    store: Store, clock: FakeClock, config: TeamConfig
) -> None:
    """Dialog marketing's finished campaign was estimated at 80 leads and brought 60 (25 %
    high): a new estimate of 200 leads is worth 150."""
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    common = {
        "owner": "dialog-marketing",
        "channel": Channel.MAILING,
        "start": clock.now.date(),
        "end": clock.now.date(),
        "budget": Decimal(10_000),
        "cost": Decimal(5_000),
    }
    done = store.add_campaign("Mailing Herbst", status=CampaignStatus.FINISHED, **common)
    running = store.add_campaign("Mailing Frühjahr", status=CampaignStatus.RUNNING, **common)
    store.record_snapshot(
        done.id,
        meeting.id,
        leads=60,
        accepted=20,
        won=4,
        estimated_revenue=Decimal(50_000),
        actual_revenue=Decimal(31_000),
        estimated_leads=80,
    )
    calibration = leads_for_new_estimate(board_lead_outcomes(store.scoreboard()), running)
    app = Host(SnapshotForm(running, meeting.number, lead_calibration=calibration))
    async with app.run_test(size=(80, 24)) as pilot:
        label = app.screen.query_one("#figures-leads-calibrated", PlainLabel)
        assert label.display is False
        await fill(pilot, "estimated_leads", "200")
        await pilot.pause()
        assert label.display is True
        assert label.shown == "→ the last lead estimate ran 25% high: calibrated 150 leads"
        assert "calibrated 150 leads" in shown_text(app)
        for field_id, text in (
            ("leads", "12"),
            ("accepted", "5"),
            ("won", "1"),
            ("estimated_revenue", "40,000"),
            ("actual_revenue", "2,000"),
        ):
            await fill(pilot, field_id, text)
        await pilot.press("enter")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, FiguresDraft)
    assert (draft.figures.leads, draft.figures.estimated_leads) == (12, 200)


async def test_an_empty_lead_estimate_is_none_given(
    store: Store, clock: FakeClock, config: TeamConfig
) -> None:
    meeting = running_meeting(store, config, clock)
    campaign = store.add_campaign(
        "Webinar",
        owner="marketing-communication",
        channel=Channel.WEBINAR,
        start=clock.now.date(),
        end=clock.now.date(),
        budget=Decimal(10_000),
        cost=Decimal(0),
        status=CampaignStatus.RUNNING,
    )
    app = Host(SnapshotForm(campaign, meeting.number))
    async with app.run_test(size=(80, 24)) as pilot:
        for field_id, text in (
            ("leads", "12"),
            ("accepted", "5"),
            ("won", "1"),
            ("estimated_revenue", "40,000"),
            ("actual_revenue", "2,000"),
        ):
            await fill(pilot, field_id, text)
        await pilot.press("enter")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, FiguresDraft)
    assert draft.figures.estimated_leads == 0
