"""The record's header and budgets from a terminal, as real processes on a real store:
`approve-minutes`, fixed budgets in roles.yaml (checked with FILE:LINE) and in the
exported minutes, attendance with excused people and guests, the place and the
minute-taker."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from roundtable.domain.config import load_config
from roundtable.domain.entries import BudgetKind
from roundtable.domain.history import EntryKind, EventKind
from roundtable.domain.meeting import Attendee
from roundtable.domain.timebox import end, new_meeting, next_item
from roundtable.store.store import Store

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    return folder


PEOPLE = (
    Attendee("Katrin Vogel", "sales-marketing"),
    Attendee("Monika Schneider", "sales-controlling"),
    Attendee("Thomas Wagner", "sales", present=False, excused=True),
    Attendee("Lena Fischer", "dialog-marketing", present=False),
    Attendee("Eva Lorenz", "", guest=True),
)


@pytest.fixture
def db(tmp_path: Path, config: Path) -> Path:
    """Meeting 1 ended (a sales allocation, a communication cut), meeting 2 running."""
    path = tmp_path / "roundtable.db"
    team = load_config(config, "test")
    agenda = team.agenda("round-table")
    assert agenda is not None
    moment = [T0]
    with Store.open(path, clock=lambda: moment[0]) as store:
        first = store.add_meeting(
            new_meeting(agenda, PEOPLE, "Katrin Vogel", 1, T0, minute_taker="Monika Schneider")
        )
        assert first.id is not None
        for kind, area, amount in (
            (BudgetKind.ALLOCATION, "sales", "150000"),
            (BudgetKind.CUT, "communication", "20000"),
        ):
            store.add_budget(
                first.id,
                5,
                area=area,
                amount=Decimal(amount),
                currency="EUR",
                period="2026-Q1",
                kind=kind,
                needs_signoff=kind is BudgetKind.CUT,
            )
        moment[0] = T0 + timedelta(hours=2)
        store.save_meeting(end(next_item(first, T0 + timedelta(minutes=20)), moment[0]))
        moment[0] = T0 + timedelta(days=14)
        store.add_meeting(new_meeting(agenda, PEOPLE[:2], "Katrin Vogel", 2, moment[0]))
    return path


def run(tmp_path: Path, db: Path, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("ROUNDTABLE_")
    }
    environment.update(
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        ROUNDTABLE_DB=str(db),
        ROUNDTABLE_CONFIG=str(config),
        ROUNDTABLE_LANG="en",
    )
    result = subprocess.run(
        [sys.executable, "-m", "roundtable", *args],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_approve_minutes_records_it_in_the_running_meeting(
    tmp_path: Path, db: Path, config: Path
) -> None:
    first = run(tmp_path, db, config, "export", "1").stdout
    nobody = run(tmp_path, db, config, "approve-minutes", "--by", "Niemand")
    assert nobody.returncode == 2 and "Niemand" in nobody.stderr
    said = run(
        tmp_path,
        db,
        config,
        "approve-minutes",
        "--correction",
        "B-2 was 20,000, not 25,000",
        "--by",
        "katrin vogel",
    )
    assert said.returncode == 0, said.stderr
    assert "minutes of meeting 1 approved with correction: B-2 was 20,000, not 25,000" in (
        said.stdout
    )
    with Store.open(db, read_only=True) as store:
        (event,) = store.events(EntryKind.MINUTES, 1)
        approval = store.minutes_approval(2)
    assert (event.kind, event.by, event.meeting_id) == (EventKind.APPROVED, "Katrin Vogel", 2)
    assert approval is not None and approval.approved_number == 1
    second = run(tmp_path, db, config, "export", "2").stdout
    assert (
        "### 1. Open action items\n\n"
        "- Minutes of meeting 1 approved (with correction: B-2 was 20,000, not 25,000)."
    ) in second
    # Said again without a correction: the later word stands.
    assert run(tmp_path, db, config, "approve-minutes").returncode == 0
    assert "- Minutes of meeting 1 approved.\n" in run(tmp_path, db, config, "export", "2").stdout
    # Meeting 1's own minutes do not change.
    assert run(tmp_path, db, config, "export", "1").stdout == first


def test_approve_minutes_needs_a_running_meeting_with_one_before(
    tmp_path: Path, db: Path, config: Path
) -> None:
    with Store.open(db) as store:
        running = store.running_meeting()
        assert running is not None
        store.save_meeting(end(running, T0 + timedelta(days=14, hours=1)))
    none = run(tmp_path, db, config, "approve-minutes")
    assert none.returncode == 4
    assert "No meeting is running" in none.stderr
    fresh = tmp_path / "fresh.db"
    team = load_config(config, "test")
    agenda = team.agenda("round-table")
    assert agenda is not None
    with Store.open(fresh) as store:
        store.add_meeting(new_meeting(agenda, PEOPLE, "Katrin Vogel", 1, T0))
    first = run(tmp_path, fresh, config, "approve-minutes")
    assert first.returncode == 2
    assert "Meeting 1 is the first" in first.stderr


def test_export_has_the_header_attendance_and_the_budget_picture(
    tmp_path: Path, db: Path, config: Path
) -> None:
    text = run(tmp_path, db, config, "export", "1").stdout
    assert "- **Place:** Bielefeld, meeting room 2.14 (video link to Leipzig and Augsburg)" in text
    assert "- **Minute-taker:** Monika Schneider — Sales Controlling" in text
    assert "Present: 2 · excused: 1 · absent: 1" in text
    assert "| Thomas Wagner | Sales | excused |" in text
    assert "| Lena Fischer | Dialog Marketing | **absent** |" in text
    assert "**Guests:** Eva Lorenz" in text
    assert (
        "| sales | 2026 | €720,000.00 | €150,000.00 | €0.00 | €0.00 | €0.00 | €570,000.00 |" in text
    )
    assert (
        "| communication | 2026 | €650,000.00 | €0.00 | €20,000.00 | €0.00 | €0.00 | €630,000.00 |"
        in text
    )
    assert (
        "- **B-2** €20,000.00 cut from communication, 2026-Q1: touches the sales agreements B-1"
        in (text)
    )


def test_fixed_budgets_with_problems_are_refused_at_their_lines(
    tmp_path: Path, db: Path, config: Path
) -> None:
    roles = config / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    text = text.replace(
        "budgets:\n",
        "budgets:\n"
        '  - area: sales\n    period: "2026"\n    amount: -5\n'
        '  - area: sales\n    period: "2026 "\n    amount: 10.123\n    currency: Euro\n'
        "  - area: press\n    amount: 100\n    colour: red\n",
        1,
    )
    roles.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    first = lines.index("budgets:") + 1
    result = run(tmp_path, db, config, "check")
    assert result.returncode == 2
    problems = result.stderr
    assert f"roles.yaml:{first + 3}: 'amount' must be a positive amount" in problems
    assert f"roles.yaml:{first + 6}: 'amount' must be a positive amount" in problems
    assert f"roles.yaml:{first + 7}: 'currency' must be three letters" in problems
    assert f"roles.yaml:{first + 8}: missing key 'period' in a fixed budget" in problems
    assert f"roles.yaml:{first + 10}: unknown key 'colour' in a fixed budget" in problems
    # The export refuses too, and the store is untouched.
    before = db.read_bytes()
    assert run(tmp_path, db, config, "export", "1").returncode == 2
    assert db.read_bytes() == before
