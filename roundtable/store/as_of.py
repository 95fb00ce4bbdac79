"""`Store` methods for reading the record as it stood at a moment without reading all
of its history: the entries' stored documents as they are now, and the events since a
moment (`EventLog.since`). Rolling the documents back through those events gives
every entry as it stood at any moment after that one (`domain.minutes.as_of`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from roundtable.domain.history import EntryKind, Event
from roundtable.store.notes import NOTES
from roundtable.store.opened import OpenStore
from roundtable.store.records import ACTIONS, BUDGETS, DECISIONS

__all__ = ["AsOfMethods"]

_TABLES = {
    EntryKind.ACTION: ACTIONS,
    EntryKind.DECISION: DECISIONS,
    EntryKind.BUDGET: BUDGETS,
    EntryKind.NOTE: NOTES,
}


class AsOfMethods(OpenStore):
    """Current documents and recent events (call under `reading()`; nothing is copied,
    so the caller must not change what it gets)."""

    def entry_documents(self, entry: EntryKind) -> dict[int, Mapping[str, Any]]:
        """Every stored document of this kind of entry, by id, as it is now."""
        return dict(self._records.items(_TABLES[entry]))

    def entry_document(self, entry: EntryKind, entry_id: int) -> Mapping[str, Any] | None:
        """One entry's stored document as it is now (None: there is none)."""
        return self._records.get(_TABLES[entry], entry_id)

    def events_since(self, start: str) -> list[Event]:
        """Every event after the stamp `start`, oldest first."""
        return self._events.since(start)

    def stream_events_since(self, start: str) -> Iterable[Event]:
        """The events after the stamp `start`, read anew on each pass and not kept, in
        no promised order: what a reader that needs one pass over years of events uses
        (minutes of an old meeting)."""
        return self._events.stream_since(start)
