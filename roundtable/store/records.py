"""What every repository of the meeting log shares: the storage, the clock, the tables
of a kind of record, id counters and the lookups derived from the tables in memory.

Entries of one kind live in tables of `SHARD_SIZE` ids each (`actions.0` holds A-1 …
A-999, `actions.1` A-1000 …). Ids never repeat: each kind has a counter in the `meta`
table that only goes up, so `A-42` stays `A-42` even after `A-43` was deleted.

Queries by meeting (or by the meeting that closed an action item) go through small
in-memory indexes, built on first use and dropped whenever the data in memory changes
(see `JournalStorage.generation`), so they never go stale across processes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from roundtable.domain.clock import Clock
from roundtable.errors import NotFoundError, StoreError
from roundtable.i18n import _
from roundtable.store.indexes import Indexes, Normalize, carry_numbers, carry_running, whole_number
from roundtable.store.journal import JournalStorage
from roundtable.store.values import MAX_ITEMS, MAX_WHOLE, FieldProblem

__all__ = [
    "ACTIONS",
    "BUDGETS",
    "CAMPAIGNS",
    "DECISIONS",
    "MEETINGS",
    "MEETING_CLOCKS",
    "MEETING_HEADS_SHARD",
    "MEETING_ITEMS",
    "META",
    "SHARD_SIZE",
    "SNAPSHOTS",
    "Doc",
    "Records",
]

MEETINGS = "meetings"
"""What each meeting was started from: agenda snapshot, attendees (`MeetingParts`)."""
MEETING_CLOCKS = "meeting_clocks"
"""Each meeting's running state (current item, pauses, end), under the meeting's id."""
MEETING_ITEMS = "meeting_items"
"""Each agenda item's timing, under `meeting id × MAX_ITEMS + index`; the items of a
meeting share a table (see `table_of`)."""
DECISIONS = "decisions"
ACTIONS = "actions"
BUDGETS = "budgets"
CAMPAIGNS = "campaigns"
SNAPSHOTS = "snapshots"
"""Campaign figures, one document per campaign and meeting."""
META = "meta"
"""One document (id 1) holding the last id given out for each kind of entry."""

_COUNTER_DOC = 1

SHARD_SIZE = 1000
"""Entries of one kind live in tables of this many ids each. TinyDB copies the whole
table on every write, so bounded tables keep a write's cost flat however long the
history grows."""

MEETING_HEADS_SHARD = 50
"""Meetings' heads live in tables of this many ids each (`meetings.8` holds meetings
400 … 449; schema 5). A head carries its agenda and attendees, ~3 KB, and the running
meeting, or the last weeks' meetings the forecast reads, are in the newest tables:
a table of a thousand heads would be parsed whole (~10 ms) for a few of them."""

T = TypeVar("T")
Doc = dict[str, Any]

DECODE_ERRORS = (KeyError, ValueError, TypeError, AttributeError, ArithmeticError, IndexError)
"""What decoding a malformed document can raise (`decimal.InvalidOperation` and
`OverflowError` are `ArithmeticError`s): each becomes a `StoreError`."""


def table_of(kind: str, doc_id: int) -> str:
    """The name of the table that holds entry `doc_id` of `kind`."""
    if kind == MEETING_ITEMS:
        # About as many timings per table as entries in the others' tables.
        return f"{kind}.{doc_id // (MAX_ITEMS * max(1, SHARD_SIZE // 8))}"
    if kind == MEETINGS:
        return f"{kind}.{doc_id // MEETING_HEADS_SHARD}"
    return f"{kind}.{doc_id // SHARD_SIZE}"


def doc_id_of(key: str) -> int | None:
    """The id a table key stands for, or None for a key that is not plain ASCII digits
    (`"²"` passes `str.isdigit` but is no number)."""
    if key.isascii() and key.isdigit() and len(key) <= 18:
        return int(key)
    return None


class Records:
    """The storage of one store file as the repositories see it."""

    def __init__(self, path: Path, storage: JournalStorage, clock: Clock) -> None:
        self.path = path
        self.storage = storage
        self.clock: Clock = clock
        self._index_cache: Indexes | None = None

    def now(self) -> datetime:
        return self.clock()

    # --- tables ---------------------------------------------------------------------

    def shard_names(self, kind: str) -> list[str]:
        """The tables holding entries of `kind`, lowest ids first."""
        prefix = kind + "."
        numbered = []
        for name in self.storage.tables():
            if name.startswith(prefix):
                number = doc_id_of(name[len(prefix) :])
                if number is not None:
                    numbered.append((number, name))
        return [name for _number, name in sorted(numbered)]

    def items(self, kind: str, *, kept: bool = True) -> Iterator[tuple[int, Doc]]:
        """Every (id, document) of `kind`, across its tables, one at a time (a read-only
        store's documents are parsed as they come; see `packed`). `kept`: False for a
        pass that keeps none of the documents (an index, a count)."""
        tables = self.storage.tables()
        for name in self.shard_names(kind):
            for key, doc in tables.scan(name, kept=kept):
                yield self.doc_id(kind, key), doc

    def doc_id(self, kind: str, key: str) -> int:
        """The id of a document's table key, or `StoreError` naming file and key."""
        number = doc_id_of(key)
        if number is None:
            raise StoreError(
                _(
                    "{file}: table {table} has an entry with the id {id!r}, which is not a number; "
                    "the file was not changed."
                ).format(file=self.path, table=kind, id=key)
            )
        return number

    def get(self, kind: str, doc_id: int) -> Doc | None:
        tables = self.storage.tables()
        doc: Doc | None = tables.get(table_of(kind, doc_id), {}).get(str(doc_id))
        return doc

    def docs(
        self, kind: str, doc_ids: Iterable[int], *, kept: bool = True
    ) -> list[tuple[int, Doc]]:
        """(id, document) of `kind` for each of `doc_ids` that exists (no copies).
        `kept` False: the caller keeps none of the documents (it decodes them), so a
        table not read yet is looked through in its chunks rather than read into memory."""
        tables = self.storage.tables()
        if kept:
            found = []
            for doc_id in doc_ids:
                doc = tables.get(table_of(kind, doc_id), {}).get(str(doc_id))
                if doc is not None:
                    found.append((doc_id, doc))
            return found
        ids = list(doc_ids)
        by_table: dict[str, set[str]] = {}
        for doc_id in ids:
            by_table.setdefault(table_of(kind, doc_id), set()).add(str(doc_id))
        docs: dict[str, Doc] = {}
        for name, keys in by_table.items():
            if tables.waits(name):
                docs.update((key, doc) for key, doc in tables.scan(name, kept=False) if key in keys)
            elif name in tables:
                table = tables[name]
                docs.update((key, doc) for key in keys if (doc := table.get(key)) is not None)
        return [(doc_id, docs[str(doc_id)]) for doc_id in ids if str(doc_id) in docs]

    # Writes go straight to the storage, not through TinyDB's `Table`: TinyDB rebuilds
    # the whole table (twice, in Python) on every write, which made long histories slow
    # to write. The storage learns of a change as TinyDB's writes tell it: a document
    # changed in place (a `TrackedDoc` reports itself), or a new table dict minus a
    # removed document; a new document it is told of directly (`insert`).

    def insert(self, kind: str, doc_id: int, doc: Doc) -> None:
        """Add entry `doc_id` of `kind`; `StoreError` if it exists (a damaged counter)."""
        self._put(kind, doc_id, doc, exists=False)

    def upsert(self, kind: str, doc_id: int, doc: Doc) -> None:
        """Make entry `doc_id` exactly `doc`, adding it if missing."""
        self._put(kind, doc_id, doc, exists=None)

    def replace(self, kind: str, doc_id: int, doc: Doc) -> None:
        """Make the existing entry `doc_id` exactly `doc`."""
        self._put(kind, doc_id, doc, exists=True)

    def update(self, kind: str, doc_id: int, fields: Doc) -> None:
        """Change `fields` of the existing entry `doc_id` (other fields stay)."""
        tables = self.storage.read()
        name = table_of(kind, doc_id)
        doc = (tables.get(name) or {}).get(str(doc_id))
        if doc is None:
            raise NotFoundError(self._missing(kind, doc_id))
        before = self.storage.generation
        previous = dict(doc)
        doc.update(fields)
        self.storage.write(tables)
        self._reindex(kind, doc_id, previous, dict(doc), before)

    def remove(self, kind: str, doc_id: int) -> None:
        tables = self.storage.read()
        name = table_of(kind, doc_id)
        table = tables.get(name)
        if table is None or str(doc_id) not in table:
            raise NotFoundError(self._missing(kind, doc_id))
        before = self.storage.generation
        fresh = dict(table)
        previous = dict(fresh.pop(str(doc_id)))
        tables[name] = fresh
        self.storage.write(tables)
        self._reindex(kind, doc_id, previous, None, before)

    def _put(self, kind: str, doc_id: int, doc: Doc, *, exists: bool | None) -> None:
        tables = self.storage.read()
        name = table_of(kind, doc_id)
        table = tables.get(name)
        old = None if table is None else table.get(str(doc_id))
        if exists is False and old is not None:
            raise StoreError(
                _(
                    "{file}: table {table} already holds an entry {id}; the file was not changed."
                ).format(file=self.path, table=name, id=doc_id)
            )
        if exists is True and old is None:
            raise NotFoundError(self._missing(kind, doc_id))
        before = self.storage.generation
        previous = None if old is None else dict(old)
        if old is not None:
            old.clear()
            old.update(doc)
            self.storage.write(tables)
        else:
            self.storage.insert(name, str(doc_id), dict(doc))
        self._reindex(kind, doc_id, previous, doc, before)

    def _missing(self, kind: str, doc_id: int) -> str:
        return _("{file}: there is no entry {id} in {table}.").format(
            file=self.path, id=doc_id, table=kind
        )

    def _reindex(
        self, kind: str, doc_id: int, old: Doc | None, new: Doc | None, before: int
    ) -> None:
        """Carry the lookups over our own write instead of building them anew: only if
        they were current before it and nothing else changed since."""
        cache = self._index_cache
        if cache is None or cache.generation != before or self.storage.generation != before + 1:
            return
        cache.generation = self.storage.generation
        cache.derived.pop(kind, None)
        if kind == MEETINGS:
            carry_numbers(cache, doc_id, old, new)
        if kind == MEETING_CLOCKS:
            carry_running(cache, doc_id, old, new)
        for (indexed_kind, key), (normalize, index) in cache.by_key.items():
            if indexed_kind != kind:
                continue
            was = None if old is None else normalize(old.get(key))
            now = None if new is None else normalize(new.get(key))
            if was == now:
                continue
            if was is not None and doc_id in index.get(was, ()):
                index[was].remove(doc_id)
            if now is not None:
                index.setdefault(now, []).append(doc_id)

    # --- decoding -------------------------------------------------------------------

    def decode(self, what: str, decode: Callable[[int, Doc], T], doc_id: int, doc: Doc) -> T:
        try:
            return decode(doc_id, doc)
        except FieldProblem as problem:
            raise StoreError(
                _(
                    "{file}: {what} {id} cannot be read: field {field}: {problem}. "
                    "The file was not changed."
                ).format(
                    file=self.path,
                    what=what,
                    id=doc_id,
                    field=problem.field,
                    problem=problem.problem,
                )
            ) from problem
        except DECODE_ERRORS as error:
            raise StoreError(
                _("{file}: {what} {id} cannot be read ({error}). The file was not changed.").format(
                    file=self.path, what=what, id=doc_id, error=error
                )
            ) from error

    # --- ids ------------------------------------------------------------------------

    def next_id(self, kind: str) -> int:
        """The next id for `kind`, from a counter that never goes back (in a transaction)."""
        counters = self.storage.tables().get(META, {}).get(str(_COUNTER_DOC))
        last = counters.get(kind, 0) if counters is not None else 0
        if not isinstance(last, int) or isinstance(last, bool) or not 0 <= last < MAX_WHOLE - 1:
            raise StoreError(
                _(
                    "{file}: table meta holds {value!r} as the last id of {table}, which is not a "
                    "whole number; the file was not changed."
                ).format(file=self.path, table=kind, value=last)
            )
        if not last:
            last = max((doc_id for doc_id, _doc in self.items(kind, kept=False)), default=0)
        number = last + 1
        self.bump_counter(number, kind)
        return number

    def bump_counter(self, number: int, kind: str) -> None:
        """Make the last id given out for `kind` at least `number`."""
        tables = self.storage.read()
        meta = tables.get(META)
        counters = None if meta is None else meta.get(str(_COUNTER_DOC))
        if counters is not None:
            last = counters.get(kind, 0)
            if isinstance(last, int) and not isinstance(last, bool) and last >= number:
                return
        before = self.storage.generation
        if counters is not None:
            counters[kind] = number
        else:
            fresh = {} if meta is None else dict(meta)
            fresh[str(_COUNTER_DOC)] = {kind: number}
            tables[META] = fresh
        self.storage.write(tables)
        self._reindex(META, _COUNTER_DOC, None, None, before)

    # --- indexes (call under `reading()` or in a transaction) -------------------------

    def indexes(self) -> Indexes:
        generation = self.storage.generation
        if self._index_cache is None or self._index_cache.generation != generation:
            self._index_cache = Indexes(generation)
        return self._index_cache

    def meeting_numbers(self) -> tuple[dict[int, int], dict[int, int]]:
        """(number → id, id → number) of every meeting whose number can be read."""
        indexes = self.indexes()
        if indexes.meetings_by_number is None or indexes.meeting_numbers is None:
            by_number: dict[int, int] = {}
            numbers: dict[int, int] = {}
            for doc_id, doc in self.items(MEETINGS):
                number = doc.get("number")
                if isinstance(number, int) and not isinstance(number, bool):
                    numbers[doc_id] = number
                    if number not in by_number or doc_id < by_number[number]:
                        by_number[number] = doc_id
            indexes.meetings_by_number = by_number
            indexes.meeting_numbers = numbers
        return indexes.meetings_by_number, indexes.meeting_numbers

    def by_key(
        self, kind: str, key: str, value: Hashable, normalize: Normalize | None = None
    ) -> list[tuple[int, Doc]]:
        """(id, document) of the entries of `kind` whose `key` is `value` (after
        `normalize`; default: ids, whole numbers only), lowest id first."""
        indexes = self.indexes()
        found = indexes.by_key.get((kind, key))
        once = (kind, key) not in indexes.looked_up
        if found is None and normalize is None and type(value) is int and once:
            # A first lookup (a meeting's log as its screen opens) reads only the chunks
            # that hold the number; a second one builds the index.
            indexes.looked_up.add((kind, key))
            return self._holding(kind, key, value)
        if found is None:
            normalize = normalize or whole_number
            index: dict[Hashable, list[int]] = {}
            for doc_id, doc in self.items(kind, kept=False):
                indexed = normalize(doc.get(key))
                if indexed is not None:
                    index.setdefault(indexed, []).append(doc_id)
            found = indexes.by_key[(kind, key)] = (normalize, index)
        return self.docs(kind, sorted(found[1].get(value, ())))

    def _holding(self, kind: str, key: str, value: int) -> list[tuple[int, Doc]]:
        """(id, document) of the entries of `kind` whose `key` is the whole number
        `value`, lowest id first, without an index."""
        tables = self.storage.tables()
        found = [
            (self.doc_id(kind, doc_key), doc)
            for name in self.shard_names(kind)
            for doc_key, doc in tables.scan(name, kept=False, number=value)
            if whole_number(doc.get(key)) == value
        ]
        return sorted(found, key=lambda pair: pair[0])

    def require_meeting(self, meeting_id: int) -> None:
        if self.get(MEETINGS, meeting_id) is None:
            raise NotFoundError(_("There is no meeting {id}.").format(id=meeting_id))
