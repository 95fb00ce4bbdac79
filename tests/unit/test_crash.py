"""kill -9 at random moments loses nothing that was acknowledged.

A writer process (store_writer.py, mode `journal`) runs random TinyDB transactions on
a JournalStorage: inserts, multi-inserts, updates by fields and by callable, upserts and
removes, now and then a document larger than a page (so a kill can tear its line), and
a compaction every few dozen lines. Before each commit it prints the transaction's
effect (`B`), after the commit returns it prints it again (`A`). The test kills it with
SIGKILL at a random moment, 30 times in a row, and after each kill opens the store and
checks it is exactly what was acknowledged, or that plus the one transaction in flight.
"""

from __future__ import annotations

import copy
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from roundtable.store.journal import JournalStorage

WRITER = Path(__file__).with_name("store_writer.py")
KILLS = 30
TABLES = ("notes", "tasks")

State = dict[str, dict[str, dict[str, Any]]]


def apply(state: State, effect: dict[str, Any]) -> State:
    result = copy.deepcopy(state)
    for name, ids in effect["rm"].items():
        for doc_id in ids:
            result.setdefault(name, {}).pop(doc_id, None)
    for name, docs in effect["put"].items():
        result.setdefault(name, {}).update(docs)
    return result


def on_disk(path: Path) -> State:
    storage = JournalStorage(path, read_only=True)
    tables = storage.read()
    state = {name: {i: dict(doc) for i, doc in tables.get(name, {}).items()} for name in TABLES}
    storage.close()
    return state


def complete_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    # A line cut off by the kill (no newline yet) was never printed; it may end inside
    # a character, so only what ends in a newline is decoded.
    return data[: data.rfind(b"\n") + 1].decode("utf-8").split("\n")[:-1]


def wait_until_ready(path: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().startswith(b"R "):
            return
        assert process.poll() is None, "the writer died on its own"
        time.sleep(0.005)
    raise AssertionError("the writer did not start")


def test_kill_9_loses_no_acknowledged_change(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    rng = random.Random(20261122)
    acknowledged: State = {name: {} for name in TABLES}
    in_flight_landed = in_flight_lost = torn_tails = 0
    total_acks = 0
    for run in range(KILLS):
        out_path = tmp_path / f"writer-{run}.out"
        err_path = tmp_path / f"writer-{run}.err"
        with out_path.open("w") as out, err_path.open("w") as err:
            # A file, not a pipe: the writer must never block on its own output.
            process = subprocess.Popen(
                [sys.executable, str(WRITER), "journal", str(db), str(run), "25"],
                stdout=out,
                stderr=err,
            )
            try:
                wait_until_ready(out_path, process)
                time.sleep(rng.uniform(0.0, 0.08))
            finally:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL, err_path.read_text()

        if not db.read_bytes().endswith(b"\n"):
            torn_tails += 1
        pending: dict[str, Any] | None = None
        for line in complete_lines(out_path)[1:]:
            kind, payload = line.split(" ", 1)
            effect = json.loads(payload)
            if kind == "B":
                pending = effect
            else:
                assert kind == "A" and effect == pending
                acknowledged = apply(acknowledged, effect)
                total_acks += 1
                pending = None

        state = on_disk(db)
        if state == acknowledged:
            in_flight_lost += pending is not None
        else:
            # Only the transaction in flight may have landed, and then all of it.
            assert pending is not None, f"run {run}: state differs from what was acknowledged"
            assert state == apply(acknowledged, pending), f"run {run}: a half transaction"
            acknowledged = state
            in_flight_landed += 1

    # The next writer cuts a torn tail away; afterwards every line is whole again.
    storage = JournalStorage(db)
    storage.compact()
    storage.close()
    lines = db.read_bytes().split(b"\n")
    assert lines[-1] == b""
    assert all(json.loads(line) for line in lines[:-1])
    assert on_disk(db) == acknowledged
    assert total_acks > KILLS, "the writer hardly ran: the kills proved little"
    print(
        f"{total_acks} acknowledged transactions, in flight at the kill: "
        f"{in_flight_landed} landed, {in_flight_lost} did not; {torn_tails} torn tails"
    )
