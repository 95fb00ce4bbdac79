"""The durable meeting log: one `Store` per file that opens it, locks it and hands out
transactions, over one repository per kind of record (`meetings`, `decisions`,
`actions`, `budgets`, `campaigns`).

TinyDB holds the data; `journal.JournalStorage` makes every write atomic, durable and
safe to share between the facilitator's app and attendees' commands. Every method is
one transaction: it takes the file lock, catches up with what other processes wrote,
does its TinyDB work and appends it as one fsynced line (`transaction()` groups several
calls into one). Reads take no lock. Ids never repeat (see `records`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Self

from roundtable.domain.clock import Clock, system_clock
from roundtable.store.action_items import ActionItemMethods
from roundtable.store.actions import StatusChange
from roundtable.store.campaign_methods import CampaignMethods
from roundtable.store.journal import DEFAULT_COMPACT_SLACK, DEFAULT_LOCK_TIMEOUT, JournalStorage
from roundtable.store.logged_entries import LoggedEntries
from roundtable.store.meetings import MeetingCounts
from roundtable.store.records import SHARD_SIZE
from roundtable.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SHARD_SIZE",
    "MeetingCounts",
    "StatusChange",
    "Store",
]


class Store(CampaignMethods, ActionItemMethods, LoggedEntries):
    """One store file. Open with `Store.open(path)`; every method is one transaction.

    The methods live per kind of record: meetings and events in `opened`, decisions,
    budgets and notes in `logged_entries`, action items in `action_items`, campaigns
    in `campaign_methods`.
    """

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
