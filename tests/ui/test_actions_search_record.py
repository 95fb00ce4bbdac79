"""The action-items screen's search reaches decisions, notes and budget agreements too,
as `roundtable search` does (real store, Pilot)."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Input

from roundtable.domain.config import TeamConfig
from roundtable.domain.entries import BudgetKind
from roundtable.store.store import Store
from roundtable.ui.screens.actions.action_items import SEARCH_DEBOUNCE_SECONDS
from roundtable.ui.screens.actions.record_hits import RecordHits
from tests.ui.conftest import FakeClock, app_for, nordwerk_history, settle, shown_text
from tests.ui.test_actions_screen import open_actions, refs


def record(store: Store) -> None:
    meetings = store.meetings()
    first, second = meetings[0], meetings[-1]
    assert first.id is not None and second.id is not None
    store.add_decision(first.id, 1, "Messestand in Hannover wird gebucht")
    store.add_decision(second.id, 0, "Webinarreihe verlängert")
    store.add_budget(
        second.id,
        1,
        area="sales",
        amount=Decimal("4000"),
        currency="EUR",
        period="2026-Q2",
        kind=BudgetKind.CUT,
        note="Messe Hannover kleiner geplant",
    )


async def test_search_lists_decisions_and_budgets_below_the_action_items(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    nordwerk_history(store, config, clock)
    record(store)
    app = app_for(config, store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_actions(pilot)
        hits = app.screen.query_one(RecordHits)
        assert hits.display is False  # nothing searched: nothing read, nothing shown
        await pilot.press("slash", *"hannover")
        await pilot.pause(SEARCH_DEBOUNCE_SECONDS + 0.05)
        await settle(pilot)
        assert refs(app) == ["A-2"]  # the action items, as before
        # Recorded on the same day: decisions come before budget agreements.
        assert [(hit.kind.value, hit.text) for hit in hits.hits] == [
            ("decision", "Messestand in Hannover wird gebucht"),
            ("budget", "sales 2026-Q2 — Messe Hannover kleiner geplant"),
        ]
        assert hits.display is True
        screen_text = shown_text(app)
        assert "Also found in the record: 2 decisions, notes or budget agreements" in screen_text
        assert "Decision · meeting 1 · Campaign results to date · Mar 2, 2026 — Messestand" in (
            screen_text
        )

        # A decision taken now is found by the next keystroke.
        meeting = store.meetings()[-1]
        assert meeting.id is not None
        app.screen.query_one("#search", Input).value = ""
        await pilot.pause(SEARCH_DEBOUNCE_SECONDS + 0.05)
        assert hits.display is False
        store.add_decision(meeting.id, 0, "Hannover: zweiter Stand geprüft")
        await settle(pilot)
        app.screen.query_one("#search", Input).value = "hannover stand"
        await pilot.pause(SEARCH_DEBOUNCE_SECONDS + 0.05)
        await settle(pilot)
        assert sorted(hit.text for hit in hits.hits) == [
            "Hannover: zweiter Stand geprüft",
            "Messestand in Hannover wird gebucht",
        ]


async def test_nothing_else_found_shows_nothing(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    nordwerk_history(store, config, clock)
    app = app_for(config, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_actions(pilot)
        await pilot.press("slash", *"messe")
        await pilot.pause(SEARCH_DEBOUNCE_SECONDS + 0.05)
        await settle(pilot)
        hits = app.screen.query_one(RecordHits)
        assert hits.hits == [] and hits.display is False
        assert "Also found" not in shown_text(app)
