"""Opening a store with history reads what a command uses, not the history: changes
appended to a table still in its chunks wait with them, a first lookup by a number
parses only the chunks holding it, the carry-over reads the open items the index
kept; every chunk read is still checked against its seal. Real files throughout."""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from roundtable.domain.carry_over import read_carry_over
from roundtable.domain.entries import ActionStatus, BudgetKind
from roundtable.errors import NotFoundError, StoreError
from roundtable.store.chunks import holds_number
from roundtable.store.journal import JournalStorage
from roundtable.store.store import Store
from tests.unit.between_data import FIRST, a_meeting


def plain(data: object) -> Any:
    return json.loads(json.dumps(data))


def compacted(path: Path, tables: dict[str, dict[str, Any]]) -> None:
    db = TinyDB(str(path), storage=JournalStorage)
    for name, docs in tables.items():
        db.table(name).insert_multiple(docs.values())
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.compact()
    db.close()


def appended(path: Path) -> None:
    """Changes after the compaction: one document changed, one removed, one added in
    table `a`; one added in `b`."""
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("a").update({"n": 20}, doc_ids=[2])
    db.table("a").insert({"n": 6})
    db.table("b").insert({"n": 2})
    db.close()


A = {str(n): {"n": n} for n in range(1, 6)}


def test_a_change_to_a_table_in_its_chunks_applies_after_them_when_it_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.db"
    compacted(path, {"a": A, "b": {"1": {"n": 1}}})
    appended(path)
    expected_a = {**A, "2": {"n": 20}, "6": {"n": 6}}
    for read_only in (True, False):
        storage = JournalStorage(path, read_only=read_only)
        tables = storage.tables()
        # Streamed (nothing removed): in the order a table read whole has.
        assert list(tables.scan("a", kept=False)) == list(expected_a.items())
        assert plain(tables["a"]) == expected_a
        assert list(plain(tables["a"])) == list(expected_a)
        assert plain(tables["b"]) == {"1": {"n": 1}, "2": {"n": 2}}
        storage.close()
    # A removal waits as well; a table with one is read whole, then streamed from memory.
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("a").remove(doc_ids=[3])
    db.close()
    del expected_a["3"]
    storage = JournalStorage(path, read_only=True)
    assert dict(storage.tables().scan("a", kept=False)) == expected_a
    storage.close()
    # Compaction writes the changed table anew, the others' chunks as they were.
    storage = JournalStorage(path)
    storage.compact()
    storage.close()
    assert sum(line.startswith(b'{"chunk":') for line in path.read_bytes().splitlines()) == 2
    storage = JournalStorage(path, read_only=True)
    assert plain(storage.tables()["a"]) == expected_a
    assert plain(storage.tables()["b"]) == {"1": {"n": 1}, "2": {"n": 2}}
    storage.close()


def test_opening_reads_no_table_that_was_only_appended_to(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    compacted(path, {"b": {"1": {"n": 1}}})
    # A chunk that passes its CRC but is not JSON, then a change to its table: opening
    # does not parse it, looking the table up names its line.
    rest = b',"put":{"old":{"1":{"n":'
    bad = b'{"chunk":["old",1,' + str(zlib.crc32(rest)).encode() + b"]" + rest + b"\n"
    lines = path.read_bytes().splitlines(keepends=True)
    header = json.loads(lines[0])
    header["chunks"] += 1
    change = b'{"put":{"old":{"2":{"n":2}}}}\n'
    path.write_bytes(json.dumps(header).encode() + b"\n" + b"".join(lines[1:]) + bad + change)
    storage = JournalStorage(path)
    assert plain(storage.tables()["b"]) == {"1": {"n": 1}}
    with pytest.raises(StoreError, match=r"store\.db:3: the store is damaged: not valid JSON"):
        storage.tables()["old"]
    # Nothing is written over it.
    with pytest.raises(StoreError, match="damaged"):
        storage.read()
    assert path.read_bytes().endswith(bad + change)


def test_a_whole_number_is_held_only_by_its_own_digits() -> None:
    assert holds_number(b'{"meeting_id":21}', 21)
    assert holds_number(b"21", 21)
    assert holds_number(b'{"m":[1,21]}', 21)
    assert not holds_number(b'{"meeting_id":210,"x":121,"t":"2021"}', 21)
    assert holds_number(b'{"meeting_id":210,"x":"a21b"}', 21)  # more is fine, never less


def _store_with_history(path: Path, meetings: int) -> None:
    with Store.open(path) as store:
        for number in range(1, meetings + 1):
            meeting = store.add_meeting(a_meeting(number, FIRST + timedelta(days=14 * number)))
            assert meeting.id is not None
            store.add_decision(meeting.id, 0, f"Beschluss {number}")
            store.add_budget(
                meeting.id,
                0,
                area="sales",
                amount=Decimal(1000 + number),
                currency="EUR",
                period="2026-Q2",
                kind=BudgetKind.CUT,
            )
        store.compact()


def test_a_first_lookup_by_meeting_finds_what_the_index_finds(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    _store_with_history(path, 22)
    with Store.open(path) as store:
        everything = store.decisions()
        for meeting_id in (1, 2, 21, 22):
            first = store.decisions(meeting_id)  # without an index: chunks holding the id
            assert first == [d for d in everything if d.meeting_id == meeting_id]
            assert store.decisions(meeting_id) == first  # the index, built now
    with Store.open(path, read_only=True) as store:
        assert [b.meeting_id for b in store.budgets(21)] == [21]


def test_a_chunk_changed_in_place_after_opening_is_refused_even_if_skipped(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.db"
    _store_with_history(path, 3)
    data = path.read_bytes()
    line = next(
        number
        for number, text in enumerate(data.splitlines(), start=1)
        if text.startswith(b'{"chunk":["decisions')
    )
    with Store.open(path, read_only=True) as store:
        # Changed in place after opening (same file, same size): meeting 77 is held
        # nowhere, so the chunk would not be parsed; its seal is still checked.
        at = data.index(b"Beschluss 2")
        fd = os.open(path, os.O_WRONLY)
        try:
            os.pwrite(fd, b"X", at)
        finally:
            os.close(fd)
        with pytest.raises(StoreError, match=rf"store\.db:{line}: the store is damaged"):
            store.decisions(77)


def test_the_carry_over_on_a_compacted_store(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    with Store.open(path, clock=lambda: start - timedelta(days=14)) as store:
        first = store.add_meeting(a_meeting(1, start - timedelta(days=14)))
        assert first.id is not None
        kept_open = store.add_action("Offen", None, None, first.id, 0)
        closed_before = store.add_action("Vorher erledigt", None, None, first.id, 0)
        closed_during = store.add_action("Im Treffen erledigt", None, None, first.id, 0)
        store.set_action_status(closed_before.ref, ActionStatus.DONE)
        store.compact()
    with Store.open(path, clock=lambda: start + timedelta(minutes=5)) as store:
        store.add_meeting(replace(a_meeting(2, start), ended_at=None))
        store.set_action_status(closed_during.ref, ActionStatus.DONE)
    with Store.open(path, read_only=True) as store:
        running = store.running_meeting()
        assert running is not None
        carried = read_carry_over(store, running)
    # Open when the meeting started: the one still open and the one closed in it.
    assert [a.ref for a in carried] == [kept_open.ref, closed_during.ref]
    assert carried[1].status is ActionStatus.DONE


def test_the_latest_meetings_are_the_last_started(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    _store_with_history(path, 5)
    with Store.open(path, read_only=True) as store:
        assert [m.number for m in store.latest_meetings(None, 2)] == [4, 5]
        assert store.latest_meetings(None, 9) == store.meetings()


def test_a_meeting_found_by_number_without_every_meetings_number(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    _store_with_history(path, 22)
    with Store.open(path, read_only=True) as store:
        # First from the heads that hold the number, then from the index.
        for number in (2, 12, 21, 2, 22):
            assert store.meeting_by_number(number).number == number
        with pytest.raises(NotFoundError, match="no meeting 23"):
            store.meeting_by_number(23)
        assert store.meeting_by_number(21) == store.meeting_by_number(21)
        assert store.meeting_numbers()[store.meeting_by_number(7).id or 0] == 7
