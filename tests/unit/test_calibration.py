"""Estimates against reality, with answers worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from roundtable.domain.campaigns import (
    Campaign,
    CampaignStatus,
    Channel,
    Snapshot,
    calibrate,
    calibration_lines,
    calibration_text,
    estimate_outcomes,
)
from roundtable.domain.campaigns.calibration import bias_text
from roundtable.i18n import set_language

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


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


def snap(campaign_id: int, meeting: int, estimate: int, actual: int) -> Snapshot:
    return Snapshot(
        id=next(_ids),
        campaign_id=campaign_id,
        meeting_id=100 + meeting,
        leads=10,
        accepted=5,
        won=1,
        estimated_revenue=Decimal(estimate),
        actual_revenue=Decimal(actual),
        cost=Decimal(1_000),
        at=AT,
    )


NUMBERS = {100 + n: n for n in range(1, 20)}


def test_no_history() -> None:
    outcomes = estimate_outcomes([], [], NUMBERS)
    calibration = calibrate(outcomes)
    assert calibration.count == 0
    assert calibration.bias_pct is None and calibration.error_pct is None
    assert calibration.calibrated(Decimal(100_000)) is None
    assert calibration_text(calibration, Decimal(100_000), "EUR") == ""
    assert calibration_lines(outcomes, {}) == []


def test_a_running_campaign_has_no_outcome_yet() -> None:
    outcomes = estimate_outcomes(
        [campaign(1, status=CampaignStatus.RUNNING)], [snap(1, 1, 100_000, 20_000)], NUMBERS
    )
    assert outcomes == ()


def test_each_new_estimate_is_judged_against_the_final_revenue() -> None:
    snapshots = [
        snap(1, 1, 100_000, 0),
        snap(1, 2, 100_000, 30_000),  # the same estimate again: not a new one
        snap(1, 3, 80_000, 50_000),
        snap(1, 4, 62_500, 62_500),
    ]
    outcomes = estimate_outcomes([campaign(1)], snapshots, NUMBERS)
    assert [(o.meeting_number, o.estimate, o.actual) for o in outcomes] == [
        (1, 100_000, 62_500),
        (3, 80_000, 62_500),
        (4, 62_500, 62_500),
    ]
    # (100 - 62.5) / 100 = 37.5 %; (80 - 62.5) / 80 = 21.875 → 21.9 %; 0 %
    assert [o.off_pct for o in outcomes] == [Decimal("37.5"), Decimal("21.9"), Decimal("0.0")]
    calibration = calibrate(outcomes)
    # (37.5 + 21.9 + 0) / 3 = 19.8
    assert calibration.bias_pct == Decimal("19.8")
    assert calibration.error_pct == Decimal("19.8")


def test_the_calibrated_estimate_in_words() -> None:
    # Six finished campaigns whose estimates all ran 38 % high.
    campaigns = [campaign(n) for n in range(1, 7)]
    snapshots = [snap(n, n, 100_000, 62_000) for n in range(1, 7)]
    calibration = calibrate(estimate_outcomes(campaigns, snapshots, NUMBERS))
    assert calibration.recent_bias_pct == Decimal("38.0")
    assert calibration.calibrated(Decimal(100_000)) == Decimal("62000.00")
    assert calibration_text(calibration, Decimal(100_000), "EUR") == (
        "the last 6 estimates ran 38% high: calibrated €62,000.00"
    )
    set_language("de")
    assert calibration_text(calibration, Decimal(100_000), "EUR") == (
        "die letzten 6 Schätzungen lagen 38\xa0% zu hoch: kalibriert 62.000,00\xa0€"
    )


def test_lately_differs_from_on_average_and_low_estimates() -> None:
    # Estimates that start optimistic and converge: 50 %, 40 %, 30 %, then -10 %, 0 %, 10 %,
    # 10 %, 10 %, 10 % (the latest six: -10, 0, 10, 10, 10, 10 → 5 %).
    offs = [50, 40, 30, -10, 0, 10, 10, 10, 10]
    campaigns = [campaign(n) for n in range(1, 10)]
    snapshots = [snap(n, n, 100_000, 100_000 - off * 1_000) for n, off in enumerate(offs, 1)]
    calibration = calibrate(estimate_outcomes(campaigns, snapshots, NUMBERS))
    assert calibration.bias_pct == Decimal("16.7")  # 150 / 9
    assert calibration.recent_bias_pct == Decimal("5.0")
    assert calibration.error_pct == Decimal("18.9")  # 170 / 9
    low = calibrate(estimate_outcomes([campaign(1)], [snap(1, 1, 50_000, 60_000)], NUMBERS))
    assert calibration_text(low, Decimal(50_000), "EUR") == (
        "the last estimate ran 20% low: calibrated €60,000.00"
    )


def test_per_role_and_per_campaign() -> None:
    campaigns = [campaign(1), campaign(2, owner="marketing-communication")]
    snapshots = [snap(1, 1, 100_000, 80_000), snap(2, 2, 100_000, 110_000)]
    outcomes = estimate_outcomes(campaigns, snapshots, NUMBERS)
    assert calibrate(outcomes, owner="dialog-marketing").bias_pct == Decimal("20.0")
    assert calibrate(outcomes, campaign_id=2).bias_pct == Decimal("-10.0")
    assert calibrate(outcomes).bias_pct == Decimal("5.0")
    titles = {"dialog-marketing": "Dialog Marketing", "marketing-communication": "Marcom"}
    assert calibration_lines(outcomes, titles) == [
        "Dialog Marketing: 1 estimate ran 20% high on average, 20% high lately; "
        "off by 20% on average.",
        "Marcom: 1 estimate ran 10% low on average, 10% low lately; off by 10% on average.",
    ]


def test_bias_in_one_line_for_the_scoreboard() -> None:
    campaigns = [campaign(1), campaign(2)]
    snapshots = [snap(1, 1, 100_000, 80_000), snap(2, 2, 100_000, 110_000)]
    calibration = calibrate(estimate_outcomes(campaigns, snapshots, NUMBERS), recent=1)
    assert bias_text(calibration) == "2 earlier estimates ran 5% high, lately 10% low"
    assert bias_text(calibrate([])) == ""
