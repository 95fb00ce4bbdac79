"""Action items: who owes what by when, opened in one meeting and closed in another."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from datetime import date, datetime
from typing import NamedTuple

from roundtable.domain.action_item import ActionItem, ActionStatus
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _
from roundtable.store import action_codec, values
from roundtable.store.records import ACTIONS, Doc, Records
from roundtable.store.values import clean_text

__all__ = ["ActionFields", "Actions", "StatusChange", "by_due", "check_due", "clean_owner"]

_REF = re.compile(r"\s*(?:a-?)?\s*(\d+)\s*", re.IGNORECASE | re.ASCII)


class StatusChange(NamedTuple):
    """What `change_action_status` did: the item now, and its status before (a named
    tuple: `roundtable actions` loads this module, and defining a frozen dataclass
    takes several times as long)."""

    action: ActionItem
    previous: ActionStatus

    @property
    def changed(self) -> bool:
        """False when the item already had the asked-for status (nothing was written)."""
        return self.previous is not self.action.status


class _ActionIndex:
    """Where to find action items without decoding them all (a plain class: a
    dataclass costs ~1 ms to define before the meeting screen's first frame)."""

    __slots__ = ("closed_in", "opened_in", "spans", "still_open")

    def __init__(self) -> None:
        self.opened_in: dict[int, list[int]] = {}
        """Meeting id → ids of the items opened in it."""
        self.closed_in: dict[int, list[int]] = {}
        """Meeting id → ids of the items closed in it."""
        self.spans: list[tuple[int, str, str]] | None = None
        """(id, opened at, closed at) of every item as stored times in their one form
        (`values.dump_time`: UTC, fixed width, so the text sorts like the moment;
        closed: `_STILL_OPEN` while open). Text, not datetimes: parsing every item's
        times was most of the carry-over's cost on years of history, and comparing
        aware datetimes is ~30 times slower. None while some item's times are written
        otherwise: then the first query by time parses them."""
        self.still_open: dict[int, Doc] = {}
        """Id → document of the items open now: most of a carry-over, found without
        reading years of closed items again."""


ActionFields = Doc
"""Fields of an action item's document to change (see `Actions.update`)."""


def _number(ref: str) -> int:
    match = _REF.fullmatch(ref)
    if match is None or len(match.group(1)) > 18:
        raise NotFoundError(
            _("There is no action item {ref!r}; ids look like A-42.").format(ref=ref)
        )
    return int(match.group(1))


class Actions:
    """The action items of one store (call inside `reading()` or `transaction()`)."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def _decode(self, number: int, doc: Doc) -> ActionItem:
        return self._records.decode(_("action item"), action_codec.action_from_doc, number, doc)

    def _index(self) -> _ActionIndex:
        derived = self._records.indexes().derived
        index = derived.get(ACTIONS)
        if not isinstance(index, _ActionIndex):
            index = _ActionIndex()
            opened_in, closed_in = index.opened_in, index.closed_in
            spans: list[tuple[int, str, str]] | None = []
            records = self._records
            tables = records.storage.tables()
            # One pass, straight over the tables: this runs over every item once after
            # each change, and a minutes export waits for it. The spans come with it
            # while every time is in its one form (text to compare, nothing to parse).
            for name in records.shard_names(ACTIONS):
                for key, doc in tables.scan(name, kept=False):
                    # `records.doc_id`, its common case inline: this runs for every item.
                    if key.isdigit() and key.isascii() and len(key) <= _LONGEST_ID:
                        number = int(key)
                    else:
                        number = records.doc_id(ACTIONS, key)
                    opened = doc.get("meeting_id")
                    if isinstance(opened, int):
                        opened_in.setdefault(opened, []).append(number)
                    closed = doc.get("closed_in")
                    if isinstance(closed, int):
                        closed_in.setdefault(closed, []).append(number)
                    closed_at = doc.get("closed_at")
                    if closed_at is None:
                        index.still_open[number] = doc
                    if spans is not None:
                        opened_at = doc.get("opened_at")
                        # `_in_one_form`, inline.
                        if (
                            type(opened_at) is str
                            and len(opened_at) == _ONE_FORM_LENGTH
                            and opened_at.endswith("+00:00")
                        ) and (closed_at is None or _in_one_form(closed_at)):
                            spans.append((number, opened_at, closed_at or _STILL_OPEN))
                        else:
                            spans = None  # the first query by time parses them (or says why not)
            index.spans = spans
            derived[ACTIONS] = index
        return index

    def _spans(self) -> list[tuple[int, str, str]]:
        index = self._index()
        if index.spans is None:
            records = self._records
            index.spans = [
                (doc_id, *records.decode(_("action item"), _span_of, doc_id, doc))
                for doc_id, doc in records.items(ACTIONS, kept=False)
            ]
        return index.spans

    def get(self, ref: str) -> ActionItem:
        number = _number(ref)
        doc = self._records.get(ACTIONS, number)
        if doc is None:
            raise NotFoundError(
                _("There is no action item {ref}.").format(ref=values.ref_of(number))
            )
        return self._decode(number, doc)

    def add(
        self,
        text: str,
        owner: str | None,
        due: date | None,
        meeting_id: int | None,
        item_index: int | None,
    ) -> ActionItem:
        text = clean_text(text, _("An action item needs some text."))
        check_due(due)
        records = self._records
        if meeting_id is not None:
            records.require_meeting(meeting_id)
        number = records.next_id(ACTIONS)
        action = ActionItem(
            id=number,
            ref=values.ref_of(number),
            text=text,
            owner=clean_owner(owner),
            due=due,
            status=ActionStatus.OPEN,
            meeting_id=meeting_id,
            item_index=item_index,
            opened_at=records.now(),
        )
        records.insert(ACTIONS, number, action_codec.action_doc(action))
        return action

    def update(self, ref: str, fields: ActionFields, meeting_id: int | None) -> ActionItem:
        action = self.get(ref)
        if fields:
            fields = {
                **fields,
                "updated_at": values.dump_time(self._records.now()),
                "updated_in": meeting_id,
            }
            self._records.update(ACTIONS, action.id, fields)
            action = self.get(ref)
        return action

    def change_status(self, ref: str, status: ActionStatus, meeting_id: int | None) -> StatusChange:
        action = self.get(ref)
        previous = action.status
        if previous is status:
            return StatusChange(action, previous)
        if status is ActionStatus.OPEN:
            action = replace(action, status=status, closed_at=None, closed_in=None)
        else:
            action = replace(
                action, status=status, closed_at=self._records.now(), closed_in=meeting_id
            )
        closed_at = None if action.closed_at is None else values.dump_time(action.closed_at)
        self._records.update(
            ACTIONS,
            action.id,
            {"status": action.status.value, "closed_at": closed_at, "closed_in": action.closed_in},
        )
        return StatusChange(action, previous)

    def delete(self, ref: str) -> ActionItem:
        action = self.get(ref)
        self._records.remove(ACTIONS, action.id)
        return action

    def restore(self, action: ActionItem) -> ActionItem:
        self._records.upsert(ACTIONS, action.id, action_codec.action_doc(action))
        self._records.bump_counter(action.id, ACTIONS)
        return action

    def find(
        self,
        *,
        owners: Collection[str] | None,
        include_closed: bool,
        meeting_id: int | None,
        closed_in: int | None,
    ) -> list[ActionItem]:
        wanted = None if owners is None else {owner.casefold() for owner in owners}
        open_status = ActionStatus.OPEN.value
        records = self._records
        if meeting_id is None and closed_in is None:
            # Straight over the tables with the conditions inline, not through TinyDB's
            # `search`: a call and a new object per item add up over years of items,
            # and this runs at every `roundtable actions`. The documents become items,
            # not kept: the stream need not share their repeated values.
            tables = records.storage.tables()
            found = [
                self._decode(records.doc_id(ACTIONS, key), doc)
                for name in records.shard_names(ACTIONS)
                for key, doc in tables.scan(name, kept=False)
                if (include_closed or doc.get("status") == open_status)
                and (
                    wanted is None
                    or (isinstance(owner := doc.get("owner"), str) and owner.casefold() in wanted)
                )
            ]
            return by_due(found)
        index = self._index()
        if meeting_id is not None:
            ids = index.opened_in.get(meeting_id, [])
        else:
            assert closed_in is not None
            ids = index.closed_in.get(closed_in, [])
        found = []
        for doc_id, doc in records.docs(ACTIONS, ids):
            if not include_closed and doc.get("status") != open_status:
                continue
            if meeting_id is not None and doc.get("meeting_id") != meeting_id:
                continue
            if closed_in is not None and doc.get("closed_in") != closed_in:
                continue
            owner = doc.get("owner")
            if wanted is not None and not (isinstance(owner, str) and owner.casefold() in wanted):
                continue
            found.append(self._decode(doc_id, doc))
        return by_due(found)

    def open_during(self, start: datetime, end: datetime) -> list[ActionItem]:
        first, last = _moment(start), _moment(end)
        ids = [
            doc_id for doc_id, opened, closed in self._spans() if opened < last and closed >= first
        ]
        still_open = self._index().still_open
        found = [(i, still_open[i]) for i in ids if i in still_open]
        # The few closed since: straight from the chunks of tables not read yet (a
        # carry-over is read as a meeting opens; years of items need not stay in memory).
        closed = [i for i in ids if i not in still_open]
        found += self._records.docs(ACTIONS, closed, kept=False)
        return by_due([self._decode(i, doc) for i, doc in found])

    def owners(self) -> set[str]:
        return {
            owner
            for _id, doc in self._records.items(ACTIONS, kept=False)
            if isinstance(owner := doc.get("owner"), str)
        }


def check_due(due: date | None) -> None:
    """`UsageError` for a due date the store would not read back (its year is absurd)."""
    if due is not None and values.day_problem(due) is not None:
        raise UsageError(_("The date {date} is too far away.").format(date=due.isoformat()))


def clean_owner(owner: str | None) -> str | None:
    if owner is None:
        return None
    return owner.strip() or None


def by_due(actions: list[ActionItem]) -> list[ActionItem]:
    """Due first (undated last), then by ref: the order every action list uses."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.min, a.id))


_LONGEST_ID = 18
"""Digits of the longest id a table key may hold (`records.doc_id_of`)."""

_STILL_OPEN = "~"
"""Sorts after every stored time: an item not closed is open at any moment after."""

_ONE_FORM_LENGTH = len("2026-01-01T00:00:00.000000+00:00")


def _in_one_form(text: object) -> bool:
    """Whether `text` is a stored time in the one form `values.dump_time` writes (its
    text sorts like the moment)."""
    return type(text) is str and len(text) == _ONE_FORM_LENGTH and text.endswith("+00:00")


def _moment(moment: datetime) -> str:
    """`moment` in the stored times' one form; a naive time is a bug (`ValueError`)."""
    return values.dump_time(moment)


def _span_of(_doc_id: int, doc: Doc) -> tuple[str, str]:
    """When an action item was opened and closed, in the stored times' one form
    (written otherwise: parsed; not a time at all: an error)."""
    closed = doc.get("closed_at")
    return (
        values.dump_time(values.load_time(doc["opened_at"])),
        _STILL_OPEN if closed is None else values.dump_time(values.load_time(closed)),
    )
