"""One store file, opened: its storage, transactions and reads, and no kind of record
yet. `Store` adds the methods per kind of record on top of it; `ActionItemList` adds
only the action items' reads, so `roundtable actions` loads no other repository.

TinyDB holds the data; `journal.JournalStorage` makes every write atomic, durable and
safe to share between the facilitator's app and attendees' commands. Every method is
one transaction: it takes the file lock, catches up with what other processes wrote,
does its TinyDB work and appends it as one fsynced line (`transaction()` groups several
calls into one). Reads take no lock. Ids never repeat (see `records`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from roundtable.domain.clock import Clock, system_clock
from roundtable.store.journal import DEFAULT_COMPACT_SLACK, DEFAULT_LOCK_TIMEOUT, JournalStorage
from roundtable.store.records import Records
from roundtable.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["StoreFile"]


class StoreFile:
    """One store file, opened: its lock, transactions, reads and clock."""

    path: Path

    def __init__(self, path: Path, storage: JournalStorage, clock: Clock) -> None:
        self.path = path
        self._storage = storage
        self._records = Records(path, storage, clock)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock = system_clock,
        read_only: bool = False,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        compact_slack: int = DEFAULT_COMPACT_SLACK,
    ) -> Self:
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

    @property
    def clock(self) -> Clock:
        """Where timestamps come from (settable, e.g. for `roundtable demo`)."""
        return self._records.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self._records.clock = clock

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
