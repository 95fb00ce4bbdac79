"""JournalStorage: every TinyDB operation round-trips; damage is refused, never written over.

The reference for "what TinyDB should end up with" is TinyDB itself on its own
MemoryStorage: each operation runs on both, and the journal must hold the same data, in
the same process and after a reopen from the file.
"""

from __future__ import annotations

import errno
import json
import os
import zlib
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from tinydb import TinyDB, where
from tinydb.operations import delete, increment
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from roundtable.errors import StoreError
from roundtable.store.compaction import MAX_APPENDED_LINES
from roundtable.store.journal import JournalStorage, TrackedDoc

HEADER = b'{"roundtable":"store","schema":1}\n'


def plain(data: object) -> Any:
    """Tables as plain JSON values, to compare storages whatever their dict classes."""
    return json.loads(json.dumps(data))


def seed(db: TinyDB) -> None:
    db.table("actions").insert_multiple(
        [
            {"text": "Leads nachfassen", "owner": "sales", "n": 1},
            {"text": "Landingpage bauen", "owner": "marketing-communication", "n": 2},
            {"text": "Schätzung abgleichen", "owner": "sales-marketing", "n": 3},
        ]
    )
    db.table("decisions").insert({"text": "Webinarreihe startet im März"})


def truncate_then_insert(db: TinyDB) -> None:
    db.table("actions").truncate()
    db.table("actions").insert({"text": "nach truncate"})


OPERATIONS: dict[str, Callable[[TinyDB], object]] = {
    "insert": lambda db: db.table("actions").insert({"text": "neu", "owner": "sales"}),
    "insert into a new table": lambda db: db.table("budgets").insert({"amount": "1000.00"}),
    "insert a Document with its id": lambda db: db.table("actions").insert(
        Document({"text": "mit id"}, doc_id=42)
    ),
    "insert_multiple": lambda db: db.table("actions").insert_multiple(
        [{"text": "eins"}, {"text": "zwei"}]
    ),
    "update by query": lambda db: db.table("actions").update(
        {"owner": "Jana Richter"}, where("owner") == "sales"
    ),
    "update by ids": lambda db: db.table("actions").update({"done": True}, doc_ids=[1, 3]),
    "update everything": lambda db: db.table("actions").update({"seen": True}),
    "update with a callable": lambda db: db.table("actions").update(
        lambda doc: doc.update({"text": doc["text"].upper()}), doc_ids=[2]
    ),
    "update with increment": lambda db: db.table("actions").update(increment("n"), doc_ids=[2]),
    "update deleting a key": lambda db: db.table("actions").update(delete("owner"), doc_ids=[1]),
    "update_multiple": lambda db: db.table("actions").update_multiple(
        [({"n": 10}, where("n") == 1), ({"n": 30}, where("n") == 3)]
    ),
    "upsert an existing document": lambda db: db.table("actions").upsert(
        {"owner": "Katrin Vogel", "n": 2}, where("n") == 2
    ),
    "upsert a new document": lambda db: db.table("actions").upsert(
        {"owner": "Katrin Vogel", "n": 99}, where("n") == 99
    ),
    "upsert a Document by id": lambda db: db.table("actions").upsert(
        Document({"text": "ersetzt"}, doc_id=3)
    ),
    "remove by query": lambda db: db.table("actions").remove(where("n") >= 2),
    "remove by ids": lambda db: db.table("actions").remove(doc_ids=[2]),
    "truncate": lambda db: db.table("actions").truncate(),
    "truncate then insert": lambda db: truncate_then_insert(db),
    "drop a table": lambda db: db.drop_table("decisions"),
    "drop all tables": lambda db: db.drop_tables(),
}


@pytest.fixture(params=["same process", "reopened"])
def reopen(request: pytest.FixtureRequest) -> bool:
    return bool(request.param == "reopened")


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_tinydb_operation_round_trips(tmp_path: Path, operation: str, reopen: bool) -> None:
    path = tmp_path / "store.db"
    reference = TinyDB(storage=MemoryStorage)
    db = TinyDB(str(path), storage=JournalStorage)
    for target in (reference, db):
        seed(target)
        OPERATIONS[operation](target)
    expected = plain(reference.storage.read())
    if reopen:
        db.close()
        db = TinyDB(str(path), storage=JournalStorage)
    assert plain(db.storage.read()) == expected
    # Every line after the header is one write: the operation changed what it said.
    assert path.read_bytes().startswith(HEADER)
    db.close()


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_tinydb_operation_round_trips_on_a_compacted_store(
    tmp_path: Path, operation: str, reopen: bool
) -> None:
    # After compaction the tables wait in their chunks until looked up: every operation
    # must find them as they are, and change them in file order.
    path = tmp_path / "store.db"
    reference = TinyDB(storage=MemoryStorage)
    seed(reference)
    OPERATIONS[operation](reference)
    db = TinyDB(str(path), storage=JournalStorage)
    seed(db)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.compact()
    db.close()
    db = TinyDB(str(path), storage=JournalStorage)
    OPERATIONS[operation](db)
    if reopen:
        db.close()
        db = TinyDB(str(path), storage=JournalStorage)
    assert plain(db.storage.read()) == plain(reference.storage.read())
    db.close()


@pytest.mark.parametrize("operation", OPERATIONS)
def test_inside_one_transaction_every_operation_is_one_line(
    tmp_path: Path, operation: str, reopen: bool
) -> None:
    path = tmp_path / "store.db"
    reference = TinyDB(storage=MemoryStorage)
    seed(reference)
    OPERATIONS[operation](reference)
    db = TinyDB(str(path), storage=JournalStorage)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    with storage.transaction():
        seed(db)
        OPERATIONS[operation](db)
    assert path.read_bytes().count(b"\n") == 2  # header and one change
    if reopen:
        storage.close()
        storage = JournalStorage(path)
    assert plain(storage.read()) == plain(reference.storage.read())


def test_a_write_outside_a_transaction_appends_one_fsynced_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    synced: list[int] = []
    real_fsync = os.fsync

    def counting(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    # storage.py calls os.fsync through the os module: this patches the OS call itself.
    monkeypatch.setattr(os, "fsync", counting)
    db.table("actions").insert({"text": "eins"})
    db.table("actions").update({"text": "zwei"}, doc_ids=[1])
    lines = path.read_bytes().splitlines()
    assert lines[1:] == [
        b'{"put":{"actions":{"1":{"text":"eins"}}}}',
        b'{"put":{"actions":{"1":{"text":"zwei"}}}}',
    ]
    assert len(synced) == 2


def test_a_new_store_is_just_its_header(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "store.db"
    JournalStorage(path).close()
    assert path.read_bytes() == HEADER


def test_a_failed_transaction_writes_nothing_and_forgets_its_changes(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert({"text": "vorher", "n": 1})
    before = path.read_bytes()
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    with pytest.raises(RuntimeError), storage.transaction():
        db.table("actions").update({"text": "halb"}, doc_ids=[1])
        db.table("actions").insert({"text": "nie"})
        raise RuntimeError("the app crashed halfway")
    assert path.read_bytes() == before
    assert plain(storage.read()) == {"actions": {"1": {"text": "vorher", "n": 1}}}


def test_a_half_applied_update_outside_a_transaction_never_reaches_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert({"text": "vorher", "n": 1})

    def breaks(doc: MutableMapping[str, Any]) -> None:
        doc["text"] = "halb"
        raise ValueError("typo in the form")

    with pytest.raises(ValueError):
        db.table("actions").update(breaks, doc_ids=[1])
    db.table("actions").insert({"text": "danach"})
    reopened = JournalStorage(path)
    assert plain(reopened.read())["actions"]["1"] == {"text": "vorher", "n": 1}
    assert b"halb" not in path.read_bytes()


def test_nested_transactions_join_the_outer_one(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    with storage.transaction():
        db.table("a").insert({"x": 1})
        with storage.transaction():
            db.table("b").insert({"y": 2})
    assert path.read_bytes().count(b"\n") == 2


def test_another_process_appends_and_this_one_reads_only_the_tail(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    first = TinyDB(str(path), storage=JournalStorage)
    second = JournalStorage(path)
    first.table("actions").insert({"text": "eins"})
    token = second.version()
    second.refresh()
    assert plain(second.read()) == {"actions": {"1": {"text": "eins"}}}
    assert second.version() == token  # nothing new, no change
    first.table("actions").update({"text": "zwei"}, doc_ids=[1])
    assert second.version() != token
    second.refresh()
    assert plain(second.read()) == {"actions": {"1": {"text": "zwei"}}}


def test_a_transaction_catches_up_before_it_changes_anything(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    app = TinyDB(str(path), storage=JournalStorage)
    terminal = TinyDB(str(path), storage=JournalStorage)
    app.table("actions").insert({"text": "aus der Runde"})
    storage = terminal.storage
    assert isinstance(storage, JournalStorage)
    with storage.transaction():
        # Fresh Table: its next id comes from the caught-up data, not a stale cache.
        terminal.table("actions").clear_cache()
        table = terminal.table("actions")
        table._next_id = None
        table.insert({"text": "vom Terminal"})
    final = plain(JournalStorage(path).read())
    assert final == {"actions": {"1": {"text": "aus der Runde"}, "2": {"text": "vom Terminal"}}}


def test_a_stale_write_outside_a_transaction_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    app = TinyDB(str(path), storage=JournalStorage)
    terminal = TinyDB(str(path), storage=JournalStorage)
    app.table("actions").insert({"text": "aus der Runde"})
    before = path.read_bytes()
    with pytest.raises(StoreError, match="changed by another process"):
        terminal.table("actions").insert({"text": "hätte überschrieben"})
    assert path.read_bytes() == before
    # The refused writer reloaded: it now sees the other process's change.
    assert plain(terminal.storage.read()) == {"actions": {"1": {"text": "aus der Runde"}}}


def test_compaction_keeps_the_data_and_others_follow_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage, compact_slack=10)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    watcher = JournalStorage(path, read_only=True)
    db.table("actions").insert({"n": 0})
    inode = path.stat().st_ino
    for n in range(1, 30):
        db.table("actions").update({"n": n}, doc_ids=[1])
    assert path.stat().st_ino != inode, "no compaction happened"
    assert storage.line_count < 30
    watcher.refresh()
    assert plain(watcher.read()) == {"actions": {"1": {"n": 29}}}
    assert plain(JournalStorage(path).read()) == {"actions": {"1": {"n": 29}}}
    assert not (tmp_path / "store.db.compact.tmp").exists()


def test_many_small_appends_are_compacted_though_their_bytes_are_few(tmp_path: Path) -> None:
    # A store grown through meetings appends many small lines that each stay live (new
    # entries), so neither the superseded-lines rule nor the bytes rule would ever
    # compact it, and every command would parse every one of those lines to open it.
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    table = db.table("entries")
    inode = path.stat().st_ino
    for n in range(MAX_APPENDED_LINES):
        table.insert({"text": f"Entscheidung {n:04d}: " + "x" * 40})
    assert path.stat().st_ino == inode, "compacted before the appended lines were many"
    for n in range(MAX_APPENDED_LINES, MAX_APPENDED_LINES + 50):
        table.insert({"text": f"Entscheidung {n:04d}: " + "x" * 40})
    assert path.stat().st_ino != inode, "no compaction happened"
    assert storage.line_count < 60
    assert len(JournalStorage(path).read()["entries"]) == MAX_APPENDED_LINES + 50


def test_explicit_compaction_rewrites_only_live_documents(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert_multiple({"n": n} for n in range(5))
    db.table("actions").remove(doc_ids=[1, 2, 3])
    db.table("empty").insert({"x": 1})
    db.table("empty").truncate()
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.compact()
    assert path.read_bytes() == sealed_header(2) + chunk(
        "actions", 2, b'{"actions":{"4":{"n":3},"5":{"n":4}}}'
    ) + chunk("empty", 0, b'{"empty":{}}')


def sealed_header(chunks: int) -> bytes:
    """The header of a compacted file: how many chunk lines follow it."""
    return b'{"roundtable":"store","schema":1,"chunks":%d}\n' % chunks


def chunk(table: str, documents: int, put: bytes) -> bytes:
    """A compacted line as the module docstring describes it."""
    rest = b',"put":' + put + b"}"
    head = json.dumps([table, documents, zlib.crc32(rest)], separators=(",", ":"))
    return b'{"chunk":' + head.encode() + rest + b"\n"


def compacted(path: Path, tables: dict[str, dict[str, Any]]) -> None:
    """Write a compacted store holding `tables`."""
    db = TinyDB(str(path), storage=JournalStorage)
    for name, docs in tables.items():
        db.table(name).insert_multiple(docs.values())
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.compact()
    db.close()


def test_a_compacted_table_is_read_only_when_it_is_looked_up(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    compacted(path, {"meetings.0": {"1": {"n": 1}}, "actions.0": {"1": {"text": "A"}}})
    # A chunk that passes its CRC but is not JSON: nothing parses it until its table is
    # looked up, so the damage shows up then, naming its line.
    rest = b',"put":{"old":{"1":{"n":'
    bad = b'{"chunk":["old",1,' + str(zlib.crc32(rest)).encode() + b"]" + rest + b"\n"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(sealed_header(3) + b"".join(lines[1:]) + bad)
    storage = JournalStorage(path)
    tables = storage.tables()
    assert set(tables) == {"meetings.0", "actions.0", "old"}
    assert plain(tables["actions.0"]) == {"1": {"text": "A"}}
    with pytest.raises(StoreError, match=r"store\.db:4: the store is damaged: not valid JSON"):
        tables["old"]
    # Damage found means no further use, above all no write over it.
    with pytest.raises(StoreError, match="damaged"):
        storage.read()
    assert path.read_bytes().endswith(bad)


def test_a_damaged_chunk_is_found_at_open(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    compacted(
        path,
        {
            "actions.0": {str(n): {"text": f"Aufgabe {n}"} for n in range(1, 50)},
            "decisions.0": {"1": {"text": "Budget freigegeben"}},
        },
    )
    lines = path.read_bytes().split(b"\n")
    # Cut out the middle of the first chunk line (the last would count as a torn
    # write): its CRC fails, so it is parsed at once.
    lines[1] = lines[1][:200] + lines[1][260:]
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(StoreError, match=r"store\.db:2: the store is damaged"):
        JournalStorage(path)


def test_a_chunk_edited_by_hand_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    compacted(path, {"actions.0": {"1": {"text": "alt"}}})
    edited = path.read_bytes().replace(b'"alt"', b'"neu"')
    path.write_bytes(edited)
    with pytest.raises(StoreError, match=r"store\.db:2: the store is damaged: the checksum"):
        JournalStorage(path)
    assert path.read_bytes() == edited


def test_changes_after_compaction_apply_over_the_chunks_in_order(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    compacted(
        path,
        {
            "actions.0": {str(n): {"n": n} for n in range(1, 2501)},
            "decisions.0": {"1": {"text": "bleibt"}},
            "gone": {"1": {"x": 1}},
        },
    )
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions.0").update({"n": -1}, doc_ids=[2000])
    db.table("actions.0").remove(doc_ids=[1])
    assert db.table("actions.0").insert({"n": "neu"}) == 2501
    db.drop_table("gone")
    db.close()
    # Another process, opened before those changes, catches up with them.
    reader = JournalStorage(path, read_only=True)
    expected = {str(n): {"n": n} for n in range(2, 2501)} | {
        "2000": {"n": -1},
        "2501": {"n": "neu"},
    }
    for storage in (JournalStorage(path, read_only=True), reader):
        data = plain(storage.read())
        assert data["actions.0"] == expected
        assert data["decisions.0"] == {"1": {"text": "bleibt"}}
        assert "gone" not in data


def test_another_process_sees_changes_to_a_table_it_has_not_read(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    compacted(path, {"actions.0": {"1": {"n": 1}, "2": {"n": 2}}})
    follower = JournalStorage(path, read_only=True)
    writer = TinyDB(str(path), storage=JournalStorage)
    writer.table("actions.0").update({"n": 20}, doc_ids=[2])
    follower.refresh()
    assert plain(follower.tables()["actions.0"]) == {"1": {"n": 1}, "2": {"n": 20}}


def test_a_torn_last_line_is_ignored_and_cut_away_by_the_next_writer(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert({"text": "bestätigt"})
    db.close()
    good = path.read_bytes()
    with path.open("ab") as file:
        file.write(b'{"put":{"actions":{"2":{"text":"abgebro')  # killed mid-write
    reader = JournalStorage(path, read_only=True)
    assert plain(reader.read()) == {"actions": {"1": {"text": "bestätigt"}}}
    writer = TinyDB(str(path), storage=JournalStorage)
    writer.table("actions").insert({"text": "danach"})
    assert path.read_bytes() == good + b'{"put":{"actions":{"2":{"text":"danach"}}}}\n'


def test_an_invalid_complete_last_line_is_a_torn_write_too(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert({"text": "bestätigt"})
    db.close()
    good = path.read_bytes()
    with path.open("ab") as file:
        file.write(b'{"put":{"actions"\x00\x00\n')
    writer = TinyDB(str(path), storage=JournalStorage)
    assert plain(writer.storage.read()) == {"actions": {"1": {"text": "bestätigt"}}}
    writer.table("actions").insert({"text": "danach"})
    assert path.read_bytes() == good + b'{"put":{"actions":{"2":{"text":"danach"}}}}\n'


def test_a_reader_waits_for_a_line_to_be_complete(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    JournalStorage(path).close()
    reader = JournalStorage(path, read_only=True)
    line = b'{"put":{"actions":{"1":{"text":"halb geschrieben"}}}}\n'
    with path.open("ab") as file:
        file.write(line[:20])
        file.flush()
        reader.refresh()
        assert reader.read() == {}
        file.write(line[20:])
    reader.refresh()
    assert plain(reader.read()) == {"actions": {"1": {"text": "halb geschrieben"}}}


def damaged(path: Path, body: bytes) -> bytes:
    content = HEADER + body
    path.write_bytes(content)
    return content


def assert_refused(path: Path, content: bytes, *patterns: str) -> StoreError:
    with pytest.raises(StoreError) as caught:
        JournalStorage(path)
    message = caught.value.message
    assert str(path) in message
    for pattern in patterns:
        assert pattern in message
    assert path.read_bytes() == content
    return caught.value


def test_corrupt_json_in_the_middle_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    content = damaged(
        path,
        b'{"put":{"actions":{"1":{"text":"eins"}}}}\n'
        b'{"put":{"actions":{"2":{"text":"zw\n'
        b'{"put":{"actions":{"3":{"text":"drei"}}}}\n',
    )
    assert_refused(path, content, f"{path}:3:", "not valid JSON")


def test_a_line_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    content = damaged(
        path,
        b'{"put":{"actions":{"1":{"text":"eins"}}}}\n{"put":{"actions":["not", "documents"]}}\n',
    )
    assert_refused(path, content, f"{path}:3:", '"put" must map')


def test_a_document_id_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    content = damaged(path, b'{"put":{"actions":{"A-1":{"text":"eins"}}}}\n')
    assert_refused(path, content, f"{path}:2:")


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    content = b'{"_default": {"1": {"text": "TinyDB JSONStorage"}}}'
    path.write_bytes(content)
    assert_refused(path, content, f"{path}:1:", "not a roundtable store")


def test_a_newer_schema_is_refused_with_both_versions(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    content = b'{"roundtable":"store","schema":7}\n{"put":{"future":{"1":{"x":1}}}}\n'
    path.write_bytes(content)
    assert_refused(path, content, "version 7", "version 1")


def test_damage_appended_while_open_stops_all_writing(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert({"text": "eins"})
    with path.open("ab") as file:
        file.write(b"garbage\n" + b'{"put":{"actions":{"2":{"text":"zwei"}}}}\n')
    content = path.read_bytes()
    with pytest.raises(StoreError, match=":3:"):
        db.table("actions").insert({"text": "drei"})
    with pytest.raises(StoreError, match=":3:"):
        db.table("actions").insert({"text": "vier"})
    assert path.read_bytes() == content


def test_a_folder_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"not a folder")
    path = blocker / "roundtable" / "store.db"
    with pytest.raises(StoreError) as caught:
        JournalStorage(path)
    assert str(path) in caught.value.message
    assert "Cannot create the folder" in caught.value.message
    assert blocker.read_bytes() == b"not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_read_only_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError) as caught:
            JournalStorage(folder / "store.db")
        assert str(folder / "store.db") in caught.value.message
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only files anyway")
def test_a_read_only_file_can_be_read_but_not_written(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert({"text": "eins"})
    db.close()
    path.chmod(0o444)
    content = path.read_bytes()
    db = TinyDB(str(path), storage=JournalStorage)
    assert plain(db.storage.read()) == {"actions": {"1": {"text": "eins"}}}
    with pytest.raises(StoreError, match="read-only"):
        db.table("actions").insert({"text": "zwei"})
    assert path.read_bytes() == content


def test_a_full_disk_leaves_no_half_line_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert({"text": "sicher"})
    content = path.read_bytes()
    real_write = os.write

    def disk_full(fd: int, data: bytes) -> int:
        # Half the line reaches the disk, then the disk is full.
        real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(StoreError) as caught:
        db.table("actions").insert({"text": "passt nicht mehr"})
    assert str(path) in caught.value.message
    assert "disk is full" in caught.value.message
    assert path.read_bytes() == content
    assert plain(db.storage.read()) == {"actions": {"1": {"text": "sicher"}}}

    monkeypatch.setattr(os, "write", real_write)  # space freed
    db.table("actions").insert({"text": "jetzt"})
    texts = [doc["text"] for doc in JournalStorage(path).read()["actions"].values()]
    assert texts == ["sicher", "jetzt"]


def test_a_failed_fsync_takes_the_line_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert({"text": "sicher"})
    content = path.read_bytes()
    real_fsync = os.fsync
    failures = iter([OSError(errno.EIO, os.strerror(errno.EIO))])

    def flaky(fd: int) -> None:
        error = next(failures, None)
        if error is not None:
            raise error
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", flaky)
    with pytest.raises(StoreError, match="not saved"):
        db.table("actions").insert({"text": "verloren"})
    assert path.read_bytes() == content


def test_a_lock_held_too_long_names_another_roundtable_process(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    storage = JournalStorage(path, lock_timeout=0.2)
    content = path.read_bytes()
    with (
        FileLock(str(storage.lock_path)),
        pytest.raises(StoreError) as caught,
        storage.transaction(),
    ):
        pass
    assert "another roundtable process" in caught.value.message
    assert str(path) in caught.value.message
    assert path.read_bytes() == content
    with storage.transaction():  # free again
        pass


def test_read_only_never_creates_or_writes(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "store.db"
    db = TinyDB(str(path), storage=JournalStorage, read_only=True)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    assert storage.read() == {}
    assert not path.parent.exists()
    with pytest.raises(StoreError, match="read-only"), storage.transaction():
        pass
    with pytest.raises(StoreError, match="read-only"):
        db.table("actions").insert({"text": "nein"})
    assert not path.parent.exists()


def test_version_is_one_stat_and_changes_with_every_commit(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    seen = {storage.version()}
    for n in range(5):
        db.table("actions").insert({"n": n})
        seen.add(storage.version())
    assert len(seen) == 6
    assert JournalStorage(tmp_path / "other.db", read_only=True).version() is None


MUTATIONS: dict[str, Callable[[TrackedDoc], object]] = {
    "setitem": lambda doc: doc.__setitem__("x", 1),
    "delitem": lambda doc: doc.__delitem__("a"),
    "update": lambda doc: doc.update(x=1),
    "pop": lambda doc: doc.pop("a"),
    "popitem": lambda doc: doc.popitem(),
    "clear": lambda doc: doc.clear(),
    "setdefault": lambda doc: doc.setdefault("x", 1),
    "|=": lambda doc: doc.__ior__({"x": 1}),
}


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_tracked_document_reports_every_kind_of_change_once(mutation: str) -> None:
    sink: list[TrackedDoc] = []
    doc = TrackedDoc({"a": 1}, ("actions", "1"), sink)
    MUTATIONS[mutation](doc)
    MUTATIONS["setitem"](doc)
    assert sink == [doc]
    assert sink[0] is doc


def test_loading_a_big_store_leaves_the_garbage_collector_alone(tmp_path: Path) -> None:
    # Pausing or freezing the collector is the `roundtable` command's business
    # (`roundtable.collector`), not the storage's: a library must not change it.
    import gc

    path = tmp_path / "store.db"
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions").insert_multiple({"text": "x" * 200, "n": n} for n in range(8000))
    db.close()
    assert path.stat().st_size > 1 << 20
    frozen = gc.get_freeze_count()
    enabled = gc.isenabled()
    JournalStorage(path, read_only=True).tables()["actions"]
    assert gc.isenabled() == enabled
    assert gc.get_freeze_count() == frozen


def test_compaction_copies_the_chunks_of_tables_nobody_read(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    compacted(
        path,
        {
            "meetings.0": {str(n): {"n": n} for n in range(1, 1500)},
            "actions.0": {"1": {"text": "alt"}},
        },
    )
    before = path.read_bytes().splitlines(keepends=True)
    meetings_lines = [line for line in before if line.startswith(b'{"chunk":["meetings.0"')]
    db = TinyDB(str(path), storage=JournalStorage)
    db.table("actions.0").update({"text": "neu"}, doc_ids=[1])
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.compact()
    after = path.read_bytes().splitlines(keepends=True)
    assert after[0] == sealed_header(3)
    assert [line for line in after if line.startswith(b'{"chunk":["meetings.0"')] == meetings_lines
    # Still waiting, now at their new lines, and read from there.
    assert plain(storage.tables()["meetings.0"]) == {str(n): {"n": n} for n in range(1, 1500)}
    assert plain(JournalStorage(path, read_only=True).read()) == {
        "meetings.0": {str(n): {"n": n} for n in range(1, 1500)},
        "actions.0": {"1": {"text": "neu"}},
    }
