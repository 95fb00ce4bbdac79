"""The scoreboard's figures in words, shared by the table, the meeting's compact
scoreboard and the campaign detail: which campaigns matter in a meeting, how the gap
between estimate and actual moved, one currency's totals in a line."""

from __future__ import annotations

from roundtable.domain import l10n
from roundtable.domain.campaigns import (
    CampaignRow,
    CampaignStatus,
    Scoreboard,
    Totals,
    format_change,
    format_percent,
)
from roundtable.domain.money import format_amount
from roundtable.i18n import _
from roundtable.ui.widgets.campaign_item import CAMPAIGN_RESULTS_ROLE, shows_campaigns

__all__ = [
    "CAMPAIGN_RESULTS_ROLE",
    "campaigns_in_meeting",
    "gap_arrow",
    "gap_change_text",
    "gap_distances",
    "shows_campaigns",
    "totals_text",
]


def campaigns_in_meeting(board: Scoreboard, meeting_id: int | None) -> list[CampaignRow]:
    """The campaigns that matter in a meeting: those still running, and those whose
    figures were reported in it."""
    return [
        row
        for row in board.rows
        if row.campaign.status is CampaignStatus.RUNNING
        or (meeting_id is not None and row.reported_in == meeting_id)
    ]


def gap_distances(row: CampaignRow) -> tuple[float, ...]:
    """How far estimate and actual were apart at each meeting (the gap without its
    sign): the chart's data, which should shrink towards zero."""
    return tuple(abs(value) for value in row.gap_trend)


def gap_arrow(row: CampaignRow) -> str:
    """`▼` when estimate and actual came closer since the report before, `▲` when they
    moved apart, `=` when the gap stayed, `—` with nothing to compare."""
    if row.gap_narrowed is None:
        return "—"
    if row.gap_narrowed:
        return "▼"
    assert row.snapshot is not None and row.previous is not None
    return "▲" if abs(row.snapshot.gap) > abs(row.previous.gap) else "="


def gap_change_text(row: CampaignRow) -> str:
    """The arrow and the change of the gap, like `▼ EUR -61,390.00`."""
    arrow = gap_arrow(row)
    if row.gap_change is None:
        return arrow
    return f"{arrow} {format_change(row.gap_change, row.campaign.currency)}"


def totals_text(totals: Totals) -> str:
    """One currency's sums in a line, for a summary above or below the table."""
    cpl = totals.cost_per_lead
    return _(
        "cost {cost} · {leads} leads · {cpl} per lead · conversion {conversion} · "
        "estimate {estimate} · actual {actual}"
    ).format(
        cost=format_amount(totals.cost, totals.currency),
        leads=l10n.format_number(totals.leads),
        cpl="—" if cpl is None else format_amount(cpl, totals.currency),
        conversion=format_percent(totals.conversion_pct),
        estimate=format_amount(totals.estimate, totals.currency),
        actual=format_amount(totals.actual, totals.currency),
    )
