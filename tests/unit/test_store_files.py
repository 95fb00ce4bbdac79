"""The store's files: one lock per real file, temp files never followed, private modes.

Real files throughout; where processes race, real processes (`store_writer.py`).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tinydb import TinyDB

from roundtable.store.journal import JournalStorage
from roundtable.store.schema import SCHEMA_VERSION
from roundtable.store.store import Store
from roundtable.store.verify import reseal_store, verify_store

WRITER = Path(__file__).with_name("store_writer.py")


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    mask: int = getattr(request, "param", 0o022)
    old = os.umask(mask)
    try:
        yield mask
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_writers_through_a_symlink_and_its_target_share_one_lock(tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    link = tmp_path / "link.db"
    Store.open(real).close()
    link.symlink_to(real.name)
    per_writer = 150
    outputs = {name: tmp_path / f"{name}.out" for name in ("link", "real")}
    processes = []
    for name, path in (("link", link), ("real", real)):
        with outputs[name].open("w") as out:
            # Slack 0: compaction all the time, through either path.
            processes.append(
                subprocess.Popen(
                    [sys.executable, str(WRITER), "actions", str(path), str(per_writer), name, "0"],
                    stdout=out,
                    stderr=subprocess.PIPE,
                )
            )
    try:
        for process in processes:
            _out, err = process.communicate(timeout=180)
            assert process.returncode == 0, err.decode()
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
    refs = [
        json.loads(line.split(" ", 1)[1])
        for name in outputs
        for line in outputs[name].read_text().splitlines()
    ]
    assert len(refs) == len(set(refs)) == 2 * per_writer
    assert link.is_symlink() and os.readlink(link) == real.name
    assert verify_store(real, schema=SCHEMA_VERSION).ok, "glued or torn lines"
    with Store.open(link, read_only=True) as store:
        stored = store.actions(include_closed=True)
    assert sorted(item.ref for item in stored) == sorted(refs)
    assert {item.owner for item in stored} == {"link", "real"}
    assert not (tmp_path / "link.db.lock").exists()


def test_compaction_through_a_symlink_keeps_the_symlink(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    real = tmp_path / "data" / "real.db"
    link = tmp_path / "link.db"
    link.symlink_to(real)
    db = TinyDB(str(link), storage=JournalStorage)
    db.table("actions").insert({"text": "über den Link"})
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.compact()
    assert link.is_symlink() and link.resolve() == real
    assert storage.lock_path == tmp_path / "data" / "real.db.lock"
    assert JournalStorage(real, read_only=True).read()["actions"] == {
        "1": {"text": "über den Link"}
    }


def test_a_planted_temp_file_symlink_is_never_followed(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    victim = tmp_path / "victim.txt"
    victim.write_text("nicht überschreiben")
    for planted in ("s.db.compact.tmp", "s.db.v0.bak"):
        (tmp_path / planted).symlink_to(victim)
    db = TinyDB(str(path), storage=JournalStorage, compact_slack=0)
    for n in range(20):
        db.table("actions").insert({"n": n})  # compacts again and again
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.compact()
    reseal_store(path, schema=1, now=datetime(2026, 12, 2, tzinfo=UTC))
    assert victim.read_text() == "nicht überschreiben"
    assert (tmp_path / "s.db.compact.tmp").is_symlink()


def test_a_leftover_temp_file_is_removed_at_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    JournalStorage(path).close()
    leftover = tmp_path / ".s.db.k1ll3d.tmp"
    leftover.write_bytes(b'{"roundtable":"store"')
    victim = tmp_path / "victim.txt"
    victim.write_text("bleibt")
    not_ours = tmp_path / ".s.db.pl4nt3d.tmp"
    not_ours.symlink_to(victim)
    JournalStorage(path, read_only=True).close()
    assert leftover.exists(), "a reader must not remove anything"
    JournalStorage(path).close()
    assert not leftover.exists()
    assert not_ours.is_symlink() and victim.read_text() == "bleibt"


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o000], indirect=True)
def test_a_new_store_its_lock_and_backups_are_private(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as store:
        store.add_action("Vertraulich", None, None, None, None)
        store.compact()
    assert mode(path) == 0o600
    assert mode(tmp_path / "s.db.lock") == 0o600
    path.write_bytes(path.read_bytes().replace(b"Vertraulich", b"Geheim"))
    assert not verify_store(path, schema=SCHEMA_VERSION).ok
    report = reseal_store(path, schema=SCHEMA_VERSION, now=datetime(2026, 12, 2, tzinfo=UTC))
    assert report.backup is not None and mode(report.backup) == 0o600
    assert mode(path) == 0o600


def test_compaction_keeps_the_mode_and_group_of_a_shared_store(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    JournalStorage(path).close()
    os.chmod(path, 0o660)
    group = os.getgid()
    if os.geteuid() == 0:
        group = 4242
        os.chown(path, -1, group)
    db = TinyDB(str(path), storage=JournalStorage)
    inode = path.stat().st_ino
    db.table("actions").insert({"text": "geteilt"})
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage.compact()
    assert path.stat().st_ino != inode
    assert mode(path) == 0o660
    assert path.stat().st_gid == group


@pytest.mark.parametrize("umask", [0o007], indirect=True)
def test_a_setgid_folder_shares_a_new_store_with_its_group(tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    os.chmod(folder, 0o2770)
    path = folder / "s.db"
    JournalStorage(path).close()
    assert mode(path) == 0o660
    assert mode(folder / "s.db.lock") == 0o660
