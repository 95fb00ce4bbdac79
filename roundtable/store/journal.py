"""A TinyDB storage that loses nothing: an append-only journal of JSON lines.

The file is JSON lines. Line 1 is a header, `{"roundtable":"store","schema":1}`; every
later line is one committed change: `{"drop":[table…],"rm":{table:[id…]},
"put":{table:{id:doc…}}}`, applied in that order (each key optional). A change is
appended with a single `os.write` and made durable with `os.fsync` before the write
returns; only then is it acknowledged.

Why not TinyDB's JSONStorage: it rewrites the whole file in place on every write, so a
kill between write and truncate leaves garbage, and every insert costs O(size).

- **Torn writes.** A process killed mid-append leaves an incomplete last line (no
  newline, or not valid JSON). Readers ignore it; the next writer, under the lock,
  truncates it away before appending. Invalid JSON anywhere else, a wrong shape or a bad
  header means the file is damaged: `StoreError` naming file and line, and the file is
  never written again by this storage.
- **Finding what changed.** TinyDB's `Table._update_table` reads the tables, builds a
  NEW dict for the one table it changes (holding the same document objects), mutates
  documents in place for updates, pops ids for removes and writes all tables back. So a
  table dict identical to the one handed out is unchanged; for a new one, ids gone are
  removes and documents that are not `TrackedDoc`s are inserts. Updates are caught by
  `TrackedDoc`, which reports itself on every mutating method. A write is thus
  O(changed documents) plus a cheap scan of the changed table, never O(file size).
  Documents become `TrackedDoc`s lazily, a table at a time, when a table is handed to
  TinyDB (looked up in what `read()` returns): opening a big store pays for no copies,
  and the store's own scans (`tables()`) never make any.
- **Opening fast.** Lines are parsed with orjson (falling back to the standard parser
  for what orjson refuses, like integers beyond 64 bits, so no file that was readable
  becomes unreadable), with the cyclic garbage collector paused: a big store is
  hundreds of thousands of new containers, and collections that run over them
  meanwhile find nothing to free.
- **Sharing.** A `filelock.FileLock` on `<file>.lock` is held around every
  read-modify-write (`transaction()`); the transaction first catches up with what
  other processes appended (same inode and bigger: read only the new tail; anything
  else: full reload). Readers take no lock: they consume complete lines only, and the
  open descriptor pins the inode so an atomic rename by compaction is always noticed.
  Several TinyDB writes inside one transaction become ONE line: all or nothing. A
  plain TinyDB write outside a transaction is one line too, but it is refused if
  another process appended since the data it changed was read.
- **Compaction.** When the journal has grown well beyond the live data it is rewritten
  to a temp file in the same folder, fsynced, renamed over the file, and the folder is
  fsynced, all under the lock. It writes each table in chunks of up to 1000 documents,
  one line each: `{"chunk":[table,documents,crc32],"put":{table:{…}}}`, the CRC-32 taken
  over the bytes after the `chunk` value.
- **Reading only what is used.** A chunk line whose CRC matches is not parsed at open:
  its table is read from it the first time anything looks the table up (`read()`'s
  dict, `tables()`), so opening a store with years of history parses only what the
  command at hand uses (the running meeting's tables, not every old meeting). The CRC
  keeps the promise that damage is found at open: a chunk that fails it is parsed at
  once, like any other line, and reported if it is invalid. A change to a table not
  yet read from its chunks reads them first, so changes always apply in file order.
- **Failures.** If a transaction raises midway, the in-memory state is dropped and
  reloaded from disk, so no half-applied change survives in memory. A failed append
  (disk full) is cut back to the old size.

Documents must be changed through their top-level keys (as TinyDB's own operations do);
mutating a nested list or dict in place is not noticed. Like TinyDB itself, plain TinyDB
calls outside a transaction are for one thread; transactions (which the `Store` always
uses) hold a lock against this process's other threads too.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb.storages import Storage

from roundtable.errors import StoreError
from roundtable.i18n import _

if TYPE_CHECKING:
    from filelock import BaseFileLock

__all__ = [
    "DEFAULT_COMPACT_SLACK",
    "DEFAULT_LOCK_TIMEOUT",
    "Data",
    "JournalStorage",
    "Migration",
    "TrackedDoc",
]

Data = dict[str, dict[str, dict[str, Any]]]
"""All tables: table name → document id (a string of digits) → document."""

Migration = Callable[[Data], Data]
"""One schema step: takes the data of version N, returns it as version N + 1."""

DEFAULT_LOCK_TIMEOUT = 10.0
"""Seconds a transaction waits for another process's transaction to finish."""

DEFAULT_COMPACT_SLACK = 1000
"""Compaction starts once the journal has more than 2 × documents + this many lines."""

_COMPACT_CHUNK = 1000
"""Documents per line in a compacted file: big enough to parse fast, small enough to
keep every line a modest allocation."""

_HEADER_KIND = "store"
_CHANGE_KEYS = frozenset({"put", "rm", "drop", "chunk"})
_CHUNK_START = b'{"chunk":['
_CHUNK_PUT = b',"put":'
_CHUNK_HEAD = 512
"""Bytes of a line searched for the end of its `chunk` value (a table name is short)."""
_READ_CHUNK = 1 << 20
_FREEZE_BYTES = 1 << 20
"""Parsing more than this freezes the result (see `_parse`)."""
_LOCK_POLL = 0.002


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8"
    )


def _header(schema: int) -> bytes:
    return _dumps({"roundtable": _HEADER_KIND, "schema": schema}) + b"\n"


def _loads(raw: bytes | memoryview) -> Any:
    """One JSON value; `ValueError` (with the standard parser's message) if invalid."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        # orjson is stricter than the parser that wrote the file (no integers beyond
        # 64 bits, no lone surrogates): only what neither reads is damage.
        return json.loads(bytes(raw))


def _lines_of(data: bytes, start: int, end: int) -> list[memoryview]:
    """The lines of `data[start:end]` as views: a big store is not copied again."""
    view = memoryview(data)
    lines = []
    while (newline := data.find(b"\n", start, end)) >= 0:
        lines.append(view[start:newline])
        start = newline + 1
    lines.append(view[start:end])
    return lines


@contextmanager
def _collector_paused(*, freeze: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector (as it was before, afterwards); with `freeze`,
    move what exists at the end out of its reach (`gc.freeze`)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


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


@dataclass
class _Pending:
    """The changes of one transaction, collected over its TinyDB writes."""

    drops: set[str] = field(default_factory=set)
    """Tables removed or emptied: dropped before anything else is applied."""
    created: set[str] = field(default_factory=set)
    """Tables that must exist afterwards even if they hold no documents."""
    puts: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    removes: dict[str, set[str]] = field(default_factory=dict)
    poisoned: bool = False
    """An operation changed a document and then failed before writing: refuse to commit."""

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


class _NotRead(dict[str, Any]):
    """The type of `_NOT_READ`."""


_NOT_READ = _NotRead()
"""Stands in a `_Tables` for a table still waiting in its chunks: it is read when looked up."""


class _Tables(dict[str, dict[str, Any]]):
    """What `read()` and `tables()` hand out: every table by name, a table still in its
    chunks read when looked up; with `track`, a table looked up has its documents made
    `TrackedDoc`s first, so TinyDB (which finds a table by name before it changes
    documents in place) can never change one unnoticed."""

    __slots__ = ("_storage", "_track")

    def __init__(
        self,
        tables: Mapping[str, dict[str, Any]],
        waiting: Iterable[str],
        storage: JournalStorage,
        *,
        track: bool,
    ) -> None:
        super().__init__(tables)
        for name in waiting:
            dict.__setitem__(self, name, _NOT_READ)
        self._storage = storage
        self._track = track

    def __getitem__(self, name: str) -> dict[str, Any]:
        table = super().__getitem__(name)
        if table is _NOT_READ:
            table = self._storage._read_table(name)
            dict.__setitem__(self, name, table)
        if self._track:
            self._storage._track_table(name, table)
        return table

    def get(self, name: str, default: Any = None) -> Any:
        if name not in self:
            return default
        return self[name]

    def values(self) -> Any:
        return [self[name] for name in self]

    def items(self) -> Any:
        return [(name, self[name]) for name in self]


class _Damaged(StoreError):
    """The file cannot be read as a store (as opposed to: cannot be reached or written)."""


@dataclass(frozen=True)
class _Chunk:
    """A compacted line not parsed yet: part of one table's documents."""

    table: str
    documents: int
    line: memoryview
    number: int
    """Its line number in the file, for messages."""


@dataclass
class _Parsed:
    changes: list[dict[str, Any] | _Chunk]
    consumed: int
    """Bytes of complete, valid lines (a torn last line excluded)."""


def _chunk_line(name: str, docs: Mapping[str, Any]) -> bytes:
    """One compacted line holding `docs` of table `name` (see the module docstring)."""
    rest = _CHUNK_PUT + _dumps({name: docs}) + b"}"
    return _CHUNK_START[:-1] + _dumps([name, len(docs), zlib.crc32(rest)]) + rest + b"\n"


def _chunk_of(raw: memoryview, number: int) -> _Chunk | None:
    """`raw` as a chunk that may wait, or None: not a chunk line, or one that fails its
    CRC (then it is parsed at once, like any other line, and reported if invalid)."""
    if raw[: len(_CHUNK_START)] != _CHUNK_START:
        return None
    end = bytes(raw[:_CHUNK_HEAD]).find(b"]")
    if end < 0:
        return None
    try:
        head = orjson.loads(raw[len(_CHUNK_START) - 1 : end + 1])
    except orjson.JSONDecodeError:
        return None
    if not (
        isinstance(head, list)
        and len(head) == 3
        and isinstance(head[0], str)
        and all(type(value) is int for value in head[1:])
    ):
        return None
    rest = raw[end + 1 :]
    if rest[: len(_CHUNK_PUT)] != _CHUNK_PUT or zlib.crc32(rest) != head[2]:
        return None
    return _Chunk(head[0], head[1], raw, number)


def _shape_problem(change: object) -> str | None:
    """What is wrong with one journal line's structure, or None."""
    if not isinstance(change, dict) or not change:
        return _("a change line must be a non-empty JSON object")
    unknown = change.keys() - _CHANGE_KEYS
    if unknown:
        return _("unknown key {key}").format(key=", ".join(sorted(unknown)))
    drop = change.get("drop", [])
    if not isinstance(drop, list) or not all(isinstance(name, str) for name in drop):
        return _('"drop" must be a list of table names')
    removes = change.get("rm", {})
    if not isinstance(removes, dict):
        return _('"rm" must map table names to lists of ids')
    for ids in removes.values():
        if not isinstance(ids, list) or not all(isinstance(i, str) and i.isdigit() for i in ids):
            return _('"rm" must map table names to lists of ids')
    puts = change.get("put", {})
    if not isinstance(puts, dict):
        return _('"put" must map table names to documents by id')
    for docs in puts.values():
        # map/set keep this at C speed: it runs over every document on a full load.
        if (
            not isinstance(docs, dict)
            or not all(map(str.isdigit, docs))
            or not set(map(type, docs.values())) <= {dict}
        ):
            return _('"put" must map table names to documents by id')
    return None


def _apply(tables: dict[str, dict[str, Any]], change: Mapping[str, Any]) -> None:
    for name in change.get("drop", ()):
        tables.pop(name, None)
    for name, ids in change.get("rm", {}).items():
        table = tables.get(name)
        if table is not None:
            for doc_id in ids:
                table.pop(doc_id, None)
    for name, docs in change.get("put", {}).items():
        tables.setdefault(name, {}).update(docs)


def _read_from(fd: int, start: int) -> bytes:
    """Everything in the open file from byte `start` to its current end."""
    # First all the file holds now, in one read: loading a big store then needs no
    # second copy to join chunks. Chunks only follow if it grew meanwhile.
    want = max(os.fstat(fd).st_size - start + 1, _READ_CHUNK)
    chunks: list[bytes] = []
    position = start
    while chunk := os.pread(fd, want, position):
        chunks.append(chunk)
        position += len(chunk)
        want = _READ_CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _make_folders(folder: Path) -> None:
    """Create `folder` and missing parents, each made durable in its parent: otherwise
    a power cut could take a new store away with the folder it was created in."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        _fsync_folder(new.parent)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class JournalStorage(Storage):
    """The durable, shareable TinyDB storage described in the module docstring.

    `schema` is the data version this program writes; an older file is migrated with
    `migrations` (version N → step that returns version N + 1) on open, keeping a copy
    as `<file>.v<N>.bak`; a newer file is refused. `read_only` never creates, locks or
    writes anything (an older file is then migrated in memory only).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        schema: int = 1,
        migrations: Mapping[int, Migration] | None = None,
        read_only: bool = False,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        compact_slack: int = DEFAULT_COMPACT_SLACK,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.schema = schema
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.compact_slack = compact_slack
        self._migrations: Mapping[int, Migration] = dict(migrations or {})
        self._mutex = threading.RLock()
        self._lock: BaseFileLock | None = None
        self._tables: dict[str, dict[str, Any]] = {}
        self._waiting: dict[str, list[_Chunk]] = {}
        """Tables not read yet: their chunks, in file order (never also in `_tables`)."""
        self._fd: int | None = None
        self._fd_writable = False
        self._identity: tuple[int, int] | None = None
        """(st_dev, st_ino) of the file behind `_fd`; the open descriptor pins it."""
        self._offset = 0
        """Bytes of the file reflected in memory: the header and complete change lines."""
        self._lines = 0
        """Change lines behind `_offset` (the header not counted)."""
        self._seen: tuple[int, int, int] | None = None
        self._sink: list[TrackedDoc] = []
        self._untracked: set[str] = set()
        """Tables that may hold documents not yet made `TrackedDoc`s (see `_Tables`)."""
        self._txn: _Pending | None = None
        self._broken: StoreError | None = None
        self._closed = False
        self._compact_floor = 0
        """After a failed compaction: don't try again below this many lines."""
        self._generation = 0
        self._readers = 0
        """Depth of `reading()` blocks this process is in (under the mutex)."""
        self._open()

    # --- TinyDB's Storage interface ---------------------------------------------

    def read(self) -> dict[str, dict[str, Any]]:
        """The tables in memory (a fresh outer dict; the tables are the live ones)."""
        with self._mutex:
            self._check_usable()
            if self._sink:
                # A document was changed by an operation that then failed before it
                # could write: its change must never reach the file.
                if self._txn is not None:
                    self._txn.poisoned = True
                else:
                    self._reload()
            # Read-only: never written, so nothing to track.
            return _Tables(self._tables, self._waiting, self, track=not self.read_only)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Record what TinyDB changed: into the running transaction, or as one line."""
        with self._mutex:
            self._check_usable()
            if self.read_only:
                self._reload()
                raise StoreError(_("The store {file} was opened read-only.").format(file=self.path))
            if self._txn is not None:
                self._absorb(data, self._txn)
                return
            # Outside a transaction the read that preceded this write happened without
            # the lock, so it is only valid if nobody appended since.
            pending = _Pending()
            self._absorb(data, pending)
            try:
                with self._locked():
                    if self._changed_on_disk():
                        raise StoreError(
                            _(
                                "The store {file} was changed by another process meanwhile; "
                                "nothing was saved. Try again."
                            ).format(file=self.path)
                        )
                    self._commit(pending)
                    self._maybe_compact()
            except BaseException:
                # The file is the truth: whatever failed, memory goes back to it.
                self._rollback()
                raise

    def close(self) -> None:
        """Release the file; later use raises `StoreError`."""
        with self._mutex:
            self._closed = True
            self._close_fd()
            self._tables = {}
            self._waiting = {}
            self._generation += 1

    # --- public extras ---------------------------------------------------------------

    def tables(self) -> dict[str, dict[str, Any]]:
        """The tables in memory, to read only (no document may be changed through
        them): unlike `read()`, this never makes `TrackedDoc`s, so scans stay cheap."""
        with self._mutex:
            self._check_usable()
            if self._sink:
                return self.read()
            return _Tables(self._tables, self._waiting, self, track=False)

    def version(self) -> tuple[int, int, int] | None:
        """`(st_ino, st_size, st_mtime_ns)` of the file: one `os.stat`, no read.

        Differs whenever any process has appended or compacted; None while no file exists.
        """
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def refresh(self) -> None:
        """Catch up with what other processes appended (no lock; a no-op inside a
        transaction, which already caught up under the lock)."""
        with self._mutex:
            self._check_usable()
            if self._txn is not None:
                return
            try:
                self._sync(locked=False)
            except _Damaged:
                # A lock-free read can race with a writer cutting a torn tail; only a
                # read under the lock is proof that the file is damaged.
                if self.read_only:
                    self._load(locked=False)
                else:
                    with self._locked():
                        self._load(locked=True)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the in-memory state steady (against this process's other threads)
        after catching up; for a series of reads that must agree with each other.

        Nested readings catch up only once, at the outermost: everything read inside
        one reading comes from the same state of the file.
        """
        with self._mutex:
            if not self._readers:
                self.refresh()
            self._readers += 1
            try:
                yield
            finally:
                self._readers -= 1

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock the file, catch up, run the body's TinyDB work, append it as ONE line.

        Nested transactions join the outer one. If the body raises, nothing is written
        and the in-memory state is reloaded from disk.
        """
        with self._mutex:
            self._check_usable()
            if self._txn is not None:
                yield
                return
            if self.read_only:
                raise StoreError(_("The store {file} was opened read-only.").format(file=self.path))
            with self._locked():
                self._sync(locked=True)
                pending = self._txn = _Pending()
                try:
                    yield
                    if pending.poisoned:
                        raise StoreError(
                            _("A change to {file} failed halfway; nothing was saved.").format(
                                file=self.path
                            )
                        )
                    self._commit(pending)
                except BaseException:
                    self._txn = None
                    self._rollback()
                    raise
                self._txn = None
                self._maybe_compact()

    def compact(self) -> None:
        """Rewrite the file with only the live documents (atomically, under the lock)."""
        with self._mutex, self.transaction():
            assert self._txn is not None
            if self._txn.is_empty() and not self._sink:
                self._compact()

    @property
    def generation(self) -> int:
        """A number that changes whenever the tables in memory change (a write here, a
        catch-up with another process, a reload): what is derived from them, like an
        index, stays valid while it is the same."""
        return self._generation

    @property
    def line_count(self) -> int:
        """Change lines in the journal (the header not counted), as last seen."""
        return self._lines

    # --- internals: state --------------------------------------------------------------

    def _check_usable(self) -> None:
        if self._broken is not None:
            raise self._broken
        if self._closed:
            raise StoreError(_("The store {file} is closed.").format(file=self.path))

    def _track_table(self, name: str, table: dict[str, Any]) -> None:
        """Make the documents of `table` `TrackedDoc`s, unless they already are."""
        with self._mutex:
            if name not in self._untracked or self._tables.get(name) is not table:
                return
            self._untracked.discard(name)
            sink = self._sink
            table.update(
                {
                    doc_id: TrackedDoc(doc, (name, doc_id), sink)
                    for doc_id, doc in table.items()
                    if type(doc) is not TrackedDoc
                }
            )

    def _read_table(self, name: str) -> dict[str, Any]:
        """Table `name` as it is in memory, read from its chunks first if it waits in them."""
        with self._mutex:
            if name in self._waiting:
                try:
                    self._read_chunks(self._tables, self._waiting, name)
                except _Damaged as error:
                    self._broken = error
                    raise
                if not self.read_only:
                    self._untracked.add(name)
            return self._tables.get(name, {})

    def _read_chunks(
        self, tables: dict[str, dict[str, Any]], waiting: dict[str, list[_Chunk]], name: str
    ) -> None:
        """Parse the chunks of table `name` into `tables`; it waits no more."""
        chunks = waiting.pop(name)
        table = tables.setdefault(name, {})
        with _collector_paused(freeze=sum(len(chunk.line) for chunk in chunks) > _FREEZE_BYTES):
            for chunk in chunks:
                try:
                    change = _loads(chunk.line)
                except ValueError as error:
                    raise self._damaged(
                        chunk.number, _("not valid JSON ({error})").format(error=error)
                    ) from error
                problem = _shape_problem(change)
                if problem is None and (
                    change.keys() - {"chunk"} != {"put"} or change["put"].keys() != {name}
                ):
                    problem = _("a chunk line must hold documents of its own table only")
                if problem is not None:
                    raise self._damaged(chunk.number, problem)
                table.update(change["put"][name])

    def _take(
        self,
        tables: dict[str, dict[str, Any]],
        waiting: dict[str, list[_Chunk]],
        change: dict[str, Any] | _Chunk,
    ) -> Iterable[str]:
        """Apply one line to `tables` in file order: a chunk of a table not in memory
        yet waits; a change reads the waiting chunks of the tables it changes first.
        Returns the tables that got documents from it."""
        if isinstance(change, _Chunk):
            waiting.setdefault(change.table, []).append(change)
            if change.table not in tables:
                return ()
            self._read_chunks(tables, waiting, change.table)
            return (change.table,)
        for name in change.get("drop", ()):
            waiting.pop(name, None)
        for name in (*change.get("rm", ()), *change.get("put", ())):
            if name in waiting:
                self._read_chunks(tables, waiting, name)
        _apply(tables, change)
        return change.get("put", {}).keys()  # type: ignore[no-any-return]

    def _absorb(self, data: dict[str, dict[str, Any]], pending: _Pending) -> None:
        """Fold one TinyDB write into `pending` and adopt `data` as the new state."""
        old_tables = self._tables
        new_tables: dict[str, dict[str, Any]] = {}
        # Not `data.items()`: on what `read()` handed out, that would track every table.
        for name, table in dict.items(data):
            if table is _NOT_READ:
                # Not looked at by this write: as it was (waiting, or read meanwhile).
                if name in old_tables:
                    new_tables[name] = old_tables[name]
                continue
            if name in self._waiting:
                # Handed over without being looked up (not by TinyDB): compare it with
                # what the chunks hold.
                self._read_table(name)
            old = old_tables.get(name)
            new_tables[name] = table
            if table is old:
                continue
            if old is None:
                pending.created.add(name)
                old = {}
            if not table and old:
                pending.reset(name)
                continue
            for doc_id in old.keys() - table.keys():
                pending.remove(name, doc_id)
            fresh = [(doc_id, doc) for doc_id, doc in table.items() if type(doc) is not TrackedDoc]
            for doc_id, doc in fresh:
                tracked = TrackedDoc(doc, (name, doc_id), self._sink)
                table[doc_id] = tracked
                pending.put(name, doc_id, tracked)
        for name in (old_tables.keys() | self._waiting.keys()) - data.keys():
            pending.reset(name)
            self._waiting.pop(name, None)
        self._tables = new_tables
        self._generation += 1
        # Documents changed in place, still where they were: their new content is put.
        for changed in self._sink:
            changed._dirty = False
            name, doc_id = changed._key
            if new_tables.get(name, {}).get(doc_id) is changed:
                pending.put(name, doc_id, changed)
        self._sink.clear()

    def _reload(self) -> None:
        """Drop the in-memory state and read it again from the file.

        Used whenever a change may have been applied in memory but not on disk. If the
        file cannot be read back, the storage refuses all further use rather than go on
        with state that might hold a half-applied change.
        """
        self._sink.clear()
        holds_lock = self._lock is not None and self._lock.is_locked
        try:
            self._load(locked=holds_lock)
        except StoreError as error:
            self._broken = error
            raise

    def _rollback(self) -> None:
        # The caller's exception is the one to report; a failed reload only has to
        # make sure nothing uses this state any more (`_reload` marks it broken).
        with suppress(StoreError):
            self._reload()

    # --- internals: the file -------------------------------------------------------------

    def _open(self) -> None:
        folder = self.path.parent
        if not self.read_only:
            try:
                _make_folders(folder)
            except OSError as error:
                raise StoreError(
                    _("Cannot create the folder {folder} for the store {file}: {reason}").format(
                        folder=folder, file=self.path, reason=error.strerror or error
                    )
                ) from error
        try:
            exists = self.path.exists()
        except OSError as error:
            raise self._access_error(error) from error
        if self.path.is_dir():
            raise StoreError(_("The store {file} is a folder, not a file.").format(file=self.path))
        if not exists and not self.read_only:
            with self._locked():
                self._sync(locked=True)
        else:
            self.refresh()

    def _close_fd(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
        self._fd = None
        self._identity = None
        self._seen = None

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self._lock is None:
            # filelock costs tens of milliseconds to import: readers never pay it.
            from filelock import FileLock

            self._lock = FileLock(str(self.lock_path), timeout=self.lock_timeout)
        lock = self._lock
        if lock.is_locked:
            yield
            return
        from filelock import Timeout

        try:
            # Poll often: transactions last milliseconds, and a waiter polling at the
            # default 50 ms would lose nearly every race against a busy writer.
            lock.acquire(poll_interval=_LOCK_POLL)
        except Timeout as error:
            raise StoreError(
                _(
                    "The store {file} is busy: another roundtable process has held its lock "
                    "({lock}) for more than {seconds:g} seconds. Try again."
                ).format(file=self.path, lock=self.lock_path, seconds=self.lock_timeout)
            ) from error
        except OSError as error:
            raise StoreError(
                _("Cannot take the lock {lock} for the store {file}: {reason}").format(
                    lock=self.lock_path, file=self.path, reason=error.strerror or error
                )
            ) from error
        try:
            yield
        finally:
            lock.release()

    def _access_error(self, error: OSError) -> StoreError:
        return StoreError(
            _("Cannot read the store {file}: {reason}").format(
                file=self.path, reason=error.strerror or error
            )
        )

    def _write_error(self, error: OSError) -> StoreError:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            message = _(
                "Cannot save to {file}: the disk is full. The last change was not saved; "
                "everything before it is safe. Free some space and try again."
            )
        elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            message = _("Cannot save to {file}: it is read-only ({reason}).")
        else:
            message = _("Cannot save to {file}: {reason}. The last change was not saved.")
        return StoreError(message.format(file=self.path, reason=error.strerror or error))

    def _damaged(self, line: int, what: str) -> _Damaged:
        return _Damaged(
            _(
                "{file}:{line}: the store is damaged: {what}. Nothing was changed; "
                "fix or remove that line, or restore the file from a backup."
            ).format(file=self.path, line=line, what=what)
        )

    def _sync(self, *, locked: bool) -> None:
        """Bring memory up to date with the file: nothing, the new tail, or everything."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            if self._identity is not None:
                raise StoreError(
                    _("The store {file} has disappeared.").format(file=self.path)
                ) from None
            if locked:
                self._create()
                self._load(locked=True)
            return
        except OSError as error:
            raise self._access_error(error) from error
        if self._identity == (st.st_dev, st.st_ino):
            if self._seen == (st.st_ino, st.st_size, st.st_mtime_ns):
                return
            try:
                if st.st_size >= self._offset and self._read_tail(st):
                    return
            except _Damaged as error:
                if locked:  # no writer can be halfway: the damage is real
                    self._broken = error
                raise
        self._load(locked=locked)

    def _read_tail(self, st: os.stat_result) -> bool:
        """Apply the lines appended since the last sync; False if a full load is needed."""
        assert self._fd is not None
        data = _read_from(self._fd, self._offset - 1)
        # The byte before our offset must end a line, or the file was rewritten under
        # us (a failed append cut back after we read it): then only a reload is safe.
        if not data.startswith(b"\n"):
            return False
        parsed = self._parse(data, 1, self._lines + 2)
        for change in parsed.changes:
            put = self._take(self._tables, self._waiting, change)
            if not self.read_only:
                self._untracked.update(put)
        if parsed.changes:
            self._generation += 1
        self._offset += parsed.consumed
        self._lines += len(parsed.changes)
        self._seen = (st.st_ino, st.st_size, st.st_mtime_ns)
        return True

    def _parse(self, data: bytes, start: int, first_line: int) -> _Parsed:
        """Parse the change lines in `data[start:]`; line numbers start at `first_line`."""
        end = data.rfind(b"\n") + 1
        if end <= start:
            # No complete line: whatever is there is a torn write.
            return _Parsed([], 0)
        raw_lines = _lines_of(data, start, end - 1)
        changes: list[dict[str, Any] | _Chunk] = []
        consumed = 0
        # A big store is hundreds of thousands of containers that live as long as the
        # storage, and hold no cycles (plain JSON), so reference counting alone frees
        # them after a reload. Frozen, the collector stops walking them again and again
        # (tens of milliseconds each time while the app starts); the price is that any
        # cyclic garbage pending at that moment is never collected, which happens once
        # per full load of a big file.
        with _collector_paused(freeze=end - start > _FREEZE_BYTES):
            for index, raw in enumerate(raw_lines):
                chunk = _chunk_of(raw, first_line + index)
                if chunk is not None:
                    changes.append(chunk)
                    consumed += len(raw) + 1
                    continue
                try:
                    change = _loads(raw)
                except ValueError as error:
                    if index == len(raw_lines) - 1 and end == len(data):
                        # The last line, complete but invalid: a torn write too.
                        break
                    raise self._damaged(
                        first_line + index, _("not valid JSON ({error})").format(error=error)
                    ) from error
                problem = _shape_problem(change)
                if problem is not None:
                    raise self._damaged(first_line + index, problem)
                changes.append(change)
                consumed += len(raw) + 1
        return _Parsed(changes, consumed)

    def _open_fd(self) -> tuple[int, bool]:
        if not self.read_only:
            try:
                return os.open(self.path, os.O_RDWR), True
            except PermissionError:
                pass  # readable but not writable: fine until something is written
            except OSError as error:
                raise self._access_error(error) from error
        try:
            return os.open(self.path, os.O_RDONLY), False
        except OSError as error:
            raise self._access_error(error) from error

    def _load(self, *, locked: bool) -> None:
        """Read the whole file into a fresh state (migrating an older schema)."""
        try:
            fd, writable = self._open_fd()
        except StoreError:
            if not self.path.exists() and self._identity is None:
                return
            raise
        try:
            st = os.fstat(fd)
            data = _read_from(fd, 0)
            if not data:
                # Created but killed before its header was written: nothing to lose.
                if self.read_only:
                    self._adopt(fd, writable, st, {}, {}, 0, 0)
                    fd = -1
                    return
                if not locked:
                    os.close(fd)
                    fd = -1
                    with self._locked():
                        self._load(locked=True)
                    return
                self._write_header(fd)
                st = os.fstat(fd)
                data = _read_from(fd, 0)
            header_end = data.find(b"\n") + 1
            schema = self._parse_header(data[:header_end] if header_end else data)
            if schema > self.schema:
                error = StoreError(
                    _(
                        "{file} was written by a newer roundtable (store version {found}; "
                        "this roundtable reads up to version {ours}). Update roundtable; "
                        "the file was not changed."
                    ).format(file=self.path, found=schema, ours=self.schema)
                )
                self._broken = error
                raise error
            parsed = self._parse(data, header_end, 2)
            tables: dict[str, dict[str, Any]] = {}
            waiting: dict[str, list[_Chunk]] = {}
            for change in parsed.changes:
                self._take(tables, waiting, change)
            if schema < self.schema:
                # A migration sees every table.
                for name in list(waiting):
                    self._read_chunks(tables, waiting, name)
                if not self.read_only:
                    os.close(fd)
                    fd = -1
                    if locked:
                        self._migrate(tables, schema, data)
                        self._load(locked=True)
                    else:
                        with self._locked():
                            self._load(locked=True)
                    return
                tables = self._run_migrations(tables, schema)
            self._adopt(
                fd,
                writable,
                st,
                tables,
                waiting,
                header_end + parsed.consumed,
                len(parsed.changes),
            )
            fd = -1
        except _Damaged as error:
            if locked or self.read_only:
                self._broken = error
            raise
        finally:
            if fd >= 0:
                os.close(fd)

    def _adopt(
        self,
        fd: int,
        writable: bool,
        st: os.stat_result,
        tables: dict[str, dict[str, Any]],
        waiting: dict[str, list[_Chunk]],
        offset: int,
        lines: int,
    ) -> None:
        self._close_fd()
        self._fd = fd
        self._fd_writable = writable
        self._identity = (st.st_dev, st.st_ino)
        self._seen = (st.st_ino, st.st_size, st.st_mtime_ns)
        self._tables = tables
        self._waiting = waiting
        self._untracked = set() if self.read_only else set(tables)
        self._generation += 1
        self._offset = offset
        self._lines = lines

    def _parse_header(self, raw: bytes) -> int:
        try:
            header = json.loads(raw)
        except ValueError:
            header = None
        if (
            not isinstance(header, dict)
            or header.get("roundtable") != _HEADER_KIND
            or not isinstance(header.get("schema"), int)
            or isinstance(header.get("schema"), bool)
        ):
            raise self._damaged(
                1,
                _("this is not a roundtable store (line 1 should be {header})").format(
                    header=_header(self.schema).decode().strip()
                ),
            )
        schema: int = header["schema"]
        return schema

    def _create(self) -> None:
        """Create the file with its header (under the lock; never over an existing file)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return
        except OSError as error:
            raise StoreError(
                _("Cannot create the store {file}: {reason}").format(
                    file=self.path, reason=error.strerror or error
                )
            ) from error
        try:
            self._write_header(fd)
            _fsync_folder(self.path.parent)
        finally:
            os.close(fd)

    def _write_header(self, fd: int) -> None:
        header = _header(self.schema)
        try:
            written = os.write(fd, header)
            if written != len(header):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            os.fsync(fd)
        except OSError as error:
            with suppress(OSError):
                os.ftruncate(fd, 0)
            raise self._write_error(error) from error

    def _run_migrations(self, tables: Data, schema: int) -> Data:
        version = schema
        while version < self.schema:
            step = self._migrations.get(version)
            if step is None:
                error = StoreError(
                    _(
                        "{file} is store version {found}, and this roundtable cannot "
                        "upgrade it to version {ours}. The file was not changed."
                    ).format(file=self.path, found=schema, ours=self.schema)
                )
                self._broken = error
                raise error
            tables = step(tables)
            version += 1
        return tables

    def _migrate(self, tables: Data, schema: int, original: bytes) -> None:
        """Upgrade the file: keep its bytes as `<file>.v<N>.bak`, write the new one atomically."""
        migrated = self._run_migrations(tables, schema)
        backup = self.path.with_name(f"{self.path.name}.v{schema}.bak")
        try:
            with open(backup, "wb") as out:
                out.write(original)
                out.flush()
                os.fsync(out.fileno())
        except OSError as error:
            raise self._write_error(error) from error
        fd, _lines = self._rewrite(migrated)
        os.close(fd)

    def _rewrite(self, tables: Mapping[str, Mapping[str, Any]]) -> tuple[int, int]:
        """Atomically replace the file by a compact one; returns its open fd and lines."""
        temp = self.path.with_name(self.path.name + ".compact.tmp")
        fd = -1
        try:
            fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
            chunks = [_header(self.schema)]
            lines = 0
            for name, table in tables.items():
                items = list(table.items())
                for start in range(0, max(len(items), 1), _COMPACT_CHUNK):
                    chunks.append(_chunk_line(name, dict(items[start : start + _COMPACT_CHUNK])))
                    lines += 1
            data = b"".join(chunks)
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            os.fsync(fd)
            os.replace(temp, self.path)
            _fsync_folder(self.path.parent)
        except OSError as error:
            if fd >= 0:
                os.close(fd)
            with suppress(OSError):
                temp.unlink()
            raise self._write_error(error) from error
        return fd, lines

    def _changed_on_disk(self) -> bool:
        """Whether another process appended or compacted since the last sync."""
        try:
            st = os.stat(self.path)
        except OSError:
            return True
        if self._identity != (st.st_dev, st.st_ino) or st.st_size < self._offset:
            return True
        if st.st_size == self._offset:
            return False
        assert self._fd is not None
        # Complete lines beyond our offset are a change; a torn write is not (and damage
        # raises, so nothing is written over it).
        tail = _read_from(self._fd, self._offset)
        return bool(self._parse(b"\n" + tail, 1, self._lines + 2).changes)

    def _commit(self, pending: _Pending) -> None:
        """Append the pending changes as one line and fsync it (under the lock)."""
        if pending.is_empty():
            return
        data = _dumps(pending.line(self._tables)) + b"\n"
        fd = self._fd
        if fd is None or not self._fd_writable:
            raise self._write_error(OSError(errno.EACCES, os.strerror(errno.EACCES)))
        offset = self._offset
        try:
            if os.fstat(fd).st_size != offset:
                # A torn write of a killed process: cut it away before appending.
                os.ftruncate(fd, offset)
            os.lseek(fd, offset, os.SEEK_SET)
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            os.fsync(fd)
        except OSError as error:
            # Never leave a half line that a later reader could count.
            try:
                os.ftruncate(fd, offset)
                os.fsync(fd)
            except OSError:
                pass
            raise self._write_error(error) from error
        self._offset = offset + len(data)
        self._lines += 1
        st = os.fstat(fd)
        self._seen = (st.st_ino, st.st_size, st.st_mtime_ns)

    def _maybe_compact(self) -> None:
        documents = sum(len(table) for table in self._tables.values()) + sum(
            chunk.documents for chunks in self._waiting.values() for chunk in chunks
        )
        if self._lines <= max(2 * documents + self.compact_slack, self._compact_floor):
            return
        try:
            self._compact()
        except StoreError:
            # The transaction is already safe on disk; compaction can wait until there
            # is room again, and must not be retried on every single write meanwhile.
            self._compact_floor = self._lines * 2

    def _compact(self) -> None:
        for name in list(self._waiting):
            self._read_table(name)
        fd, lines = self._rewrite(self._tables)
        st = os.fstat(fd)
        self._close_fd()
        self._fd = fd
        self._fd_writable = True
        self._identity = (st.st_dev, st.st_ino)
        self._seen = (st.st_ino, st.st_size, st.st_mtime_ns)
        self._offset = st.st_size
        self._lines = lines
        self._compact_floor = 0
