"""A separate process that works on a store, for the crash and concurrency tests.

    python store_writer.py journal DB SEED COMPACT_SLACK
        Random TinyDB transactions on a JournalStorage, forever. Inside each transaction,
        after its TinyDB work and before the commit, prints `B <effect>` (the documents
        it touched, as they will be); after the commit returns, `A <effect>`. A kill
        between the two may or may not have committed; before B, nothing did.

    python store_writer.py actions DB COUNT TAG COMPACT_SLACK
        COUNT × `Store.add_action`, each followed by done and reopen (so the journal grows
        past the compaction threshold); prints each new ref.

    python store_writer.py reader DB STOP_FILE
        Lists all action items in a loop until STOP_FILE exists and the count stops
        changing; prints each count it sees.

Every line is flushed at once: the test reads them while the process runs.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from tinydb.table import Table

from roundtable.store.journal import JournalStorage

TABLES = ("notes", "tasks")


def say(kind: str, payload: object) -> None:
    sys.stdout.write(f"{kind} {json.dumps(payload, ensure_ascii=False, sort_keys=True)}\n")
    sys.stdout.flush()


def random_doc(rng: random.Random) -> dict[str, Any]:
    # Now and then a document bigger than a page, so that a kill can tear its line.
    size = rng.choice((8, 16, 40, 40, 40, 70_000))
    return {
        "k": rng.randrange(20),
        "text": "".join(rng.choice('abcdefäöü €\n"\\') for _ in range(size)),
        "n": rng.random(),
    }


def journal(path: Path, seed: int, slack: int) -> None:
    storage = JournalStorage(path, compact_slack=slack)
    rng = random.Random(seed)
    say("R", {"lines": storage.line_count})
    while True:
        touched: set[tuple[str, int]] = set()
        with storage.transaction():
            for _op in range(rng.choice((1, 1, 1, 2, 3))):
                name = rng.choice(TABLES)
                table = Table(storage, name, cache_size=0)
                ids = [doc.doc_id for doc in table.all()]
                op = rng.choice(("insert", "insert", "multi", "update", "call", "upsert", "remove"))
                if op == "insert" or not ids:
                    touched.add((name, table.insert(random_doc(rng))))
                elif op == "multi":
                    new = table.insert_multiple(
                        [random_doc(rng) for _ in range(rng.randrange(2, 5))]
                    )
                    touched.update((name, doc_id) for doc_id in new)
                elif op == "update":
                    chosen = rng.sample(ids, min(len(ids), rng.randrange(1, 4)))
                    table.update({"n": rng.random(), "k": rng.randrange(20)}, doc_ids=chosen)
                    touched.update((name, doc_id) for doc_id in chosen)
                elif op == "call":
                    chosen = [rng.choice(ids)]
                    mark = rng.random()

                    def change(doc: Any, mark: float = mark) -> None:
                        doc["n"] = mark
                        doc.pop("text", None)

                    table.update(change, doc_ids=chosen)
                    touched.update((name, doc_id) for doc_id in chosen)
                elif op == "upsert":
                    key = rng.randrange(20)
                    hits = [doc.doc_id for doc in table.all() if doc.get("k") == key]
                    from tinydb import where

                    result = table.upsert({"k": key, "up": rng.random()}, where("k") == key)
                    touched.update((name, doc_id) for doc_id in [*hits, *result])
                else:
                    chosen = rng.sample(ids, min(len(ids), rng.randrange(1, 3)))
                    table.remove(doc_ids=chosen)
                    touched.update((name, doc_id) for doc_id in chosen)
            effect = effect_of(storage, touched)
            say("B", effect)
        say("A", effect)


def effect_of(storage: JournalStorage, touched: set[tuple[str, int]]) -> dict[str, Any]:
    tables = storage.read()
    put: dict[str, dict[str, Any]] = {}
    removed: dict[str, list[str]] = {}
    for name, doc_id in sorted(touched):
        doc = tables.get(name, {}).get(str(doc_id))
        if doc is None:
            removed.setdefault(name, []).append(str(doc_id))
        else:
            put.setdefault(name, {})[str(doc_id)] = dict(doc)
    return {"put": put, "rm": removed}


def actions(path: Path, count: int, tag: str, slack: int) -> None:
    from roundtable.domain.entries import ActionStatus
    from roundtable.store.store import Store

    with Store.open(path, compact_slack=slack, lock_timeout=30) as store:
        for number in range(count):
            item = store.add_action(
                f"{tag} Nachfassen Messe Hannover {number}", tag, None, None, None
            )
            store.set_action_status(item.ref, ActionStatus.DONE)
            store.set_action_status(item.ref, ActionStatus.OPEN)
            say("ref", item.ref)


def reader(path: Path, stop: Path) -> None:
    from roundtable.store.store import Store

    with Store.open(path, read_only=True) as store:
        last = -1
        while True:
            stopping = stop.exists()
            count = len(store.actions(include_closed=True))
            if count != last:
                say("count", count)
                last = count
            elif stopping:
                return
            time.sleep(0.002)


def main() -> None:
    mode, db = sys.argv[1], Path(sys.argv[2])
    if mode == "journal":
        journal(db, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "actions":
        actions(db, int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    elif mode == "reader":
        reader(db, Path(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
