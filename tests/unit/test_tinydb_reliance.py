"""What `JournalStorage` assumes about TinyDB's internals, checked on the TinyDB installed.

The storage learns what a write changed without comparing whole tables (see
`roundtable.store.tracked`): it relies on `Table._update_table` reading all tables,
building a NEW dict for the one table it changes (holding the same document objects),
mutating documents in place for updates, popping ids for removes, and handing every
other table back as the very object it read. pyproject.toml pins the TinyDB versions
this holds for; this test says so when a new one breaks it.
"""

from __future__ import annotations

from typing import Any

import tinydb
from tinydb import TinyDB
from tinydb.storages import Storage

Tables = dict[str, dict[str, Any]]


class Recording(Storage):
    """Hands out fixed table objects and keeps what TinyDB writes back."""

    def __init__(self) -> None:
        self.tables: Tables = {
            "actions": {"1": {"text": "eins"}, "2": {"text": "zwei"}},
            "decisions": {"1": {"text": "bleibt"}},
        }
        self.written: list[Tables] = []

    def read(self) -> Tables:
        return dict(self.tables)

    def write(self, data: Tables) -> None:
        self.written.append(data)
        self.tables = data


def fresh() -> tuple[TinyDB, Recording, Tables]:
    db = TinyDB(storage=Recording)
    storage = db.storage
    assert isinstance(storage, Recording)
    return db, storage, dict(storage.tables)


def test_the_installed_tinydb_is_a_pinned_one() -> None:
    major, minor = (int(part) for part in tinydb.__version__.split(".")[:2])
    assert major == 4 and minor >= 8


def test_an_update_mutates_the_document_in_a_new_table_dict() -> None:
    db, storage, before = fresh()
    documents = dict(before["actions"])
    db.table("actions", cache_size=0).update({"done": True}, doc_ids=[2])
    (written,) = storage.written
    assert written["actions"] is not before["actions"]
    assert written["actions"]["2"] is documents["2"], "not changed in place"
    assert documents["2"] == {"text": "zwei", "done": True}
    assert written["actions"]["1"] is documents["1"]
    assert written["decisions"] is before["decisions"], "an unchanged table was copied"


def test_a_remove_pops_the_id_and_an_insert_adds_a_new_plain_dict() -> None:
    db, storage, before = fresh()
    table = db.table("actions", cache_size=0)
    table.remove(doc_ids=[1])
    assert storage.written[-1]["actions"].keys() == {"2"}
    new_id = table.insert({"text": "drei"})
    written = storage.written[-1]["actions"]
    assert new_id == 3
    assert type(written["3"]) is dict
    assert written["2"] is before["actions"]["2"]


def test_a_table_is_looked_up_by_name_before_its_documents_change() -> None:
    # `Tables` makes a table's documents `TrackedDoc`s when TinyDB looks the table up:
    # TinyDB must look it up with `tables[name]` (not iterate values) before updating.
    looked_up: list[str] = []

    class Watching(dict[str, dict[str, Any]]):
        def __getitem__(self, name: str) -> dict[str, Any]:
            looked_up.append(name)
            return super().__getitem__(name)

    class WatchingStorage(Recording):
        def read(self) -> Tables:
            return Watching(self.tables)

    db = TinyDB(storage=WatchingStorage)
    db.table("actions", cache_size=0).update({"done": True}, doc_ids=[1])
    assert "actions" in looked_up
    assert "decisions" not in looked_up
