"""Two processes write the same store at once while a third reads it.

Each writer adds 200 action items (and marks each done and open again, so the journal
outgrows its documents and gets compacted under the readers' feet). All 400 must be
there with unique refs; the reader, polling without a lock, must never fail and never
see the count go down.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from roundtable.domain.history import EntryKind
from roundtable.store.store import Store

WRITER = Path(__file__).with_name("store_writer.py")
PER_WRITER = 200


def lines(path: Path) -> list[tuple[str, Any]]:
    return [
        (kind, json.loads(value))
        for kind, value in (line.split(" ", 1) for line in path.read_text().splitlines())
    ]


def test_two_writers_and_a_polling_reader(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    Store.open(db).close()
    stop = tmp_path / "stop"
    outputs = {name: tmp_path / f"{name}.out" for name in ("reader", "sales", "dialog")}
    errors = {name: tmp_path / f"{name}.err" for name in outputs}

    def start(name: str, *args: str) -> subprocess.Popen[bytes]:
        with outputs[name].open("w") as out, errors[name].open("w") as err:
            return subprocess.Popen([sys.executable, str(WRITER), *args], stdout=out, stderr=err)

    reader = start("reader", "reader", str(db), str(stop))
    writers = [
        start(tag, "actions", str(db), str(PER_WRITER), tag, "0") for tag in ("sales", "dialog")
    ]
    try:
        for writer in writers:
            assert writer.wait(timeout=120) == 0
        stop.touch()
        assert reader.wait(timeout=60) == 0
    finally:
        for process in (reader, *writers):
            if process.poll() is None:
                process.kill()
    for name, path in errors.items():
        assert path.read_text() == "", f"{name} wrote to stderr"

    refs = [value for name in ("sales", "dialog") for kind, value in lines(outputs[name])]
    assert len(refs) == 2 * PER_WRITER
    assert sorted(refs, key=lambda ref: int(ref[2:])) == [
        f"A-{n}" for n in range(1, 2 * PER_WRITER + 1)
    ]

    with Store.open(db, read_only=True) as store:
        stored = store.actions(include_closed=True)
    assert sorted(item.ref for item in stored) == sorted(refs)
    assert {item.owner for item in stored} == {"sales", "dialog"}

    # 1200 transactions were appended, each keeping its event for good; the file holds
    # no more lines than the journal allows for its live documents (items and events):
    # it was compacted by whichever writer crossed the threshold.
    with Store.open(db, read_only=True) as store:
        events = sum(len(store.events(EntryKind.ACTION, item.id)) for item in stored)
    assert events == 3 * 2 * PER_WRITER  # opened, done, reopened
    assert len(db.read_bytes().splitlines()) <= 2 * (len(stored) + events) + 2

    counts = [int(value) for kind, value in lines(outputs["reader"]) if kind == "count"]
    assert counts == sorted(counts), "the reader saw the count go down"
    assert counts[-1] == 2 * PER_WRITER
    assert len(counts) > 2, "the reader never saw the writers at work"
    # Both writers' items interleave: they really wrote at the same time.
    owners_in_order = [item.owner for item in sorted(stored, key=lambda item: item.id)]
    switches = sum(a != b for a, b in itertools.pairwise(owners_in_order))
    assert switches > 1
