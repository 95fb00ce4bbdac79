"""The durable meeting log: meetings, decisions, action items, budget agreements, and
campaigns with the figures reported on them at each meeting.

TinyDB holds the data; `storage.JournalStorage` makes every write atomic, durable and
safe to share between the facilitator's app and attendees' commands. Every method is
one transaction: it takes the file lock, catches up with what other processes wrote,
does its TinyDB work and appends it as one fsynced line (`transaction()` groups several
calls into one). Reads take no lock. Ids never repeat: each kind of entry has a counter
that only goes up, so `A-42` stays `A-42` even after `A-43` was deleted.

Queries by meeting (or by the meeting that closed an action item, or by time) go
through small in-memory indexes, built on first use and dropped whenever the data in
memory changes (see `JournalStorage.generation`), so they never go stale across
processes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from tinydb.table import Document, Table

from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
)
from roundtable.errors import NotFoundError, StoreError, UsageError
from roundtable.i18n import _
from roundtable.store import codec
from roundtable.store.journal import (
    DEFAULT_COMPACT_SLACK,
    DEFAULT_LOCK_TIMEOUT,
    JournalStorage,
    Migration,
)

if TYPE_CHECKING:
    # Only for annotations: listing action items must not pay for importing these.
    from roundtable.domain.campaigns import (
        Campaign,
        CampaignStatus,
        Channel,
        Scoreboard,
        Snapshot,
    )
    from roundtable.domain.meeting import Meeting

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SHARD_SIZE",
    "MeetingCounts",
    "StatusChange",
    "Store",
]

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, Migration] = {}
"""Schema steps applied on open: `MIGRATIONS[n]` turns version-n data into version n + 1.

Empty while version 1 is the only one; a future version 2 registers `MIGRATIONS[1]`.
"""

MEETINGS = "meetings"
DECISIONS = "decisions"
ACTIONS = "actions"
BUDGETS = "budgets"
CAMPAIGNS = "campaigns"
SNAPSHOTS = "snapshots"
"""Campaign figures, one document per campaign and meeting (added in schema 1 without a
migration: an older store simply has none)."""
META = "meta"
"""One document (id 1) holding the last id given out for each kind of entry."""

_COUNTER_DOC = 1

SHARD_SIZE = 1000
"""Entries of one kind live in tables of this many ids each (`actions.0` holds A-1 …
A-999, `actions.1` A-1000 …). TinyDB copies the whole table on every write, so bounded
tables keep a write's cost flat however long the history grows."""

_REF = re.compile(r"\s*(?:a-?)?\s*(\d+)\s*", re.IGNORECASE)

T = TypeVar("T")
Doc = dict[str, Any]


@dataclass(frozen=True)
class MeetingCounts:
    """How many decisions and action items a meeting produced (for `roundtable meetings`)."""

    decisions: int = 0
    actions: int = 0
    """Action items opened in the meeting."""
    budgets: int = 0


@dataclass(frozen=True)
class StatusChange:
    """What `change_action_status` did: the item now, and its status before."""

    action: ActionItem
    previous: ActionStatus

    @property
    def changed(self) -> bool:
        """False when the item already had the asked-for status (nothing was written)."""
        return self.previous is not self.action.status


@dataclass
class _ActionIndex:
    """Where to find action items without decoding them all."""

    opened_in: dict[int, list[int]] = field(default_factory=dict)
    """Meeting id → ids of the items opened in it."""
    closed_in: dict[int, list[int]] = field(default_factory=dict)
    """Meeting id → ids of the items closed in it."""
    spans: list[tuple[int, float, float]] | None = None
    """(id, opened at, closed at) of every item as POSIX timestamps (closed: infinity
    while open). Floats, not datetimes: comparing aware datetimes is ~30 times slower,
    and a query by time compares every item. Built on the first query by time: parsing
    every item's timestamps is most of the index's cost, and opening a meeting needs
    only the ids by meeting."""


@dataclass
class _Indexes:
    """Lookups derived from the tables in memory, for one storage generation.

    Built lazily, each on first use, and dropped as a whole when the storage's
    generation moves on (a write here, another process's write caught up with, a
    reload): never stale, and never paid for by a command that does not use them.
    """

    generation: int
    meetings_by_number: dict[int, int] | None = None
    """Meeting number → id (the lowest id, should a damaged store repeat a number)."""
    meeting_numbers: dict[int, int] | None = None
    """Meeting id → number."""
    actions: _ActionIndex | None = None
    by_key: dict[tuple[str, str], dict[int, list[int]]] = field(default_factory=dict)
    """(kind, key) → value of that key → ids of the entries of that kind with it, for
    keys holding ids (`meeting_id`, `campaign_id`)."""


def _replace_with(new: Doc) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that makes the document exactly `new` (keys not in it go)."""

    def update(doc: MutableMapping[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    return update


def _text(text: str, empty_message: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(empty_message)
    return cleaned


def _owner(owner: str | None) -> str | None:
    if owner is None:
        return None
    return owner.strip() or None


class Store:
    """One store file. Open with `Store.open(path)`; every method is one transaction."""

    path: Path

    def __init__(self, path: Path, storage: JournalStorage, clock: Clock) -> None:
        self.path = path
        self.clock: Clock = clock
        """Where timestamps come from (settable, e.g. for `roundtable demo`)."""
        self._storage = storage
        self._index_cache: _Indexes | None = None

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock = system_clock,
        read_only: bool = False,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        compact_slack: int = DEFAULT_COMPACT_SLACK,
    ) -> Store:
        """Open (creating folder and file if missing) or raise `StoreError` naming the
        file and what is wrong; a file that cannot be read is never written.

        `read_only` neither creates nor locks nor writes (a missing file reads as an
        empty store): for commands that only list.
        """
        storage = JournalStorage(
            path,
            schema=SCHEMA_VERSION,
            migrations=MIGRATIONS,
            read_only=read_only,
            lock_timeout=lock_timeout,
            compact_slack=compact_slack,
        )
        return cls(Path(path), storage, clock)

    def close(self) -> None:
        self._storage.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def version(self) -> object:
        """A cheap token (no file read when nothing changed) that differs whenever any
        process has changed the store; the app polls it to refresh live."""
        return self._storage.version()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several calls into one transaction: one lock, one line, all or nothing."""
        with self._storage.transaction():
            yield

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Group several reads so they see the same state of the file: nothing another
        process writes meanwhile shows up halfway (no lock is taken)."""
        with self._storage.reading():
            yield

    def compact(self) -> None:
        """Rewrite the file with only the live entries (it also happens by itself)."""
        self._storage.compact()

    # --- helpers --------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        # Fresh and without a query cache: a long-lived Table would keep results and its
        # next id across other processes' changes.
        return Table(self._storage, name, cache_size=0)

    def _shard_table(self, kind: str, doc_id: int) -> Table:
        """The table that holds entry `doc_id` of `kind` (see SHARD_SIZE)."""
        return self._table(f"{kind}.{doc_id // SHARD_SIZE}")

    def _shard_names(self, kind: str) -> list[str]:
        """The tables holding entries of `kind`, lowest ids first."""
        prefix = kind + "."
        numbered = (
            (int(name[len(prefix) :]), name)
            for name in self._storage.tables()
            if name.startswith(prefix) and name[len(prefix) :].isdigit()
        )
        return [name for _number, name in sorted(numbered)]

    def _items(self, kind: str) -> list[tuple[int, Doc]]:
        """Every (id, document) of `kind`, across its tables."""
        tables = self._storage.tables()
        return [
            (int(doc_id), doc)
            for name in self._shard_names(kind)
            for doc_id, doc in tables[name].items()
        ]

    def _now(self) -> datetime:
        return self.clock()

    def _decode(self, what: str, decode: Callable[[int, Doc], T], doc_id: int, doc: Doc) -> T:
        try:
            return decode(doc_id, doc)
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise StoreError(
                _("{file}: {what} {id} cannot be read ({error}). The file was not changed.").format(
                    file=self.path, what=what, id=doc_id, error=error
                )
            ) from error

    def _next_id(self, table: str) -> int:
        """The next id for `table`, from a counter that never goes back (in a transaction)."""
        meta = self._table(META)
        counters = meta.get(doc_id=_COUNTER_DOC)
        last = counters.get(table, 0) if counters is not None else 0
        if not last:
            last = max((doc_id for doc_id, _doc in self._items(table)), default=0)
        number = int(last) + 1
        self._bump_counter(number, table, counters is not None)
        return number

    def _bump_counter(self, number: int, table: str, exists: bool | None = None) -> None:
        meta = self._table(META)
        if exists is None:
            counters = meta.get(doc_id=_COUNTER_DOC)
            exists = counters is not None
            if counters is not None and int(counters.get(table, 0)) >= number:
                return
        if exists:
            meta.update({table: number}, doc_ids=[_COUNTER_DOC])
        else:
            meta.insert(Document({table: number}, doc_id=_COUNTER_DOC))

    def _get(self, kind: str, doc_id: int) -> Doc | None:
        doc: Doc | None = self._shard_table(kind, doc_id).get(doc_id=doc_id)
        return doc

    def _docs(self, kind: str, doc_ids: Iterable[int]) -> list[tuple[int, Doc]]:
        """(id, document) of `kind` for each of `doc_ids` that exists (no copies)."""
        tables = self._storage.tables()
        found = []
        for doc_id in doc_ids:
            doc = tables.get(f"{kind}.{doc_id // SHARD_SIZE}", {}).get(str(doc_id))
            if doc is not None:
                found.append((doc_id, doc))
        return found

    # --- indexes (call under `reading()` or in a transaction) -------------------------

    def _indexes(self) -> _Indexes:
        generation = self._storage.generation
        if self._index_cache is None or self._index_cache.generation != generation:
            self._index_cache = _Indexes(generation)
        return self._index_cache

    def _meeting_numbers(self) -> tuple[dict[int, int], dict[int, int]]:
        """(number → id, id → number) of every meeting whose number can be read."""
        indexes = self._indexes()
        if indexes.meetings_by_number is None or indexes.meeting_numbers is None:
            by_number: dict[int, int] = {}
            numbers: dict[int, int] = {}
            for doc_id, doc in self._items(MEETINGS):
                number = doc.get("number")
                if isinstance(number, int) and not isinstance(number, bool):
                    numbers[doc_id] = number
                    if number not in by_number or doc_id < by_number[number]:
                        by_number[number] = doc_id
            indexes.meetings_by_number = by_number
            indexes.meeting_numbers = numbers
        return indexes.meetings_by_number, indexes.meeting_numbers

    def _action_index(self) -> _ActionIndex:
        indexes = self._indexes()
        if indexes.actions is None:
            index = _ActionIndex()
            opened_in, closed_in = index.opened_in, index.closed_in
            tables = self._storage.tables()
            # One pass, straight over the tables: this runs over every item once after
            # each change, and a minutes export waits for it.
            for name in self._shard_names(ACTIONS):
                for key, doc in tables[name].items():
                    opened = doc.get("meeting_id")
                    if isinstance(opened, int):
                        opened_in.setdefault(opened, []).append(int(key))
                    closed = doc.get("closed_in")
                    if isinstance(closed, int):
                        closed_in.setdefault(closed, []).append(int(key))
            indexes.actions = index
        return indexes.actions

    def _action_spans(self) -> list[tuple[int, float, float]]:
        """(id, opened at, closed at) of every action item (see `_ActionIndex.spans`)."""
        index = self._action_index()
        if index.spans is None:
            spans = []
            for doc_id, doc in self._items(ACTIONS):
                try:
                    spans.append((doc_id, *_span_of(doc_id, doc)))
                except (KeyError, ValueError, TypeError, AttributeError):
                    self._decode(_("action item"), _span_of, doc_id, doc)  # raises
                    raise
            index.spans = spans
        return index.spans

    def _by_key(self, kind: str, key: str, value: int) -> list[tuple[int, Doc]]:
        """(id, document) of the entries of `kind` whose `key` is `value`, lowest id first."""
        indexes = self._indexes()
        index = indexes.by_key.get((kind, key))
        if index is None:
            index = {}
            for doc_id, doc in self._items(kind):
                found = doc.get(key)
                if isinstance(found, int):
                    index.setdefault(found, []).append(doc_id)
            indexes.by_key[(kind, key)] = index
        return self._docs(kind, sorted(index.get(value, ())))

    # --- meetings -----------------------------------------------------------------

    def next_meeting_number(self) -> int:
        with self._storage.reading():
            by_number, _numbers = self._meeting_numbers()
            return max(by_number, default=0) + 1

    def meeting_by_number(self, number: int) -> Meeting:
        """The meeting with this running number (as `roundtable meetings` shows it).
        Raises `NotFoundError`."""
        with self._storage.reading():
            by_number, _numbers = self._meeting_numbers()
            meeting_id = by_number.get(number)
            doc = None if meeting_id is None else self._get(MEETINGS, meeting_id)
            if meeting_id is None or doc is None:
                raise NotFoundError(_("There is no meeting {number}.").format(number=number))
            return self._decode(_("meeting"), codec.meeting_from_doc, meeting_id, doc)

    def meeting_numbers(self) -> dict[int, int]:
        """Meeting id → running number, for every meeting (without reading them whole)."""
        with self._storage.reading():
            _by_number, numbers = self._meeting_numbers()
            return dict(numbers)

    def _running_doc(self) -> tuple[int, Doc] | None:
        """The running meeting with the highest id: newest tables first, so resuming a
        meeting reads only the table it is in, not years of meetings before it."""
        tables = self._storage.tables()
        for name in reversed(self._shard_names(MEETINGS)):
            running = [
                (int(doc_id), doc)
                for doc_id, doc in tables[name].items()
                if doc.get("ended_at") is None
            ]
            if running:
                return max(running, key=lambda pair: pair[0])
        return None

    def add_meeting(self, meeting: Meeting) -> Meeting:
        """Save a new meeting (its `id` is None) and return it with its id. Raises
        `StoreError` if another meeting is still running."""
        with self._storage.transaction():
            running = self._running_doc()
            if running is not None:
                _running_id, doc = running
                raise StoreError(
                    _(
                        "Meeting {number} ({title}) is still running in {file}; end it "
                        "before starting another."
                    ).format(number=doc.get("number"), title=doc.get("title"), file=self.path)
                )
            meeting_id = self._next_id(MEETINGS)
            stored = replace(meeting, id=meeting_id)
            self._shard_table(MEETINGS, meeting_id).insert(
                Document(codec.meeting_doc(stored), doc_id=meeting_id)
            )
        return stored

    def save_meeting(self, meeting: Meeting) -> None:
        """Replace the stored meeting with the same id."""
        if meeting.id is None:
            raise ValueError("save_meeting needs a meeting the store has saved (id is None)")
        new = codec.meeting_doc(meeting)
        with self._storage.transaction():
            if self._get(MEETINGS, meeting.id) is None:
                raise NotFoundError(_("There is no meeting {id}.").format(id=meeting.id))
            self._shard_table(MEETINGS, meeting.id).update(_replace_with(new), doc_ids=[meeting.id])

    def running_meeting(self) -> Meeting | None:
        """The meeting that has started and not ended, if any."""
        with self._storage.reading():
            running = self._running_doc()
            if running is None:
                return None
            return self._decode(_("meeting"), codec.meeting_from_doc, *running)

    def meeting(self, meeting_id: int) -> Meeting:
        """Raises `NotFoundError`."""
        with self._storage.reading():
            doc = self._get(MEETINGS, meeting_id)
            if doc is None:
                raise NotFoundError(_("There is no meeting {id}.").format(id=meeting_id))
            return self._decode(_("meeting"), codec.meeting_from_doc, meeting_id, doc)

    def meetings(self) -> list[Meeting]:
        """All meetings, oldest first."""
        with self._storage.reading():
            found = [
                self._decode(_("meeting"), codec.meeting_from_doc, doc_id, doc)
                for doc_id, doc in self._items(MEETINGS)
            ]
        return sorted(found, key=lambda m: (m.started_at, m.number, m.id or 0))

    def meeting_counts(self) -> dict[int, MeetingCounts]:
        """Per meeting id: decisions taken, action items opened, budgets agreed."""
        with self._storage.reading():
            counts: dict[int, list[int]] = {i: [0, 0, 0] for i, _doc in self._items(MEETINGS)}
            for column, kind in enumerate((DECISIONS, ACTIONS, BUDGETS)):
                for _id, doc in self._items(kind):
                    meeting_id = doc.get("meeting_id")
                    if isinstance(meeting_id, int):
                        counts.setdefault(meeting_id, [0, 0, 0])[column] += 1
        return {
            meeting_id: MeetingCounts(decisions=d, actions=a, budgets=b)
            for meeting_id, (d, a, b) in counts.items()
        }

    def wipe(self) -> None:
        """Remove every meeting and entry and reset the counters (`roundtable demo --force`)."""
        with self._storage.transaction():
            # What TinyDB's `drop_tables` does: write no tables at all.
            self._storage.write({})

    # --- decisions ----------------------------------------------------------------

    def _require_meeting(self, meeting_id: int) -> None:
        if self._get(MEETINGS, meeting_id) is None:
            raise NotFoundError(_("There is no meeting {id}.").format(id=meeting_id))

    def add_decision(self, meeting_id: int, item_index: int, text: str) -> Decision:
        text = _text(text, _("A decision needs some text."))
        with self._storage.transaction():
            self._require_meeting(meeting_id)
            decision = Decision(
                id=self._next_id(DECISIONS),
                meeting_id=meeting_id,
                item_index=item_index,
                text=text,
                at=self._now(),
            )
            self._shard_table(DECISIONS, decision.id).insert(
                Document(codec.decision_doc(decision), doc_id=decision.id)
            )
        return decision

    def _decision(self, decision_id: int) -> Decision:
        doc = self._get(DECISIONS, decision_id)
        if doc is None:
            raise NotFoundError(_("There is no decision {id}.").format(id=decision_id))
        return self._decode(_("decision"), codec.decision_from_doc, decision_id, doc)

    def update_decision(self, decision_id: int, text: str) -> Decision:
        text = _text(text, _("A decision needs some text."))
        with self._storage.transaction():
            decision = replace(self._decision(decision_id), text=text)
            self._shard_table(DECISIONS, decision_id).update({"text": text}, doc_ids=[decision_id])
        return decision

    def delete_decision(self, decision_id: int) -> Decision:
        """Remove and return it (so the app can undo with `restore_decision`)."""
        with self._storage.transaction():
            decision = self._decision(decision_id)
            self._shard_table(DECISIONS, decision_id).remove(doc_ids=[decision_id])
        return decision

    def restore_decision(self, decision: Decision) -> Decision:
        """Put a deleted decision back, with its id."""
        with self._storage.transaction():
            self._shard_table(DECISIONS, decision.id).upsert(
                Document(codec.decision_doc(decision), doc_id=decision.id)
            )
            self._bump_counter(decision.id, DECISIONS)
        return decision

    def decisions(self, meeting_id: int | None = None) -> list[Decision]:
        """Oldest first; only those of `meeting_id` if given."""
        with self._storage.reading():
            docs = (
                self._items(DECISIONS)
                if meeting_id is None
                else self._by_key(DECISIONS, "meeting_id", meeting_id)
            )
            found = [
                self._decode(_("decision"), codec.decision_from_doc, doc_id, doc)
                for doc_id, doc in docs
            ]
        return sorted(found, key=lambda d: d.id)

    # --- action items ---------------------------------------------------------------

    def add_action(
        self,
        text: str,
        owner: str | None,
        due: date | None,
        meeting_id: int | None,
        item_index: int | None,
    ) -> ActionItem:
        """Gets the next short id (`A-1`, `A-2`, …); ids are never reused, not even
        after a delete."""
        text = _text(text, _("An action item needs some text."))
        with self._storage.transaction():
            if meeting_id is not None:
                self._require_meeting(meeting_id)
            number = self._next_id(ACTIONS)
            action = ActionItem(
                id=number,
                ref=codec.ref_of(number),
                text=text,
                owner=_owner(owner),
                due=due,
                status=ActionStatus.OPEN,
                meeting_id=meeting_id,
                item_index=item_index,
                opened_at=self._now(),
            )
            self._shard_table(ACTIONS, number).insert(
                Document(codec.action_doc(action), doc_id=number)
            )
        return action

    @staticmethod
    def _number(ref: str) -> int:
        match = _REF.fullmatch(ref)
        if match is None:
            raise NotFoundError(
                _("There is no action item {ref!r}; ids look like A-42.").format(ref=ref)
            )
        return int(match.group(1))

    def _action(self, ref: str) -> ActionItem:
        number = self._number(ref)
        doc = self._get(ACTIONS, number)
        if doc is None:
            raise NotFoundError(
                _("There is no action item {ref}.").format(ref=codec.ref_of(number))
            )
        return self._decode(_("action item"), codec.action_from_doc, number, doc)

    def action(self, ref: str) -> ActionItem:
        """`A-42`, `a-42` or `42`. Raises `NotFoundError`."""
        with self._storage.reading():
            return self._action(ref)

    def update_action(
        self,
        ref: str,
        *,
        text: str | None = None,
        owner: str | None = None,
        due: date | None = None,
        meeting_id: int | None = None,
        clear_owner: bool = False,
        clear_due: bool = False,
    ) -> ActionItem:
        """Change the given fields; `meeting_id` records the meeting that changed it.

        None leaves a field as it is; `clear_owner` / `clear_due` empty it.
        """
        fields: Doc = {}
        if text is not None:
            fields["text"] = _text(text, _("An action item needs some text."))
        if clear_owner:
            fields["owner"] = None
        elif owner is not None:
            fields["owner"] = _owner(owner)
        if clear_due:
            fields["due"] = None
        elif due is not None:
            fields["due"] = due.isoformat()
        with self._storage.transaction():
            action = self._action(ref)
            if fields:
                fields["updated_at"] = codec.dump_time(self._now())
                fields["updated_in"] = meeting_id
                self._shard_table(ACTIONS, action.id).update(fields, doc_ids=[action.id])
                action = self._action(ref)
        return action

    def change_action_status(
        self, ref: str, status: ActionStatus, meeting_id: int | None = None
    ) -> StatusChange:
        """Like `set_action_status`, and says whether the item already had `status`."""
        with self._storage.transaction():
            action = self._action(ref)
            previous = action.status
            if previous is status:
                return StatusChange(action, previous)
            if status is ActionStatus.OPEN:
                action = replace(action, status=status, closed_at=None, closed_in=None)
            else:
                action = replace(action, status=status, closed_at=self._now(), closed_in=meeting_id)
            self._shard_table(ACTIONS, action.id).update(
                {
                    "status": action.status.value,
                    "closed_at": None
                    if action.closed_at is None
                    else codec.dump_time(action.closed_at),
                    "closed_in": action.closed_in,
                },
                doc_ids=[action.id],
            )
        return StatusChange(action, previous)

    def set_action_status(
        self, ref: str, status: ActionStatus, meeting_id: int | None = None
    ) -> ActionItem:
        """Close (done / dropped) or reopen; closing records when and in which meeting.

        An item that already has `status` is left as it is (not an error);
        `change_action_status` also tells whether that was the case.
        """
        return self.change_action_status(ref, status, meeting_id).action

    def delete_action(self, ref: str) -> ActionItem:
        """Remove and return it; its ref is never given out again."""
        with self._storage.transaction():
            action = self._action(ref)
            self._shard_table(ACTIONS, action.id).remove(doc_ids=[action.id])
        return action

    def restore_action(self, action: ActionItem) -> ActionItem:
        """Put a deleted action item back, with its ref."""
        with self._storage.transaction():
            self._shard_table(ACTIONS, action.id).upsert(
                Document(codec.action_doc(action), doc_id=action.id)
            )
            self._bump_counter(action.id, ACTIONS)
        return action

    def actions(
        self,
        *,
        owners: Collection[str] | None = None,
        include_closed: bool = False,
        meeting_id: int | None = None,
        closed_in: int | None = None,
    ) -> list[ActionItem]:
        """Sorted by due date (undated last), then ref. `owners` are matched exactly
        (resolve a typed name to owner strings first; case does not matter);
        `meeting_id` = opened there; `closed_in` = closed there (pass
        `include_closed=True` with it). Filtering by meeting uses an index: it reads
        only that meeting's items."""
        wanted = None if owners is None else {owner.casefold() for owner in owners}
        open_status = ActionStatus.OPEN.value

        def matches(doc: Mapping[str, Any]) -> bool:
            if not include_closed and doc.get("status") != open_status:
                return False
            if meeting_id is not None and doc.get("meeting_id") != meeting_id:
                return False
            if closed_in is not None and doc.get("closed_in") != closed_in:
                return False
            if wanted is not None:
                owner = doc.get("owner")
                return isinstance(owner, str) and owner.casefold() in wanted
            return True

        with self._storage.reading():
            if meeting_id is None and closed_in is None:
                # Straight over the tables with the conditions inline, not through
                # TinyDB's `search` and `matches`: a call and a new object per item add
                # up over years of items, and this runs at every `roundtable actions`.
                tables = self._storage.tables()
                what = _("action item")
                found = [
                    self._decode(what, codec.action_from_doc, int(doc_id), doc)
                    for name in self._shard_names(ACTIONS)
                    for doc_id, doc in tables[name].items()
                    if (include_closed or doc.get("status") == open_status)
                    and (
                        wanted is None
                        or (
                            isinstance(owner := doc.get("owner"), str)
                            and owner.casefold() in wanted
                        )
                    )
                ]
            else:
                index = self._action_index()
                if meeting_id is not None:
                    ids = index.opened_in.get(meeting_id, [])
                else:
                    assert closed_in is not None
                    ids = index.closed_in.get(closed_in, [])
                found = [
                    self._decode(_("action item"), codec.action_from_doc, doc_id, doc)
                    for doc_id, doc in self._docs(ACTIONS, ids)
                    if matches(doc)
                ]
        return _by_due(found)

    def actions_open_during(self, start: datetime, end: datetime) -> list[ActionItem]:
        """The action items open at some moment from `start` to `end`: opened before
        `end` and not closed before `start` (closed ones with their status as it is
        now). With `start == end`: those open at that moment, plus any closed exactly
        then. Sorted like `actions`; reads only those items (an index finds them)."""
        first, last = _timestamp(start), _timestamp(end)
        with self._storage.reading():
            ids = [
                doc_id
                for doc_id, opened, closed in self._action_spans()
                if opened < last and closed >= first
            ]
            found = [
                self._decode(_("action item"), codec.action_from_doc, doc_id, doc)
                for doc_id, doc in self._docs(ACTIONS, ids)
            ]
        return _by_due(found)

    def action_owners(self) -> set[str]:
        """Every owner named on an action item, even ones no longer in the roles file."""
        with self._storage.reading():
            return {
                owner
                for _id, doc in self._items(ACTIONS)
                if isinstance(owner := doc.get("owner"), str)
            }

    # --- budget agreements ------------------------------------------------------------

    def add_budget(
        self,
        meeting_id: int,
        item_index: int,
        *,
        area: str,
        amount: Decimal,
        currency: str,
        period: str,
        kind: BudgetKind,
        from_area: str | None = None,
        note: str = "",
        needs_signoff: bool = False,
    ) -> BudgetAgreement:
        budget = _checked_budget(
            BudgetAgreement(
                id=0,
                meeting_id=meeting_id,
                item_index=item_index,
                area=area,
                amount=amount,
                currency=currency,
                period=period,
                kind=kind,
                from_area=from_area,
                note=note,
                needs_signoff=needs_signoff,
            )
        )
        with self._storage.transaction():
            self._require_meeting(meeting_id)
            budget = replace(budget, id=self._next_id(BUDGETS), at=self._now())
            self._shard_table(BUDGETS, budget.id).insert(
                Document(codec.budget_doc(budget), doc_id=budget.id)
            )
        return budget

    def _budget(self, budget_id: int) -> BudgetAgreement:
        doc = self._get(BUDGETS, budget_id)
        if doc is None:
            raise NotFoundError(_("There is no budget agreement {id}.").format(id=budget_id))
        return self._decode(_("budget agreement"), codec.budget_from_doc, budget_id, doc)

    def update_budget(
        self,
        budget_id: int,
        *,
        area: str | None = None,
        amount: Decimal | None = None,
        currency: str | None = None,
        period: str | None = None,
        kind: BudgetKind | None = None,
        from_area: str | None = None,
        note: str | None = None,
        needs_signoff: bool | None = None,
    ) -> BudgetAgreement:
        """Change the given fields (None leaves one as it is)."""
        with self._storage.transaction():
            old = self._budget(budget_id)
            budget = _checked_budget(
                replace(
                    old,
                    area=old.area if area is None else area,
                    amount=old.amount if amount is None else amount,
                    currency=old.currency if currency is None else currency,
                    period=old.period if period is None else period,
                    kind=old.kind if kind is None else kind,
                    from_area=old.from_area if from_area is None else from_area,
                    note=old.note if note is None else note,
                    needs_signoff=old.needs_signoff if needs_signoff is None else needs_signoff,
                )
            )
            self._shard_table(BUDGETS, budget_id).update(
                _replace_with(codec.budget_doc(budget)), doc_ids=[budget_id]
            )
        return budget

    def delete_budget(self, budget_id: int) -> BudgetAgreement:
        """Remove and return it (so the app can undo with `restore_budget`)."""
        with self._storage.transaction():
            budget = self._budget(budget_id)
            self._shard_table(BUDGETS, budget_id).remove(doc_ids=[budget_id])
        return budget

    def restore_budget(self, budget: BudgetAgreement) -> BudgetAgreement:
        """Put a deleted budget agreement back, with its id."""
        with self._storage.transaction():
            self._shard_table(BUDGETS, budget.id).upsert(
                Document(codec.budget_doc(budget), doc_id=budget.id)
            )
            self._bump_counter(budget.id, BUDGETS)
        return budget

    def budgets(self, meeting_id: int | None = None) -> list[BudgetAgreement]:
        """Oldest first; only those of `meeting_id` if given."""
        with self._storage.reading():
            docs = (
                self._items(BUDGETS)
                if meeting_id is None
                else self._by_key(BUDGETS, "meeting_id", meeting_id)
            )
            found = [
                self._decode(_("budget agreement"), codec.budget_from_doc, doc_id, doc)
                for doc_id, doc in docs
            ]
        return sorted(found, key=lambda b: b.id)

    # --- campaigns --------------------------------------------------------------------

    def _campaign(self, campaign_id: int) -> Campaign:
        doc = self._get(CAMPAIGNS, campaign_id)
        if doc is None:
            raise NotFoundError(_("There is no campaign {id}.").format(id=campaign_id))
        return self._decode(_("campaign"), codec.campaign_from_doc, campaign_id, doc)

    def _require_free_name(self, name: str, campaign_id: int) -> None:
        """`FieldError` if another campaign has this name, whatever the case or spaces."""
        from roundtable.domain.campaigns import FieldError

        wanted = name.casefold()
        for doc_id, doc in self._items(CAMPAIGNS):
            other = doc.get("name")
            if (
                doc_id != campaign_id
                and isinstance(other, str)
                and " ".join(other.split()).casefold() == wanted
            ):
                raise FieldError(
                    "name",
                    _("Name: there is already a campaign called “{name}”.").format(name=other),
                )

    def add_campaign(
        self,
        name: str,
        *,
        owner: str,
        channel: Channel,
        start: date,
        end: date,
        budget: Decimal,
        cost: Decimal = Decimal(0),
        currency: str = "EUR",
        status: CampaignStatus | None = None,
        note: str = "",
        meeting_id: int | None = None,
    ) -> Campaign:
        """Save a new campaign (status planned unless given); `meeting_id` is the meeting
        it was planned in. Raises `FieldError` (a `UsageError`) naming the field for a
        value that cannot be right: an empty or taken name (case does not matter), an end
        before the start, a negative budget or cost, an owner that is not a role id."""
        from roundtable.domain.campaigns import Campaign, CampaignStatus, check_campaign

        campaign = check_campaign(
            Campaign(
                id=0,
                name=name,
                owner=owner,
                channel=channel,
                start=start,
                end=end,
                budget=budget,
                cost=cost,
                currency=currency,
                status=CampaignStatus.PLANNED if status is None else status,
                note=note,
                created_in=meeting_id,
            )
        )
        with self._storage.transaction():
            if meeting_id is not None:
                self._require_meeting(meeting_id)
            self._require_free_name(campaign.name, 0)
            campaign = replace(campaign, id=self._next_id(CAMPAIGNS))
            self._shard_table(CAMPAIGNS, campaign.id).insert(
                Document(codec.campaign_doc(campaign), doc_id=campaign.id)
            )
        return campaign

    def update_campaign(
        self,
        campaign_id: int,
        *,
        name: str | None = None,
        owner: str | None = None,
        channel: Channel | None = None,
        start: date | None = None,
        end: date | None = None,
        budget: Decimal | None = None,
        cost: Decimal | None = None,
        currency: str | None = None,
        status: CampaignStatus | None = None,
        note: str | None = None,
    ) -> Campaign:
        """Change the given fields (None leaves one as it is), checked like
        `add_campaign`. `cost` is the cost to date: it grows while the campaign runs."""
        from roundtable.domain.campaigns import check_campaign

        with self._storage.transaction():
            old = self._campaign(campaign_id)
            campaign = check_campaign(
                replace(
                    old,
                    name=old.name if name is None else name,
                    owner=old.owner if owner is None else owner,
                    channel=old.channel if channel is None else channel,
                    start=old.start if start is None else start,
                    end=old.end if end is None else end,
                    budget=old.budget if budget is None else budget,
                    cost=old.cost if cost is None else cost,
                    currency=old.currency if currency is None else currency,
                    status=old.status if status is None else status,
                    note=old.note if note is None else note,
                )
            )
            if campaign == old:
                return old
            self._require_free_name(campaign.name, campaign_id)
            self._shard_table(CAMPAIGNS, campaign_id).update(
                _replace_with(codec.campaign_doc(campaign)), doc_ids=[campaign_id]
            )
        return campaign

    def delete_campaign(self, campaign_id: int) -> tuple[Campaign, list[Snapshot]]:
        """Remove a campaign and every figure reported for it, in one transaction, and
        return them (so the app can undo with `restore_campaign`). Raises
        `NotFoundError`."""
        with self._storage.transaction():
            campaign = self._campaign(campaign_id)
            snapshots = self._ordered_snapshots(self._by_key(SNAPSHOTS, "campaign_id", campaign_id))
            for snapshot in snapshots:
                self._shard_table(SNAPSHOTS, snapshot.id).remove(doc_ids=[snapshot.id])
            self._shard_table(CAMPAIGNS, campaign_id).remove(doc_ids=[campaign_id])
        return campaign, snapshots

    def restore_campaign(self, campaign: Campaign, snapshots: Iterable[Snapshot]) -> Campaign:
        """Put a deleted campaign and its figures back, with their ids. Raises
        `FieldError` if another campaign has taken its name meanwhile."""
        with self._storage.transaction():
            self._require_free_name(campaign.name, campaign.id)
            self._shard_table(CAMPAIGNS, campaign.id).upsert(
                Document(codec.campaign_doc(campaign), doc_id=campaign.id)
            )
            self._bump_counter(campaign.id, CAMPAIGNS)
            for snapshot in snapshots:
                self.restore_snapshot(snapshot)
        return campaign

    def campaign(self, campaign_id: int) -> Campaign:
        """Raises `NotFoundError`."""
        with self._storage.reading():
            return self._campaign(campaign_id)

    def campaigns(self) -> list[Campaign]:
        """Every campaign, by start date, then name."""
        with self._storage.reading():
            found = [
                self._decode(_("campaign"), codec.campaign_from_doc, doc_id, doc)
                for doc_id, doc in self._items(CAMPAIGNS)
            ]
        return sorted(found, key=lambda c: (c.start, c.name.casefold(), c.id))

    def _snapshot(self, snapshot_id: int, doc: Doc) -> Snapshot:
        return self._decode(_("campaign figures"), codec.snapshot_from_doc, snapshot_id, doc)

    def record_snapshot(
        self,
        campaign_id: int,
        meeting_id: int,
        *,
        leads: int,
        accepted: int,
        won: int,
        estimated_revenue: Decimal,
        actual_revenue: Decimal,
        cost: Decimal | None = None,
        correction: bool = False,
    ) -> Snapshot:
        """Record a campaign's figures to date as reported in a meeting; recording again
        in the same meeting replaces them (keeping the snapshot's id). `cost` is the cost
        to date it is kept with (default: the campaign's cost to date now).

        One transaction: nothing is saved unless everything is right. Raises
        `FieldError` (a `UsageError`) naming the field for negative counts or amounts,
        more accepted leads than leads, more deals won than accepted leads, or a revenue
        that is not a number; `NotFoundError` for an unknown campaign or meeting.
        """
        from roundtable.domain.campaigns import (
            Snapshot,
            SnapshotFigures,
            check_campaign,
            check_figures,
        )

        figures = check_figures(
            SnapshotFigures(
                leads=leads,
                accepted=accepted,
                won=won,
                estimated_revenue=estimated_revenue,
                actual_revenue=actual_revenue,
            )
        )
        with self._storage.transaction():
            campaign = self._campaign(campaign_id)
            self._require_meeting(meeting_id)
            if cost is not None:
                cost = check_campaign(replace(campaign, cost=cost)).cost
            existing = [
                doc_id
                for doc_id, doc in self._by_key(SNAPSHOTS, "meeting_id", meeting_id)
                if doc.get("campaign_id") == campaign_id
            ]
            snapshot_id = existing[0] if existing else self._next_id(SNAPSHOTS)
            snapshot = Snapshot(
                id=snapshot_id,
                campaign_id=campaign_id,
                meeting_id=meeting_id,
                leads=figures.leads,
                accepted=figures.accepted,
                won=figures.won,
                estimated_revenue=figures.estimated_revenue,
                actual_revenue=figures.actual_revenue,
                cost=campaign.cost if cost is None else cost,
                at=self._now(),
                correction=correction,
            )
            table = self._shard_table(SNAPSHOTS, snapshot_id)
            if existing:
                table.update(_replace_with(codec.snapshot_doc(snapshot)), doc_ids=[snapshot_id])
            else:
                table.insert(Document(codec.snapshot_doc(snapshot), doc_id=snapshot_id))
        return snapshot

    def _ordered_snapshots(self, docs: Iterable[tuple[int, Doc]]) -> list[Snapshot]:
        """Decoded, in the order of the meetings they were reported in (by number)."""
        _by_number, numbers = self._meeting_numbers()
        found = [self._snapshot(doc_id, doc) for doc_id, doc in docs]
        return sorted(
            found,
            key=lambda s: (numbers.get(s.meeting_id, s.meeting_id), s.campaign_id, s.id),
        )

    def snapshots(self, campaign_id: int) -> list[Snapshot]:
        """One campaign's figures, meeting by meeting (oldest meeting first)."""
        with self._storage.reading():
            return self._ordered_snapshots(self._by_key(SNAPSHOTS, "campaign_id", campaign_id))

    def snapshots_for_meeting(self, meeting_id: int) -> list[Snapshot]:
        """The figures reported in one meeting, by campaign id."""
        with self._storage.reading():
            return self._ordered_snapshots(self._by_key(SNAPSHOTS, "meeting_id", meeting_id))

    def delete_snapshot(self, snapshot_id: int) -> Snapshot:
        """Remove and return it (so the app can undo with `restore_snapshot`)."""
        with self._storage.transaction():
            doc = self._get(SNAPSHOTS, snapshot_id)
            if doc is None:
                raise NotFoundError(_("There are no campaign figures {id}.").format(id=snapshot_id))
            snapshot = self._snapshot(snapshot_id, doc)
            self._shard_table(SNAPSHOTS, snapshot_id).remove(doc_ids=[snapshot_id])
        return snapshot

    def restore_snapshot(self, snapshot: Snapshot) -> Snapshot:
        """Put deleted figures back, with their id."""
        with self._storage.transaction():
            self._shard_table(SNAPSHOTS, snapshot.id).upsert(
                Document(codec.snapshot_doc(snapshot), doc_id=snapshot.id)
            )
            self._bump_counter(snapshot.id, SNAPSHOTS)
        return snapshot

    def scoreboard(self, as_of: int | None = None, *, reported_only: bool = False) -> Scoreboard:
        """Every campaign with its figures as of meeting `as_of` (an id; None: the latest
        figures and today's cost to date), computed by `campaigns.build_scoreboard`.

        `reported_only` (with `as_of`) keeps only the campaigns with figures reported in
        that meeting (what its minutes show), and reads only those. Raises
        `NotFoundError` for an unknown meeting.
        """
        from roundtable.domain.campaigns import build_scoreboard

        with self._storage.reading():
            _by_number, numbers = self._meeting_numbers()
            if as_of is not None and as_of not in numbers:
                raise NotFoundError(_("There is no meeting {id}.").format(id=as_of))
            if reported_only and as_of is not None:
                wanted = {
                    doc.get("campaign_id")
                    for _id, doc in self._by_key(SNAPSHOTS, "meeting_id", as_of)
                }
                ids = sorted(i for i in wanted if isinstance(i, int))
                campaigns = [
                    self._decode(_("campaign"), codec.campaign_from_doc, doc_id, doc)
                    for doc_id, doc in self._docs(CAMPAIGNS, ids)
                ]
                docs = [
                    pair
                    for campaign_id in ids
                    for pair in self._by_key(SNAPSHOTS, "campaign_id", campaign_id)
                ]
            else:
                campaigns = [
                    self._decode(_("campaign"), codec.campaign_from_doc, doc_id, doc)
                    for doc_id, doc in self._items(CAMPAIGNS)
                ]
                docs = self._items(SNAPSHOTS)
            snapshots = [self._snapshot(doc_id, doc) for doc_id, doc in docs]
        return build_scoreboard(campaigns, snapshots, numbers, as_of)


def _by_due(actions: list[ActionItem]) -> list[ActionItem]:
    """Due first (undated last), then by ref: the order every action list uses."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.min, a.id))


def _timestamp(moment: datetime) -> float:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: the store compares aware times only")
    return moment.timestamp()


def _span_of(_doc_id: int, doc: Doc) -> tuple[float, float]:
    """When an action item was opened and closed (infinity while open), as timestamps."""
    closed = doc.get("closed_at")
    return (
        codec.load_time(doc["opened_at"]).timestamp(),
        math.inf if closed is None else codec.load_time(closed).timestamp(),
    )


def _checked_budget(budget: BudgetAgreement) -> BudgetAgreement:
    """`budget` tidied up, or `UsageError` saying which field is wrong."""
    area = budget.area.strip()
    if not area:
        raise UsageError(_("A budget agreement needs an area."))
    if not isinstance(budget.amount, Decimal) or not budget.amount.is_finite():
        raise UsageError(_("The amount must be a number."))
    if budget.amount <= 0:
        raise UsageError(
            _("The amount must be more than zero (a cut is said by its kind, not its sign).")
        )
    currency = budget.currency.strip().upper()
    if not currency:
        raise UsageError(_("A budget agreement needs a currency."))
    period = budget.period.strip()
    if not period:
        raise UsageError(_("A budget agreement needs a period, like 2026-Q1."))
    from_area = (budget.from_area or "").strip() or None
    if budget.kind is BudgetKind.SHIFT:
        if from_area is None:
            raise UsageError(_("A shift needs the area the amount is taken from."))
        if from_area == area:
            raise UsageError(_("A shift must go from one area to another."))
    else:
        from_area = None
    return replace(
        budget,
        area=area,
        currency=currency,
        period=period,
        from_area=from_area,
        note=budget.note.strip(),
    )
