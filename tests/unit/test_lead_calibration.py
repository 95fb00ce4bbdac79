"""Lead estimates against the leads campaigns brought, with answers worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from roundtable.domain.campaigns import (
    Campaign,
    CampaignStatus,
    Channel,
    Snapshot,
    build_scoreboard,
    calibrate,
)
from roundtable.domain.campaigns.lead_calibration import (
    board_lead_outcomes,
    calibrated_leads,
    campaign_lead_lines,
    lead_bias_text,
    lead_calibration_lines,
    lead_calibration_text,
    lead_outcomes,
    leads_for_new_estimate,
)
from roundtable.i18n import set_language

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NUMBERS = {100 + n: n for n in range(1, 20)}


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def campaign(
    id: int, owner: str = "dialog-marketing", status: CampaignStatus = CampaignStatus.FINISHED
) -> Campaign:
    return Campaign(
        id=id,
        name=f"Campaign {id}",
        owner=owner,
        channel=Channel.MAILING,
        start=date(2026, 1, 5),
        end=date(2026, 3, 1),
        budget=Decimal(10_000),
        cost=Decimal(8_000),
        status=status,
    )


_ids = iter(range(1, 10_000))


def snap(campaign_id: int, meeting: int, estimated_leads: int, leads: int) -> Snapshot:
    return Snapshot(
        id=next(_ids),
        campaign_id=campaign_id,
        meeting_id=100 + meeting,
        leads=leads,
        accepted=0,
        won=0,
        estimated_revenue=Decimal(0),
        actual_revenue=Decimal(0),
        cost=Decimal(1_000),
        at=AT,
        estimated_leads=estimated_leads,
    )


def test_no_history_and_no_estimate() -> None:
    assert lead_outcomes([], [], NUMBERS) == ()
    # Figures without a lead estimate (0) say nothing about estimating.
    outcomes = lead_outcomes([campaign(1)], [snap(1, 1, 0, 30), snap(1, 2, 0, 80)], NUMBERS)
    assert outcomes == ()
    calibration = calibrate(outcomes)
    assert calibrated_leads(calibration, 100) is None
    assert lead_calibration_text(calibration, 100) == ""
    assert lead_calibration_lines(outcomes, {}) == []
    assert lead_bias_text(calibration, calibration, "Dialog Marketing") == ""


def test_a_running_campaign_has_no_outcome_yet() -> None:
    running = campaign(1, status=CampaignStatus.RUNNING)
    assert lead_outcomes([running], [snap(1, 1, 200, 40)], NUMBERS) == ()


def test_each_new_lead_estimate_is_judged_against_the_final_leads() -> None:
    # Estimates 200, 200 (unchanged: not a new estimate), 160, then the final report of
    # 120 leads with the estimate set to what came in.
    snapshots = [snap(1, 1, 200, 20), snap(1, 2, 200, 60), snap(1, 3, 160, 100)]
    snapshots.append(snap(1, 4, 120, 120))
    outcomes = lead_outcomes([campaign(1)], snapshots, NUMBERS)
    assert [(o.meeting_number, o.estimate, o.actual) for o in outcomes] == [
        (1, Decimal(200), Decimal(120)),
        (3, Decimal(160), Decimal(120)),
        (4, Decimal(120), Decimal(120)),
    ]
    # (200-120)/200 = 40 %, (160-120)/160 = 25 %, 0 %: 65/3 = 21.7 % high.
    calibration = calibrate(outcomes)
    assert calibration.bias_pct == Decimal("21.7")
    assert calibration.error_pct == Decimal("21.7")
    # 150 leads estimated, 21.7 % high: 117.45, so 117 leads.
    assert calibrated_leads(calibration, 150) == 117
    assert lead_calibration_text(calibration, 150) == (
        "the last 3 lead estimates ran 22% high: calibrated 117 leads"
    )


def test_low_estimates_and_one_estimate() -> None:
    outcomes = lead_outcomes([campaign(1)], [snap(1, 1, 80, 10), snap(1, 2, 80, 100)], NUMBERS)
    # (80-100)/80 = -25 %: ran low; a new estimate of 40 is worth 50.
    calibration = calibrate(outcomes)
    assert calibration.bias_pct == Decimal("-25.0")
    assert lead_calibration_text(calibration, 40) == (
        "the last lead estimate ran 25% low: calibrated 50 leads"
    )


def test_per_campaign_and_per_role() -> None:
    campaigns = [campaign(1), campaign(2), campaign(3, owner="marketing-communication")]
    snapshots = [
        snap(1, 1, 200, 100),  # 50 % high
        snap(2, 2, 100, 90),  # 10 % high
        snap(3, 3, 50, 60),  # 20 % low
    ]
    outcomes = lead_outcomes(campaigns, snapshots, NUMBERS)
    dialog = calibrate(outcomes, owner="dialog-marketing")
    assert dialog.bias_pct == Decimal(30)
    assert calibrate(outcomes, campaign_id=2).bias_pct == Decimal(10)
    titles = {"dialog-marketing": "Dialog Marketing", "marketing-communication": "Comms"}
    assert lead_calibration_lines(outcomes, titles) == [
        "Comms: 1 lead estimate ran 20% low on average, 20% low lately; off by 20% on average.",
        "Dialog Marketing: 2 lead estimates ran 30% high on average, 30% high lately; "
        "off by 30% on average.",
    ]
    assert campaign_lead_lines(outcomes) == [
        "Campaign 1: 1 lead estimate ran 50% high on average.",
        "Campaign 2: 1 lead estimate ran 10% high on average.",
        "Campaign 3: 1 lead estimate ran 20% low on average.",
    ]
    assert lead_bias_text(calibrate(outcomes, campaign_id=1), dialog, "Dialog Marketing") == (
        "Lead estimates: this campaign's 1 ran 50% high; "
        "Dialog Marketing's 2 ran 30% high, lately 30% high"
    )
    # A new campaign of a role with history reads against that role, else everyone's.
    assert leads_for_new_estimate(outcomes, campaign(9)).count == 2
    assert leads_for_new_estimate(outcomes, campaign(9, owner="sales-marketing")).count == 3


def test_the_scoreboard_gives_the_same_outcomes() -> None:
    campaigns = [campaign(1), campaign(2, status=CampaignStatus.RUNNING)]
    snapshots = [snap(1, 1, 200, 20), snap(1, 2, 150, 100), snap(2, 2, 90, 10)]
    board = build_scoreboard(campaigns, snapshots, NUMBERS)
    assert board_lead_outcomes(board) == lead_outcomes(campaigns, snapshots, NUMBERS)
    row = next(r for r in board.rows if r.campaign.id == 2)
    assert row.estimated_leads == 90
