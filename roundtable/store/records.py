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

from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb.table import Document, Table

from roundtable.domain.clock import Clock
from roundtable.errors import NotFoundError, StoreError, UsageError
from roundtable.i18n import _
from roundtable.store.journal import JournalStorage

__all__ = [
    "ACTIONS",
    "BUDGETS",
    "CAMPAIGNS",
    "DECISIONS",
    "MEETINGS",
    "META",
    "SHARD_SIZE",
    "SNAPSHOTS",
    "Doc",
    "Records",
    "clean_text",
    "replace_with",
]

MEETINGS = "meetings"
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

T = TypeVar("T")
Doc = dict[str, Any]

DECODE_ERRORS = (KeyError, ValueError, TypeError, AttributeError, ArithmeticError, IndexError)
"""What decoding a malformed document can raise (`decimal.InvalidOperation` and
`OverflowError` are `ArithmeticError`s): each becomes a `StoreError`."""


def replace_with(new: Doc) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that makes the document exactly `new` (keys not in it go)."""

    def update(doc: MutableMapping[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    return update


def clean_text(text: str, empty_message: str) -> str:
    """`text` without surrounding blanks, or `UsageError(empty_message)` if nothing is left."""
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(empty_message)
    return cleaned


def doc_id_of(key: str) -> int | None:
    """The id a table key stands for, or None for a key that is not plain ASCII digits
    (`"²"` passes `str.isdigit` but is no number)."""
    if key.isascii() and key.isdigit() and len(key) <= 18:
        return int(key)
    return None


@dataclass
class Indexes:
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
    derived: dict[str, Any] = field(default_factory=dict)
    """Each repository's own lookups, by name."""
    by_key: dict[tuple[str, str], dict[int, list[int]]] = field(default_factory=dict)
    """(kind, key) → value of that key → ids of the entries of that kind with it, for
    keys holding ids (`meeting_id`, `campaign_id`)."""


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

    def table(self, name: str) -> Table:
        # Fresh and without a query cache: a long-lived Table would keep results and its
        # next id across other processes' changes.
        return Table(self.storage, name, cache_size=0)

    def shard_table(self, kind: str, doc_id: int) -> Table:
        """The table that holds entry `doc_id` of `kind` (see SHARD_SIZE)."""
        return self.table(f"{kind}.{doc_id // SHARD_SIZE}")

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

    def items(self, kind: str) -> list[tuple[int, Doc]]:
        """Every (id, document) of `kind`, across its tables."""
        tables = self.storage.tables()
        return [
            (self.doc_id(kind, key), doc)
            for name in self.shard_names(kind)
            for key, doc in tables[name].items()
        ]

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
        doc: Doc | None = tables.get(f"{kind}.{doc_id // SHARD_SIZE}", {}).get(str(doc_id))
        return doc

    def docs(self, kind: str, doc_ids: Iterable[int]) -> list[tuple[int, Doc]]:
        """(id, document) of `kind` for each of `doc_ids` that exists (no copies)."""
        tables = self.storage.tables()
        found = []
        for doc_id in doc_ids:
            doc = tables.get(f"{kind}.{doc_id // SHARD_SIZE}", {}).get(str(doc_id))
            if doc is not None:
                found.append((doc_id, doc))
        return found

    def insert(self, kind: str, doc_id: int, doc: Doc) -> None:
        self.shard_table(kind, doc_id).insert(Document(doc, doc_id=doc_id))

    def upsert(self, kind: str, doc_id: int, doc: Doc) -> None:
        self.shard_table(kind, doc_id).upsert(Document(doc, doc_id=doc_id))

    def replace(self, kind: str, doc_id: int, doc: Doc) -> None:
        self.shard_table(kind, doc_id).update(replace_with(doc), doc_ids=[doc_id])

    def update(self, kind: str, doc_id: int, fields: Doc) -> None:
        self.shard_table(kind, doc_id).update(fields, doc_ids=[doc_id])

    def remove(self, kind: str, doc_id: int) -> None:
        self.shard_table(kind, doc_id).remove(doc_ids=[doc_id])

    # --- decoding -------------------------------------------------------------------

    def decode(self, what: str, decode: Callable[[int, Doc], T], doc_id: int, doc: Doc) -> T:
        try:
            return decode(doc_id, doc)
        except DECODE_ERRORS as error:
            raise StoreError(
                _("{file}: {what} {id} cannot be read ({error}). The file was not changed.").format(
                    file=self.path, what=what, id=doc_id, error=error
                )
            ) from error

    # --- ids ------------------------------------------------------------------------

    def next_id(self, kind: str) -> int:
        """The next id for `kind`, from a counter that never goes back (in a transaction)."""
        counters = self.table(META).get(doc_id=_COUNTER_DOC)
        last = counters.get(kind, 0) if counters is not None else 0
        if not isinstance(last, int) or isinstance(last, bool) or last < 0:
            raise StoreError(
                _(
                    "{file}: table meta holds {value!r} as the last id of {table}, which is not a "
                    "whole number; the file was not changed."
                ).format(file=self.path, table=kind, value=last)
            )
        if not last:
            last = max((doc_id for doc_id, _doc in self.items(kind)), default=0)
        number = last + 1
        self.bump_counter(number, kind, counters is not None)
        return number

    def bump_counter(self, number: int, kind: str, exists: bool | None = None) -> None:
        meta = self.table(META)
        if exists is None:
            counters = meta.get(doc_id=_COUNTER_DOC)
            exists = counters is not None
            if counters is not None:
                last = counters.get(kind, 0)
                if isinstance(last, int) and last >= number:
                    return
        if exists:
            meta.update({kind: number}, doc_ids=[_COUNTER_DOC])
        else:
            meta.insert(Document({kind: number}, doc_id=_COUNTER_DOC))

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

    def by_key(self, kind: str, key: str, value: int) -> list[tuple[int, Doc]]:
        """(id, document) of the entries of `kind` whose `key` is `value`, lowest id first."""
        indexes = self.indexes()
        index = indexes.by_key.get((kind, key))
        if index is None:
            index = {}
            for doc_id, doc in self.items(kind):
                found = doc.get(key)
                if isinstance(found, int):
                    index.setdefault(found, []).append(doc_id)
            indexes.by_key[(kind, key)] = index
        return self.docs(kind, sorted(index.get(value, ())))

    def require_meeting(self, meeting_id: int) -> None:
        if self.get(MEETINGS, meeting_id) is None:
            raise NotFoundError(_("There is no meeting {id}.").format(id=meeting_id))
