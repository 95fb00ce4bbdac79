"""The mail that `remind --mail` and `export --mail` send.

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
from pathlib import Path
from typing import TYPE_CHECKING

from roundtable.cli.context import db_path, team_contacts, today
from roundtable.cli.mail_options import PASSWORD_ENV
from roundtable.cli.output import day_text, out
from roundtable.domain.contacts import Contacts
from roundtable.domain.text import single_line, terminal_safe
from roundtable.errors import ConfigError, Problem, RoundtableError, UsageError
from roundtable.i18n import _

if TYPE_CHECKING:  # the mail modules load only when mail is sent
    from roundtable.domain.mail import Letter
    from roundtable.domain.meeting import Meeting

__all__ = ["MailNotSent", "mail_letters", "mail_minutes"]


class MailNotSent(RoundtableError):
    """Some people did not get their mail; each was named already."""

    exit_code = 1


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

    contacts = team_contacts(args)
    names = list(dict.fromkeys(" ".join(a.name.split()) for a in meeting.attendees))
    subject = _("Minutes: {team}, meeting {number} on {date}").format(
        team=team,
        number=meeting.number,
        date=day_text(meeting.started_at.astimezone(contacts.zone()).date()),
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
