"""The campaigns at the round table: `campaigns` (the scoreboard) and `figures` (a
campaign's figures reported in the running meeting)."""

from __future__ import annotations

import argparse
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from roundtable.cli.commands import Commands
from roundtable.cli.context import existing_db_path
from roundtable.cli.output import out, print_json, whole
from roundtable.domain.text import single_line
from roundtable.errors import UsageError
from roundtable.i18n import _, ngettext, pgettext

if TYPE_CHECKING:
    from roundtable.domain.campaigns import CampaignRow, CampaignStatus, Channel

__all__ = [
    "FIGURE_OPTIONS",
    "CampaignListing",
    "ReportedFigures",
    "cmd_campaigns",
    "cmd_figures",
    "register",
]


@dataclass(frozen=True)
class ReportedFigures:
    """One meeting's figures of a campaign in `campaigns --json`."""

    meeting: int
    leads: int
    estimated_leads: int | None
    cost: Decimal
    estimated_revenue: Decimal
    actual_revenue: Decimal


@dataclass(frozen=True)
class CampaignListing:
    """One campaign as `campaigns --json` gives it: its keys are these fields, in this
    order; amounts and percentages exact, as text (see `_json_fields`)."""

    id: int
    name: str
    owner: str
    channel: Channel
    status: CampaignStatus
    start: date
    end: date
    currency: str
    budget: Decimal
    cost: Decimal | None
    leads: int | None
    estimated_leads: int | None
    accepted: int | None
    won: int | None
    cost_per_lead: Decimal | None
    acceptance_pct: Decimal | None
    conversion_pct: Decimal | None
    estimated_revenue: Decimal | None
    actual_revenue: Decimal | None
    gap: Decimal | None
    gap_pct: Decimal | None
    gap_change: Decimal | None
    reported_in_meeting: int | None
    previous_meeting: int | None
    series: tuple[ReportedFigures, ...]

    @classmethod
    def of(cls, row: CampaignRow, reported_in_meeting: int | None) -> CampaignListing:
        campaign = row.campaign
        return cls(
            id=campaign.id,
            name=campaign.name,
            owner=campaign.owner,
            channel=campaign.channel,
            status=campaign.status,
            start=campaign.start,
            end=campaign.end,
            currency=campaign.currency,
            budget=campaign.budget,
            cost=row.cost,
            leads=row.leads,
            estimated_leads=row.estimated_leads,
            accepted=row.accepted,
            won=row.won,
            cost_per_lead=row.cost_per_lead,
            acceptance_pct=row.acceptance_pct,
            conversion_pct=row.conversion_pct,
            estimated_revenue=row.estimate,
            actual_revenue=row.actual,
            gap=row.gap,
            gap_pct=row.gap_pct,
            gap_change=row.gap_change,
            reported_in_meeting=reported_in_meeting,
            previous_meeting=row.previous_meeting_number,
            series=tuple(
                ReportedFigures(
                    point.meeting_number,
                    point.leads,
                    point.estimated_leads or None,
                    point.cost,
                    point.estimate,
                    point.actual,
                )
                for point in row.series
            ),
        )


def _json_fields(fields: list[tuple[str, object]]) -> dict[str, object]:
    """`asdict`'s mapping for JSON: amounts as exact text, dates as ISO, enums as values."""
    return {name: _json_value(value) for name, value in fields}


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def cmd_campaigns(args: argparse.Namespace) -> int:
    """The campaigns with what they cost and what they brought so far, from the figures
    of the latest meeting that reported each (running ones first)."""
    # Babel and TinyDB: not for `check` or `--help`.
    from roundtable.domain.campaigns import channel_label, format_percent, status_label
    from roundtable.domain.l10n import format_number
    from roundtable.store.store import Store

    with Store.open(existing_db_path(args), read_only=True) as store, store.reading():
        board = store.scoreboard()
        numbers = store.meeting_numbers()

    def number(meeting_id: int | None) -> int | None:
        return None if meeting_id is None else numbers.get(meeting_id)

    if args.json:
        listings = [CampaignListing.of(row, number(row.reported_in)) for row in board.rows]
        print_json([asdict(listing, dict_factory=_json_fields) for listing in listings])
        return 0
    if not board.rows:
        out(_("No campaigns yet."))
        return 0
    from roundtable.cli.tables import known_roles, terminal_width
    from roundtable.domain.people import owner_title

    roles = known_roles(args)
    rows = [
        [
            single_line(row.campaign.name),
            status_label(row.campaign.status),
            channel_label(row.campaign.channel),
            owner_title(row.campaign.owner, roles),
            single_line(row.campaign.currency),
            whole(row.campaign.budget),
            whole(row.cost),
            "—" if row.leads is None else format_number(row.leads),
            whole(row.cost_per_lead),
            format_percent(row.conversion_pct),
            whole(row.estimate),
            whole(row.actual),
            whole(row.gap),
            whole(row.gap_change, signed=True),
            "—" if row.reported_in is None else f"#{number(row.reported_in)}",
        ]
        for row in board.rows
    ]
    rows.extend(
        [
            _("TOTAL"),
            "",
            "",
            "",
            total.currency,
            whole(total.budget),
            whole(total.cost),
            format_number(total.leads),
            whole(total.cost_per_lead),
            format_percent(total.conversion_pct),
            whole(total.estimate),
            whole(total.actual),
            whole(total.gap),
            "",
            "",
        ]
        for total in board.totals
    )
    header = [
        _("CAMPAIGN"),
        _("STATUS"),
        _("CHANNEL"),
        _("OWNER"),
        _("CUR"),
        _("BUDGET"),
        _("COST"),
        _("LEADS"),
        _("COST/LEAD"),
        _("CONV"),
        _("ESTIMATE"),
        _("ACTUAL"),
        _("GAP"),
        _("CHANGE"),
        _("AS OF"),
    ]
    import textwrap

    from roundtable.domain.tables import fit_table

    width = terminal_width()
    # Too narrow for all: the columns least needed in the meeting go first.
    lines = fit_table(header, rows, width, flexible=(3, 0), optional=(2, 14, 4, 5, 8, 1, 3, 6, 9))
    lines.append("")
    legend = _(
        "Figures from the latest meeting that reported each campaign (AS OF); "
        "GAP = estimate − actual, CHANGE = since the report before. CONV = deals won "
        "of leads accepted by sales. Amounts in whole units; --json has them exact."
    )
    lines.extend(textwrap.wrap(legend, width=width, break_on_hyphens=False))
    out("\n".join(lines))
    return 0


FIGURE_OPTIONS = {
    "leads": "--leads",
    "accepted": "--accepted",
    "won": "--won",
    "estimated_leads": "--estimated-leads",
    "estimated_revenue": "--estimate",
    "actual_revenue": "--revenue",
    "cost": "--cost",
}
"""A campaign's figures (the store's field names) and the options of `figures` for them."""


def cmd_figures(args: argparse.Namespace) -> int:
    """Record a campaign's figures to date in the running meeting, as controlling reports
    them; what is not given stays as last reported."""
    # Babel and TinyDB: not for `check` or `--help`.
    from roundtable.domain.campaigns import (
        FieldError,
        SnapshotFigures,
        find_campaign,
        parse_count,
        parse_money,
    )
    from roundtable.domain.campaigns.recording import record_figures
    from roundtable.domain.l10n import format_number
    from roundtable.domain.money import format_amount
    from roundtable.store.store import Store

    typed = {field: getattr(args, field) for field in FIGURE_OPTIONS}
    if all(value is None for value in typed.values()):
        raise UsageError(
            _("Give at least one figure: {options}.").format(
                options=", ".join(FIGURE_OPTIONS.values())
            )
        )
    try:
        with Store.open(existing_db_path(args)) as store, store.transaction():
            running = store.running_meeting()
            if running is None or running.id is None:
                raise UsageError(
                    _(
                        "No meeting is running: figures are recorded in a meeting. "
                        "Start it first (roundtable start)."
                    )
                )
            campaign = find_campaign(store.campaigns(), args.campaign)
            reports = store.snapshots(campaign.id)
            last = reports[-1] if reports else None

            def count(field: str) -> int:
                text = typed[field]
                if text is not None:
                    return parse_count(text, field)
                return int(getattr(last, field)) if last is not None else 0

            def amount(field: str) -> Decimal:
                text = typed[field]
                if text is not None:
                    return parse_money(text, field)
                return Decimal(getattr(last, field)) if last is not None else Decimal(0)

            figures: dict[str, Decimal | int] = {
                "leads": count("leads"),
                "estimated_leads": count("estimated_leads"),
                "accepted": count("accepted"),
                "won": count("won"),
                "actual_revenue": amount("actual_revenue"),
            }
            estimate = amount("estimated_revenue")
            cost = None if typed["cost"] is None else parse_money(typed["cost"], "cost")
            from roundtable.cli.stats import refuse_contradictions

            refuse_contradictions(store, campaign, last, figures, cost, args.correction)
            reported = SnapshotFigures(
                leads=count("leads"),
                accepted=count("accepted"),
                won=count("won"),
                estimated_leads=count("estimated_leads"),
                estimated_revenue=estimate,
                actual_revenue=amount("actual_revenue"),
            )
            snapshot = record_figures(
                store, campaign.id, running.id, reported, cost=cost, correction=args.correction
            ).snapshot
    except FieldError as error:
        raise UsageError(
            _("{problem} ({option})").format(
                problem=error.message, option=FIGURE_OPTIONS.get(error.field, error.field)
            )
        ) from error
    out(
        ngettext(
            "Meeting {number}: {campaign} — {leads} lead, {accepted} accepted, {won} won; "
            "estimate {estimate}, actual {actual}, cost to date {cost}.",
            "Meeting {number}: {campaign} — {leads} leads, {accepted} accepted, {won} won; "
            "estimate {estimate}, actual {actual}, cost to date {cost}.",
            snapshot.leads,
        ).format(
            number=running.number,
            campaign=single_line(campaign.name),
            leads=format_number(snapshot.leads),
            accepted=format_number(snapshot.accepted),
            won=format_number(snapshot.won),
            estimate=format_amount(snapshot.estimated_revenue, campaign.currency),
            actual=format_amount(snapshot.actual_revenue, campaign.currency),
            cost=format_amount(snapshot.cost, campaign.currency),
        )
    )
    return 0


def register(commands: Commands) -> None:
    campaigns = commands.add(
        "campaigns",
        _("list the campaigns: cost, leads, conversion, estimated against actual revenue"),
        cmd_campaigns,
    )
    campaigns.add_argument(
        "--json", action="store_true", help=_("print JSON instead of a table (exact amounts)")
    )
    figures = commands.add(
        "figures",
        _("record a campaign's figures in the running meeting (others stay as last reported)"),
        cmd_figures,
    )
    figures.add_argument(
        "campaign",
        metavar=pgettext("metavar", "CAMPAIGN"),
        help=_("the campaign: its name, or a part of it no other campaign's name has"),
    )
    for field, metavar, help_text in (
        ("leads", pgettext("metavar", "N"), _("pre-qualified leads so far")),
        (
            "estimated_leads",
            pgettext("metavar", "N"),
            _("leads the campaign is estimated to bring in all"),
        ),
        ("accepted", pgettext("metavar", "N"), _("of those, accepted by sales")),
        ("won", pgettext("metavar", "N"), _("deals won")),
        (
            "estimated_revenue",
            pgettext("metavar", "AMOUNT"),
            _("estimated revenue (sales marketing)"),
        ),
        (
            "actual_revenue",
            pgettext("metavar", "AMOUNT"),
            _("actual revenue to date (controlling)"),
        ),
        ("cost", pgettext("metavar", "AMOUNT"), _("the campaign's cost to date")),
    ):
        figures.add_argument(FIGURE_OPTIONS[field], dest=field, metavar=metavar, help=help_text)
    from roundtable.cli.stats import add_correction_option

    add_correction_option(figures)
