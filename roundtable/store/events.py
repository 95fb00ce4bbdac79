"""The events table: every change of a logged entry, kept for good.

`EventLog` appends `roundtable.domain.history.Event`s inside the caller's transaction
and answers "what happened to this entry" and "what happened to the entries of this
meeting" through an index built once per storage generation. Events live in tables of
`SHARD_SIZE` ids each (`events.0`, `events.1`, …) like every other kind of entry, so
an append copies one bounded table, not years of history.

`migrate_to_events` is the schema step 2 → 3: every stored time gets the one form
(`history.stamp`) and the current state of each entry becomes its first events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from roundtable.domain.history import EntryKind, Event, EventKind, stamp
from roundtable.store.records import Records

__all__ = ["EVENTS", "EventLog", "migrate_to_events", "os_user"]

EVENTS = "events"
SHARD_SIZE = 1000
_META = "meta"
_COUNTER_DOC = "1"

Doc = dict[str, Any]
Data = dict[str, dict[str, dict[str, Any]]]


def os_user() -> str | None:
    """Who runs this process, as the system names them (None if it cannot say)."""
    import getpass  # with termios: only a command that writes asks

    try:
        return getpass.getuser() or None
    except (KeyError, OSError):
        return None


def _event_doc(event: Event) -> Doc:
    return {
        "kind": event.kind.value,
        "entry": event.entry.value,
        "entry_id": event.entry_id,
        "at": event.at,
        "meeting_id": event.meeting_id,
        "by": event.by,
        "note": event.note,
        "before": None if event.before is None else dict(event.before),
        "after": None if event.after is None else dict(event.after),
    }


_EVENT_KINDS = {kind.value: kind for kind in EventKind}
_ENTRY_KINDS = {kind.value: kind for kind in EntryKind}


def _event_from_doc(doc_id: int, doc: Mapping[str, Any]) -> Event:
    meeting_id = doc.get("meeting_id")
    by = doc.get("by")
    # A dict lookup rather than the enum's call: a decade of events is read at once.
    kind, entry = doc["kind"], doc["entry"]
    return Event(
        id=doc_id,
        kind=_EVENT_KINDS[kind] if kind in _EVENT_KINDS else EventKind(kind),
        entry=_ENTRY_KINDS[entry] if entry in _ENTRY_KINDS else EntryKind(entry),
        entry_id=int(doc["entry_id"]),
        at=str(doc["at"]),
        meeting_id=meeting_id if isinstance(meeting_id, int) else None,
        by=by if isinstance(by, str) else None,
        note=str(doc.get("note") or ""),
        before=doc.get("before"),
        after=doc.get("after"),
    )


class _Index:
    """The event log as read, indexed by entry and by meeting."""

    # A plain class, not a dataclass: the app imports this module before its first
    # frame, where a dataclass's definition costs ~0.3 ms; nothing compares or prints it.
    __slots__ = ("by_entry", "by_meeting", "generation", "ordered")

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.by_entry: dict[tuple[EntryKind, int], list[Event]] = {}
        """(kind, id) → the entry's events, oldest first."""
        self.by_meeting: dict[int, set[tuple[EntryKind, int]]] = {}
        """Meeting id → the entries ever recorded under it."""
        self.ordered: list[Event] = []
        """Every event, oldest first."""


class EventLog:
    """The events of one store; writes only inside the store's transactions."""

    def __init__(self, records: Records) -> None:
        self._records = records
        self._storage = records.storage
        self._index: _Index | None = None

    def _shard_names(self) -> list[str]:
        tables = self._storage.tables()
        prefix = EVENTS + "."
        return [
            name
            for _n, name in sorted(
                (int(name[len(prefix) :]), name)
                for name in tables
                if name.startswith(prefix) and name[len(prefix) :].isdigit()
            )
        ]

    def _docs(self) -> Iterator[tuple[int, Doc]]:
        """Every event's document, one at a time (streamed from the file where it can be)."""
        tables = self._storage.tables()
        for name in self._shard_names():
            for key, doc in tables.scan(name):
                yield int(key), doc

    def _current(self) -> _Index | None:
        index = self._index
        return index if index is not None and index.generation == self._storage.generation else None

    def record(
        self,
        kind: EventKind,
        entry: EntryKind,
        entry_id: int,
        *,
        at: datetime,
        meeting_id: int | None,
        by: str | None,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        note: str = "",
    ) -> Event:
        """Append one event (call inside the store's transaction)."""
        event = Event(
            id=self._records.next_id(EVENTS),
            kind=kind,
            entry=entry,
            entry_id=entry_id,
            at=stamp(at),
            meeting_id=meeting_id,
            by=by,
            note=note,
            before=None if before is None else dict(before),
            after=None if after is None else dict(after),
        )
        # Through the records, not TinyDB's `Table`: the lookups built over the other
        # tables stay valid across it, instead of being built anew after every event.
        self._records.insert(EVENTS, event.id, _event_doc(event))
        return event

    # --- reading (under the store's `reading()`) -----------------------------------

    def _indexed(self) -> _Index:
        generation = self._storage.generation
        if self._index is None or self._index.generation != generation:
            index = _Index(generation)
            for doc_id, doc in self._docs():
                event = _event_from_doc(doc_id, doc)
                index.ordered.append(event)
                key = (event.entry, event.entry_id)
                index.by_entry.setdefault(key, []).append(event)
                for side in (event.before, event.after):
                    if side is not None and isinstance(side.get("meeting_id"), int):
                        index.by_meeting.setdefault(side["meeting_id"], set()).add(key)
            index.ordered.sort(key=lambda e: (e.at, e.id))
            for events in index.by_entry.values():
                events.sort(key=lambda e: (e.at, e.id))
            self._index = index
        return self._index

    def of_entry(self, entry: EntryKind, entry_id: int) -> list[Event]:
        """The entry's events, oldest first."""
        return list(self._indexed().by_entry.get((entry, entry_id), ()))

    def entries_of_meeting(self, meeting_id: int) -> list[tuple[EntryKind, int]]:
        """Every entry ever recorded under the meeting (also ones deleted since)."""
        index = self._current()
        if index is not None:
            return sorted(index.by_meeting.get(meeting_id, ()))
        # One pass over the documents, keeping only what matches: years of history are
        # never all in memory for one meeting's question.
        found = {
            (event.entry, event.entry_id)
            for doc_id, doc in self._docs()
            if any(
                isinstance(side, dict) and side.get("meeting_id") == meeting_id
                for side in (doc.get("before"), doc.get("after"))
            )
            for event in (_event_from_doc(doc_id, doc),)
        }
        return sorted(found)

    def in_meeting(self, meeting_id: int) -> list[Event]:
        """The events recorded while the meeting ran (a change made there), oldest first."""
        index = self._current()
        if index is not None:
            return [event for event in index.ordered if event.meeting_id == meeting_id]
        found = [
            _event_from_doc(doc_id, doc)
            for doc_id, doc in self._docs()
            if doc.get("meeting_id") == meeting_id
        ]
        return sorted(found, key=lambda e: (e.at, e.id))

    def entries(self, entry: EntryKind) -> list[int]:
        """The ids of every entry of this kind that has events."""
        return sorted(i for kind, i in self._indexed().by_entry if kind is entry)

    def between(self, start: str, end: str) -> list[Event]:
        """The events with `start < at <= end` (stamps), oldest first."""
        return [event for event in self._indexed().ordered if start < event.at <= end]

    def stream_since(self, start: str) -> Iterable[Event]:
        """The events with `start < at` (a stamp), each pass over them read from the
        tables again, one event at a time, so none is kept: in no promised order (the
        first pass reads the newest tables first). The tables read are those `since`
        reads; the first pass finds them."""
        index = self._current()
        if index is not None:
            return [event for event in index.ordered if event.at > start]
        return _Since(self, start)

    def since(self, start: str) -> list[Event]:
        """The events with `start < at` (a stamp), oldest first, reading only the newest
        tables: events are kept in the order they happen, so the tables are read from
        the newest back to the first one that holds nothing after `start` (one table
        more than the boundary, for events written a little out of order). Years of
        history before `start` are not read at all."""
        return sorted(self.stream_since(start), key=lambda e: (e.at, e.id))


class _Since:
    """`EventLog.stream_since`: an iterable that can be read more than once."""

    def __init__(self, log: EventLog, start: str) -> None:
        self._log = log
        self._start = start
        self._shards: list[str] | None = None

    def __iter__(self) -> Iterator[Event]:
        tables = self._log._storage.tables()
        if self._shards is not None:
            for name in self._shards:
                for key, doc in tables.scan(name):
                    if str(doc["at"]) > self._start:
                        yield _event_from_doc(int(key), doc)
            return
        shards: list[str] = []
        for name in reversed(self._log._shard_names()):
            seen = later = False
            for key, doc in tables.scan(name):
                seen = True
                if str(doc["at"]) > self._start:
                    later = True
                    yield _event_from_doc(int(key), doc)
            if seen and not later:
                break
            shards.append(name)
        self._shards = shards[::-1]


# --- schema 1 → 2 -------------------------------------------------------------------


def _restamp(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None or moment.utcoffset() is None:
        return value
    return stamp(moment)


def _restamp_spans(spans: object) -> object:
    if not isinstance(spans, list):
        return spans
    return [[_restamp(part) for part in span] if isinstance(span, list) else span for span in spans]


_TIME_KEYS = ("at", "opened_at", "closed_at", "updated_at", "started_at", "ended_at")


def _restamp_doc(doc: dict[str, Any]) -> None:
    for key in _TIME_KEYS:
        if key in doc:
            doc[key] = _restamp(doc[key])
    for key in ("pauses", "segments"):
        if key in doc:
            doc[key] = _restamp_spans(doc[key])
    items = doc.get("items")
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict) and "segments" in item:
                item["segments"] = _restamp_spans(item["segments"])


def _kind_of(table: str) -> str:
    return table.split(".", 1)[0]


def migrate_to_events(tables: Data) -> Data:
    """Schema 2 → 3: times in the one form, and each entry's history so far as events.

    An action item gets `opened` at its opening and, if closed, `done` / `dropped` at
    its closing (in the meeting that closed it); a decision or budget agreement gets
    `logged` at its time (a budget without one at its meeting's start). Who made them
    is not known.
    """
    for name, table in tables.items():
        if _kind_of(name) not in {EVENTS, _META}:
            for doc in table.values():
                if isinstance(doc, dict):
                    _restamp_doc(doc)
    started: dict[int, str] = {}
    for name, table in tables.items():
        if _kind_of(name).startswith("meeting"):
            for key, doc in table.items():
                if isinstance(doc.get("started_at"), str):
                    started[int(key)] = doc["started_at"]
    pending: list[tuple[str, int, Doc]] = []

    def add(
        kind: EventKind, entry: EntryKind, entry_id: int, at: str, where: object, after: Doc
    ) -> None:
        pending.append(
            (
                at,
                len(pending),
                {
                    "kind": kind.value,
                    "entry": entry.value,
                    "entry_id": entry_id,
                    "at": at,
                    "meeting_id": where if isinstance(where, int) else None,
                    "by": None,
                    "note": "",
                    "before": None,
                    "after": after,
                },
            )
        )

    for name, table in tables.items():
        kind = _kind_of(name)
        for key, doc in table.items():
            if not isinstance(doc, dict):
                continue
            entry_id = int(key)
            if kind == "actions" and isinstance(doc.get("opened_at"), str):
                opened = {**doc, "status": "open", "closed_at": None, "closed_in": None}
                add(
                    EventKind.OPENED,
                    EntryKind.ACTION,
                    entry_id,
                    doc["opened_at"],
                    doc.get("meeting_id"),
                    opened,
                )
                closed_at = doc.get("closed_at")
                if isinstance(closed_at, str) and doc.get("status") in ("done", "dropped"):
                    add(
                        EventKind(doc["status"]),
                        EntryKind.ACTION,
                        entry_id,
                        closed_at,
                        doc.get("closed_in"),
                        dict(doc),
                    )
            elif kind in ("decisions", "budgets"):
                at = doc.get("at")
                meeting_id = doc.get("meeting_id")
                if not isinstance(at, str):
                    at = started.get(meeting_id) if isinstance(meeting_id, int) else None
                if isinstance(at, str):
                    entry = EntryKind.DECISION if kind == "decisions" else EntryKind.BUDGET
                    add(EventKind.LOGGED, entry, entry_id, at, meeting_id, dict(doc))
    pending.sort(key=lambda triple: (triple[0], triple[1]))
    for number, (_at, _n, doc) in enumerate(pending, 1):
        tables.setdefault(f"{EVENTS}.{number // SHARD_SIZE}", {})[str(number)] = doc
    if pending:
        meta = tables.setdefault(_META, {})
        counters = meta.setdefault(_COUNTER_DOC, {})
        counters[EVENTS] = len(pending)
    return tables
