"""The campaigns at the round table: `campaigns` (the scoreboard) and `figures` (a
campaign's figures reported in the running meeting)."""

from __future__ import annotations

import argparse
from decimal import Decimal

from roundtable.cli.context import db_path, existing_db_path
from roundtable.cli.output import clip, columns, out, print_json, whole
from roundtable.cli.parser import Commands
from roundtable.domain.text import single_line
from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = ["FIGURE_OPTIONS", "cmd_campaigns", "cmd_figures", "register"]

_CAMPAIGN_WIDTH = 40


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def cmd_campaigns(args: argparse.Namespace) -> int:
    """The campaigns with what they cost and what they brought so far, from the figures
    of the latest meeting that reported each (running ones first)."""
    # Babel and TinyDB: not for `check` or `--help`.
    from roundtable.domain.campaigns import channel_label, format_percent, status_label
    from roundtable.domain.l10n import format_number
    from roundtable.store.store import Store

    with Store.open(db_path(args), read_only=True) as store, store.reading():
        board = store.scoreboard()
        numbers = store.meeting_numbers()

    def number(meeting_id: int | None) -> int | None:
        return None if meeting_id is None else numbers.get(meeting_id)

    if args.json:
        print_json(
            [
                {
                    "id": row.campaign.id,
                    "name": row.campaign.name,
                    "owner": row.campaign.owner,
                    "channel": row.campaign.channel.value,
                    "status": row.campaign.status.value,
                    "start": row.campaign.start.isoformat(),
                    "end": row.campaign.end.isoformat(),
                    "currency": row.campaign.currency,
                    "budget": str(row.campaign.budget),
                    "cost": _decimal_text(row.cost),
                    "leads": row.leads,
                    "accepted": row.accepted,
                    "won": row.won,
                    "cost_per_lead": _decimal_text(row.cost_per_lead),
                    "acceptance_pct": _decimal_text(row.acceptance_pct),
                    "conversion_pct": _decimal_text(row.conversion_pct),
                    "estimated_revenue": _decimal_text(row.estimate),
                    "actual_revenue": _decimal_text(row.actual),
                    "gap": _decimal_text(row.gap),
                    "gap_pct": _decimal_text(row.gap_pct),
                    "gap_change": _decimal_text(row.gap_change),
                    "reported_in_meeting": number(row.reported_in),
                    "previous_meeting": row.previous_meeting_number,
                    "series": [
                        {
                            "meeting": point.meeting_number,
                            "leads": point.leads,
                            "cost": str(point.cost),
                            "estimated_revenue": str(point.estimate),
                            "actual_revenue": str(point.actual),
                        }
                        for point in row.series
                    ],
                }
                for row in board.rows
            ]
        )
        return 0
    if not board.rows:
        out(_("No campaigns yet."))
        return 0
    rows = [
        [
            clip(single_line(row.campaign.name), _CAMPAIGN_WIDTH),
            status_label(row.campaign.status),
            channel_label(row.campaign.channel),
            single_line(row.campaign.owner),
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
    lines = columns(header, rows)
    lines.append("")
    lines.append(
        _(
            "Figures from the latest meeting that reported each campaign (AS OF); "
            "GAP = estimate − actual, CHANGE = since the report before. CONV = deals won "
            "of leads accepted by sales. Amounts in whole units; --json has them exact."
        )
    )
    out("\n".join(lines))
    return 0


FIGURE_OPTIONS = {
    "leads": "--leads",
    "accepted": "--accepted",
    "won": "--won",
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
        find_campaign,
        parse_count,
        parse_money,
    )
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
                "accepted": count("accepted"),
                "won": count("won"),
                "actual_revenue": amount("actual_revenue"),
            }
            estimate = amount("estimated_revenue")
            cost = None if typed["cost"] is None else parse_money(typed["cost"], "cost")
            from roundtable.cli.stats import refuse_contradictions

            refuse_contradictions(store, campaign, last, figures, cost, args.correction)
            snapshot = store.record_snapshot(
                campaign.id,
                running.id,
                leads=count("leads"),
                accepted=count("accepted"),
                won=count("won"),
                estimated_revenue=estimate,
                actual_revenue=amount("actual_revenue"),
                cost=cost,
                correction=args.correction,
            )
    except FieldError as error:
        raise UsageError(
            _("{problem} ({option})").format(
                problem=error.message, option=FIGURE_OPTIONS.get(error.field, error.field)
            )
        ) from error
    out(
        _(
            "Meeting {number}: {campaign} — {leads} leads, {accepted} accepted, {won} won; "
            "estimate {estimate}, actual {actual}, cost to date {cost}."
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
        metavar="CAMPAIGN",
        help=_("the campaign: its name, or a part of it no other campaign's name has"),
    )
    for field, metavar, help_text in (
        ("leads", "N", _("pre-qualified leads so far")),
        ("accepted", "N", _("of those, accepted by sales")),
        ("won", "N", _("deals won")),
        ("estimated_revenue", "AMOUNT", _("estimated revenue (sales marketing)")),
        ("actual_revenue", "AMOUNT", _("actual revenue to date (controlling)")),
        ("cost", "AMOUNT", _("the campaign's cost to date")),
    ):
        figures.add_argument(FIGURE_OPTIONS[field], dest=field, metavar=metavar, help=help_text)
    from roundtable.cli.stats import add_correction_option

    add_correction_option(figures)
