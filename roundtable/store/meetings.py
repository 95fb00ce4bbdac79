"""Meetings: the agenda snapshot, attendees, and the clock of every item."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from roundtable.errors import NotFoundError, StoreError
from roundtable.i18n import _
from roundtable.store import codec
from roundtable.store.records import ACTIONS, BUDGETS, DECISIONS, MEETINGS, Doc, Records

if TYPE_CHECKING:
    from roundtable.domain.meeting import Meeting

__all__ = ["MeetingCounts", "Meetings"]


@dataclass(frozen=True)
class MeetingCounts:
    """How many decisions and action items a meeting produced (for `roundtable meetings`)."""

    decisions: int = 0
    actions: int = 0
    """Action items opened in the meeting."""
    budgets: int = 0


class Meetings:
    """The meetings of one store (call inside the store's `reading()` or `transaction()`)."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def _decode(self, meeting_id: int, doc: Doc) -> Meeting:
        return self._records.decode(_("meeting"), codec.meeting_from_doc, meeting_id, doc)

    def next_number(self) -> int:
        by_number, _numbers = self._records.meeting_numbers()
        return max(by_number, default=0) + 1

    def by_number(self, number: int) -> Meeting:
        by_number, _numbers = self._records.meeting_numbers()
        meeting_id = by_number.get(number)
        doc = None if meeting_id is None else self._records.get(MEETINGS, meeting_id)
        if meeting_id is None or doc is None:
            raise NotFoundError(_("There is no meeting {number}.").format(number=number))
        return self._decode(meeting_id, doc)

    def numbers(self) -> dict[int, int]:
        _by_number, numbers = self._records.meeting_numbers()
        return dict(numbers)

    def _running_doc(self) -> tuple[int, Doc] | None:
        """The running meeting with the highest id: newest tables first, so resuming a
        meeting reads only the table it is in, not years of meetings before it."""
        records = self._records
        tables = records.storage.tables()
        for name in reversed(records.shard_names(MEETINGS)):
            running = [
                (records.doc_id(MEETINGS, key), doc)
                for key, doc in tables[name].items()
                if doc.get("ended_at") is None
            ]
            if running:
                return max(running, key=lambda pair: pair[0])
        return None

    def add(self, meeting: Meeting) -> Meeting:
        running = self._running_doc()
        if running is not None:
            _running_id, doc = running
            raise StoreError(
                _(
                    "Meeting {number} ({title}) is still running in {file}; end it "
                    "before starting another."
                ).format(number=doc.get("number"), title=doc.get("title"), file=self._records.path)
            )
        meeting_id = self._records.next_id(MEETINGS)
        stored = replace(meeting, id=meeting_id)
        self._records.insert(MEETINGS, meeting_id, codec.meeting_doc(stored))
        return stored

    def save(self, meeting: Meeting) -> None:
        if meeting.id is None:
            raise ValueError("save_meeting needs a meeting the store has saved (id is None)")
        new = codec.meeting_doc(meeting)
        if self._records.get(MEETINGS, meeting.id) is None:
            raise NotFoundError(_("There is no meeting {id}.").format(id=meeting.id))
        self._records.replace(MEETINGS, meeting.id, new)

    def running(self) -> Meeting | None:
        running = self._running_doc()
        return None if running is None else self._decode(*running)

    def get(self, meeting_id: int) -> Meeting:
        doc = self._records.get(MEETINGS, meeting_id)
        if doc is None:
            raise NotFoundError(_("There is no meeting {id}.").format(id=meeting_id))
        return self._decode(meeting_id, doc)

    def all(self) -> list[Meeting]:
        found = [self._decode(doc_id, doc) for doc_id, doc in self._records.items(MEETINGS)]
        return sorted(found, key=lambda m: (m.started_at, m.number, m.id or 0))

    def counts(self) -> dict[int, MeetingCounts]:
        records = self._records
        counts: dict[int, list[int]] = {i: [0, 0, 0] for i, _doc in records.items(MEETINGS)}
        for column, kind in enumerate((DECISIONS, ACTIONS, BUDGETS)):
            for _id, doc in records.items(kind):
                meeting_id = doc.get("meeting_id")
                if isinstance(meeting_id, int):
                    counts.setdefault(meeting_id, [0, 0, 0])[column] += 1
        return {
            meeting_id: MeetingCounts(decisions=d, actions=a, budgets=b)
            for meeting_id, (d, a, b) in counts.items()
        }
