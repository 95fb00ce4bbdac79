"""A cut, bit-flipped or hand-edited store is refused, never read as a smaller one, and
never written over; `verify` finds every problem, `reseal` seals a deliberate edit.

The stores are real files built the way the app builds them (the demo history through
`Store`, then appends from the app's own operations); cuts and flips hit random points
of them, with a fixed seed so that a failure can be replayed.
"""

from __future__ import annotations

import json
import os
import random
import stat
from contextlib import suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from roundtable.demo.history import fill_demo
from roundtable.domain.config import load_config
from roundtable.domain.entries import ActionStatus
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.errors import StoreError
from roundtable.store.journal import JournalStorage
from roundtable.store.store import Store
from roundtable.store.verify import reseal_store, verify_store

SEED = 20261202


def plain(data: object) -> Any:
    return json.loads(json.dumps(data))


def everything(path: Path) -> dict[str, Any]:
    """All tables of the store at `path`, every chunk read."""
    storage = JournalStorage(path, read_only=True)
    try:
        tables = storage.read()
        return {name: plain(tables[name]) for name in list(tables)}
    finally:
        storage.close()


@pytest.fixture(scope="module")
def compacted_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int]:
    """A compacted demo store followed by a few appends; and where the appends start."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    config = load_config(shipped_defaults_dir(), "the shipped defaults")
    with Store.open(path) as store:
        fill_demo(store, config, today=date(2026, 11, 22), meetings=12, seed=3)
        store.compact()
    sealed = len(path.read_bytes())
    with Store.open(path) as store:
        for item in store.actions()[:4]:
            store.set_action_status(item.ref, ActionStatus.DONE)
    return path.read_bytes(), sealed


def states_by_line(data: bytes, tmp_path: Path) -> dict[int, dict[str, Any]]:
    """The store's content after each complete line from the end of its sealed part."""
    lines = data.splitlines(keepends=True)
    states = {}
    offset = 0
    for line in lines:
        offset += len(line)
        probe = tmp_path / f"prefix-{offset}.db"
        probe.write_bytes(data[:offset])
        # Inside the sealed part every prefix is refused (checked by the caller).
        with suppress(StoreError):
            states[offset] = everything(probe)
        probe.unlink()
    return states


def test_a_compacted_store_cut_anywhere_is_refused_or_read_whole(
    tmp_path: Path, compacted_demo: tuple[bytes, int]
) -> None:
    data, sealed = compacted_demo
    states = states_by_line(data, tmp_path)
    assert min(states) >= sealed, "a cut inside the compacted part was read as a store"
    rng = random.Random(SEED)
    cuts = {0, 1, sealed - 1, sealed, *rng.sample(range(len(data)), 150)}
    cuts |= {offset - 1 for offset in states} | {offset + 1 for offset in states}
    path = tmp_path / "cut.db"
    for cut in sorted(cut for cut in cuts if 0 <= cut < len(data)):
        path.write_bytes(data[:cut])
        if cut < sealed:
            with pytest.raises(StoreError, match=r"cut\.db:\d+: the store is damaged"):
                JournalStorage(path)
            # A command that writes must refuse too, and leave the file as it is.
            with pytest.raises(StoreError, match="damaged"), Store.open(path) as store:
                store.add_action("Nach dem Schnitt", None, None, None, None)
            assert path.read_bytes() == data[:cut], f"cut at {cut} was written over"
        else:
            # Past the compacted part only a killed writer's torn append is dropped:
            # what is read is exactly the state of the last complete line.
            complete = max(offset for offset in states if offset <= cut)
            assert everything(path) == states[complete], f"cut at {cut}"


def test_a_flipped_bit_in_the_compacted_part_is_refused(
    tmp_path: Path, compacted_demo: tuple[bytes, int]
) -> None:
    data, sealed = compacted_demo
    rng = random.Random(SEED + 1)
    path = tmp_path / "flipped.db"
    for position in rng.sample(range(sealed), 120):
        flipped = bytearray(data)
        flipped[position] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(flipped))
        with pytest.raises(StoreError, match=r"flipped\.db"):
            JournalStorage(path).read()
        assert path.read_bytes() == bytes(flipped)


def test_an_amount_edited_in_a_chunk_is_refused_naming_its_line(
    tmp_path: Path, compacted_demo: tuple[bytes, int]
) -> None:
    data, _sealed = compacted_demo
    lines = data.splitlines(keepends=True)
    number, line = next(
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.startswith(b'{"chunk":["budgets') and b'"amount":"' in line
    )
    start = line.index(b'"amount":"') + len(b'"amount":"')
    edited = line[:start] + b"9" + line[start + 1 :]
    path = tmp_path / "edited.db"
    path.write_bytes(b"".join([*lines[: number - 1], edited, *lines[number:]]))
    with pytest.raises(
        StoreError, match=rf"edited\.db:{number}: the store is damaged: the checksum"
    ):
        Store.open(path).budgets()


def test_verify_reports_every_problem_with_its_line(
    tmp_path: Path, compacted_demo: tuple[bytes, int]
) -> None:
    data, _sealed = compacted_demo
    path = tmp_path / "store.db"
    path.write_bytes(data)
    assert verify_store(path, schema=1).ok
    lines = data.splitlines(keepends=True)
    lines[1] = lines[1].replace(b'"meetings":', b'"meetingz":')
    lines[-2] = b'{"put":{"actions":\n'
    path.write_bytes(b"".join(lines))
    report = verify_store(path, schema=1)
    assert [finding.line for finding in report.findings] == [2, len(lines) - 1]
    assert "checksum" in report.findings[0].message
    assert "not valid JSON" in report.findings[1].message


def test_reseal_keeps_a_private_backup_and_seals_the_edit(
    tmp_path: Path, compacted_demo: tuple[bytes, int]
) -> None:
    data, _sealed = compacted_demo
    path = tmp_path / "store.db"
    edited = data.replace(b"leads", b"Leads")
    assert edited != data
    path.write_bytes(edited)
    os.chmod(path, 0o640)
    report = reseal_store(path, schema=1, now=datetime(2026, 12, 2, 5, 0, tzinfo=UTC))
    assert report.backup == tmp_path / "store.db.bak-20261202T050000"
    assert report.backup.read_bytes() == edited
    assert stat.S_IMODE(report.backup.stat().st_mode) == 0o640
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert verify_store(path, schema=1).ok
    assert b"leads" not in path.read_bytes()
    original = tmp_path / "original.db"
    original.write_bytes(data)
    expected = json.loads(json.dumps(everything(original)).replace("leads", "Leads"))
    assert everything(path) == expected
    # A second reseal has nothing to do and keeps no second backup.
    assert reseal_store(path, schema=1, now=datetime(2026, 12, 2, 6, 0, tzinfo=UTC)).backup is None


def test_reseal_refuses_what_is_not_json_and_changes_nothing(
    tmp_path: Path, compacted_demo: tuple[bytes, int]
) -> None:
    data, _sealed = compacted_demo
    lines = data.splitlines(keepends=True)
    lines[2] = lines[2][:40] + b"\n"
    broken = b"".join(lines)
    path = tmp_path / "store.db"
    path.write_bytes(broken)
    with pytest.raises(StoreError, match=r"store\.db:3: the store is damaged"):
        reseal_store(path, schema=1, now=datetime(2026, 12, 2, tzinfo=UTC))
    assert path.read_bytes() == broken
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.db", "store.db.lock"]


def test_an_empty_file_is_not_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match=r"store\.db:1: the store is damaged: the file is empty"):
        JournalStorage(path)
    assert path.read_bytes() == b""


def test_a_damaged_complete_last_append_is_refused_not_dropped(tmp_path: Path) -> None:
    # A write that is cut off never ends in its newline: a complete last line that does
    # not read is damage (a flipped byte, an edit), and the next write must not cut it.
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.add_action("Erste", None, None, None, None)
        store.add_action("Zweite", None, None, None, None)
    data = path.read_bytes()
    last = data.rindex(b'"Zweite"')
    damaged = data[:last] + b"\x7f" + data[last + 1 :]
    path.write_bytes(damaged)
    with pytest.raises(StoreError, match=r"store\.db:\d+: the store is damaged: not valid JSON"):
        Store.open(path).add_action("Dritte", None, None, None, None)
    assert path.read_bytes() == damaged
