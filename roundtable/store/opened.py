"""The store file with its history and meetings: every change to an entry kept as an
event (who, when, in which meeting), and the repositories of the logged entries.
`Store` adds the methods per kind of record on top of this."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from roundtable.domain.clock import Clock
from roundtable.domain.entries import ActionItem, BudgetAgreement, Decision, Note
from roundtable.domain.history import EntryKind, Event, EventKind
from roundtable.store.budgets import Budgets
from roundtable.store.campaigns import Campaigns
from roundtable.store.decisions import Decisions
from roundtable.store.events import EventLog, os_user
from roundtable.store.journal import JournalStorage
from roundtable.store.meetings import MeetingCounts, Meetings
from roundtable.store.notes import NOTES, Notes
from roundtable.store.records import ACTIONS, BUDGETS, DECISIONS, Doc
from roundtable.store.store_file import StoreFile

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from roundtable.domain.meeting import Meeting

__all__ = ["OpenStore", "with_given"]

_TABLES = {
    EntryKind.ACTION: ACTIONS,
    EntryKind.DECISION: DECISIONS,
    EntryKind.BUDGET: BUDGETS,
    EntryKind.NOTE: NOTES,
}

T = TypeVar("T")
_R = TypeVar("_R", bound="DataclassInstance")
_E = TypeVar("_E", Decision, ActionItem, BudgetAgreement, Note)


def with_given(record: _R, **fields: object) -> _R:
    """`record` with the fields that are given (not None) changed: what every
    `update_…` method means by "None leaves a field as it is"."""
    return replace(record, **{name: value for name, value in fields.items() if value is not None})


class OpenStore(StoreFile):
    """One store file, opened: its events and meetings, and the logged entries'
    repositories (the action items' is `ActionItemList`'s)."""

    def __init__(self, path: Path, storage: JournalStorage, clock: Clock) -> None:
        super().__init__(path, storage, clock)
        self._meetings = Meetings(self._records)
        self._decisions = Decisions(self._records)
        self._budgets = Budgets(self._records)
        self._campaigns = Campaigns(self._records)
        self._notes = Notes(self._records)
        self._events = EventLog(self._records)
        self.actor: str | None = None
        """Who makes the changes (`--by`, the OS user); None: the running meeting's
        facilitator, else the OS user."""

    # --- history --------------------------------------------------------------------

    def _doc(self, entry: EntryKind, entry_id: int) -> Doc | None:
        doc = self._records.get(_TABLES[entry], entry_id)
        return None if doc is None else deepcopy(dict(doc))

    def _log(
        self,
        kind: EventKind,
        entry: EntryKind,
        entry_id: int,
        before: Doc | None,
        after: Doc | None,
        note: str = "",
    ) -> Event:
        """Keep one change as an event (in a transaction): where is the running meeting
        (None between meetings), who is `actor`, else that meeting's facilitator."""
        running = self._meetings.running_facilitator()
        by = self.actor
        if by is None and running is not None:
            by = running[1]
        return self._events.record(
            kind,
            entry,
            entry_id,
            at=self._records.now(),
            meeting_id=None if running is None else running[0],
            by=by if by is not None else os_user(),
            before=before,
            after=after,
            note=note,
        )

    def _logged(
        self, kind: EventKind, entry: EntryKind, entry_id: int, change: Callable[[], T]
    ) -> T:
        """Run `change` on an existing entry and keep it as an event if it changed."""
        before = self._doc(entry, entry_id)
        result = change()
        after = self._doc(entry, entry_id)
        if before != after:
            self._log(kind, entry, entry_id, before, after)
        return result

    def _added(self, kind: EventKind, entry: EntryKind, added: _E) -> _E:
        self._log(kind, entry, added.id, None, self._doc(entry, added.id))
        return added

    def events(self, entry: EntryKind, entry_id: int) -> list[Event]:
        """What happened to one entry, oldest first."""
        with self.reading():
            return self._events.of_entry(entry, entry_id)

    @property
    def event_log(self) -> EventLog:
        """The events, for as-of queries (read under `reading()`)."""
        return self._events

    # --- meetings -----------------------------------------------------------------

    def next_meeting_number(self) -> int:
        with self.reading():
            return self._meetings.next_number()

    def meeting_by_number(self, number: int) -> Meeting:
        """The meeting with this running number (as `roundtable meetings` shows it).
        Raises `NotFoundError`."""
        with self.reading():
            return self._meetings.by_number(number)

    def meeting_numbers(self) -> dict[int, int]:
        """Meeting id → running number, for every meeting (without reading them whole)."""
        with self.reading():
            return self._meetings.numbers()

    def add_meeting(self, meeting: Meeting) -> Meeting:
        """Save a new meeting (its `id` is None) and return it with its id. Raises
        `StoreError` if another meeting is still running."""
        with self.transaction():
            return self._meetings.add(meeting)

    def save_meeting(self, meeting: Meeting) -> None:
        """Save the changes to the stored meeting with the same id."""
        with self.transaction():
            self._meetings.save(meeting)

    def running_meeting(self) -> Meeting | None:
        """The meeting that has started and not ended, if any."""
        with self.reading():
            return self._meetings.running()

    def meeting(self, meeting_id: int) -> Meeting:
        """Raises `NotFoundError`."""
        with self.reading():
            return self._meetings.get(meeting_id)

    def meetings(self) -> list[Meeting]:
        """All meetings, oldest first."""
        with self.reading():
            return self._meetings.all()

    def latest_meetings(
        self, agenda_id: str | None, count: int, before: int | None = None
    ) -> list[Meeting]:
        """The `count` latest meetings by number (of `agenda_id`; None: of any agenda),
        oldest first, running or ended: what recent history needs, without reading all.
        `before`: the latest of those with a lower id (the next older ones)."""
        with self.reading():
            return self._meetings.latest(agenda_id, count, before)

    def meeting_counts(self) -> dict[int, MeetingCounts]:
        """Per meeting id: decisions taken, action items opened, budgets agreed."""
        with self.reading():
            return self._meetings.counts()

    def discard_refusal(self, meeting_id: int) -> str | None:
        """Why the meeting cannot be discarded (`discard_meeting`), in words; None if it
        can. Raises `NotFoundError`."""
        # Only a meeting started by mistake is discarded: not for every command.
        from roundtable.store.discard import discard_refusal

        with self.reading():
            return discard_refusal(self._records, self._meetings, self._events, meeting_id)

    def discard_meeting(self, meeting_id: int) -> Meeting:
        """Remove a running meeting in which nothing was logged, as if never started
        (`store.discard`); the next meeting reuses its number. Returns it as it was.
        Raises `DiscardRefused` (a `UsageError`) saying why not, `NotFoundError`."""
        from roundtable.store.discard import discard_meeting

        with self.transaction():
            return discard_meeting(self._records, self._meetings, self._events, meeting_id)

    def wipe(self) -> None:
        """Remove every meeting and entry and reset the counters (`roundtable demo --force`)."""
        with self.transaction():
            # What TinyDB's `drop_tables` does: write no tables at all.
            self._storage.write({})
