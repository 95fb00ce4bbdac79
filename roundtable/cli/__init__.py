"""The command line: parses, calls the domain, prints. Errors are printed once, here.

Attendee commands (`actions`, `done`, …) must start fast and never import Textual;
only the commands that open the app import `roundtable.ui`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import MAX_PREC, ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

from roundtable.domain.config import TeamConfig, load_config, load_roles, peek_language
from roundtable.domain.locations import (
    CONFIG_ENV,
    DB_ENV,
    ConfigLocation,
    default_db_path,
    find_config_dir,
)
from roundtable.domain.text import terminal_safe
from roundtable.errors import ConfigError, NotFoundError, RoundtableError, UsageError
from roundtable.i18n import (
    DEFAULT_LANGUAGE,
    LANG_ENV,
    LANGUAGES,
    _,
    locale_language,
    ngettext,
    requested_language,
    set_language,
)

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def config_location(args: argparse.Namespace) -> ConfigLocation:
    return find_config_dir(args.config, os.environ, Path.cwd())


def team_config(args: argparse.Namespace) -> TeamConfig:
    location = config_location(args)
    return load_config(location.directory, location.source)


def db_path(args: argparse.Namespace) -> Path:
    return default_db_path(args.db, os.environ)


def existing_db_path(args: argparse.Namespace) -> Path:
    """The store an attendee's command changes; `NotFoundError` if there is none yet. An
    attendee's terminal pointed at the wrong place must say so, not start a new, empty
    store there."""
    path = db_path(args)
    if not path.exists():
        raise NotFoundError(
            _(
                "There is no store at {path}. Point --db or {env} at the team's store "
                "(the one the meeting runs on)."
            ).format(path=path, env="ROUNDTABLE_DB")
        )
    return path


def out(text: str = "") -> None:
    """Print `text` for a person: control characters in it are made visible."""
    print(terminal_safe(text))


# --- commands ---------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the roles and agendas; one short summary, or every problem on stderr."""
    location = config_location(args)
    out(
        _("Config folder: {path} (from {source})").format(
            path=location.directory, source=location.source
        )
    )
    config = load_config(location.directory, location.source)
    out(_("Team: {team}").format(team=config.team))
    out(
        ngettext("{count} role: {ids}", "{count} roles: {ids}", len(config.roles)).format(
            count=len(config.roles), ids=", ".join(role.id for role in config.roles)
        )
    )
    for agenda in config.agendas:
        items = ngettext("{count} item", "{count} items", len(agenda.items)).format(
            count=len(agenda.items)
        )
        out(
            _(
                "Agenda {id}: {title} — {planned} of {box} minutes planned, {items}, "
                "every {days} days"
            ).format(
                id=agenda.id,
                title=agenda.title,
                planned=agenda.planned_minutes,
                box=agenda.timebox_minutes,
                items=items,
                days=agenda.cadence.days,
            )
        )
    out(_("OK"))
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    """Open the app on its home screen, or straight into a meeting for `start`.

    Config and store problems are raised here, before the app takes the terminal, so
    they are printed once like every other command's errors.
    """
    start = getattr(args, "start", False)
    agenda_id: str | None = getattr(args, "agenda", None)
    config = team_config(args)
    if agenda_id is not None and config.agenda(agenda_id) is None:
        raise NotFoundError(
            _("No agenda {id}. Available agendas: {ids}").format(
                id=agenda_id, ids=", ".join(agenda.id for agenda in config.agendas) or _("none")
            )
        )
    if start and not config.agendas:
        raise NotFoundError(_("There is no agenda to start a meeting from."))
    # Only the app needs Textual and the store; attendee commands must not pay for them.
    from roundtable.store.store import Store
    from roundtable.ui.app import make_app

    with Store.open(db_path(args)) as store:
        app = make_app(config, store, start_agenda=agenda_id, start=start)
        try:
            app.run()
        finally:
            app.store_thread.close()
    return app.return_code or 0


def cmd_follow(args: argparse.Namespace) -> int:
    """Show the running meeting live and read-only, for a second screen or an attendee's
    own terminal; waits for one when none runs. Never writes the store."""
    config = team_config(args)
    from roundtable.store.store import Store
    from roundtable.ui.follow import make_follow_app

    with Store.open(db_path(args), read_only=True) as store:
        app = make_follow_app(config, store)
        try:
            app.run()
        finally:
            app.store_thread.close()
    return app.return_code or 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the minutes of a meeting as Markdown: to stdout, or atomically to a file."""
    from roundtable.domain.export import find_meeting, write_minutes
    from roundtable.domain.minutes import gather_minutes, render_minutes
    from roundtable.store.store import Store

    config = team_config(args)
    with Store.open(db_path(args), read_only=True) as store:
        meeting = find_meeting(store, args.meeting)
        assert meeting.id is not None  # a stored meeting always has its id
        markdown = render_minutes(gather_minutes(store, meeting.id, config))
    if args.output is None:
        # Already free of control characters: the renderer escapes all typed text.
        sys.stdout.write(markdown)
        return 0
    write_minutes(args.output, markdown)
    out(
        _("Minutes of meeting {number} written to {path}").format(
            number=meeting.number, path=args.output
        )
    )
    return 0


# --- attendee commands: the store without the app -----------------------------------

TODAY_ENV = "ROUNDTABLE_TODAY"
"""A testing aid: `ROUNDTABLE_TODAY=2026-03-01` makes that date today for the commands."""

_OWNER_WIDTH = 24


def today() -> date:
    """Today's date, or the one `$ROUNDTABLE_TODAY` gives (a testing aid)."""
    override = os.environ.get(TODAY_ENV, "").strip()
    if not override:
        return date.today()
    try:
        return date.fromisoformat(override)
    except ValueError:
        raise UsageError(
            _("{env} must be a date like 2026-03-01, not {value!r}.").format(
                env=TODAY_ENV, value=override
            )
        ) from None


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A fixed-width table; the last column is not padded."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]

    def line(cells: Sequence[str]) -> str:
        padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=False)]
        return "  ".join([*padded, cells[-1]]).rstrip()

    return [line(header), *(line(row) for row in rows)]


def _print_json(value: object) -> None:
    import json
    import re

    text = json.dumps(value, ensure_ascii=False, indent=2)
    # json escapes C0 controls but not DEL and the C1 range (which holds CSI).
    text = re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


def _owners_for(args: argparse.Namespace, known: Callable[[], set[str]]) -> frozenset[str]:
    """The owner strings `--owner` stands for: current roles first, then anyone named on
    a stored item (people who left the roles file still have their items)."""
    from roundtable.domain.owners import resolve_owner

    try:
        # Only roles.yaml: parsing the agendas too would cost an attendee start time.
        roles = load_roles(config_location(args).directory)
    except RoundtableError as error:
        # Without roles there is nothing to resolve against: match what was typed.
        note = _("roundtable: note: matching --owner literally; the config did not load: {error}")
        print(terminal_safe(note.format(error=error.message.splitlines()[0])), file=sys.stderr)
        return frozenset({args.owner.strip()})
    try:
        return resolve_owner(args.owner, roles)
    except UsageError:
        # Only now read every owner in the store: the common case stays fast.
        return resolve_owner(args.owner, roles, known())


def cmd_actions(args: argparse.Namespace) -> int:
    """List open action items (all with --all), due first; overdue ones marked."""
    from roundtable.domain.entries import ActionStatus
    from roundtable.domain.text import single_line
    from roundtable.store.store import Store

    now = today()
    with Store.open(db_path(args), read_only=True) as store:
        owners = None if args.owner is None else _owners_for(args, store.action_owners)
        items = store.actions(owners=owners, include_closed=args.all)
    if args.json:
        _print_json(
            [
                {
                    "ref": item.ref,
                    "text": item.text,
                    "owner": item.owner,
                    "due": None if item.due is None else item.due.isoformat(),
                    "status": item.status.value,
                    "overdue": item.is_overdue(now),
                    "meeting_id": item.meeting_id,
                    "item_index": item.item_index,
                    "opened_at": item.opened_at.isoformat(),
                    "closed_at": None if item.closed_at is None else item.closed_at.isoformat(),
                    "closed_in": item.closed_in,
                }
                for item in items
            ]
        )
        return 0
    if not items:
        if args.owner is not None:
            message = (
                _("No action items for {who}.")
                if args.all
                else _("No open action items for {who}.")
            )
            out(message.format(who=args.owner.strip()))
        else:
            out(_("No action items.") if args.all else _("No open action items."))
        return 0
    status_words = {
        ActionStatus.OPEN: _("open"),
        ActionStatus.DONE: _("done"),
        ActionStatus.DROPPED: _("dropped"),
    }
    from roundtable.domain.l10n import format_date

    rows = [
        [
            item.ref,
            "" if item.due is None else format_date(item.due),
            _clip(single_line(item.owner or "—"), _OWNER_WIDTH),
            _("overdue") if item.is_overdue(now) else status_words[item.status],
            single_line(item.text),
        ]
        for item in items
    ]
    # One write: a thousand separate prints cost an attendee milliseconds.
    out("\n".join(_columns([_("REF"), _("DUE"), _("OWNER"), _("STATUS"), _("TEXT")], rows)))
    return 0


def _set_status(args: argparse.Namespace, status: str) -> int:
    from roundtable.domain.entries import ActionStatus
    from roundtable.domain.text import single_line
    from roundtable.store.store import Store

    wanted = ActionStatus(status)
    with Store.open(existing_db_path(args)) as store, store.transaction():
        # Closed while a meeting runs: its minutes list the item as closed there.
        running = store.running_meeting()
        change = store.change_action_status(
            args.id, wanted, running.id if running is not None else None
        )
    text = single_line(change.action.text)
    ref = change.action.ref
    if wanted is ActionStatus.OPEN:
        message = (
            _("{ref} reopened: {text}") if change.changed else _("{ref} was already open: {text}")
        )
    else:
        message = _("{ref} done: {text}") if change.changed else _("{ref} was already done: {text}")
    out(message.format(ref=ref, text=text))
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    """Mark an action item done."""
    return _set_status(args, "done")


def cmd_reopen(args: argparse.Namespace) -> int:
    """Open a closed action item again."""
    return _set_status(args, "open")


def _clock_text(minutes: float) -> str:
    whole = int(minutes)
    return f"{whole // 60}:{whole % 60:02d}"


def cmd_meetings(args: argparse.Namespace) -> int:
    """Past and running meetings with their time against the box and what they produced."""
    from roundtable.domain.clock import system_clock
    from roundtable.domain.meeting import MeetingState
    from roundtable.domain.text import single_line
    from roundtable.store.store import MeetingCounts, Store

    with Store.open(db_path(args), read_only=True) as store:
        meetings = store.meetings()
        counts = store.meeting_counts()
    now = system_clock()
    entries = []
    for meeting in meetings:
        assert meeting.id is not None  # stored meetings have ids
        used = ((meeting.ended_at or now) - meeting.started_at).total_seconds() / 60
        entries.append((meeting, max(0.0, used), counts.get(meeting.id, MeetingCounts())))
    if args.json:
        _print_json(
            [
                {
                    "id": meeting.id,
                    "number": meeting.number,
                    "agenda_id": meeting.agenda_id,
                    "title": meeting.title,
                    "state": meeting.state.value,
                    "started_at": meeting.started_at.isoformat(),
                    "ended_at": None if meeting.ended_at is None else meeting.ended_at.isoformat(),
                    "minutes_used": round(used, 1),
                    "timebox_minutes": meeting.timebox_minutes,
                    "decisions": count.decisions,
                    "actions": count.actions,
                    "budgets": count.budgets,
                }
                for meeting, used, count in entries
            ]
        )
        return 0
    if not entries:
        out(_("No meetings yet."))
        return 0
    from roundtable.domain.l10n import format_date

    states = {MeetingState.RUNNING: _("running"), MeetingState.PAUSED: _("paused")}
    rows = [
        [
            str(meeting.number),
            format_date(meeting.started_at.date()),
            single_line(meeting.title),
            f"{_clock_text(used)} / {_clock_text(meeting.timebox_minutes)}",
            states.get(meeting.state, ""),
            str(count.decisions),
            str(count.actions),
        ]
        for meeting, used, count in entries
    ]
    header = ["#", _("DATE"), _("AGENDA"), _("TIME"), "", _("DECISIONS"), _("ACTIONS")]
    for line in _columns(header, rows):
        out(line)
    return 0


_CAMPAIGN_WIDTH = 40


def _whole(amount: Decimal | None, *, signed: bool = False) -> str:
    """An amount in whole currency units for a table cell, grouped the current
    language's way: `12,500` (`+1,000`), German `12.500` (`+1.000`)."""
    from roundtable.domain.l10n import format_number

    if amount is None:
        return "—"
    with localcontext() as context:
        context.prec = MAX_PREC  # any amount a store holds, however large, rounds
        whole = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if signed:
        sign = "+" if whole > 0 else "\u2212" if whole < 0 else "±"
        return sign + format_number(abs(whole))
    return format_number(whole)


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def cmd_campaigns(args: argparse.Namespace) -> int:
    """The campaigns with what they cost and what they brought so far, from the figures
    of the latest meeting that reported each (running ones first)."""
    from roundtable.domain.campaigns import channel_label, format_percent, status_label
    from roundtable.domain.l10n import format_number
    from roundtable.domain.text import single_line
    from roundtable.store.store import Store

    with Store.open(db_path(args), read_only=True) as store, store.reading():
        board = store.scoreboard()
        numbers = store.meeting_numbers()

    def number(meeting_id: int | None) -> int | None:
        return None if meeting_id is None else numbers.get(meeting_id)

    if args.json:
        _print_json(
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
            _clip(single_line(row.campaign.name), _CAMPAIGN_WIDTH),
            status_label(row.campaign.status),
            channel_label(row.campaign.channel),
            single_line(row.campaign.owner),
            single_line(row.campaign.currency),
            _whole(row.campaign.budget),
            _whole(row.cost),
            "—" if row.leads is None else format_number(row.leads),
            _whole(row.cost_per_lead),
            format_percent(row.conversion_pct),
            _whole(row.estimate),
            _whole(row.actual),
            _whole(row.gap),
            _whole(row.gap_change, signed=True),
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
            _whole(total.budget),
            _whole(total.cost),
            format_number(total.leads),
            _whole(total.cost_per_lead),
            format_percent(total.conversion_pct),
            _whole(total.estimate),
            _whole(total.actual),
            _whole(total.gap),
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
    lines = _columns(header, rows)
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
    from roundtable.domain.campaigns import (
        FieldError,
        find_campaign,
        parse_count,
        parse_money,
    )
    from roundtable.domain.l10n import format_number
    from roundtable.domain.money import format_amount
    from roundtable.domain.text import single_line
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


def cmd_demo(args: argparse.Namespace) -> int:
    """Fill the store with a realistic year of this round table."""
    from roundtable.demo.history import DEFAULT_MEETINGS, DEFAULT_SEED, fill_demo
    from roundtable.domain.l10n import format_date
    from roundtable.store.store import Store

    config = team_config(args)
    path = db_path(args)
    with Store.open(path) as store:
        summary = fill_demo(
            store,
            config,
            today=today(),
            meetings=DEFAULT_MEETINGS if args.meetings is None else args.meetings,
            seed=DEFAULT_SEED if args.seed is None else args.seed,
            force=args.force,
        )
    out(
        _(
            "Wrote {meetings} meetings ({first} to {last}) with {decisions} decisions, "
            "{actions} action items, {budgets} budget agreements and {campaigns} campaigns "
            "({snapshots} campaign reports) to {path}."
        ).format(
            meetings=summary.meetings,
            first=format_date(summary.first),
            last=format_date(summary.last),
            decisions=summary.decisions,
            actions=summary.actions,
            budgets=summary.budgets,
            campaigns=summary.campaigns,
            snapshots=summary.snapshots,
            path=path,
        )
    )
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be a whole number of at least 1"))
    return value


def _attendee_commands(add_command: Callable[[str, str, Handler], argparse.ArgumentParser]) -> None:
    actions = add_command(
        "actions", _("list open action items, due first (overdue ones marked)"), cmd_actions
    )
    actions.add_argument(
        "--owner",
        metavar="WHO",
        help=_("only WHO's items: a role id or a person's name, or the start of one"),
    )
    actions.add_argument("--all", action="store_true", help=_("also done and dropped items"))
    actions.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    actions.epilog = _(
        "Items due before today are marked overdue. For tests, {env}=YYYY-MM-DD sets today."
    ).format(env=TODAY_ENV)
    for name, help_text, handler in (
        ("done", _("mark an action item done"), cmd_done),
        ("reopen", _("open a done or dropped action item again"), cmd_reopen),
    ):
        command = add_command(name, help_text, handler)
        command.add_argument("id", metavar="ID", help=_("the action item, like A-42 or 42"))
    meetings = add_command(
        "meetings", _("list past and running meetings with time used and outcomes"), cmd_meetings
    )
    meetings.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    campaigns = add_command(
        "campaigns",
        _("list the campaigns: cost, leads, conversion, estimated against actual revenue"),
        cmd_campaigns,
    )
    campaigns.add_argument(
        "--json", action="store_true", help=_("print JSON instead of a table (exact amounts)")
    )
    figures = add_command(
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
    demo = add_command(
        "demo",
        _("fill an empty store with a realistic year of round tables, to try things out"),
        cmd_demo,
    )
    demo.add_argument(
        "--meetings",
        type=_positive,
        default=None,
        metavar="N",
        help=_("how many meetings (default: about a year's worth, 40)"),
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=None,
        help=_("the same seed gives the same history"),
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help=_("replace everything already in the store"),
    )


# --- parser -----------------------------------------------------------------------


class _Formatter(argparse.HelpFormatter):
    """argparse's help, its "usage:" in the chosen language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An `ArgumentParser` whose own words (the help option, "options", "usage:") are in
    the chosen language too; the commands' parsers are made of this class as well."""

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        # The parents' options join groups of the same title, so the titles are set
        # before the parents are taken in (as argparse itself does, after them).
        parents: Sequence[argparse.ArgumentParser] = kwargs.pop("parents", ())
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(**kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", help=_("show this help message and exit")
            )
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)


class _VersionAction(argparse.Action):
    """`--version`, with the version looked up only when asked for (it costs startup
    time every other command should not pay)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        import roundtable

        # On stdout, as argparse's own version action prints it.
        sys.stdout.write(f"roundtable {roundtable.__version__}\n")
        parser.exit()


def _location_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="DIR",
        default=default,
        help=_("folder with roles.yaml and the agendas (default: see README)"),
    )
    parser.add_argument(
        "--db",
        type=Path,
        metavar="FILE",
        default=default,
        help=_("the store file (default: roundtable.db in the user data folder)"),
    )
    # Read twice: `main` scans for it before the parser exists (the help is translated).
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=_(
            "the language of screens, messages and minutes (also ${env}; default: the "
            "config's language, else the locale)"
        ).format(env=LANG_ENV),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="roundtable",
        description=_(
            "Runs the marketing–sales round table: agenda timers inside the three-hour "
            "time box, decisions, action items, budget agreements and minutes."
        ),
        epilog=_(
            "Without a command the app opens on its home screen. Environment: "
            "{config_env} (config folder), {db_env} (store file)."
        ).format(config_env=CONFIG_ENV, db_env=DB_ENV),
    )
    parser.add_argument(
        "--version", action=_VersionAction, help=_("show the version number and exit")
    )
    _location_options(parser, default=None)
    parser.set_defaults(handler=cmd_app)
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")

    # `--config` and `--db` work before and after the command; SUPPRESS keeps a
    # command's absent option from hiding the one given before it.
    common = _Parser(add_help=False)
    _location_options(common, default=argparse.SUPPRESS)

    def add_command(name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help, description=help, parents=[common])
        command.set_defaults(handler=handler)
        return command

    add_command(
        "check", _("validate the roles and agendas and say which folder was used"), cmd_check
    )
    start = add_command(
        "start",
        _("open the app straight into a meeting: resume the running one, or start one"),
        cmd_app,
    )
    start.add_argument(
        "agenda",
        nargs="?",
        metavar="AGENDA",
        help=_(
            "the agenda's id (its file name without .yaml); without it, the only agenda, "
            "or a choice of them with the one used last selected"
        ),
    )
    start.set_defaults(start=True)
    add_command(
        "follow",
        _(
            "follow the running meeting live and read-only (clocks, agenda, log), for a "
            "second screen or your own terminal"
        ),
        cmd_follow,
    )
    export = add_command(
        "export", _("write the minutes of a meeting as Markdown (default: the latest)"), cmd_export
    )
    export.add_argument(
        "meeting",
        nargs="?",
        default=None,
        metavar="MEETING",
        help=_("the meeting's number as `roundtable meetings` shows it, or latest (default)"),
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        default=None,
        help=_("write to FILE (replaced atomically) instead of printing"),
    )
    _attendee_commands(add_command)
    from roundtable.cli.stats import register as register_stats

    register_stats(add_command)
    return parser


def _apply_language(args: argparse.Namespace, explicit: str | None) -> None:
    """Once the command line is parsed: `--lang` (also abbreviated, which the scan in
    `main` misses) or `$ROUNDTABLE_LANG`, else the config's `language`, else the
    language already chosen from the locale stays."""
    chosen: str | None = getattr(args, "lang", None) or explicit
    if chosen is None:
        chosen = peek_language(config_location(args).directory)
    if chosen is not None:
        set_language(chosen)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The help and usage are translated, so the language is chosen before the parser is
    # built: `--lang` or `$ROUNDTABLE_LANG`, else the locale. The config's `language`
    # can only be read once `--config` is known, so it applies after parsing.
    try:
        explicit = requested_language(arguments, os.environ)
    except UsageError as error:
        print(terminal_safe(f"roundtable: {error.message}"), file=sys.stderr)
        return error.exit_code
    set_language(explicit or locale_language(os.environ) or DEFAULT_LANGUAGE)
    parser = build_parser()
    args = parser.parse_args(arguments)
    handler: Handler = args.handler
    try:
        _apply_language(args, explicit)
        return handler(args)
    except ConfigError as error:
        # One problem stays one `roundtable: FILE:LINE: message` line; several get a
        # header, and each keeps FILE:LINE at the start of its line for editors.
        if len(error.problems) > 1:
            header = _("roundtable: the config has {count} problems:").format(
                count=len(error.problems)
            )
            print(terminal_safe(f"{header}\n{error.message}"), file=sys.stderr)
        else:
            print(terminal_safe(f"roundtable: {error.message}"), file=sys.stderr)
        return error.exit_code
    except RoundtableError as error:
        print(terminal_safe(f"roundtable: {error.message}"), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `roundtable actions | head`: the reader left; say nothing more, like other
        # Unix tools, and keep Python from complaining again when stdout is flushed.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
