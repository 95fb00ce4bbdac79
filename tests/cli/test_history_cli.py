"""History from a terminal, as real processes on a real store: `--by`, a reopen that
needs its reason, `signoff`, and minutes that stay as they were exported."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from roundtable.domain.config import load_config
from roundtable.domain.entries import ActionStatus, BudgetKind
from roundtable.domain.history import EntryKind, EventKind
from roundtable.domain.meeting import Attendee
from roundtable.domain.timebox import end, new_meeting, next_item
from roundtable.store.store import Store
from tests.helpers.cli import run_roundtable

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    return folder


@pytest.fixture
def db(tmp_path: Path, config: Path) -> Path:
    """Meeting 1 (A-1 done in it, B-1 a cut awaiting sign-off) and meeting 2, ended."""
    path = tmp_path / "roundtable.db"
    team = load_config(config, "test")
    agenda = team.agenda("round-table")
    assert agenda is not None
    moment = [T0]
    with Store.open(path, clock=lambda: moment[0]) as store:
        people = (Attendee("Katrin Vogel", "sales-marketing"),)
        first = store.add_meeting(new_meeting(agenda, people, "Katrin Vogel", 1, T0))
        assert first.id is not None
        first = next_item(first, T0)
        store.add_action("Preisliste prüfen", "sales", None, first.id, 0)
        store.set_action_status("A-1", ActionStatus.DONE, first.id)
        store.add_budget(
            first.id,
            5,
            area="communication",
            amount=Decimal("5000"),
            currency="EUR",
            period="2026-Q2",
            kind=BudgetKind.CUT,
            needs_signoff=True,
        )
        moment[0] = T0 + timedelta(hours=2)
        store.save_meeting(end(first, moment[0]))
        moment[0] = T0 + timedelta(days=14)
        second = store.add_meeting(new_meeting(agenda, people, "Katrin Vogel", 2, moment[0]))
        moment[0] += timedelta(hours=2)
        store.save_meeting(end(next_item(second, moment[0] - timedelta(hours=1)), moment[0]))
    return path


def run(tmp_path: Path, db: Path, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_roundtable(
        tmp_path,
        *args,
        env={"ROUNDTABLE_DB": str(db), "ROUNDTABLE_CONFIG": str(config), "ROUNDTABLE_LANG": "en"},
    )


def test_reopening_an_item_closed_in_an_earlier_meeting_needs_a_reason(
    tmp_path: Path, db: Path, config: Path
) -> None:
    before = [run(tmp_path, db, config, "export", str(n)).stdout for n in (1, 2)]
    refused = run(tmp_path, db, config, "reopen", "A-1")
    assert refused.returncode == 2
    assert "A-1 was closed in meeting 1" in refused.stderr and "--note" in refused.stderr
    unknown = run(tmp_path, db, config, "reopen", "A-1", "--note", "x", "--by", "Niemand")
    assert unknown.returncode == 2 and "Niemand" in unknown.stderr
    done = run(
        tmp_path, db, config, "reopen", "A-1", "--note", "Kunde ruft an", "--by", "thomas wagner"
    )
    assert done.returncode == 0, done.stderr
    with Store.open(db, read_only=True) as store:
        event = store.events(EntryKind.ACTION, 1)[-1]
    assert (event.kind, event.by, event.note, event.meeting_id) == (
        EventKind.REOPENED,
        "Thomas Wagner",
        "Kunde ruft an",
        None,
    )
    assert run(tmp_path, db, config, "done", "A-1").returncode == 0
    # Meeting 1 still shows A-1 done in it, meeting 2 still shows nothing of it.
    assert [run(tmp_path, db, config, "export", str(n)).stdout for n in (1, 2)] == before


def test_signoff_is_for_management_and_shows_in_the_next_minutes(
    tmp_path: Path, db: Path, config: Path
) -> None:
    second = run(tmp_path, db, config, "export", "2").stdout
    assert "- **B-1** €5,000.00 cut from communication, 2026-Q2 (from meeting 1)" in second
    refused = run(tmp_path, db, config, "signoff", "B-1", "--by", "Thomas Wagner")
    assert refused.returncode == 2
    assert "Management" in refused.stderr
    missing = run(tmp_path, db, config, "signoff", "B-9", "--by", "Sabine Brandt")
    assert missing.returncode == 4
    rejected = run(
        tmp_path,
        db,
        config,
        "signoff",
        "B-1",
        "--reject",
        "--note",
        "zu früh",
        "--by",
        "sabine brandt",
    )
    assert rejected.returncode == 0, rejected.stderr
    assert "B-1 rejected by Sabine Brandt" in rejected.stdout
    again = run(tmp_path, db, config, "signoff", "B-1", "--by", "Sabine Brandt")
    assert again.returncode == 2 and "already" in again.stderr
    # Meeting 2's minutes are as they were; the answer is for the next meeting.
    assert run(tmp_path, db, config, "export", "2").stdout == second
    with Store.open(db, read_only=True) as store:
        budget = store.budget(1)
    assert budget.signoff is not None and not budget.signoff.approved
    assert budget.signoff.by == "Sabine Brandt" and budget.signoff.note == "zu früh"
