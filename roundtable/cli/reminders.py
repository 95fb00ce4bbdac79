"""Reminders between meetings: `calendar` (the open action items and the next meetings
as an iCalendar file) and `remind` (per person: what is overdue and what falls due
before the next meeting, printed or mailed)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from roundtable.cli.commands import Commands
from roundtable.cli.context import existing_db_path, team_config, team_contacts, today
from roundtable.cli.mail_options import PASSWORD_ENV, add_mail_options
from roundtable.cli.output import day_text, out
from roundtable.domain.config import Role
from roundtable.domain.text import single_line
from roundtable.errors import UsageError
from roundtable.i18n import _, ngettext

__all__ = ["register"]

UPCOMING_MEETINGS = 4
"""How many of the next meetings the calendar holds: two months at every two weeks."""


def _owners(args: argparse.Namespace, roles: Sequence[Role], known: set[str]) -> frozenset[str]:
    from roundtable.domain.owners import resolve_owner

    try:
        return resolve_owner(args.owner, roles)
    except UsageError:
        return resolve_owner(args.owner, roles, known)


# --- calendar -----------------------------------------------------------------------


def cmd_calendar(args: argparse.Namespace) -> int:
    """The open action items and the next meetings as an iCalendar file."""
    from datetime import datetime

    from roundtable.domain.calendar import CalendarInput, build_calendar
    from roundtable.domain.schedule import next_meetings
    from roundtable.store.store import Store

    config = team_config(args)
    zone = team_contacts(args).zone()
    day = today()
    with Store.open(existing_db_path(args), read_only=True) as store, store.reading():
        owners = None if args.owner is None else _owners(args, config.roles, store.action_owners())
        actions = store.actions(owners=owners, include_closed=True)
        meetings = store.meetings()
        numbers = store.meeting_numbers()
    latest = max(meetings, key=lambda meeting: meeting.number, default=None)
    planned = next_meetings(latest, config, day, zone, UPCOMING_MEETINGS)
    now = datetime.now(zone)
    if now.date() != day:  # $ROUNDTABLE_TODAY moves the calendar's "now" with it
        now = datetime.combine(day, now.time(), zone)
    data = CalendarInput(config.team, config.roles, actions, planned, zone, now, numbers)
    text = build_calendar(data)
    if args.output is None:
        sys.stdout.buffer.write(text)
        return 0
    from roundtable.domain.export import write_minutes

    write_minutes(args.output, text.decode("utf-8"))
    open_count = sum(1 for action in actions if action.status.value == "open")
    out(
        _("Calendar written to {path}: {items} and {meetings}.").format(
            path=args.output,
            items=ngettext(
                "{count} open action item", "{count} open action items", open_count
            ).format(count=open_count),
            meetings=ngettext("{count} meeting", "{count} meetings", len(planned)).format(
                count=len(planned)
            ),
        )
    )
    return 0


# --- remind -------------------------------------------------------------------------


def cmd_remind(args: argparse.Namespace) -> int:
    """Per person: what is overdue and what falls due before the next meeting."""
    from roundtable.domain.mail import Letter
    from roundtable.domain.reminders import (
        gather_reminders,
        reminder_items,
        reminder_subject,
        reminder_text,
        window_end,
    )
    from roundtable.domain.schedule import next_meetings
    from roundtable.store.store import Store

    config = team_config(args)
    sending = args.mail or args.dry_run
    contacts = team_contacts(args)
    day = today()
    with Store.open(existing_db_path(args), read_only=True) as store, store.reading():
        people = None if args.owner is None else _owners(args, config.roles, store.action_owners())
        actions = store.actions()
        meetings = store.meetings()
    latest = max(meetings, key=lambda meeting: meeting.number, default=None)
    upcoming = next_meetings(latest, config, day, contacts.zone(), 1)
    next_day = upcoming[0].start.date() if upcoming else None
    until = window_end(day, next_day, args.days)
    reminders = gather_reminders(actions, config.roles, day, until, next_day, people)
    if not reminders:
        out(_("Nothing is overdue or due by {date}.").format(date=day_text(until)))
        return 0
    if not sending:
        for index, reminder in enumerate(reminders):
            if index:
                out()
            out(single_line(reminder.person))
            out("\n".join(line for line in reminder_items(reminder, config.roles, day)).rstrip())
        return 0
    letters = [
        Letter(
            reminder.person,
            contacts.address(reminder.person),
            reminder_subject(reminder, config.team),
            reminder_text(reminder, config.roles, day),
        )
        for reminder in reminders
    ]
    from roundtable.cli.mail import mail_letters  # SMTP: only when mail is sent

    return mail_letters(args, contacts, letters, "remind", f"remind-{day.isoformat()}")


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(_("must be a whole number of days, 0 or more"))
    return value


def register(commands: Commands) -> None:
    owner_help = _("only WHO's items: a role id or a person's name, or the start of one")
    calendar = commands.add(
        "calendar",
        _("an iCalendar file of the open action items and the next meetings"),
        cmd_calendar,
    )
    calendar.add_argument("--owner", metavar="WHO", help=owner_help)
    calendar.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        default=None,
        help=_("write to FILE (replaced atomically) instead of printing"),
    )
    remind = commands.add(
        "remind",
        _("per person: what is overdue and what falls due before the next meeting"),
        cmd_remind,
    )
    remind.add_argument("--owner", metavar="WHO", help=owner_help)
    remind.add_argument(
        "--days",
        type=_days,
        metavar="N",
        default=None,
        help=_("what falls due in the next N days instead of by the next meeting"),
    )
    add_mail_options(remind, _("each person their reminder"))
    remind.epilog = _("The password for the SMTP user is read from ${env} only.").format(
        env=PASSWORD_ENV
    )
