"""Folding one TinyDB write into the pending change of a transaction.

TinyDB hands the storage the whole database on every write; what changed is found by
identity: tables and documents that are the ones handed out unchanged are skipped, new
documents become `TrackedDoc`s, and documents changed in place (in the sink) are put.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from roundtable.store.tracked import NOT_READ, Pending, TrackedDoc

__all__ = ["fold_insert", "fold_write"]

Tables = dict[str, dict[str, Any]]


def fold_write(
    old_tables: Tables,
    waiting: dict[str, Any],
    data: Tables,
    pending: Pending,
    sink: list[TrackedDoc],
    read_table: Callable[[str], object],
) -> Tables:
    """Fold `data` (what TinyDB writes) into `pending` and return the new tables.

    `waiting` holds the tables still unread in their chunks (`read_table` reads one);
    tables dropped from `data` are dropped from it too.
    """
    new_tables: dict[str, dict[str, Any]] = {}
    # Not `data.items()`: on what `read()` handed out, that would track every table.
    for name, table in dict.items(data):
        if table is NOT_READ:
            # Not looked at by this write: as it was (waiting, or read meanwhile).
            if name in old_tables:
                new_tables[name] = old_tables[name]
            continue
        if name in waiting:
            # Handed over without being looked up (not by TinyDB): compare it with
            # what the chunks hold.
            read_table(name)
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
            tracked = TrackedDoc(doc, (name, doc_id), sink)
            table[doc_id] = tracked
            pending.put(name, doc_id, tracked)
    for name in (old_tables.keys() | waiting.keys()) - data.keys():
        pending.reset(name)
        waiting.pop(name, None)
    # Documents changed in place, still where they were: their new content is put.
    for changed in sink:
        changed._dirty = False
        name, doc_id = changed._key
        if new_tables.get(name, {}).get(doc_id) is changed:
            pending.put(name, doc_id, changed)
    sink.clear()
    return new_tables


def fold_insert(
    tables: Tables,
    name: str,
    doc_id: str,
    doc: dict[str, Any],
    pending: Pending,
    sink: list[TrackedDoc],
    read_table: Callable[[str], dict[str, Any]],
) -> Tables:
    """Fold the insert of one new document into `pending`; returns the new tables.

    The table gets a new dict (as TinyDB's writes give it), so what was handed out
    before stays as it was; copying a bounded table is cheap, scanning it for what is
    new is what this spares."""
    table = read_table(name)
    if name not in tables:
        pending.created.add(name)
    new_tables = dict(tables)
    new_tables[name] = fresh = dict(table)
    fresh[doc_id] = tracked = TrackedDoc(doc, (name, doc_id), sink)
    pending.put(name, doc_id, tracked)
    return new_tables
