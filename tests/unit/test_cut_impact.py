"""What a budget cut touches on the other side, with answers worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from roundtable.domain.campaigns import (
    Campaign,
    CampaignRow,
    CampaignStatus,
    Channel,
    Snapshot,
    build_scoreboard,
)
from roundtable.domain.campaigns.cut_impact import cut_impact, cut_impact_lines, period_days
from roundtable.domain.config import Role
from roundtable.i18n import set_language

ROLES = (
    Role("sales", "Sales", "sales", ("Jana Richter",)),
    Role("dialog-marketing", "Dialog Marketing", "marketing", ("Stefan Krüger",)),
    Role("marketing-communication", "Marketing Communication", "marketing", ("Anna Schulz",)),
    Role("sales-marketing", "Sales Marketing (Absatzmarketing)", "marketing", ("Katrin",)),
)
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def campaign(id: int, owner: str, start: date, end: date, status: CampaignStatus) -> Campaign:
    return Campaign(
        id=id,
        name=f"Campaign {id}",
        owner=owner,
        channel=Channel.MAILING,
        start=start,
        end=end,
        budget=Decimal(10_000),
        cost=Decimal(6_000),
        status=status,
    )


def rows() -> tuple[CampaignRow, ...]:
    campaigns = [
        campaign(
            1, "dialog-marketing", date(2026, 1, 5), date(2026, 3, 31), CampaignStatus.RUNNING
        ),
        campaign(
            2,
            "marketing-communication",
            date(2026, 2, 1),
            date(2026, 5, 31),
            CampaignStatus.RUNNING,
        ),
        campaign(
            3, "dialog-marketing", date(2026, 7, 1), date(2026, 9, 30), CampaignStatus.PLANNED
        ),
        campaign(
            4, "dialog-marketing", date(2025, 9, 1), date(2025, 11, 30), CampaignStatus.FINISHED
        ),
    ]
    snapshots = [
        Snapshot(
            n,
            n,
            1,
            leads,
            0,
            0,
            Decimal(0),
            Decimal(0),
            Decimal(6_000),
            datetime(2026, 3, 2, tzinfo=UTC),
        )
        for n, leads in ((1, 40), (2, 60), (4, 100))
    ]
    return build_scoreboard(campaigns, snapshots, {1: 1}).rows


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("2026", (date(2026, 1, 1), date(2026, 12, 31))),
        ("2026-Q1", (date(2026, 1, 1), date(2026, 3, 31))),
        ("q4 2026", (date(2026, 10, 1), date(2026, 12, 31))),
        ("H2 2026", (date(2026, 7, 1), date(2026, 12, 31))),
        ("2026-h1", (date(2026, 1, 1), date(2026, 6, 30))),
        ("2026-02", (date(2026, 2, 1), date(2026, 2, 28))),
        ("next spring", None),
        ("2026-13", None),
    ],
)
def test_period_days(text: str, days: tuple[date, date] | None) -> None:
    assert period_days(text) == days


def test_a_sales_cut_touches_marketings_campaigns_in_the_period() -> None:
    impact = cut_impact(rows(), ROLES, "Sales", "2026-Q1", TODAY)
    assert impact is not None and impact.sales_cut
    assert [r.campaign.id for r in impact.rows] == [2, 1]
    assert impact.leads == 100
    assert cut_impact_lines(impact, "2026-Q1") == [
        "Sales follows up the leads of 2 campaigns in 2026-Q1: 100 leads at stake.",
        "Campaign 2: 60 leads, cost per lead €100.00",
        "Campaign 1: 40 leads, cost per lead €150.00",
    ]


def test_a_marketing_cut_touches_that_areas_campaigns() -> None:
    impact = cut_impact(rows(), ROLES, "communication", "2026", TODAY)
    assert impact is not None and not impact.sales_cut
    assert [r.campaign.id for r in impact.rows] == [2]
    dialog = cut_impact(rows(), ROLES, "dialog marketing", "H2 2026", TODAY)
    assert dialog is not None and [r.campaign.id for r in dialog.rows] == [3]
    assert cut_impact_lines(dialog, "H2 2026")[1] == "Campaign 3: — leads, cost per lead —"
    # "sales marketing" is a marketing role, not sales.
    absatz = cut_impact(rows(), ROLES, "sales marketing", "2026-Q1", TODAY)
    assert absatz is not None and not absatz.sales_cut


def test_nothing_in_the_period_and_no_area() -> None:
    assert cut_impact(rows(), ROLES, "  ", "2026-Q1", TODAY) is None
    empty = cut_impact(rows(), ROLES, "Vertrieb", "2027-Q1", TODAY)
    assert empty is not None and empty.sales_cut and empty.rows == ()
    assert cut_impact_lines(empty, "2027-Q1") == [
        "No campaign runs in 2027-Q1: the cut touches no leads."
    ]
    # A period that cannot be read: the campaigns running today.
    today = cut_impact(rows(), ROLES, "sales", "after the fair", TODAY)
    assert today is not None and [r.campaign.id for r in today.rows] == [2, 1]
