"""Meetings: the agenda snapshot, attendees, and the clock of every item.

A meeting is kept as several small documents (`meeting_codec.MeetingParts`): what it was
started from, its running state, and one timing per agenda item. Saving a meeting
writes only the documents that changed, so a clock step (next item, pause, extend)
appends a few hundred bytes, not the whole meeting.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from roundtable.errors import NotFoundError, StoreError
from roundtable.i18n import _
from roundtable.store import meeting_codec, values
from roundtable.store.indexes import RunningClocks
from roundtable.store.records import (
    ACTIONS,
    BUDGETS,
    DECISIONS,
    MEETING_CLOCKS,
    MEETING_ITEMS,
    MEETINGS,
    SHARD_SIZE,
    Doc,
    Records,
)

if TYPE_CHECKING:
    from roundtable.domain.meeting import Meeting

__all__ = ["MeetingCounts", "Meetings"]


class MeetingCounts(NamedTuple):
    """How many decisions and action items a meeting produced (for `roundtable meetings`;
    a named tuple: ~0.4 ms less to define before the meeting screen's first frame)."""

    decisions: int = 0
    actions: int = 0
    """Action items opened in the meeting."""
    budgets: int = 0


def _item_id(meeting_id: int, index: int) -> int:
    return meeting_id * values.MAX_ITEMS + index


class Meetings:
    """The meetings of one store (call inside the store's `reading()` or `transaction()`)."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def _parts(self, meeting_id: int, head: Doc) -> tuple[Doc, list[Doc]]:
        """The clock and item timings of the meeting with `head` (empty where missing:
        decoding reports them)."""
        records = self._records
        clock = records.get(MEETING_CLOCKS, meeting_id)
        agenda = head.get("agenda")
        count = min(len(agenda), values.MAX_ITEMS) if isinstance(agenda, list) else 0
        ids = [_item_id(meeting_id, index) for index in range(count)]
        # All in one lookup: each `records.get` takes the tables anew (~8 µs), and the
        # forecast decodes dozens of meetings before the meeting screen's first frame.
        found = dict(records.docs(MEETING_ITEMS, ids))
        items = [found.get(item_id) or {} for item_id in ids]
        return ({} if clock is None else clock), items

    def _decode(self, meeting_id: int, head: Doc) -> Meeting:
        clock, items = self._parts(meeting_id, head)

        def decode(doc_id: int, head: Doc) -> Meeting:
            return meeting_codec.meeting_from_parts(doc_id, head, clock, items)

        return self._records.decode(_("meeting"), decode, meeting_id, head)

    def next_number(self) -> int:
        by_number, _numbers = self._records.meeting_numbers()
        return max(by_number, default=0) + 1

    def by_number(self, number: int) -> Meeting:
        records = self._records
        numbered = records.indexes().meetings_by_number
        if numbered is not None:
            meeting_id = numbered.get(number)
        else:
            # Not every meeting's number at hand: the heads that hold this one (the
            # lowest id, as the index takes), not years of meetings read for it.
            found = records.by_key(MEETINGS, "number", number)
            meeting_id = found[0][0] if found else None
        head = None if meeting_id is None else records.get(MEETINGS, meeting_id)
        if meeting_id is None or head is None:
            raise NotFoundError(_("There is no meeting {number}.").format(number=number))
        return self._decode(meeting_id, head)

    def numbers(self) -> dict[int, int]:
        _by_number, numbers = self._records.meeting_numbers()
        return dict(numbers)

    def _running_id(self) -> int | None:
        """The running meeting with the highest id. The clocks without an end are
        looked up newest tables first, so resuming a meeting reads only the table it is
        in, not years of meetings before it; they are kept with the indexes, which
        follow the meetings this process starts and ends."""
        records = self._records
        indexes = records.indexes()
        complete = False
        while True:
            if indexes.running is None:
                indexes.running = self._running_clocks(everywhere=complete)
            running = indexes.running
            found = [i for i in running.ids if records.get(MEETINGS, i) is not None]
            if found:
                return max(found)
            if running.complete:
                return None
            indexes.running, complete = None, True

    def _running_clocks(self, *, everywhere: bool) -> RunningClocks:
        """The clocks without an end, newest tables first: up to the first table that
        holds one of a meeting, or in every table."""
        records = self._records
        tables = records.storage.tables()
        ids: set[int] = set()
        names = records.shard_names(MEETING_CLOCKS)
        for scanned, name in enumerate(reversed(names), 1):
            ids.update(
                records.doc_id(MEETING_CLOCKS, key)
                for key, clock in tables[name].items()
                if clock.get("ended_at") is None
            )
            if not everywhere and any(records.get(MEETINGS, i) is not None for i in ids):
                if scanned == len(names):
                    break
                floor = (records.doc_id(MEETING_CLOCKS, name.partition(".")[2]) or 0) * SHARD_SIZE
                return RunningClocks(ids, complete=False, floor=floor)
        return RunningClocks(ids, complete=True)

    def add(self, meeting: Meeting) -> Meeting:
        records = self._records
        running = self._running_id()
        if running is not None:
            head = records.get(MEETINGS, running) or {}
            raise StoreError(
                _(
                    "Meeting {number} ({title}) is still running in {file}; end it "
                    "before starting another."
                ).format(number=head.get("number"), title=head.get("title"), file=records.path)
            )
        meeting_id = records.next_id(MEETINGS)
        stored = replace(meeting, id=meeting_id)
        parts = meeting_codec.meeting_parts(stored)
        records.insert(MEETINGS, meeting_id, parts.head)
        records.insert(MEETING_CLOCKS, meeting_id, parts.clock)
        for index, timing in enumerate(parts.items):
            records.insert(MEETING_ITEMS, _item_id(meeting_id, index), timing)
        return stored

    def save(self, meeting: Meeting) -> None:
        """Write what differs from the stored meeting: usually a clock and an item or two."""
        if meeting.id is None:
            raise ValueError("save_meeting needs a meeting the store has saved (id is None)")
        records = self._records
        head = records.get(MEETINGS, meeting.id)
        if head is None:
            raise NotFoundError(_("There is no meeting {id}.").format(id=meeting.id))
        parts = meeting_codec.meeting_parts(meeting)
        old_clock, old_items = self._parts(meeting.id, head)
        if parts.head != head:
            records.replace(MEETINGS, meeting.id, parts.head)
        if parts.clock != old_clock:
            records.upsert(MEETING_CLOCKS, meeting.id, parts.clock)
        for index, timing in enumerate(parts.items):
            if index >= len(old_items) or timing != old_items[index]:
                records.upsert(MEETING_ITEMS, _item_id(meeting.id, index), timing)
        for index in range(len(parts.items), len(old_items)):
            if records.get(MEETING_ITEMS, _item_id(meeting.id, index)) is not None:
                records.remove(MEETING_ITEMS, _item_id(meeting.id, index))

    def running(self) -> Meeting | None:
        running = self._running_id()
        if running is None:
            return None
        return self._decode(running, self._records.get(MEETINGS, running) or {})

    def running_facilitator(self) -> tuple[int, str | None] | None:
        """The running meeting's id and facilitator, without reading it whole: what
        every change made meanwhile records."""
        running = self._running_id()
        if running is None:
            return None
        head = self._records.get(MEETINGS, running) or {}
        try:
            return running, values.load_text(head.get("facilitator"))
        except (TypeError, ValueError):
            return running, self._decode(running, head).facilitator  # says what is wrong

    def get(self, meeting_id: int) -> Meeting:
        head = self._records.get(MEETINGS, meeting_id)
        if head is None:
            raise NotFoundError(_("There is no meeting {id}.").format(id=meeting_id))
        return self._decode(meeting_id, head)

    def all(self) -> list[Meeting]:
        found = [self._decode(doc_id, head) for doc_id, head in self._records.items(MEETINGS)]
        return sorted(found, key=lambda m: (m.started_at, m.number, m.id or 0))

    def latest(self, agenda_id: str | None, count: int, before: int | None = None) -> list[Meeting]:
        """The `count` meetings (of `agenda_id`) started last, oldest first: those with
        the highest ids (ids only go up, and each new meeting takes the next number);
        `before`: of the meetings with a lower id. Only those are decoded, and the
        tables are looked through newest first: the forecast reads the last months of
        meetings, not years of history."""
        records = self._records
        tables = records.storage.tables()
        chosen: list[tuple[int, Doc]] = []
        for name in reversed(records.shard_names(MEETINGS) if count > 0 else []):
            heads = tables[name]
            for doc_id in sorted((records.doc_id(MEETINGS, key) for key in heads), reverse=True):
                if before is not None and doc_id >= before:
                    continue
                head = heads[str(doc_id)]
                if (agenda_id is None or head.get("agenda_id") == agenda_id) and isinstance(
                    head.get("number"), int
                ):
                    chosen.append((doc_id, head))
            if len(chosen) >= count:
                break
        found = [self._decode(doc_id, head) for doc_id, head in chosen[:count]]
        return sorted(found, key=lambda m: (m.started_at, m.number, m.id or 0))

    def counts(self) -> dict[int, MeetingCounts]:
        records = self._records
        counts: dict[int, list[int]] = {i: [0, 0, 0] for i, _doc in records.items(MEETINGS)}
        for column, kind in enumerate((DECISIONS, ACTIONS, BUDGETS)):
            for _id, doc in records.items(kind, kept=False):
                meeting_id = doc.get("meeting_id")
                if isinstance(meeting_id, int):
                    counts.setdefault(meeting_id, [0, 0, 0])[column] += 1
        return {
            meeting_id: MeetingCounts(decisions=d, actions=a, budgets=b)
            for meeting_id, (d, a, b) in counts.items()
        }
