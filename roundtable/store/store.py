"""The durable meeting log: one `Store` per file that opens it, locks it and hands out
transactions (`store_file`), over one repository per kind of record (`meetings`,
`decisions`, `actions`, `budgets`, `campaigns`, `notes`).

TinyDB holds the data; `journal.JournalStorage` makes every write atomic, durable and
safe to share between the facilitator's app and attendees' commands. Every method is
one transaction: it takes the file lock, catches up with what other processes wrote,
does its TinyDB work and appends it as one fsynced line (`transaction()` groups several
calls into one). Reads take no lock. Ids never repeat (see `records`).
"""

from __future__ import annotations

from roundtable.store.action_items import ActionItemMethods
from roundtable.store.actions import StatusChange
from roundtable.store.approvals import ApprovalMethods
from roundtable.store.as_of import AsOfMethods
from roundtable.store.campaign_methods import CampaignMethods
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


class Store(CampaignMethods, ActionItemMethods, LoggedEntries, ApprovalMethods, AsOfMethods):
    """One store file. Open with `Store.open(path)` (`StoreFile.open`); every method is
    one transaction.

    The methods live per kind of record: the file itself in `store_file`, meetings and
    events in `opened`, decisions, budgets and notes in `logged_entries`, action items
    in `action_list` (reading) and `action_items`, campaigns in `campaign_methods`, the
    approval of the last minutes in `approvals`.
    """
