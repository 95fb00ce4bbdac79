"""What the storage hands to TinyDB, and how it learns what TinyDB changed.

TinyDB's `Table._update_table` reads the tables, builds a NEW dict for the one table it
changes (holding the same document objects), mutates documents in place for updates,
pops ids for removes and writes all tables back. So a table dict identical to the one
handed out is unchanged; for a new one, ids gone are removes and documents that are not
`TrackedDoc`s are inserts. Updates are caught by `TrackedDoc`, which reports itself on
every mutating method. (`tests/unit/test_tinydb_reliance.py` checks these assumptions
against the TinyDB installed.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

__all__ = ["NOT_READ", "Pending", "Tables", "TrackedDoc"]


class _Source(Protocol):
    """The storage behind a `Tables`."""

    def _read_table(self, name: str) -> dict[str, Any]: ...

    def _track_table(self, name: str, table: dict[str, Any]) -> None: ...

    def _streamed(
        self, name: str, kept: bool, number: int | None = None
    ) -> Iterator[tuple[str, Any]] | None: ...


class TrackedDoc(dict[str, Any]):
    """A stored document that tells its storage when it is changed in place.

    TinyDB updates documents by mutating them (`doc.update(fields)`, or a callable that
    sets keys), so every mutating method reports the document once to the storage's
    list of changed documents before it runs.
    """

    __slots__ = ("_dirty", "_key", "_sink")

    def __init__(self, data: Mapping[str, Any], key: tuple[str, str], sink: list[TrackedDoc]):
        super().__init__(data)
        self._key = key
        self._sink = sink
        self._dirty = False

    def _touch(self) -> None:
        # Flag before mutating: a mutation that fails halfway still counts as a change.
        if not self._dirty:
            self._dirty = True
            self._sink.append(self)

    def __setitem__(self, key: str, value: Any) -> None:
        self._touch()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._touch()
        super().__delitem__(key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._touch()
        super().update(*args, **kwargs)

    def pop(self, *args: Any) -> Any:
        self._touch()
        return super().pop(*args)

    def popitem(self) -> tuple[str, Any]:
        self._touch()
        return super().popitem()

    def clear(self) -> None:
        self._touch()
        super().clear()

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._touch()
        return super().setdefault(key, default)

    def __ior__(self, other: Any) -> TrackedDoc:  # type: ignore[override,misc]
        self._touch()
        super().update(other)
        return self


class Pending:
    """The changes of one transaction, collected over its TinyDB writes."""

    # A plain class, not a dataclass: the app imports this module before its first
    # frame, where a dataclass's definition costs ~0.3 ms; nothing compares or prints it.
    __slots__ = ("created", "drops", "poisoned", "puts", "removes")

    def __init__(self) -> None:
        self.drops: set[str] = set()
        """Tables removed or emptied: dropped before anything else is applied."""
        self.created: set[str] = set()
        """Tables that must exist afterwards even if they hold no documents."""
        self.puts: dict[str, dict[str, dict[str, Any]]] = {}
        self.removes: dict[str, set[str]] = {}
        self.poisoned = False
        """An operation changed a document and then failed before writing: refuse to
        commit."""

    def put(self, table: str, doc_id: str, doc: dict[str, Any]) -> None:
        self.puts.setdefault(table, {})[doc_id] = doc
        removes = self.removes.get(table)
        if removes is not None:
            removes.discard(doc_id)

    def remove(self, table: str, doc_id: str) -> None:
        puts = self.puts.get(table)
        if puts is not None:
            puts.pop(doc_id, None)
        self.removes.setdefault(table, set()).add(doc_id)

    def reset(self, table: str) -> None:
        self.drops.add(table)
        self.created.discard(table)
        self.puts.pop(table, None)
        self.removes.pop(table, None)

    def is_empty(self) -> bool:
        return not (self.drops or self.created or self.puts or self.removes)

    def line(self, tables: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        """The journal line for these changes, given the tables as they are now."""
        line: dict[str, Any] = {}
        if self.drops:
            line["drop"] = sorted(self.drops)
        removes = {name: sorted(ids) for name, ids in self.removes.items() if ids}
        if removes:
            line["rm"] = removes
        puts: dict[str, dict[str, Any]] = {name: docs for name, docs in self.puts.items() if docs}
        # A dropped or new table that still exists must be recreated even when empty.
        for name in self.drops | self.created:
            if name in tables:
                puts.setdefault(name, {})
        if puts:
            line["put"] = puts
        return line


class NotRead(dict[str, Any]):
    """The type of `NOT_READ`."""


NOT_READ = NotRead()
"""Stands in a `_Tables` for a table still waiting in its chunks: it is read when looked up."""


class Tables(dict[str, dict[str, Any]]):
    """What `read()` and `tables()` hand out: every table by name, a table still in its
    chunks read when looked up; with `track`, a table looked up has its documents made
    `TrackedDoc`s first, so TinyDB (which finds a table by name before it changes
    documents in place) can never change one unnoticed."""

    __slots__ = ("_storage", "_track")

    def __init__(
        self,
        tables: Mapping[str, dict[str, Any]],
        waiting: Iterable[str],
        storage: _Source,
        *,
        track: bool,
    ) -> None:
        super().__init__(tables)
        for name in waiting:
            dict.__setitem__(self, name, NOT_READ)
        self._storage = storage
        self._track = track

    def __getitem__(self, name: str) -> dict[str, Any]:
        table = super().__getitem__(name)
        if table is NOT_READ:
            table = self._storage._read_table(name)
            dict.__setitem__(self, name, table)
        if self._track:
            self._storage._track_table(name, table)
        return table

    def scan(
        self, name: str, *, kept: bool = True, number: int | None = None
    ) -> Iterator[tuple[str, Any]]:
        """(id, document) of table `name`, to read only: a table still in its chunks is
        streamed from them, not kept in memory. `kept`: whether the caller keeps the
        documents (an index or a count does not); `number`: the caller looks for
        documents holding this whole number only, and may get others too (see
        `reader.chunk_documents`)."""
        if dict.__getitem__(self, name) is NOT_READ:
            streamed = self._storage._streamed(name, kept, number)
            if streamed is not None:
                return streamed
        return iter(self[name].items())

    def waits(self, name: str) -> bool:
        """Whether table `name` is still in its chunks (not read into memory yet)."""
        return dict.get(self, name) is NOT_READ

    def get(self, name: str, default: Any = None) -> Any:
        if name not in self:
            return default
        return self[name]

    def values(self) -> Any:
        return [self[name] for name in self]

    def items(self) -> Any:
        return [(name, self[name]) for name in self]
