"""What a budget cut on one side does to the other.

Sales and communication have fixed budgets; marketing's campaigns bring the leads sales
follows up. A cut in sales means fewer of those leads are followed up; a cut in a
marketing area means fewer leads from its campaigns reach sales. Either way the room
should see, while the cut is typed, the campaigns it touches in that period: their cost
per lead and the leads at stake, so it knows why management must sign it off.

Areas and periods are the free text the team types ("sales", "Vertrieb",
"communication"; "2026-Q1", "H2 2026", "2026"). An area is sales when it names sales
or a sales role; otherwise it is matched against the campaign owners' roles. A period
that cannot be read touches the campaigns running on `today`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from roundtable.domain.campaigns.model import CampaignStatus
from roundtable.domain.campaigns.scoreboard import CampaignRow
from roundtable.domain.config import Role
from roundtable.domain.money import format_amount
from roundtable.i18n import _, ngettext

__all__ = ["CutImpact", "cut_impact", "cut_impact_lines", "is_sales_area", "period_days"]

_SALES_WORDS = ("sales", "vertrieb")
_YEAR = re.compile(r"^(?:fy\s*)?(\d{4})$")
_QUARTER = re.compile(r"^(?:(\d{4})\s*-?\s*q([1-4])|q([1-4])\s*[-/ ]?\s*(\d{4}))$")
_HALF = re.compile(r"^(?:(\d{4})\s*-?\s*h([12])|h([12])\s*[-/ ]?\s*(\d{4}))$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


def period_days(text: str) -> tuple[date, date] | None:
    """The first and last day of a period typed like `2026`, `2026-Q1`, `Q1 2026`,
    `H2 2026`, `2026-H1` or `2026-03`; None for anything else."""
    cleaned = " ".join(text.split()).casefold()
    if match := _YEAR.match(cleaned):
        year = int(match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    if match := _QUARTER.match(cleaned):
        year = int(match.group(1) or match.group(4))
        quarter = int(match.group(2) or match.group(3))
        first = 3 * (quarter - 1) + 1
        return date(year, first, 1), _month_end(year, first + 2)
    if match := _HALF.match(cleaned):
        year = int(match.group(1) or match.group(4))
        half = int(match.group(2) or match.group(3))
        return (
            (date(year, 1, 1), date(year, 6, 30))
            if half == 1
            else (
                date(year, 7, 1),
                date(year, 12, 31),
            )
        )
    if (match := _MONTH.match(cleaned)) and 1 <= int(match.group(2)) <= 12:
        year, month = int(match.group(1)), int(match.group(2))
        return date(year, month, 1), _month_end(year, month)
    return None


@dataclass(frozen=True)
class CutImpact:
    """The campaigns a cut touches and the leads at stake."""

    sales_cut: bool
    """The cut is in sales: marketing's leads will be followed up less."""
    rows: tuple[CampaignRow, ...]
    leads: int
    """The leads the touched campaigns have brought so far."""


def _words(text: str) -> set[str]:
    return {word for word in re.split(r"[\s\-_/]+", text.casefold()) if len(word) > 2}


def _is_sales(area: str, roles: Sequence[Role]) -> bool:
    words = _words(area)
    if words & set(_SALES_WORDS):
        return not words & {"marketing", "absatzmarketing"}
    return any(
        role.department.casefold() == "sales"
        and (area.casefold() in (role.id, role.title.casefold()))
        for role in roles
    )


def is_sales_area(area: str, roles: Sequence[Role]) -> bool:
    """Whether `area` is on the sales side of the table (else marketing's)."""
    return _is_sales(area, roles)


def _owners(area: str, roles: Sequence[Role]) -> set[str]:
    """The role ids an area of marketing names: all of its words in the role's id or
    title ("communication" → marketing-communication)."""
    words = _words(area) - {"marketing"} or _words(area)
    return {role.id for role in roles if words and words <= (_words(role.id) | _words(role.title))}


def cut_impact(
    rows: Iterable[CampaignRow],
    roles: Sequence[Role],
    area: str,
    period: str,
    today: date,
) -> CutImpact | None:
    """The campaigns a cut in `area` for `period` touches; None without an area."""
    if not area.strip():
        return None
    first, last = period_days(period) or (today, today)
    live = [
        row
        for row in rows
        if row.campaign.status in (CampaignStatus.PLANNED, CampaignStatus.RUNNING)
        or row.campaign.end >= first
    ]
    in_period = [r for r in live if r.campaign.start <= last and r.campaign.end >= first]
    sales = _is_sales(area, roles)
    if not sales:
        owners = _owners(area, roles)
        named = [r for r in in_period if r.campaign.owner in owners]
        in_period = named or in_period
    touched = tuple(sorted(in_period, key=lambda r: (-(r.leads or 0), r.campaign.name)))
    return CutImpact(sales_cut=sales, rows=touched, leads=sum(row.leads or 0 for row in touched))


def cut_impact_lines(impact: CutImpact, period: str, limit: int = 4) -> list[str]:
    """The impact in words, for the budget form: a headline and one line per campaign
    (the `limit` with the most leads)."""
    if not impact.rows:
        return [_("No campaign runs in {period}: the cut touches no leads.").format(period=period)]
    if impact.sales_cut:
        head = ngettext(
            "Sales follows up the leads of {count} campaign in {period}: {leads} leads at stake.",
            "Sales follows up the leads of {count} campaigns in {period}: {leads} leads at stake.",
            len(impact.rows),
        )
    else:
        head = ngettext(
            "Sales counts on the leads of {count} campaign in {period}: {leads} leads at stake.",
            "Sales counts on the leads of {count} campaigns in {period}: {leads} leads at stake.",
            len(impact.rows),
        )
    lines = [head.format(count=len(impact.rows), period=period, leads=impact.leads)]
    for row in impact.rows[:limit]:
        cpl = row.cost_per_lead
        lines.append(
            ngettext(
                "{campaign}: {leads} lead, cost per lead {cpl}",
                "{campaign}: {leads} leads, cost per lead {cpl}",
                0 if row.leads is None else row.leads,
            ).format(
                campaign=row.campaign.name,
                leads="—" if row.leads is None else row.leads,
                cpl="—" if cpl is None else format_amount(cpl, row.campaign.currency),
            )
        )
    if len(impact.rows) > limit:
        lines.append(
            ngettext("… and {count} more", "… and {count} more", len(impact.rows) - limit).format(
                count=len(impact.rows) - limit
            )
        )
    return lines
