"""Schema 5: meetings' heads in tables of `MEETING_HEADS_SHARD` ids, so opening the
running meeting parses a few heads, not a thousand. A store of schema 3 (heads in tables
of `SHARD_SIZE` ids) or 4 (of 100) is regrouped on open, with a backup; read-only, it is
read as it is. On real store files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from roundtable.demo.history import fill_demo
from roundtable.store.journal import JournalStorage
from roundtable.store.records import MEETING_HEADS_SHARD, MEETINGS, SHARD_SIZE
from roundtable.store.schema import SCHEMA_VERSION
from roundtable.store.store import Store
from tests.unit.test_store_records import shipped_config, write_store

MEETINGS_HELD = 2 * MEETING_HEADS_SHARD + 30


def tables_of(path: Path) -> dict[str, dict[str, Any]]:
    tables = JournalStorage(path, schema=SCHEMA_VERSION, read_only=True).read()
    return {name: dict(docs) for name, docs in tables.items()}


def test_heads_live_in_small_tables(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        fill_demo(store, shipped_config(), today=date(2026, 11, 30), meetings=MEETINGS_HELD)
    tables = tables_of(path)
    heads = {name: docs for name, docs in tables.items() if name.startswith(MEETINGS + ".")}
    assert sorted(heads) == ["meetings.0", "meetings.1", "meetings.2"]
    for name, docs in heads.items():
        shard = int(name.split(".")[1])
        assert {int(key) // MEETING_HEADS_SHARD for key in docs} == {shard}


@pytest.mark.parametrize(("schema", "heads_per_table"), [(3, SHARD_SIZE), (4, 100)])
def test_an_older_grouping_is_regrouped_with_a_backup(
    tmp_path: Path, schema: int, heads_per_table: int
) -> None:
    current = tmp_path / "current.db"
    with Store.open(current) as store:
        fill_demo(store, shipped_config(), today=date(2026, 11, 30), meetings=MEETINGS_HELD)
        meetings = store.meetings()
        latest = store.latest_meetings("round-table", 12)
        running = store.running_meeting()
    # The same data as the older schema kept it: every head in the table of its group.
    old: dict[str, dict[str, Any]] = {}
    for name, docs in tables_of(current).items():
        if name.startswith(MEETINGS + "."):
            for key, doc in docs.items():
                old.setdefault(f"{MEETINGS}.{int(key) // heads_per_table}", {})[key] = doc
        else:
            old[name] = docs
    path = tmp_path / "old.db"
    original = write_store(path, old, schema=schema)

    with Store.open(path, read_only=True) as reader:
        assert reader.meetings() == meetings
    assert path.read_bytes() == original, "a read-only open writes nothing"

    with Store.open(path) as store:
        assert store.meetings() == meetings
        assert store.latest_meetings("round-table", 12) == latest
        assert store.running_meeting() == running
    assert path.read_bytes().startswith(b'{"roundtable":"store","schema":%d' % SCHEMA_VERSION)
    assert path.with_name(f"{path.name}.v{schema}.bak").read_bytes() == original
    regrouped = tables_of(path)
    assert sorted(name for name in regrouped if name.startswith(MEETINGS + ".")) == [
        "meetings.0",
        "meetings.1",
        "meetings.2",
    ]
