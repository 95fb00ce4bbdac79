"""The demo's history shows all of the record: items closed between meetings, one
reopened, cuts awaiting sign-off across two meetings then answered (one rejected),
notes, an amendment, the last minutes approved, excused people and guests, the place,
the minute-taker and the fixed budgets, in English and in German."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from roundtable.demo.history import fill_demo
from roundtable.domain.config import load_config
from roundtable.domain.history import EntryKind, EventKind
from roundtable.domain.meeting import Attendance
from roundtable.domain.minutes import gather_minutes, render_minutes
from roundtable.i18n import set_language
from roundtable.store.store import Store

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as store:
        fill_demo(store, load_config(SHIPPED, "test"), today=TODAY, language="en")
    return path


def _events(store: Store) -> list:  # type: ignore[type-arg]
    with store.reading():
        return store.event_log.between("", "9999")


def test_the_demo_history_has_every_kind_of_record(demo: Path) -> None:
    with Store.open(demo, read_only=True) as store:
        events = _events(store)
        meetings = store.meetings()
        numbers = store.meeting_numbers()
        budgets = {b.id: b for b in store.budgets()}
        approvals = [store.minutes_approval(m.id or 0) for m in meetings]
        notes = store.notes()
    assert all(m.ended_at is not None for m in meetings)
    kinds = {(e.entry, e.kind, e.meeting_id is None) for e in events}
    # Closed by their owners between meetings, with who did it.
    between = [e for e in events if e.kind is EventKind.DONE and e.meeting_id is None]
    assert between and all(e.by for e in between)
    # Entries logged while their meeting ran belong to it.
    assert (EntryKind.DECISION, EventKind.LOGGED, False) in kinds
    reopened = [e for e in events if e.kind is EventKind.REOPENED]
    assert len(reopened) == 1 and reopened[0].note and reopened[0].meeting_id is None
    # Every answer came between meetings, two meetings after the agreement or later.
    answers = [e for e in events if e.kind in (EventKind.SIGNED_OFF, EventKind.REJECTED)]
    assert {e.kind for e in answers} == {EventKind.SIGNED_OFF, EventKind.REJECTED}
    by_id = {m.id: m for m in meetings}
    for answer in answers:
        agreed_in = by_id[budgets[answer.entry_id].meeting_id]
        later = [m for m in meetings if m.number > agreed_in.number and m.ended_at]
        assert later[0].ended_at is not None and answer.moment > later[0].ended_at
    assert any(b.awaiting_signoff for b in budgets.values())  # the latest still waits
    assert len(notes) >= 10
    corrected = [e for e in events if e.kind is EventKind.CORRECTED]
    assert len(corrected) == 1 and corrected[0].meeting_id is None
    assert approvals[0] is None
    assert all(a is not None for a in approvals[1:])
    assert any(a is not None and a.correction for a in approvals)
    people = [p for m in meetings for p in m.attendees]
    assert {p.attendance for p in people} == set(Attendance)
    assert any(p.guest for p in people)
    assert all(m.minute_taker == "Monika Schneider" for m in meetings[1:])
    assert all(m.location for m in meetings[1:])
    assert len(numbers) == 40


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_demo_minutes_show_it(tmp_path: Path, language: str) -> None:
    path = tmp_path / "demo.db"
    folder = SHIPPED if language == "en" else SHIPPED / "de"
    config = load_config(folder, "test")
    set_language(language)
    try:
        with Store.open(path) as store:
            fill_demo(store, config, today=TODAY, language=language)
            texts = {
                m.number: render_minutes(gather_minutes(store, m.id or 0, config))
                for m in store.meetings()
            }
    finally:
        set_language("en")
    everything = "\n".join(texts.values())
    if language == "en":
        words = [
            "**reopened**",
            "Minutes of meeting 38 approved",
            "## Amendments after the meeting",
            "## Fixed budgets so far",
            "### What the cuts touch",
            "**Guests:**",
            "| excused |",
            "**rejected** by",
            "- **Note:**",
            "- **Minute-taker:** Monika Schneider",
        ]
    else:
        words = [
            "**wieder geöffnet**",
            "Protokoll der Sitzung Nr. 38 genehmigt",
            "## Feste Budgets: Stand",
            "**Gäste:**",
            "| entschuldigt |",
            "- **Protokollführung:** Monika Schneider",
        ]
    for word in words:
        assert word in everything, word
    # Only the meeting just before the amendment carries one.
    amended = [n for n, text in texts.items() if "## Amendments" in text or "## Nachträge" in text]
    assert amended == [39]


def test_demo_modules_stay_small() -> None:
    for module in (SHIPPED.parent / "demo").glob("*.py"):
        assert len(module.read_text(encoding="utf-8").splitlines()) <= 400, module.name
