"""A TinyDB storage that loses nothing: an append-only journal of JSON lines.

Line 1 is a header, `{"roundtable":"store","schema":1}`; every later line is one
committed change (`changes`). A change is appended with a single `os.write` and made
durable with `os.fsync` before the write returns; only then is it acknowledged. Why
not TinyDB's JSONStorage: it rewrites the whole file in place on every write, so a kill
between write and truncate leaves garbage, and every insert costs O(size).

- **Damage.** A killed writer's torn last append is ignored and cut away by the next
  writer; anything else that does not read (a cut compacted part, a failed checksum,
  invalid JSON, a wrong shape) is `StoreError` naming file and line, and the file is
  never written again by this storage (`reader`, `chunks`).
- **Finding what changed** without comparing whole tables: `tracked`.
- **Sharing.** The lock (`locking`) is held around every read-modify-write
  (`transaction()`); the transaction first catches up with what other processes
  appended (same inode and bigger: read only the new tail; anything else: full
  reload). Readers take no lock: they consume complete lines only, and the open
  descriptor pins the inode so an atomic rename by compaction is always noticed.
  Several TinyDB writes inside one transaction become ONE line: all or nothing. A
  plain TinyDB write outside a transaction is one line too, but it is refused if
  another process appended since the data it changed was read. Everything works on
  the store's resolved path: a symlink to the store stays one, and shares its lock.
- **Compaction** (`compaction`) rewrites the file as sealed chunks once the appends
  since the last one cost more to read than a rewrite costs; tables nobody changed
  keep their chunk lines byte for byte, so it never needs the whole store in memory.
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
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from roundtable.errors import StoreError
from roundtable.i18n import _
from roundtable.store import compaction
from roundtable.store.changes import Damaged, damaged, dumps
from roundtable.store.chunks import Chunk, header_line, header_problem, parse_header
from roundtable.store.compaction import DEFAULT_COMPACT_SLACK
from roundtable.store.files import (
    leftover_temp_files,
    make_folders,
    read_from,
    write_error,
    write_new_file,
)
from roundtable.store.locking import StoreLock
from roundtable.store.migrations import Data, Migration, backup_name, newer_store, run_migrations
from roundtable.store.reader import parse_lines, read_chunks, take
from roundtable.store.tracked import NOT_READ, Pending, Tables, TrackedDoc

__all__ = [
    "DEFAULT_COMPACT_SLACK",
    "DEFAULT_LOCK_TIMEOUT",
    "Data",
    "JournalStorage",
    "Migration",
    "TrackedDoc",
]

DEFAULT_LOCK_TIMEOUT = 10.0
"""Seconds a transaction waits for another process's transaction to finish."""


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
        """The store as it was named (in messages); the file itself is `real_path`."""
        self.schema = schema
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.compact_slack = compact_slack
        self._migrations: Mapping[int, Migration] = dict(migrations or {})
        self._mutex = threading.RLock()
        self.real_path = self.path
        self._lock: StoreLock | None = None
        self._tables: dict[str, dict[str, Any]] = {}
        self._waiting: dict[str, list[Chunk]] = {}
        """Tables not read yet: their chunks, in file order (never also in `_tables`)."""
        self._fd: int | None = None
        self._fd_writable = False
        self._identity: tuple[int, int] | None = None
        """(st_dev, st_ino) of the file behind `_fd`; the open descriptor pins it."""
        self._offset = 0
        """Bytes of the file reflected in memory: the header and complete change lines."""
        self._lines = 0
        """Change lines behind `_offset` (the header not counted)."""
        self._sealed_bytes = 0
        """Bytes of the header and the chunk lines: what the last compaction wrote."""
        self._seen: tuple[int, int, int] | None = None
        self._sink: list[TrackedDoc] = []
        self._untracked: set[str] = set()
        """Tables that may hold documents not yet made `TrackedDoc`s (see `Tables`)."""
        self._txn: Pending | None = None
        self._broken: StoreError | None = None
        self._closed = False
        self._compact_floor = 0
        """After a failed compaction: don't try again below this many lines."""
        self._generation = 0
        self._readers = 0
        """Depth of `reading()` blocks this process is in (under the mutex)."""
        self._open()

    @property
    def lock_path(self) -> Path:
        return self._store_lock().path

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
            return Tables(self._tables, self._waiting, self, track=not self.read_only)

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
            pending = Pending()
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
            return Tables(self._tables, self._waiting, self, track=False)

    def version(self) -> tuple[int, int, int] | None:
        """`(st_ino, st_size, st_mtime_ns)` of the file: one `os.stat`, no read.

        Differs whenever any process has appended or compacted; None while no file exists.
        """
        try:
            st = os.stat(self.real_path)
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
            except Damaged:
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
                pending = self._txn = Pending()
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
                    read_chunks(self._tables, self._waiting, name, path=self.path)
                except Damaged as error:
                    self._broken = error
                    raise
                if not self.read_only:
                    self._untracked.add(name)
            return self._tables.get(name, {})

    def _absorb(self, data: dict[str, dict[str, Any]], pending: Pending) -> None:
        """Fold one TinyDB write into `pending` and adopt `data` as the new state."""
        old_tables = self._tables
        new_tables: dict[str, dict[str, Any]] = {}
        # Not `data.items()`: on what `read()` handed out, that would track every table.
        for name, table in dict.items(data):
            if table is NOT_READ:
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
                make_folders(folder)
            except OSError as error:
                raise StoreError(
                    _("Cannot create the folder {folder} for the store {file}: {reason}").format(
                        folder=folder, file=self.path, reason=error.strerror or error
                    )
                ) from error
        try:
            # One file, one lock, whatever the path that leads to it.
            self.real_path = Path(os.path.realpath(self.path))
            exists = self.real_path.exists()
            is_folder = self.real_path.is_dir()
        except OSError as error:
            raise self._access_error(error) from error
        if is_folder:
            raise StoreError(_("The store {file} is a folder, not a file.").format(file=self.path))
        if not exists and not self.read_only:
            with self._locked():
                self._sync(locked=True)
            return
        self.refresh()
        if not self.read_only and any(leftover_temp_files(self.real_path)):
            with self._locked():
                # Under the lock no compaction is halfway: what is left is a dead one's.
                for temp in leftover_temp_files(self.real_path):
                    with suppress(OSError):
                        temp.unlink()

    def _close_fd(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
        self._fd = None
        self._identity = None
        self._seen = None

    def _store_lock(self) -> StoreLock:
        if self._lock is None:
            self._lock = StoreLock(self.path, self.real_path, self.lock_timeout)
        return self._lock

    def _locked(self) -> Any:
        return self._store_lock().held()

    def _access_error(self, error: OSError) -> StoreError:
        return StoreError(
            _("Cannot read the store {file}: {reason}").format(
                file=self.path, reason=error.strerror or error
            )
        )

    def _write_error(self, error: OSError) -> StoreError:
        return write_error(self.path, error)

    def _sync(self, *, locked: bool) -> None:
        """Bring memory up to date with the file: nothing, the new tail, or everything."""
        try:
            st = os.stat(self.real_path)
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
            except Damaged as error:
                if locked:  # no writer can be halfway: the damage is real
                    self._broken = error
                raise
        self._load(locked=locked)

    def _read_tail(self, st: os.stat_result) -> bool:
        """Apply the lines appended since the last sync; False if a full load is needed."""
        assert self._fd is not None
        data = read_from(self._fd, self._offset - 1)
        # The byte before our offset must end a line, or the file was rewritten under
        # us (a failed append cut back after we read it): then only a reload is safe.
        if not data.startswith(b"\n"):
            return False
        parsed = parse_lines(
            data, 1, self._lines + 2, path=self.path, sealed=None, chunks_allowed=False
        )
        for change in parsed.changes:
            put = take(self._tables, self._waiting, change, path=self.path)
            if not self.read_only:
                self._untracked.update(put)
        if parsed.changes:
            self._generation += 1
        self._offset += parsed.consumed
        self._lines += len(parsed.changes)
        self._seen = (st.st_ino, st.st_size, st.st_mtime_ns)
        return True

    def _open_fd(self) -> tuple[int, bool]:
        flags = getattr(os, "O_CLOEXEC", 0)
        if not self.read_only:
            try:
                return os.open(self.real_path, os.O_RDWR | flags), True
            except PermissionError:
                pass  # readable but not writable: fine until something is written
            except OSError as error:
                raise self._access_error(error) from error
        try:
            return os.open(self.real_path, os.O_RDONLY | flags), False
        except OSError as error:
            raise self._access_error(error) from error

    def _load(self, *, locked: bool) -> None:
        """Read the whole file into a fresh state (migrating an older schema)."""
        try:
            fd, writable = self._open_fd()
        except StoreError:
            if not self.real_path.exists() and self._identity is None:
                return
            raise
        try:
            st = os.fstat(fd)
            data = read_from(fd, 0)
            if not data:
                raise damaged(self.path, 1, _("the file is empty (a store starts with a header)"))
            header_end = data.find(b"\n") + 1
            header = parse_header(data[:header_end]) if header_end else None
            if header is None:
                raise damaged(self.path, 1, header_problem(self.schema))
            if header.schema > self.schema:
                error = newer_store(self.path, header.schema, self.schema)
                self._broken = error
                raise error
            parsed = parse_lines(
                data,
                header_end,
                2,
                path=self.path,
                sealed=header.chunks,
                chunks_allowed=True,
            )
            tables: dict[str, dict[str, Any]] = {}
            waiting: dict[str, list[Chunk]] = {}
            for change in parsed.changes:
                take(tables, waiting, change, path=self.path)
            if header.schema < self.schema:
                # A migration sees every table.
                for name in list(waiting):
                    read_chunks(tables, waiting, name, path=self.path)
                if not self.read_only:
                    os.close(fd)
                    fd = -1
                    if locked:
                        self._migrate(tables, header.schema, data)
                        self._load(locked=True)
                    else:
                        with self._locked():
                            self._load(locked=True)
                    return
                tables = self._run_migrations(tables, header.schema)
            sealed = header_end + parsed.chunk_bytes
            self._adopt(fd, writable, st, tables, waiting, header_end + parsed.consumed)
            self._lines = len(parsed.changes)
            self._sealed_bytes = sealed
            fd = -1
        except Damaged as error:
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
        waiting: dict[str, list[Chunk]],
        offset: int,
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

    def _create(self) -> None:
        """Create the file with its header, whole or not at all (under the lock)."""
        try:
            write_new_file(self.real_path, header_line(self.schema))
        except OSError as error:
            raise StoreError(
                _("Cannot create the store {file}: {reason}").format(
                    file=self.path, reason=error.strerror or error
                )
            ) from error

    def _run_migrations(self, tables: Data, schema: int) -> Data:
        try:
            return run_migrations(tables, schema, self.schema, self._migrations, self.path)
        except StoreError as error:
            self._broken = error
            raise

    def _migrate(self, tables: Data, schema: int, original: bytes) -> None:
        """Upgrade the file: keep its bytes as `<file>.v<N>.bak`, write the new one atomically."""
        migrated = self._run_migrations(tables, schema)
        try:
            compaction.keep_backup(self.real_path, backup_name(self.real_path, schema), original)
        except OSError as error:
            raise self._write_error(error) from error
        fd, _size = compaction.rewrite(self.real_path, self.path, self.schema, migrated, {})
        os.close(fd)

    def _changed_on_disk(self) -> bool:
        """Whether another process appended or compacted since the last sync."""
        try:
            st = os.stat(self.real_path)
        except OSError:
            return True
        if self._identity != (st.st_dev, st.st_ino) or st.st_size < self._offset:
            return True
        if st.st_size == self._offset:
            return False
        assert self._fd is not None
        # Complete lines beyond our offset are a change; a torn write is not (and damage
        # raises, so nothing is written over it).
        tail = read_from(self._fd, self._offset)
        parsed = parse_lines(
            b"\n" + tail, 1, self._lines + 2, path=self.path, sealed=None, chunks_allowed=False
        )
        return bool(parsed.changes)

    def _commit(self, pending: Pending) -> None:
        """Append the pending changes as one line and fsync it (under the lock)."""
        if pending.is_empty():
            return
        data = dumps(pending.line(self._tables)) + b"\n"
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
        if self._lines <= self._compact_floor:
            return
        documents = sum(len(table) for table in self._tables.values()) + sum(
            chunk.documents for chunks in self._waiting.values() for chunk in chunks
        )
        if not compaction.pays(
            sealed_bytes=self._sealed_bytes,
            appended_bytes=self._offset - self._sealed_bytes,
            lines=self._lines,
            documents=documents,
            slack=self.compact_slack,
        ):
            return
        try:
            self._compact()
        except StoreError:
            # The transaction is already safe on disk; compaction can wait until there
            # is room again, and must not be retried on every single write meanwhile.
            self._compact_floor = self._lines * 2

    def _compact(self) -> None:
        fd, chunks = compaction.rewrite(
            self.real_path, self.path, self.schema, self._tables, self._waiting
        )
        st = os.fstat(fd)
        self._close_fd()
        self._fd = fd
        self._fd_writable = True
        self._identity = (st.st_dev, st.st_ino)
        self._seen = (st.st_ino, st.st_size, st.st_mtime_ns)
        self._offset = st.st_size
        self._sealed_bytes = st.st_size
        self._lines = chunks.lines
        self._waiting = chunks.waiting
        self._compact_floor = 0
