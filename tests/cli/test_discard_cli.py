"""`roundtable discard` as a person runs it: a real process on a real store file."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from roundtable.store.store import Store
from tests.cli.test_attendee_commands import SHIPPED, run
from tests.unit.test_store import meeting


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "roundtable.db"


def test_discard_removes_a_meeting_started_by_mistake(
    tmp_path: Path, db: Path, config: Path
) -> None:
    db.parent.mkdir(parents=True)
    with Store.open(db) as store:
        store.add_meeting(meeting(1, ended=True))
        store.add_meeting(meeting(2))

    asked = run(tmp_path, db, config, "discard")
    assert asked.returncode == 2
    assert "add --yes" in asked.stderr
    assert "meeting 2" in asked.stderr

    done = run(tmp_path, db, config, "discard", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Discarded meeting 2" in done.stdout
    assert "gets number 2 again" in done.stdout
    with Store.open(db, read_only=True) as disk:
        assert disk.running_meeting() is None
        assert disk.next_meeting_number() == 2

    none = run(tmp_path, db, config, "discard", "--yes")
    assert none.returncode == 4
    assert "No meeting is running" in none.stderr


def test_discard_refuses_once_something_was_logged(
    tmp_path: Path,
    db: Path,
    config: Path,
) -> None:
    db.parent.mkdir(parents=True)
    with Store.open(db) as store:
        started = store.add_meeting(meeting(1))
        assert started.id is not None
        store.add_action("Leadliste", "sales", date(2026, 3, 17), started.id, 1)
    refused = run(tmp_path, db, config, "discard", "--yes")
    assert refused.returncode == 2
    assert "Meeting 1 cannot be discarded: 1 entry was logged or changed in it" in refused.stderr
    assert "End it instead" in refused.stderr
    with Store.open(db, read_only=True) as disk:
        assert disk.running_meeting() is not None

    german = run(tmp_path, db, config, "--lang", "de", "discard", "--yes")
    assert german.returncode == 2
    assert "Sitzung Nr. 1 kann nicht verworfen werden" in german.stderr
