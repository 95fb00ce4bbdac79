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
- **Finding what changed** without comparing whole tables: `tracked`. The file
  behind it (load, catch up, append, compact) is `catchup`.
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

import os
from _thread import RLock  # threading's RLock; importing threading costs ~0.6 ms
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from roundtable.errors import StoreError
from roundtable.i18n import _
from roundtable.store.catchup import JournalFile
from roundtable.store.changes import Damaged
from roundtable.store.compaction import DEFAULT_COMPACT_SLACK
from roundtable.store.files import (
    leftover_temp_files,
    make_folders,
)
from roundtable.store.folding import fold_insert, fold_write
from roundtable.store.migrations import Data, Migration
from roundtable.store.reader import read_chunks, sealed_fetch
from roundtable.store.tracked import Pending, Tables, TrackedDoc

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


class JournalStorage(JournalFile, Storage):
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
        JournalFile.__init__(
            self,
            Path(path),
            schema=schema,
            migrations=migrations,
            read_only=read_only,
            lock_timeout=lock_timeout,
            compact_slack=compact_slack,
        )
        self._mutex = RLock()
        self._sink: list[TrackedDoc] = []
        self._txn: Pending | None = None
        self._closed = False
        self._readers = 0
        """Depth of `reading()` blocks this process is in (under the mutex)."""
        self._open()

    @property
    def lock_path(self) -> Path:
        return self._store_lock().path

    # --- TinyDB's Storage interface ---------------------------------------------

    def read(self) -> Tables:
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

    def insert(self, name: str, doc_id: str, doc: dict[str, Any]) -> None:
        """Add a new document to table `name` in the running transaction: what a TinyDB
        write of the table with it records, without copying and scanning the table."""
        with self._mutex:
            self._check_usable()
            txn = self._txn
            if txn is None or self._sink:
                # Outside a transaction, or after a change that never reached a write:
                # the general path, which refuses or poisons as it must.
                tables = self.read()
                tables[name] = {**tables.get(name, {}), doc_id: doc}
                self.write(tables)
                return
            self._tables = fold_insert(
                self._tables, name, doc_id, doc, txn, self._sink, self._read_table
            )
            self._generation += 1

    def tables(self) -> Tables:
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
                assert self._fd is not None
                fetch = sealed_fetch(self._fd, self.path)
                try:
                    tables, waiting = self._tables, self._waiting
                    read_chunks(tables, waiting, name, path=self.path, fetch=fetch, packed=True)
                except Damaged as error:
                    self._broken = error
                    raise
                if not self.read_only:
                    self._untracked.add(name)
            return self._tables.get(name, {})

    def _absorb(self, data: dict[str, dict[str, Any]], pending: Pending) -> None:
        """Fold one TinyDB write into `pending` and adopt `data` as the new state."""
        self._tables = fold_write(
            self._tables, self._waiting, data, pending, self._sink, self._read_table
        )
        self._generation += 1

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
