"""What the meetings left behind: `meetings` (the list) and `export` (the minutes)."""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from pathlib import Path

from roundtable.cli.commands import Commands, path_option
from roundtable.cli.context import existing_db_path, team_config
from roundtable.cli.mail_options import add_mail_options
from roundtable.cli.output import clock_text, out, print_json
from roundtable.domain.clock import system_clock
from roundtable.domain.text import single_line
from roundtable.errors import OutputError
from roundtable.i18n import _

__all__ = ["cmd_export", "cmd_meetings", "register"]


def cmd_meetings(args: argparse.Namespace) -> int:
    """Past and running meetings with their time against the box and what they produced."""
    from roundtable.store.store import MeetingCounts, Store  # TinyDB: not for `--help`

    with Store.open(existing_db_path(args), read_only=True) as store:
        meetings = store.meetings()
        counts = store.meeting_counts()
    now = system_clock()
    entries = []
    for meeting in meetings:
        assert meeting.id is not None  # stored meetings have ids
        used = ((meeting.ended_at or now) - meeting.started_at).total_seconds() / 60
        entries.append((meeting, max(0.0, used), counts.get(meeting.id, MeetingCounts())))
    if args.json:
        print_json(
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
    from roundtable.domain.meeting import MeetingState  # not for building the parser

    states = {MeetingState.RUNNING: _("running"), MeetingState.PAUSED: _("paused")}
    if args.csv:
        from roundtable.cli.tables import print_csv
        from roundtable.domain.tables import csv_decimal

        print_csv(
            [
                "number",
                "date",
                "agenda",
                "state",
                "minutes_used",
                "timebox_minutes",
                "decisions",
                "actions",
                "budgets",
            ],
            [
                [
                    str(meeting.number),
                    meeting.started_at.date().isoformat(),
                    meeting.title,
                    meeting.state.value,
                    csv_decimal(round(used, 1)),
                    str(meeting.timebox_minutes),
                    str(count.decisions),
                    str(count.actions),
                    str(count.budgets),
                ]
                for meeting, used, count in entries
            ],
        )
        return 0
    from roundtable.cli.tables import print_table
    from roundtable.domain.l10n import format_date  # Babel: only when there are rows

    rows = [
        [
            str(meeting.number),
            format_date(meeting.started_at.astimezone().date()),
            single_line(meeting.title),
            f"{clock_text(used)} / {clock_text(meeting.timebox_minutes)}",
            states.get(meeting.state, ""),
            str(count.decisions),
            str(count.actions),
        ]
        for meeting, used, count in entries
    ]
    header = ["#", _("DATE"), _("AGENDA"), _("TIME"), "", _("DECISIONS"), _("ACTIONS")]
    print_table(header, rows, flexible=(2,))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the minutes of a meeting as Markdown: to stdout, or atomically to a file."""
    # The minutes' renderer and the store (Babel, TinyDB): only this command needs them.
    from roundtable.domain.export import find_meeting, write_minutes
    from roundtable.domain.minutes import gather_minutes, render_minutes
    from roundtable.store.store import Store

    config = team_config(args)
    if args.output is not None:
        _check_target(args.output)
    with Store.open(existing_db_path(args), read_only=True) as store:
        meeting = find_meeting(store, args.meeting)
        assert meeting.id is not None  # a stored meeting always has its id
        markdown = render_minutes(gather_minutes(store, meeting.id, config))
    if args.mail or args.dry_run:
        from roundtable.cli.mail import mail_minutes

        return mail_minutes(args, meeting, config.team, markdown)
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


def _check_target(path: Path) -> None:
    """Refuse an `--output` the atomic write would ruin or cannot reach: it replaces the
    file by renaming, which would swap a device or pipe (/dev/stdout) for a file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return  # a new file; write_minutes checks its folder
    except (OSError, ValueError) as error:
        reason = (
            _("a loop of symbolic links")
            if getattr(error, "errno", None) == errno.ELOOP
            else (getattr(error, "strerror", None) or str(error))
        )
        raise OutputError(
            _("Cannot write {path}: {reason}. Nothing was changed.").format(
                path=path, reason=reason
            )
        ) from None
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise OutputError(
            _(
                "{path} is not a regular file (a device, pipe or socket); --output writes "
                "files. Without --output the minutes are printed."
            ).format(path=path)
        )


def register(commands: Commands) -> None:
    export = commands.add(
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
        type=path_option,
        metavar="FILE",
        default=None,
        help=_("write to FILE (replaced atomically) instead of printing"),
    )
    add_mail_options(export, _("the minutes to the meeting's attendees"))
    meetings = commands.add(
        "meetings", _("list past and running meetings with time used and outcomes"), cmd_meetings
    )
    formats = meetings.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    formats.add_argument("--csv", action="store_true", help=_("print CSV for a spreadsheet"))
