"""Decisions: what the meeting decided, under which agenda item."""

from __future__ import annotations

from dataclasses import replace

from roundtable.domain.entries import Decision
from roundtable.errors import NotFoundError
from roundtable.i18n import _
from roundtable.store import codec
from roundtable.store.records import DECISIONS, Doc, Records
from roundtable.store.values import clean_text

__all__ = ["Decisions"]


class Decisions:
    """The decisions of one store (call inside the store's `reading()` or `transaction()`)."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def _decode(self, decision_id: int, doc: Doc) -> Decision:
        return self._records.decode(_("decision"), codec.decision_from_doc, decision_id, doc)

    def get(self, decision_id: int) -> Decision:
        doc = self._records.get(DECISIONS, decision_id)
        if doc is None:
            raise NotFoundError(_("There is no decision {id}.").format(id=decision_id))
        return self._decode(decision_id, doc)

    def add(self, meeting_id: int, item_index: int, text: str) -> Decision:
        text = clean_text(text, _("A decision needs some text."))
        self._records.require_meeting(meeting_id)
        decision = Decision(
            id=self._records.next_id(DECISIONS),
            meeting_id=meeting_id,
            item_index=item_index,
            text=text,
            at=self._records.now(),
        )
        self._records.insert(DECISIONS, decision.id, codec.decision_doc(decision))
        return decision

    def update(self, decision_id: int, text: str) -> Decision:
        text = clean_text(text, _("A decision needs some text."))
        decision = replace(self.get(decision_id), text=text)
        self._records.update(DECISIONS, decision_id, {"text": text})
        return decision

    def delete(self, decision_id: int) -> Decision:
        decision = self.get(decision_id)
        self._records.remove(DECISIONS, decision_id)
        return decision

    def restore(self, decision: Decision) -> Decision:
        self._records.upsert(DECISIONS, decision.id, codec.decision_doc(decision))
        self._records.bump_counter(decision.id, DECISIONS)
        return decision

    def find(self, meeting_id: int | None = None) -> list[Decision]:
        records = self._records
        docs = (
            records.items(DECISIONS)
            if meeting_id is None
            else records.by_key(DECISIONS, "meeting_id", meeting_id)
        )
        return sorted((self._decode(i, doc) for i, doc in docs), key=lambda d: d.id)
