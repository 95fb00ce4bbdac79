"""`roundtable discard`: take back a meeting started by mistake.

The README's first line starts a real meeting in the real store; a meeting in which
nothing was logged yet can be discarded as if it had never been started (the next one
gets its number again). Once anything is logged it can only be ended. It asks first on
a terminal; `--yes` answers for a script.
"""

from __future__ import annotations

import argparse
import sys

from roundtable.cli.commands import Commands
from roundtable.cli.context import existing_db_path
from roundtable.cli.output import out
from roundtable.domain.l10n import format_time
from roundtable.domain.text import single_line
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _

__all__ = ["register"]

_YES = {"y", "yes", "j", "ja"}


def cmd_discard(args: argparse.Namespace) -> int:
    """Discard the running meeting if nothing was logged in it."""
    from roundtable.store.store import Store

    with Store.open(existing_db_path(args)) as store:
        meeting = store.running_meeting()
        if meeting is None or meeting.id is None:
            raise NotFoundError(_("No meeting is running; there is nothing to discard."))
        refusal = store.discard_refusal(meeting.id)
        if refusal is not None:
            raise UsageError(refusal)
        about = _("meeting {number} ({title}, started at {time})").format(
            number=meeting.number,
            title=single_line(meeting.title),
            time=format_time(meeting.started_at.astimezone()),
        )
        if not args.yes:
            if not sys.stdin.isatty():
                raise UsageError(
                    _("Discarding {meeting} cannot be undone; add --yes to do it.").format(
                        meeting=about
                    )
                )
            answer = input(
                _("Discard {meeting}? It cannot be undone. [y/N] ").format(meeting=about)
            )
            if answer.strip().casefold() not in _YES:
                out(_("Nothing was discarded."))
                return 0
        store.discard_meeting(meeting.id)
    out(
        _("Discarded {meeting}; the next meeting gets number {number} again.").format(
            meeting=about, number=meeting.number
        )
    )
    return 0


def register(commands: Commands) -> None:
    discard = commands.add(
        "discard",
        _(
            "discard the running meeting if nothing was logged in it yet (a meeting "
            "started by mistake); afterwards it can only be ended"
        ),
        cmd_discard,
    )
    discard.add_argument(
        "--yes", action="store_true", help=_("do not ask; discard at once (for scripts)")
    )
