"""Reminders per person: overdue items and those due before the next meeting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from roundtable.domain.reminders import (
    gather_reminders,
    reminder_subject,
    reminder_text,
    window_end,
)
from roundtable.domain.schedule import next_meetings
from roundtable.i18n import set_language
from roundtable.store.store import Store
from tests.unit.between_data import BERLIN, TODAY, fill, shipped_config


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "roundtable.db") as opened:
        fill(opened)
        yield opened


def test_each_holder_of_a_role_and_each_named_person_gets_their_items(store: Store) -> None:
    config = shipped_config()
    upcoming = next_meetings(store.meeting_by_number(2), config, TODAY, BERLIN, 1)
    next_day = upcoming[0].start.date()
    assert next_day == date(2026, 3, 31)
    until = window_end(TODAY, next_day, None)
    reminders = gather_reminders(store.actions(), config.roles, TODAY, until, next_day)
    by_person = {r.person: r for r in reminders}
    # sales-marketing is held by Katrin Vogel: A-1 is overdue. Jana Richter owns A-2.
    # A-3 (product-marketing, due in April) is after the next meeting: nobody yet.
    assert sorted(by_person) == ["Jana Richter", "Katrin Vogel"]
    assert [a.ref for a in by_person["Katrin Vogel"].overdue] == ["A-1"]
    assert by_person["Katrin Vogel"].due_soon == ()
    assert [a.ref for a in by_person["Jana Richter"].due_soon] == ["A-2"]


def test_days_widens_the_window_and_owner_narrows_it(store: Store) -> None:
    config = shipped_config()
    until = window_end(TODAY, date(2026, 3, 31), 60)
    assert until == date(2026, 5, 19)
    reminders = gather_reminders(
        store.actions(), config.roles, TODAY, until, None, frozenset({"jana richter"})
    )
    assert [r.person for r in reminders] == ["Jana Richter"]
    # A-3 belongs to product-marketing, which Jana Richter holds too.
    assert [a.ref for a in reminders[0].due_soon] == ["A-2", "A-3"]


def test_text_in_english_and_german(store: Store) -> None:
    config = shipped_config()
    reminders = gather_reminders(
        store.actions(), config.roles, TODAY, date(2026, 3, 31), date(2026, 3, 31)
    )
    katrin = next(r for r in reminders if r.person == "Katrin Vogel")
    text = reminder_text(katrin, config.roles, TODAY)
    assert text.startswith("Hello Katrin Vogel,\n")
    assert "1 action item is overdue:" in text
    assert "A-1  Umsatzschätzung „Frühjahr“ abgleichen (due Mar 10, 2026, 10 days late;" in text
    assert reminder_subject(katrin, "Round Table") == "Round Table: 1 action item overdue"
    jana = next(r for r in reminders if r.person == "Jana Richter")
    assert "Due by the next meeting on Mar 31, 2026:" in reminder_text(jana, config.roles, TODAY)
    set_language("de")
    try:
        german = reminder_text(katrin, config.roles, TODAY)
        subject = reminder_subject(jana, "Runde")
    finally:
        set_language("en")
    assert german.startswith("Hallo Katrin Vogel,\n")
    assert "1 Aufgabe ist überfällig:" in german
    assert "fällig am 10.03.2026, 10 Tage überfällig" in german
    assert subject == "Runde: 1 Aufgabe bald fällig"
