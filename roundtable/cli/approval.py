"""`roundtable approve-minutes`: the running meeting approves the previous minutes.

What the facilitator records with `g` at the review item, from a terminal: approved as
they stand, or with `--correction TEXT`; `--by NAME` says who (a role holder).
"""

from __future__ import annotations

import argparse

from roundtable.cli.acting import acting_person, add_by_option
from roundtable.cli.commands import Commands
from roundtable.cli.context import existing_db_path, team_config
from roundtable.cli.output import out
from roundtable.errors import NotFoundError
from roundtable.i18n import _

__all__ = ["register"]


def cmd_approve_minutes(args: argparse.Namespace) -> int:
    """Record in the running meeting that the previous minutes were approved."""
    from roundtable.store.store import Store

    actor = acting_person(args.by, lambda: team_config(args))
    with Store.open(existing_db_path(args)) as store:
        store.actor = actor
        running = store.running_meeting()
        if running is None or running.id is None:
            raise NotFoundError(
                _(
                    "No meeting is running: the previous minutes are approved at the review "
                    "item of the next meeting."
                )
            )
        approval = store.approve_minutes(running.id, args.correction or "")
    if approval.correction:
        out(
            _(
                "Meeting {meeting}: minutes of meeting {number} approved with correction: {text}"
            ).format(
                meeting=running.number, number=approval.approved_number, text=approval.correction
            )
        )
    else:
        out(
            _("Meeting {meeting}: minutes of meeting {number} approved.").format(
                meeting=running.number, number=approval.approved_number
            )
        )
    return 0


def register(commands: Commands) -> None:
    """The `approve-minutes` command."""
    command = commands.add(
        "approve-minutes",
        _("record in the running meeting that the previous minutes were approved"),
        cmd_approve_minutes,
    )
    command.add_argument(
        "--correction",
        metavar="TEXT",
        default=None,
        help=_("approved with this correction"),
    )
    add_by_option(command)
