"""Setting the round table up: `check` the config, fill a `demo` store to try it out."""

from __future__ import annotations

import argparse
import os

from roundtable.cli.commands import Commands
from roundtable.cli.context import config_location, db_path, team_config, today
from roundtable.cli.output import out
from roundtable.domain.locations import find_store, store_exists
from roundtable.i18n import _, ngettext, pgettext

__all__ = ["cmd_check", "cmd_demo", "register"]


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the roles and agendas; one short summary, or every problem on stderr."""
    from roundtable.domain.config import load_config  # YAML: not for attendee commands

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
    store = find_store(args.db, os.environ, config.store)
    line = (
        _("Store: {path} (from {source})")
        if store_exists(store.path)
        else _("Store: {path} (from {source}), not created yet")
    )
    out(line.format(path=store.path, source=store.source))
    out(_("OK"))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Fill the store with a realistic year of this round table."""
    # The demo's generator, Babel and TinyDB: only this command needs them.
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
            "Wrote {meetings} ({first} to {last}) with {decisions}, {actions}, {budgets} and "
            "{campaigns} ({snapshots}) to {path}."
        ).format(
            meetings=ngettext("{count} meeting", "{count} meetings", summary.meetings).format(
                count=summary.meetings
            ),
            first=format_date(summary.first),
            last=format_date(summary.last),
            decisions=ngettext("{count} decision", "{count} decisions", summary.decisions).format(
                count=summary.decisions
            ),
            actions=ngettext("{count} action item", "{count} action items", summary.actions).format(
                count=summary.actions
            ),
            budgets=ngettext(
                "{count} budget agreement", "{count} budget agreements", summary.budgets
            ).format(count=summary.budgets),
            campaigns=ngettext("{count} campaign", "{count} campaigns", summary.campaigns).format(
                count=summary.campaigns
            ),
            snapshots=ngettext(
                "{count} campaign report", "{count} campaign reports", summary.snapshots
            ).format(count=summary.snapshots),
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


def register(commands: Commands) -> None:
    commands.add(
        "check", _("validate the roles and agendas and say which folder was used"), cmd_check
    )
    demo = commands.add(
        "demo",
        _("fill an empty store with a realistic year of round tables, to try things out"),
        cmd_demo,
    )
    demo.add_argument(
        "--meetings",
        type=_positive,
        default=None,
        metavar=pgettext("metavar", "N"),
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
