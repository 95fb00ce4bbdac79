"""Shared by the between-meetings tests: a store on a real file with two meetings, action
items of roles and people, and the shipped config."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from roundtable.domain.config import TeamConfig, load_config
from roundtable.domain.entries import ActionStatus, BudgetKind
from roundtable.domain.meeting import Attendee, Meeting
from roundtable.store.store import Store
from tests.helpers.meetings import campaign_results_meeting

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
BERLIN = ZoneInfo("Europe/Berlin")
FIRST = datetime(2026, 3, 3, 9, 30, tzinfo=BERLIN)
SECOND = FIRST + timedelta(days=14)
TODAY = date(2026, 3, 20)


def shipped_config() -> TeamConfig:
    return load_config(SHIPPED, "test")


def a_meeting(number: int, started: datetime, notes: str = "") -> Meeting:
    return campaign_results_meeting(
        number,
        started,
        notes=notes,
        attendees=(
            Attendee("Katrin Vogel", "sales-marketing"),
            Attendee("Jana Richter", "product-marketing"),
        ),
    )


def fill(store: Store) -> None:
    """Meetings 1 and 2; A-1 overdue (sales-marketing), A-2 due before the next meeting
    (Jana Richter), A-3 later (product-marketing), A-4 done, A-5 without due date."""
    store.clock = lambda: FIRST + timedelta(hours=1)
    first = store.add_meeting(a_meeting(1, FIRST, notes="Webinar-Leads laufen über Plan"))
    assert first.id is not None
    store.add_decision(first.id, 0, "Frühjahrs-Webinarreihe startet am 12.03.")
    store.add_action(
        "Umsatzschätzung „Frühjahr“ abgleichen", "sales-marketing", date(2026, 3, 10), first.id, 0
    )
    store.add_action(
        "Zielgruppen für Messe schärfen", "Jana Richter", date(2026, 3, 25), first.id, 0
    )
    store.add_action(
        "Produktblatt überarbeiten", "product-marketing", date(2026, 4, 30), None, None
    )
    store.add_action("Erledigte Aufgabe", "Jana Richter", date(2026, 3, 12), first.id, 0)
    store.add_action("Ohne Termin", "sales-marketing", None, None, None)
    store.add_budget(
        first.id,
        0,
        area="sales",
        amount=Decimal("5000"),
        currency="EUR",
        period="2026-Q2",
        kind=BudgetKind.CUT,
        note="Messebudget gekürzt",
    )
    store.clock = lambda: SECOND + timedelta(hours=1)
    store.set_action_status("A-4", ActionStatus.DONE)
    second = store.add_meeting(a_meeting(2, SECOND))
    assert second.id is not None
    store.add_decision(second.id, 0, "Budget für Messe bleibt; Webinar verlängert")
