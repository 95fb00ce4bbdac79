"""What the action-items search finds beyond action items: decisions, notes and budget
agreements of every meeting, as `roundtable search` finds them (`domain.search`).

The table above lists the matching action items; this panel below it lists the rest of
the record that matches, newest first, each with its meeting, agenda item and date. The
record is read on the store thread when a search begins (not when the screen opens: a
decade of meetings is not read for a glance at one's items) and again after a store
change, then searched in memory at every keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from roundtable.domain import l10n
from roundtable.domain.entries import BudgetAgreement, Decision
from roundtable.domain.meeting import Meeting
from roundtable.domain.search import Hit, HitKind, search_record
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _, ngettext
from roundtable.store.store import Store
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["Record", "RecordHits", "hit_line", "read_record"]

SHOWN = 50
"""At most this many hits are listed; the heading says how many there are in all."""


@dataclass(frozen=True)
class Record:
    """What the search reaches besides the action items."""

    meetings: list[Meeting]
    decisions: list[Decision]
    budgets: list[BudgetAgreement]


def read_record(store: Store) -> Record:
    """Every meeting (for notes and places), decision and budget agreement (store
    thread)."""
    with store.reading():
        return Record(store.meetings(), store.decisions(), store.budgets())


def _kinds() -> dict[HitKind, str]:
    return {
        HitKind.DECISION: _("Decision"),
        HitKind.ACTION: _("Action item"),
        HitKind.BUDGET: _("Budget agreement"),
        HitKind.NOTE: _("Note"),
    }


def hit_line(hit: Hit) -> str:
    """ "Decision · meeting 40 · Campaign planning · Dec 9, 2026 — Webinar starts 12.03." """
    where = [_kinds()[hit.kind]]
    if hit.meeting_number is not None:
        where.append(_("meeting {number}").format(number=hit.meeting_number))
    if hit.item_title:
        where.append(single_line(hit.item_title))
    where.append(l10n.format_date(hit.day))
    return f"{' · '.join(where)} — {single_line(hit.text)}"


class RecordHits(VerticalScroll):
    """The decisions, notes and budget agreements the search text matches; hidden while
    nothing is searched or nothing matches (the class `-found` shows it). Its styles are
    in action_items.tcss, beside the screen that mounts it."""

    def __init__(self, *, timezone: tzinfo | None = None, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self.timezone = timezone
        self.text = ""
        self.hits: list[Hit] = []
        """What the last search found (no action items: the table lists those)."""
        self._record: Record | None = None
        self._reading = False

    def compose(self) -> ComposeResult:
        yield PlainLabel("", id="record-hits-heading")
        yield PlainLabel("", id="record-hits-list")

    def search(self, text: str, store: Store, store_thread: StoreThread) -> None:
        """Show what `text` finds; the record is read first if it is not yet."""
        self.text = text
        if not text.strip():
            # A new search reads the record afresh: what was decided since is found.
            self._record = None
            self._show()
            return
        if self._record is None:
            self._read(store, store_thread)
            return
        self._show()

    def forget(self, store: Store, store_thread: StoreThread) -> None:
        """The store changed: read the record again if a search is shown."""
        self._record = None
        if self.text.strip():
            self._read(store, store_thread)

    def _read(self, store: Store, store_thread: StoreThread) -> None:
        if self._reading:
            return
        self._reading = True

        def got(record: Record) -> None:
            self._reading = False
            self._record = record
            if self.is_attached:
                self._show()

        def failed(_error: RoundtableError) -> None:
            self._reading = False

        store_thread.submit(lambda: read_record(store), done=got, failed=failed)

    def _show(self) -> None:
        record = self._record
        if not self.text.strip() or record is None:
            self.hits = []
        else:
            self.hits = search_record(
                self.text, record.meetings, record.decisions, [], record.budgets, self.timezone
            )
        self.set_class(bool(self.hits), "-found")
        if not self.hits:
            return
        count = len(self.hits)
        heading = ngettext(
            "Also found in the record: {count} decision, note or budget agreement",
            "Also found in the record: {count} decisions, notes or budget agreements",
            count,
        ).format(count=count)
        if count > SHOWN:
            heading += " " + _("(the newest {shown} shown)").format(shown=SHOWN)
        self.query_one("#record-hits-heading", PlainLabel).show(heading)
        self.query_one("#record-hits-list", PlainLabel).show(
            Text("\n".join(hit_line(hit) for hit in self.hits[:SHOWN]))
        )
