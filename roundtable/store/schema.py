"""The version of the meeting log's data layout, and the steps from older ones."""

from __future__ import annotations

from roundtable.store import values
from roundtable.store.journal import Data, Migration
from roundtable.store.records import (
    MEETING_CLOCKS,
    MEETING_ITEMS,
    MEETINGS,
    Doc,
    doc_id_of,
    table_of,
)

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

SCHEMA_VERSION = 5
"""1: a meeting is one document. 2: a meeting is a head, a clock and one timing per
agenda item (`meeting_codec.MeetingParts`), so a clock step rewrites only what moved.
3: every time in one form, the history as events. 4: meetings' heads in tables of 100
ids. 5: of `records.MEETING_HEADS_SHARD` (50) ids."""


def split_meetings(data: Data) -> Data:
    """Schema 1 → 2: each meeting document becomes its head, clock and item timings.

    A document whose id is no number stays as it is, for the store to report."""
    # The steps load what they need when a store needs them: opening a current store
    # (every `roundtable actions`) loads neither the meeting codec nor the events.
    from roundtable.store import meeting_codec

    tables: Data = {}
    prefix = MEETINGS + "."
    for name, table in data.items():
        if not name.startswith(prefix):
            tables[name] = table
            continue
        heads = tables.setdefault(name, {})
        for key, doc in table.items():
            meeting_id = doc_id_of(key)
            if meeting_id is None or not isinstance(doc, dict):
                heads[key] = doc
                continue
            parts = meeting_codec.split_meeting_doc(doc)
            heads[key] = parts.head
            tables.setdefault(table_of(MEETING_CLOCKS, meeting_id), {})[key] = parts.clock
            for index, timing in enumerate(parts.items[: values.MAX_ITEMS]):
                item_id = meeting_id * values.MAX_ITEMS + index
                tables.setdefault(table_of(MEETING_ITEMS, item_id), {})[str(item_id)] = timing
    return tables


def to_events(data: Data) -> Data:
    """Schema 2 → 3 (`events.migrate_to_events`)."""
    from roundtable.store.events import migrate_to_events

    return migrate_to_events(data)


def regroup_heads(data: Data) -> Data:
    """Schema 3 → 4 and 4 → 5: meetings' heads from tables of any size (`SHARD_SIZE`
    ids in 3, 100 in 4) into tables of `records.MEETING_HEADS_SHARD` ids (`table_of`).

    A document whose id is no number stays in the table it was in, for the store to
    report."""
    tables: Data = {}
    prefix = MEETINGS + "."
    heads: list[tuple[str, dict[str, Doc]]] = []
    for name, table in data.items():
        if name.startswith(prefix):
            heads.append((name, table))
        else:
            tables[name] = table
    for name, table in heads:
        for key, doc in table.items():
            meeting_id = doc_id_of(key)
            where = name if meeting_id is None else table_of(MEETINGS, meeting_id)
            tables.setdefault(where, {})[key] = doc
    return tables


MIGRATIONS: dict[int, Migration] = {
    1: split_meetings,
    2: to_events,
    3: regroup_heads,
    4: regroup_heads,
}
"""Schema steps applied on open: `MIGRATIONS[n]` turns version-n data into version n + 1.
2 → 3: every time in one form, and the history so far as events (`events`)."""
