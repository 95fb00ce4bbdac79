"""The attendee's action-item commands: `actions`, `done`, `reopen`.

They start fast: the store is opened without the app, and Babel is loaded only when a
table with dates is printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from roundtable.cli.acting import add_by_option
from roundtable.cli.commands import Commands
from roundtable.cli.context import TODAY_ENV, config_location, existing_db_path, team_config, today
from roundtable.cli.output import out, print_json
from roundtable.domain.action_item import ActionStatus
from roundtable.domain.text import single_line, terminal_safe
from roundtable.errors import RoundtableError, UsageError
from roundtable.i18n import _, pgettext

if TYPE_CHECKING:
    from roundtable.domain.config import Role

__all__ = ["cmd_actions", "cmd_done", "cmd_reopen", "register"]


def _owners_for(
    args: argparse.Namespace, known: Callable[[], set[str]]
) -> tuple[frozenset[str], tuple[Role, ...]]:
    """The owner strings `--owner` stands for: current roles first, then anyone named on
    a stored item (people who left the roles file still have their items); and the roles
    read for it (none when the config did not load), so the listing reads them once."""
    # YAML and the config's checks: only `--owner` reads roles.yaml.
    from roundtable.domain.config.remembered import remembered_roles
    from roundtable.domain.owners import resolve_owner

    try:
        # Only roles.yaml: parsing the agendas too would cost an attendee start time.
        roles = remembered_roles(config_location(args).directory)
    except RoundtableError as error:
        # Without roles there is nothing to resolve against: match what was typed.
        note = _("roundtable: note: matching --owner literally; the config did not load: {error}")
        print(terminal_safe(note.format(error=error.message.splitlines()[0])), file=sys.stderr)
        return frozenset({args.owner.strip()}), ()
    try:
        return resolve_owner(args.owner, roles), roles
    except UsageError:
        # Only now read every owner in the store: the common case stays fast.
        return resolve_owner(args.owner, roles, known()), roles


def cmd_actions(args: argparse.Namespace) -> int:
    """List open action items (all with --all), due first; overdue ones marked."""
    # TinyDB (not for `check` or `--help`), and of the store only the action items.
    from roundtable.store.action_list import ActionItemList

    now = today()
    owners: frozenset[str] | None = None
    roles: tuple[Role, ...] | None = None
    with ActionItemList.open(existing_db_path(args), read_only=True) as store:
        if args.owner is not None:
            owners, roles = _owners_for(args, store.action_owners)
        items = store.actions(owners=owners, include_closed=args.all)
    if args.json:
        print_json(
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
    from roundtable.cli.tables import known_roles
    from roundtable.domain.people import owner_title

    if roles is None:
        roles = known_roles(args)
    if args.csv:
        from roundtable.cli.tables import print_csv

        print_csv(
            ["ref", "due", "owner", "status", "overdue", "text"],
            [
                [
                    item.ref,
                    "" if item.due is None else item.due.isoformat(),
                    "" if item.owner is None else owner_title(item.owner, roles),
                    item.status.value,
                    "yes" if item.is_overdue(now) else "",
                    item.text,
                ]
                for item in items
            ],
        )
        return 0
    from roundtable.cli.tables import print_table
    from roundtable.domain.l10n import format_date  # Babel: only when there are rows

    rows = [
        [
            item.ref,
            "" if item.due is None else format_date(item.due),
            owner_title(item.owner, roles) if item.owner is not None else "—",
            _("overdue") if item.is_overdue(now) else status_words[item.status],
            single_line(item.text),
        ]
        for item in items
    ]
    print_table([_("REF"), _("DUE"), _("OWNER"), _("STATUS"), _("TEXT")], rows, flexible=(2, 4))
    return 0


def _reopen_reason(closed_in_number: int | None, note: str | None, ref: str) -> str:
    """The reason kept with a reopen: required (`UsageError`) when the item was closed
    in an earlier meeting, whose minutes say it was done."""
    reason = (note or "").strip()
    if closed_in_number is not None and not reason:
        raise UsageError(
            _(
                "{ref} was closed in meeting {number}, and its minutes say so; say why it "
                "is reopened with --note TEXT."
            ).format(ref=ref, number=closed_in_number)
        )
    return reason


def _set_status(args: argparse.Namespace, wanted: ActionStatus) -> int:
    """Change every id given, each reported on its own line; an id that does not exist
    is named on stderr and the others still change (exit 4 at the end)."""
    from roundtable.cli.acting import acting_person
    from roundtable.errors import NotFoundError
    from roundtable.store.store import Store  # TinyDB: not for `check` or `--help`

    actor = acting_person(args.by, lambda: team_config(args))
    missing: list[NotFoundError] = []
    reports: list[str] = []
    with Store.open(existing_db_path(args)) as store, store.transaction():
        store.actor = actor
        # Closed while a meeting runs: its minutes list the item as closed there.
        running = store.running_meeting()
        for ref in dict.fromkeys(args.ids):
            try:
                reason = ""
                if wanted is ActionStatus.OPEN:
                    current = store.action(ref)
                    closed_in = current.closed_in
                    ended = (
                        closed_in is not None
                        and current.status is not ActionStatus.OPEN
                        and (running is None or running.id != closed_in)
                    )
                    number = store.meeting_numbers().get(closed_in) if ended and closed_in else None
                    reason = _reopen_reason(number, args.note, current.ref)
                change = store.change_action_status(
                    ref, wanted, running.id if running is not None else None, note=reason
                )
            except NotFoundError as error:
                missing.append(error)
                continue
            text = single_line(change.action.text)
            if wanted is ActionStatus.OPEN:
                message = (
                    _("{ref} reopened: {text}")
                    if change.changed
                    else _("{ref} was already open: {text}")
                )
            else:
                message = (
                    _("{ref} done: {text}")
                    if change.changed
                    else _("{ref} was already done: {text}")
                )
            reports.append(message.format(ref=change.action.ref, text=text))
    # Only once the changes are stored: a failed write must not have said "done".
    for report in reports:
        out(report)
    for unknown in missing:
        print(terminal_safe(f"roundtable: {unknown.message}"), file=sys.stderr)
    return NotFoundError.exit_code if missing else 0


def cmd_done(args: argparse.Namespace) -> int:
    """Mark an action item done."""
    return _set_status(args, ActionStatus.DONE)


def cmd_reopen(args: argparse.Namespace) -> int:
    """Open a closed action item again."""
    return _set_status(args, ActionStatus.OPEN)


def register(commands: Commands) -> None:
    actions = commands.add(
        "actions", _("list open action items, due first (overdue ones marked)"), cmd_actions
    )
    actions.add_argument(
        "--owner",
        metavar=pgettext("metavar", "WHO"),
        help=_("only WHO's items: a role id or a person's name, or the start of one"),
    )
    actions.add_argument("--all", action="store_true", help=_("also done and dropped items"))
    formats = actions.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    formats.add_argument("--csv", action="store_true", help=_("print CSV for a spreadsheet"))
    actions.epilog = _(
        "Items due before today are marked overdue. For tests, {env}=YYYY-MM-DD sets today."
    ).format(env=TODAY_ENV)
    for name, help_text, handler in (
        ("done", _("mark an action item done"), cmd_done),
        ("reopen", _("open a done or dropped action item again"), cmd_reopen),
    ):
        command = commands.add(name, help_text, handler)
        command.add_argument(
            "ids",
            nargs="+",
            metavar=pgettext("metavar", "ID"),
            help=_("the action items, like A-42 or 42 (several)"),
        )
        add_by_option(command)
        command.add_argument(
            "--note",
            metavar=pgettext("metavar", "TEXT"),
            default=None,
            help=_("why, in a few words"),
        )
