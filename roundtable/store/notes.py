"""Notes: a few words of what was reported or discussed under an agenda item."""

from __future__ import annotations

from dataclasses import replace

from roundtable.domain.entries import Note
from roundtable.errors import NotFoundError
from roundtable.i18n import _
from roundtable.store import codec
from roundtable.store.records import Doc, Records
from roundtable.store.values import clean_text

__all__ = ["NOTES", "Notes"]

NOTES = "notes"


class Notes:
    """The notes of one store (call inside the store's `reading()` or `transaction()`)."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def _decode(self, note_id: int, doc: Doc) -> Note:
        return self._records.decode(_("note"), codec.note_from_doc, note_id, doc)

    def get(self, note_id: int) -> Note:
        doc = self._records.get(NOTES, note_id)
        if doc is None:
            raise NotFoundError(_("There is no note {id}.").format(id=note_id))
        return self._decode(note_id, doc)

    def add(self, meeting_id: int, item_index: int, text: str) -> Note:
        # Line breaks stay: a note over several lines keeps them in the minutes.
        text = clean_text(text, _("A note needs some text."))
        self._records.require_meeting(meeting_id)
        note = Note(
            id=self._records.next_id(NOTES),
            meeting_id=meeting_id,
            item_index=item_index,
            text=text,
            at=self._records.now(),
        )
        self._records.insert(NOTES, note.id, codec.note_doc(note))
        return note

    def update(self, note_id: int, text: str) -> Note:
        text = clean_text(text, _("A note needs some text."))
        note = replace(self.get(note_id), text=text)
        self._records.update(NOTES, note_id, {"text": text})
        return note

    def delete(self, note_id: int) -> Note:
        note = self.get(note_id)
        self._records.remove(NOTES, note_id)
        return note

    def restore(self, note: Note) -> Note:
        self._records.upsert(NOTES, note.id, codec.note_doc(note))
        self._records.bump_counter(note.id, NOTES)
        return note

    def find(self, meeting_id: int | None = None) -> list[Note]:
        records = self._records
        docs = (
            records.items(NOTES)
            if meeting_id is None
            else records.by_key(NOTES, "meeting_id", meeting_id)
        )
        return sorted((self._decode(i, doc) for i, doc in docs), key=lambda n: n.id)
