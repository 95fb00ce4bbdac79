"""Controlling's report in the minutes: each campaign's figures as of the meeting."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from roundtable.domain import l10n
from roundtable.domain.campaigns import (
    CampaignRow,
    channel_label,
    format_change,
    format_percent,
    status_label,
    totals,
)
from roundtable.domain.campaigns.calibration import calibration_lines
from roundtable.domain.campaigns.lead_calibration import (
    campaign_lead_lines,
    lead_calibration_lines,
)
from roundtable.domain.markdown import inline
from roundtable.domain.minutes.text import NOTHING, amount_text, cell_or_dash, md_table
from roundtable.i18n import _

if TYPE_CHECKING:
    from roundtable.domain.minutes.render import Minutes

__all__ = ["campaign_section"]


def campaign_section(m: Minutes) -> str:
    """Controlling's report: each campaign's leads, cost and revenue to date, and
    how its estimate and its actual revenue moved since the previous report."""
    parts = ["## " + _("Campaign results")]
    rows = sorted(m.data.campaigns, key=lambda r: (r.campaign.name.casefold(), r.campaign.id))
    if not rows:
        parts.append(_("No campaign results were reported."))
        return "\n\n".join(parts)
    sums = totals(rows) if len(rows) > 1 else ()

    def count(value: int | None, share: Decimal | None = None) -> str:
        if value is None:
            return NOTHING
        if share is None:
            return l10n.format_number(value)
        return _("{count} ({share})").format(
            count=l10n.format_number(value), share=format_percent(share)
        )

    def money(amount: Decimal | None, currency: str) -> str:
        return NOTHING if amount is None else amount_text(amount, currency)

    table = [
        [
            cell_or_dash(row.campaign.name),
            channel_label(row.campaign.channel),
            cell_or_dash(m.role_title(row.campaign.owner)),
            status_label(row.campaign.status),
            money(row.campaign.budget, row.campaign.currency),
            money(row.cost, row.campaign.currency),
            count(row.leads),
            money(row.cost_per_lead, row.campaign.currency),
            count(row.accepted, row.acceptance_pct),
            count(row.won, row.conversion_pct),
        ]
        for row in rows
    ]
    table.extend(
        [
            "**" + _("Total") + "**",
            "",
            "",
            "",
            amount_text(total.budget, total.currency),
            amount_text(total.cost, total.currency),
            count(total.leads),
            money(total.cost_per_lead, total.currency),
            count(total.accepted, total.acceptance_pct),
            count(total.won, total.conversion_pct),
        ]
        for total in sums
    )
    parts.append("### " + _("Leads and cost to date"))
    parts.append(
        md_table(
            [
                _("Campaign"),
                _("Channel"),
                _("Owner"),
                _("Status"),
                _("Budget"),
                _("Cost to date"),
                _("Pre-qualified leads"),
                _("Cost per lead"),
                _("Accepted by sales (rate)"),
                _("Deals won (conversion)"),
            ],
            ["---", "---", "---", "---", "--:", "--:", "--:", "--:", "--:", "--:"],
            table,
        )
    )

    def change(row: CampaignRow) -> str:
        if row.gap_change is None or row.previous_meeting_number is None:
            return _("first report")
        return _("{change} since meeting {number}").format(
            change=inline(format_change(row.gap_change, row.campaign.currency)),
            number=row.previous_meeting_number,
        )

    estimates = [
        [
            cell_or_dash(row.campaign.name),
            money(row.estimate, row.campaign.currency),
            money(row.actual, row.campaign.currency),
            money(row.gap, row.campaign.currency),
            format_percent(row.gap_pct),
            change(row),
        ]
        for row in rows
    ]
    estimates.extend(
        [
            "**" + _("Total") + "**",
            amount_text(total.estimate, total.currency),
            amount_text(total.actual, total.currency),
            amount_text(total.gap, total.currency),
            format_percent(total.gap_pct),
            "",
        ]
        for total in sums
    )
    parts.append("### " + _("Estimated against actual revenue"))
    parts.append(
        md_table(
            [
                _("Campaign"),
                _("Estimate"),
                _("Actual to date"),
                _("Gap"),
                _("Gap of estimate"),
                _("Change of gap"),
            ],
            ["---", "--:", "--:", "--:", "--:", "---"],
            estimates,
        )
    )
    parts.append(
        _(
            "The gap is the estimate minus the actual revenue to date; a negative change "
            "means estimate and reality moved closer together."
        )
    )
    parts.extend(_estimates_against_outcome(m))
    return "\n\n".join(parts)


def _estimates_against_outcome(m: Minutes) -> list[str]:
    """How the estimates of finished campaigns turned out, per role (statistics), and
    the lead estimates of the campaigns reported here."""
    lines = calibration_lines(m.data.estimate_outcomes, m.data.role_titles)
    lines.extend(lead_calibration_lines(m.data.lead_outcomes, m.data.role_titles))
    reported = {row.campaign.id for row in m.data.campaigns}
    lines.extend(
        campaign_lead_lines([o for o in m.data.lead_outcomes if o.campaign_id in reported])
    )
    if not lines:
        return []
    return [
        "### " + _("How the estimates turned out"),
        "\n".join("- " + inline(line) for line in lines),
    ]
