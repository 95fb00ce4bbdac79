"""The file behind a `JournalStorage`: loading it, catching up with other processes,
appending one change, compacting; all on the store's real path, under its lock where a
change is made (see `roundtable.store.journal` for the whole picture).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from roundtable.errors import StoreError
from roundtable.i18n import _
from roundtable.store import compaction, reader
from roundtable.store.changes import Damaged, damaged, dumps
from roundtable.store.chunks import header_line, header_problem, parse_header, scanned_lines
from roundtable.store.files import append_line, read_from, write_error, write_new_file
from roundtable.store.locking import StoreLock
from roundtable.store.migrations import Data, Migration, backup_name, newer_store, run_migrations
from roundtable.store.reader import chunk_documents, lines_in, parse_lines, sealed_fetch, take
from roundtable.store.tracked import Pending
from roundtable.store.waiting import Waiting, documents_waiting, only_chunks, streamable

__all__ = ["JournalFile"]


class JournalFile:
    """The file state of a journal storage and what reads and writes it."""

    def __init__(
        self,
        path: Path,
        *,
        schema: int,
        migrations: Mapping[int, Migration] | None,
        read_only: bool,
        lock_timeout: float,
        compact_slack: int,
    ) -> None:
        self.path = path
        """The store as it was named (in messages); the file itself is `real_path`."""
        self.real_path = path
        self.schema = schema
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.compact_slack = compact_slack
        self._migrations: Mapping[int, Migration] = dict(migrations or {})
        self._lock: StoreLock | None = None
        self._tables: dict[str, dict[str, Any]] = {}
        self._waiting: Waiting = {}
        """Tables not read yet: their chunks, in file order, then what was appended to
        them (never also in `_tables`)."""
        self._untracked: set[str] = set()
        """Tables that may hold documents not yet made `TrackedDoc`s (see `tracked`)."""
        self._fd: int | None = None
        self._fd_writable = False
        self._identity: tuple[int, int] | None = None
        """(st_dev, st_ino) of the file behind `_fd`; the open descriptor pins it."""
        self._offset = 0
        """Bytes of the file reflected in memory: the header and complete change lines."""
        self._lines = 0
        """Change lines behind `_offset` (the header not counted)."""
        self._sealed_bytes = 0
        self._sealed_lines = 0
        """How many of `_lines` are the compacted part's chunk lines."""
        """Bytes of the header and the chunk lines: what the last compaction wrote."""
        self._seen: tuple[int, int, int] | None = None
        self._broken: StoreError | None = None
        self._compact_floor = 0
        """After a failed compaction: don't try again below this many lines."""
        self._generation = 0

    def _read_table(self, name: str) -> dict[str, Any]:
        """Table `name`, read from its chunks if it waits in them (`JournalStorage`)."""
        raise NotImplementedError

    def _streamed(
        self, name: str, kept: bool, number: int | None = None
    ) -> Iterator[tuple[str, Any]] | None:
        """(id, document) of waiting table `name` from its chunks, none kept (to read
        only; `kept`, `number`: see `reader.chunk_documents`), or None: then it is read
        (`waiting.streamable`)."""
        pieces = self._waiting.get(name)
        if pieces is None or self._fd is None or not streamable(pieces, kept):
            return None
        fetch = sealed_fetch(self._fd, self.path)
        return chunk_documents(
            list(pieces), name, path=self.path, fetch=fetch, kept=kept, number=number
        )

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

    def _locked(self) -> AbstractContextManager[None]:
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
            lines_in(data, 1, self._offset - 1),
            self._lines + 2,
            path=self.path,
            sealed=None,
            chunks_allowed=False,
        )
        fetch = sealed_fetch(self._fd, self.path)
        for change in parsed.changes:
            put = take(
                self._tables,
                self._waiting,
                change,
                path=self.path,
                fetch=fetch,
                packed=True,
            )
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
            # Line by line: the chunks of a big store stay in the file until used.
            lines = scanned_lines(fd, 0)
            first = next(lines, None)
            if first is None:
                raise damaged(self.path, 1, _("the file is empty (a store starts with a header)"))
            header = parse_header(first[1]) if first[2] else None
            if header is None:
                raise damaged(self.path, 1, header_problem(self.schema))
            header_end = len(first[1]) + 1
            if header.schema > self.schema:
                error = newer_store(self.path, header.schema, self.schema)
                self._broken = error
                raise error
            tables: dict[str, dict[str, Any]] = {}
            waiting: Waiting = {}
            fetch = sealed_fetch(fd, self.path)
            # A migration changes documents in place: then they are read unpacked.
            packed = header.schema == self.schema
            parsed = parse_lines(
                lines,
                2,
                path=self.path,
                sealed=header.chunks,
                chunks_allowed=True,
                take_line=lambda change: take(
                    tables, waiting, change, path=self.path, fetch=fetch, packed=packed
                ),
            )
            if header.schema < self.schema:
                # A migration sees every table.
                for name in list(waiting):
                    reader.read_chunks(tables, waiting, name, path=self.path, fetch=fetch)
                if not self.read_only:
                    original = read_from(fd, 0)
                    os.close(fd)
                    fd = -1
                    if locked:
                        self._migrate(tables, header.schema, original)
                        self._load(locked=True)
                    else:
                        with self._locked():
                            self._load(locked=True)
                    return
                tables = self._run_migrations(tables, header.schema)
            sealed = header_end + parsed.chunk_bytes
            self._adopt(fd, writable, st, tables, waiting, header_end + parsed.consumed)
            self._lines = parsed.lines
            self._sealed_bytes = sealed
            self._sealed_lines = parsed.chunk_lines
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
        waiting: Waiting,
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
            lines_in(tail, 0, self._offset),
            self._lines + 2,
            path=self.path,
            sealed=None,
            chunks_allowed=False,
        )
        return bool(parsed.lines)

    def _commit(self, pending: Pending) -> None:
        """Append the pending changes as one line and fsync it (under the lock)."""
        if pending.is_empty():
            return
        data = dumps(pending.line(self._tables)) + b"\n"
        fd = self._fd
        if fd is None or not self._fd_writable:
            raise self._write_error(OSError(errno.EACCES, os.strerror(errno.EACCES)))
        try:
            append_line(fd, self._offset, data)
        except OSError as error:
            raise self._write_error(error) from error
        self._offset += len(data)
        self._lines += 1
        st = os.fstat(fd)
        self._seen = (st.st_ino, st.st_size, st.st_mtime_ns)

    def _maybe_compact(self) -> None:
        if self._lines <= self._compact_floor:
            return
        documents = sum(map(len, self._tables.values())) + documents_waiting(self._waiting)
        if not compaction.pays(
            sealed_bytes=self._sealed_bytes,
            appended_bytes=self._offset - self._sealed_bytes,
            appended_lines=self._lines - self._sealed_lines,
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
        assert self._fd is not None
        waiting = only_chunks(self._waiting, self._read_table)
        fd, chunks = compaction.rewrite(
            self.real_path,
            self.path,
            self.schema,
            self._tables,
            waiting,
            sealed_fetch(self._fd, self.path),
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
        self._sealed_lines = chunks.lines
        kept: Waiting = {name: list(pieces) for name, pieces in chunks.waiting.items()}
        self._waiting = kept
        self._compact_floor = 0
