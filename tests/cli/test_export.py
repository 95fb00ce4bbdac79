"""`roundtable export` as a user runs it: a real process on a real store file."""

from __future__ import annotations

import stat
import subprocess
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from roundtable.domain.config import load_config
from roundtable.domain.entries import ActionStatus, BudgetKind
from roundtable.domain.meeting import Attendee
from roundtable.domain.timebox import end, new_meeting, next_item
from roundtable.store.store import Store
from tests.helpers.cli import run_roundtable

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
T0 = datetime(2026, 2, 12, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
HOSTILE = "| Budget | \x1b[31m*rot*\x1b[0m <script>alert(1)</script>\n# Überschrift"


def export(tmp_path: Path, *args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m roundtable --config SHIPPED --db DB export ARGS` in Berlin time."""
    return run_roundtable(
        tmp_path,
        "--config",
        str(SHIPPED),
        "--db",
        str(db or tmp_path / "roundtable.db"),
        "export",
        *args,
        env={"TZ": "Europe/Berlin"},
        traceback_allowed=True,
    )


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    """Two round tables two weeks apart, recorded through the store as the app does."""
    path = tmp_path / "roundtable.db"
    clock = Clock()
    agenda = load_config(SHIPPED, "test").agenda("round-table")
    assert agenda is not None
    people = (
        Attendee("Katrin Vogel", "sales-marketing"),
        Attendee("Monika Schneider", "sales-controlling"),
        Attendee("Jana Richter", "product-marketing", present=False),
    )
    with Store.open(path, clock=clock) as store:
        for number, decision in (
            (1, "Newsletter „Wartung 2026“ läuft bis Ende März weiter."),
            (2, "Die Frühjahrs-Webinarreihe startet am 12. März."),
        ):
            start = T0 + timedelta(days=14 * (number - 1))
            clock.now = start
            meeting = store.add_meeting(new_meeting(agenda, people, "Katrin Vogel", number, start))
            assert meeting.id is not None
            store.add_decision(meeting.id, 1, decision)
            store.add_action(f"Aufgabe aus Meeting {number}", "sales", None, meeting.id, 1)
            if number == 2:
                store.add_decision(meeting.id, 1, HOSTILE)
                store.set_action_status("A-1", ActionStatus.DONE, meeting.id)
                store.add_budget(
                    meeting.id,
                    5,
                    area="Marketingkommunikation",
                    amount=Decimal("12000.00"),
                    currency="EUR",
                    period="2026-Q1",
                    kind=BudgetKind.ALLOCATION,
                )
            for minute in range(25, 175, 25):
                meeting = next_item(meeting, start + timedelta(minutes=minute))
            store.save_meeting(end(meeting, start + timedelta(minutes=192)))
        store.add_action("Ohne Meeting", None, date(2026, 3, 1), None, None)
    return path


def test_export_prints_the_latest_meeting(tmp_path: Path, store_file: Path) -> None:
    result = export(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    text = result.stdout
    assert text.startswith("# Marketing & Sales Round Table — meeting 2\n")
    assert "- **Date:** Thursday, February 26, 2026" in text
    assert "- **Time:** 09:00 – 12:12" in text
    assert "- **Time used:** 3:12 of 3:00 — 12 min over" in text
    assert "1. Die Frühjahrs-Webinarreihe startet am 12. März." in text
    assert "- [x] **A-1** Aufgabe aus Meeting 1 — done (from meeting 1)" in text
    assert "**Date:** Thursday, March 12, 2026" in text
    assert "€12,000.00" in text
    assert export(tmp_path, "latest").stdout == text


def test_typed_text_cannot_break_the_exported_markdown(tmp_path: Path, store_file: Path) -> None:
    text = export(tmp_path, "2").stdout
    assert "\x1b" not in text
    tokens = MarkdownIt("gfm-like").disable("linkify").parse(text)
    children = [c for t in tokens for c in t.children or []]
    assert not [t for t in (*tokens, *children) if t.type.startswith("html")]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any("Überschrift" in heading for heading in headings)
    decisions = tokens[
        next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "Decisions") :
    ]
    items = [
        decisions[i + 2].children for i, t in enumerate(decisions) if t.type == "list_item_open"
    ]
    shown = "".join(child.content for child in items[1] or [])
    assert shown == ("| Budget | \\x1b[31m*rot*\\x1b[0m <script>alert(1)</script> # Überschrift")


def test_export_by_number(tmp_path: Path, store_file: Path) -> None:
    result = export(tmp_path, "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Marketing & Sales Round Table — meeting 1\n")
    assert "Newsletter „Wartung 2026“" in result.stdout
    assert "Webinarreihe" not in result.stdout
    # A-1 was closed in meeting 2; meeting 1's minutes show it as it was then.
    assert "- [ ] **A-1** Aufgabe aus Meeting 1\n" in result.stdout


def test_export_to_a_file_replaces_it_atomically(tmp_path: Path, store_file: Path) -> None:
    folder = tmp_path / "protokolle"
    folder.mkdir()
    target = folder / "runder-tisch-2.md"
    target.write_text("altes Protokoll", encoding="utf-8")
    target.chmod(0o640)

    result = export(tmp_path, "2", "-o", str(target))

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Minutes of meeting 2 written to {target}\n"
    assert target.read_text(encoding="utf-8") == export(tmp_path, "2").stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in folder.iterdir()) == ["runder-tisch-2.md"]


def test_new_file_is_readable_by_others(tmp_path: Path, store_file: Path) -> None:
    target = tmp_path / "minutes.md"
    result = export(tmp_path, "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8").startswith("# Marketing & Sales Round Table")


def test_export_refuses_a_missing_folder(tmp_path: Path, store_file: Path) -> None:
    target = tmp_path / "gibt-es-nicht" / "minutes.md"
    result = export(tmp_path, "-o", str(target))
    assert result.returncode == 4
    assert result.stdout == ""
    assert result.stderr == (
        f"roundtable: The folder {target.parent} does not exist; "
        "create it or choose another file.\n"
    )
    assert not target.parent.exists()


def test_export_refuses_a_folder_as_the_file(tmp_path: Path, store_file: Path) -> None:
    result = export(tmp_path, "-o", str(tmp_path))
    assert result.returncode == 2
    assert "is a folder; name the file to write" in result.stderr


def test_unknown_meeting_is_not_found(tmp_path: Path, store_file: Path) -> None:
    result = export(tmp_path, "99")
    assert result.returncode == 4
    assert result.stdout == ""
    assert result.stderr == (
        "roundtable: There is no meeting 99; the meetings are numbered 1 to 2.\n"
    )
    assert "Traceback" not in result.stderr


def test_meeting_must_be_a_number(tmp_path: Path, store_file: Path) -> None:
    result = export(tmp_path, "zwölf")
    assert result.returncode == 2
    assert "“zwölf” is not a meeting; give its number, like 12, or “latest”." in result.stderr


def test_empty_store_has_nothing_to_export_and_stays_untouched(tmp_path: Path) -> None:
    db = tmp_path / "neu" / "roundtable.db"
    result = export(tmp_path, db=db)
    assert result.returncode == 4
    # No store at all is said as such (issue 12 point 8), not as an empty one.
    assert result.stderr.startswith(f"roundtable: There is no store at {db}.")
    assert not db.parent.exists()
    with Store.open(db):
        pass
    result = export(tmp_path, db=db)
    assert result.returncode == 4
    assert result.stderr == f"roundtable: There are no meetings in {db} yet.\n"
