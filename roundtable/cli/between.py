"""Between meetings: `calendar`, `remind`, `decisions`, `search`, and the mail that
`remind --mail` and `export --mail` send.

Mail goes out through the team's SMTP server (`mail:` in roles.yaml) to the addresses
of the role holders; `--dry-run` writes the messages as `.eml` files instead. Whoever
did not get mail is named on stderr and the exit status is 1; a retry the same day sends
only what did not go out.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from roundtable.cli.commands import Commands
from roundtable.cli.context import config_location, db_path, existing_db_path, team_config, today
from roundtable.cli.output import out, print_json
from roundtable.cli.tables import print_csv, print_table
from roundtable.domain.config import Role
from roundtable.domain.contacts import PASSWORD_ENV, Contacts, load_contacts
from roundtable.domain.text import single_line, terminal_safe
from roundtable.errors import ConfigError, Problem, RoundtableError, UsageError
from roundtable.i18n import _, ngettext, pgettext

if TYPE_CHECKING:  # the mail modules load only when mail is sent
    from roundtable.domain.mail import Letter
    from roundtable.domain.meeting import Meeting

__all__ = ["MailNotSent", "add_mail_options", "mail_letters", "mail_minutes", "register"]

UPCOMING_MEETINGS = 4
"""How many of the next meetings the calendar holds: two months at every two weeks."""


class MailNotSent(RoundtableError):
    """Some people did not get their mail; each was named already."""

    exit_code = 1


# --- output -------------------------------------------------------------------------


def _roles(args: argparse.Namespace) -> tuple[Role, ...]:
    from roundtable.domain.config import load_roles

    return load_roles(config_location(args).directory)


def _contacts(args: argparse.Namespace) -> Contacts:
    return load_contacts(config_location(args).directory)


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
    zone = _contacts(args).zone()
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
    contacts = _contacts(args)
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
        out(_("Nothing is overdue or due by {date}.").format(date=_date(until)))
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
    return mail_letters(args, contacts, letters, "remind", f"remind-{day.isoformat()}")


def _date(day: date) -> str:
    from roundtable.domain.l10n import format_date

    return format_date(day)


# --- mail ---------------------------------------------------------------------------


def add_mail_options(command: argparse.ArgumentParser, what: str) -> None:
    """`--mail` and `--dry-run [--eml-dir DIR]` for a command that sends `what`."""
    command.add_argument(
        "--mail",
        action="store_true",
        help=_("send {what} by mail through the SMTP server in roles.yaml").format(what=what),
    )
    command.add_argument(
        "--dry-run",
        action="store_true",
        help=_("write the messages as .eml files instead of sending them"),
    )
    command.add_argument(
        "--eml-dir",
        type=Path,
        metavar=pgettext("metavar", "DIR"),
        default=Path(),
        help=_("the folder for the .eml files of --dry-run (default: the current folder)"),
    )


def mail_letters(
    args: argparse.Namespace,
    contacts: Contacts,
    letters: Sequence[Letter],
    kind: str,
    stem: str,
) -> int:
    """Send (or with --dry-run write) `letters`; say who got mail and who did not."""
    from roundtable.domain.mail import SentLog, send_letters, sent_log_path, write_eml

    day = today()
    missing = [letter for letter in letters if letter.address is None]
    if args.dry_run:
        sender = contacts.mail.sender if contacts.mail else "roundtable@localhost"
        folder: Path = args.eml_dir
        if not folder.is_dir():
            raise UsageError(_("The folder {folder} does not exist.").format(folder=folder))
        for path in write_eml(letters, sender, folder, stem, day):
            out(_("Wrote {path}").format(path=path))
        return _no_address(missing, contacts)
    if contacts.mail is None:
        raise ConfigError(
            [
                Problem(
                    contacts.path,
                    None,
                    _(
                        "there is no mail: section with the SMTP server (host, port, sender, "
                        "security, user); add one to send mail"
                    ),
                )
            ]
        )
    log = SentLog(sent_log_path(db_path(args)), day)
    password = os.environ.get(PASSWORD_ENV) or None
    failed = False
    from roundtable.domain.mail import Delivery

    for outcome in send_letters(letters, contacts.mail, password, log, kind):
        letter = outcome.letter
        who = f"{single_line(letter.person)} <{letter.address}>"
        if outcome.delivery is Delivery.SENT:
            out(_("Sent to {who}").format(who=who))
        elif outcome.delivery is Delivery.ALREADY_SENT:
            out(_("Already sent to {who} today; not sent again").format(who=who))
        elif outcome.delivery is not Delivery.NO_ADDRESS:
            failed = True
            _say(
                _("roundtable: no mail for {who}: {reason}").format(who=who, reason=outcome.reason)
            )
    if _no_address(missing, contacts) or failed:
        raise MailNotSent(_("Not everyone got mail; run the same command again to retry them."))
    return 0


def mail_minutes(args: argparse.Namespace, meeting: Meeting, team: str, markdown: str) -> int:
    """`export --mail`: the minutes to everyone on the meeting's attendance list (absent
    ones too: the minutes are how they learn what was decided)."""
    from roundtable.domain.mail import Letter

    contacts = _contacts(args)
    names = list(dict.fromkeys(" ".join(a.name.split()) for a in meeting.attendees))
    subject = _("Minutes: {team}, meeting {number} on {date}").format(
        team=team,
        number=meeting.number,
        date=_date(meeting.started_at.astimezone(contacts.zone()).date()),
    )
    letters = [Letter(name, contacts.address(name), subject, markdown) for name in names]
    if not letters:
        raise UsageError(
            _("Meeting {number} has no attendees to mail.").format(number=meeting.number)
        )
    stem = f"minutes-{meeting.number}"
    return mail_letters(args, contacts, letters, stem, stem)


def _no_address(missing: Sequence[Letter], contacts: Contacts) -> int:
    for letter in missing:
        _say(
            _(
                "roundtable: no mail for {person}: roles.yaml has no address for them "
                "(write the holder as {{name: {person}, email: …}} in {file})"
            ).format(person=single_line(letter.person), file=contacts.path)
        )
    return 1 if missing else 0


def _say(text: str) -> None:
    print(terminal_safe(text), file=sys.stderr)


# --- decisions and search -----------------------------------------------------------


def cmd_decisions(args: argparse.Namespace) -> int:
    """The decisions of every meeting, newest first; `--search` narrows them."""
    from roundtable.domain.search import matches
    from roundtable.store.store import Store

    zone = _contacts(args).zone()
    with Store.open(existing_db_path(args), read_only=True) as store, store.reading():
        meetings = {meeting.id: meeting for meeting in store.meetings()}
        decisions = store.decisions()
    if args.search is not None:
        decisions = [d for d in decisions if matches(d.text, args.search)]
    decisions.sort(key=lambda decision: decision.at, reverse=True)
    rows = []
    for decision in decisions:
        meeting = meetings.get(decision.meeting_id)
        items = meeting.items if meeting is not None else ()
        item = items[decision.item_index].title if 0 <= decision.item_index < len(items) else ""
        rows.append(
            (
                meeting.number if meeting is not None else None,
                decision.at.astimezone(zone).date(),
                item,
                decision.text,
            )
        )
    if args.json:
        print_json(
            [
                {"meeting": number, "date": day.isoformat(), "item": item, "text": text}
                for number, day, item, text in rows
            ]
        )
        return 0
    if args.csv:
        # The same keys as --json: a spreadsheet's formulas keep working in every language.
        rows_csv = [[str(n or ""), d.isoformat(), i, t] for n, d, i, t in rows]
        print_csv(["meeting", "date", "item", "text"], rows_csv)
        return 0
    header = [_("MEETING"), _("DATE"), _("ITEM"), _("DECISION")]
    if not rows:
        out(_("No decisions match.") if args.search is not None else _("No decisions yet."))
        return 0
    table = [[str(n or ""), _date(d), single_line(i), single_line(t)] for n, d, i, t in rows]
    print_table(header, table, flexible=(2, 3))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Decisions, action items, notes and budget agreements of every meeting."""
    from roundtable.domain.search import HitKind, search_record
    from roundtable.store.store import Store

    if not args.text.strip():
        raise UsageError(_("Say what to search for, e.g. roundtable search webinar."))
    zone = _contacts(args).zone()
    with Store.open(existing_db_path(args), read_only=True) as store, store.reading():
        hits = search_record(
            args.text,
            store.meetings(),
            store.decisions(),
            store.actions(include_closed=True),
            store.budgets(),
            zone,
        )
    if args.json:
        print_json(
            [
                {
                    "kind": hit.kind.value,
                    "meeting": hit.meeting_number,
                    "item": hit.item_title,
                    "date": hit.day.isoformat(),
                    "ref": hit.ref,
                    "text": hit.text,
                }
                for hit in hits
            ]
        )
        return 0
    if not hits:
        out(_("Nothing found for {text!r}.").format(text=single_line(args.text)))
        return 0
    kinds = {
        HitKind.DECISION: _("decision"),
        HitKind.ACTION: _("action item"),
        HitKind.BUDGET: _("budget"),
        HitKind.NOTE: _("note"),
    }
    rows = [
        [
            _date(hit.day),
            "" if hit.meeting_number is None else str(hit.meeting_number),
            single_line(hit.item_title or ""),
            kinds[hit.kind] if hit.ref is None else f"{kinds[hit.kind]} {hit.ref}",
            single_line(hit.text),
        ]
        for hit in hits
    ]
    print_table([_("DATE"), _("MEETING"), _("ITEM"), _("KIND"), _("TEXT")], rows, (2, 4))
    return 0


# --- registry -----------------------------------------------------------------------


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
    calendar.add_argument("--owner", metavar=pgettext("metavar", "WHO"), help=owner_help)
    calendar.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=pgettext("metavar", "FILE"),
        default=None,
        help=_("write to FILE (replaced atomically) instead of printing"),
    )
    remind = commands.add(
        "remind",
        _("per person: what is overdue and what falls due before the next meeting"),
        cmd_remind,
    )
    remind.add_argument("--owner", metavar=pgettext("metavar", "WHO"), help=owner_help)
    remind.add_argument(
        "--days",
        type=_days,
        metavar=pgettext("metavar", "N"),
        default=None,
        help=_("what falls due in the next N days instead of by the next meeting"),
    )
    add_mail_options(remind, _("each person their reminder"))
    remind.epilog = _("The password for the SMTP user is read from ${env} only.").format(
        env=PASSWORD_ENV
    )
    decisions = commands.add(
        "decisions", _("the decisions of every meeting, newest first"), cmd_decisions
    )
    decisions.add_argument(
        "--search", metavar=pgettext("metavar", "TEXT"), help=_("only decisions with these words")
    )
    formats = decisions.add_mutually_exclusive_group()
    formats.add_argument("--csv", action="store_true", help=_("print CSV for a spreadsheet"))
    formats.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    search = commands.add(
        "search",
        _("find decisions, action items, notes and budget agreements in every meeting"),
        cmd_search,
    )
    search.add_argument(
        "text", metavar=pgettext("metavar", "TEXT"), help=_("the words to find (all of them)")
    )
    search.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
