"""Between meetings: `decisions` (every meeting's, newest first) and `search` (decisions,
action items, notes and budget agreements of every meeting)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from typing import TypeVar

from roundtable.cli.commands import Commands
from roundtable.cli.context import existing_db_path, team_contacts
from roundtable.cli.output import day_text, out, print_json
from roundtable.cli.tables import print_csv, print_table
from roundtable.domain.text import single_line
from roundtable.errors import UsageError
from roundtable.i18n import _, pgettext

__all__ = ["register"]

T = TypeVar("T")


# --- decisions and search -----------------------------------------------------------


def cmd_decisions(args: argparse.Namespace) -> int:
    """The decisions of every meeting, newest first; `--search` narrows them."""
    from roundtable.domain.search import matches
    from roundtable.store.store import Store

    zone = team_contacts(args).zone()
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
    table = [[str(n or ""), day_text(d), single_line(i), single_line(t)] for n, d, i, t in rows]
    print_table(header, table, flexible=(2, 3))
    return 0


def _when_asked(read: Callable[[], list[T]]) -> Iterator[T]:
    """The entries `read` returns, read only when the first is asked for: on a store of
    years, one kind of entry is decoded at a time, not all of them at once."""
    yield from read()


def cmd_search(args: argparse.Namespace) -> int:
    """Decisions, action items, notes and budget agreements of every meeting."""
    from roundtable.domain.search import HitKind, search_record
    from roundtable.store.store import Store

    if not args.text.strip():
        raise UsageError(_("Say what to search for, e.g. roundtable search webinar."))
    zone = team_contacts(args).zone()
    with Store.open(existing_db_path(args), read_only=True) as store, store.reading():
        hits = search_record(
            args.text,
            store.meetings(),
            _when_asked(store.decisions),
            _when_asked(lambda: store.actions(include_closed=True)),
            _when_asked(store.budgets),
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
            day_text(hit.day),
            "" if hit.meeting_number is None else str(hit.meeting_number),
            single_line(hit.item_title or ""),
            kinds[hit.kind] if hit.ref is None else f"{kinds[hit.kind]} {hit.ref}",
            single_line(hit.text),
        ]
        for hit in hits
    ]
    print_table([_("DATE"), _("MEETING"), _("ITEM"), _("KIND"), _("TEXT")], rows, (2, 4))
    return 0


def register(commands: Commands) -> None:
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
