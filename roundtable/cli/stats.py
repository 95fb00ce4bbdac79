"""`roundtable stats`: how long the agenda items really take, and what to plan instead.

Reads the store only (never writes, never locks) and never imports Textual, like the
other attendee commands.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from roundtable.cli.parser import Commands
from roundtable.domain.locations import default_db_path
from roundtable.domain.text import terminal_safe
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _, ngettext

if TYPE_CHECKING:
    from roundtable.domain.campaigns import Campaign, Snapshot
    from roundtable.domain.statistics.timing import ItemStats, TimingReport
    from roundtable.store.store import Store

__all__ = [
    "add_correction_option",
    "cmd_stats",
    "refuse_contradictions",
    "register",
    "text_sparkline",
]

_BARS = "▁▂▃▄▅▆▇█"


def _out(text: str = "") -> None:
    print(terminal_safe(text))


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be a whole number of at least 1"))
    return value


def register(commands: Commands) -> None:
    """Add `stats` to the parser."""
    stats = commands.add(
        "stats",
        _("how long each agenda item really takes, and what to plan instead"),
        cmd_stats,
    )
    stats.add_argument(
        "--agenda", metavar="ID", default=None, help=_("only meetings of this agenda")
    )
    stats.add_argument(
        "--last", metavar="N", type=_count, default=None, help=_("only the last N meetings")
    )
    stats.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))


def text_sparkline(values: Sequence[float]) -> str:
    """The values as a line of block characters, lowest ▁ to highest █."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    if span <= 0:
        return _BARS[len(_BARS) // 2] * len(values)
    return "".join(_BARS[round((v - low) / span * (len(_BARS) - 1))] for v in values)


def _minutes(value: float | None) -> str:
    return "—" if value is None else str(round(value))


def _columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Text columns left-aligned, numbers right-aligned."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [cells[0].ljust(widths[0])]
        parts += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    return [line(header), *(line(row) for row in rows)]


def _item_json(stats: ItemStats) -> dict[str, object]:
    return {
        "title": stats.title,
        "meetings": stats.meetings,
        "planned_minutes": stats.planned,
        "actual_median_minutes": _rounded(stats.actual_median),
        "actual_p80_minutes": _rounded(stats.actual_p80),
        "overran": stats.overran,
        "extended": stats.extended,
        "deferred": stats.deferred,
        "ended_early": stats.ended_early,
        "overrun_median_minutes": stats.overrun_median,
        "actual_minutes": [round(value, 1) for value in stats.actual_trend],
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _as_json(report: TimingReport, suggestions: Sequence[str]) -> str:
    value = {
        "meetings": [
            {
                "number": m.number,
                "agenda_id": m.agenda_id,
                "started_at": m.started_at.isoformat(),
                "timebox_minutes": m.box,
                "minutes_used": round(m.used, 1),
                "minutes_paused": round(m.paused, 1),
                "over_box": m.over_box,
                "deferred": m.deferred,
            }
            for m in report.meetings
        ],
        "items": [_item_json(stats) for stats in report.items],
        "suggestions": list(suggestions),
    }
    import json  # only `stats --json` needs it

    text = json.dumps(value, ensure_ascii=False, indent=2)
    # json escapes C0 controls but not DEL and the C1 range (which holds CSI).
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)


def _clock(minutes: float) -> str:
    whole = round(minutes)
    return f"{whole // 60}:{whole % 60:02d}"


def _print_table(report: TimingReport, suggestions: Sequence[str]) -> None:
    from roundtable.domain.l10n import format_date
    from roundtable.domain.text import single_line

    first, last = report.meetings[0], report.meetings[-1]
    _out(
        ngettext(
            "Timing of {count} meeting, {first} to {last}",
            "Timing of {count} meetings, {first} to {last}",
            len(report.meetings),
        ).format(
            count=len(report.meetings),
            first=format_date(first.started_at.date()),
            last=format_date(last.started_at.date()),
        )
    )
    _out()
    header = [
        _("ITEM"),
        _("MEETINGS"),
        _("PLAN"),
        _("MEDIAN"),
        _("80 %"),
        _("OVER"),
        _("EXTENDED"),
        _("DEFERRED"),
        _("EARLY"),
        _("TREND"),
    ]
    rows = [
        [
            single_line(stats.title),
            str(stats.meetings),
            str(stats.planned),
            _minutes(stats.actual_median),
            _minutes(stats.actual_p80),
            str(stats.overran),
            str(stats.extended),
            str(stats.deferred),
            str(stats.ended_early),
            text_sparkline(stats.actual_trend[-20:]).ljust(len(_("TREND"))),
        ]
        for stats in report.items
    ]
    for line in _columns(header, rows):
        _out(line)
    _out()
    over = sum(m.over_box for m in report.meetings)
    _out(
        _(
            "Time used of the box: {median} at the median of {box}; "
            "over the box in {over} of {count}."
        ).format(
            median=_clock(report.box_median or 0),
            box=_clock(last.box),
            over=over,
            count=len(report.meetings),
        )
    )
    _out(text_sparkline(report.used_trend[-60:]))
    if suggestions:
        _out()
        _out(_("Suggestions for the agenda:"))
        for text in suggestions:
            _out(f"- {single_line(text)}")


def cmd_stats(args: argparse.Namespace) -> int:
    """Planned against actual minutes per agenda item, time used of the box, suggestions."""
    from roundtable.domain.statistics.advice import suggestion_text, suggestions
    from roundtable.domain.statistics.timing import timing_report
    from roundtable.store.store import Store

    with Store.open(default_db_path(args.db, os.environ), read_only=True) as store:
        meetings = store.meetings()
    if args.agenda is not None and not any(m.agenda_id == args.agenda for m in meetings):
        known = sorted({m.agenda_id for m in meetings})
        raise NotFoundError(
            _("No meeting has been held on agenda “{agenda}”. Held: {known}.").format(
                agenda=args.agenda, known=", ".join(known) or "—"
            )
        )
    report = timing_report(meetings, agenda_id=args.agenda, last=args.last)
    texts = [suggestion_text(s) for s in suggestions(report)]
    if args.json:
        sys.stdout.write(_as_json(report, texts) + "\n")
        return 0
    if not report.meetings:
        _out(_("No ended meetings yet: statistics start after the first meeting."))
        return 0
    _print_table(report, texts)
    return 0


# --- `roundtable figures --correction` --------------------------------------------------


def add_correction_option(figures: argparse.ArgumentParser) -> None:
    """`--correction` on `roundtable figures`."""
    figures.add_argument(
        "--correction",
        action="store_true",
        help=_(
            "record figures below the last report (a running total that fell) as a correction of it"
        ),
    )


def refuse_contradictions(
    store: Store,
    campaign: Campaign,
    last: Snapshot | None,
    figures: Mapping[str, Decimal | int],
    cost: Decimal | None,
    correction: bool,
) -> None:
    """`UsageError` naming every running total far below the last report, unless the
    figures are given `--correction`."""
    from roundtable.domain.campaigns.corrections import contradiction_text, contradictions

    new = dict(figures)
    if cost is not None:
        new["cost"] = cost
    found = contradictions(last, new)
    if not found or correction:
        return
    number = None if last is None else store.meeting_numbers().get(last.meeting_id)
    lines = [contradiction_text(one, campaign.currency, number) for one in found]
    raise UsageError(
        "\n".join(
            [
                *lines,
                _(
                    "If that is right, repeat the command with --correction to record it as a "
                    "correction; nothing was recorded."
                ),
            ]
        )
    )
