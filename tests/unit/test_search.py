"""Search across meetings: decisions, action items, budget agreements and notes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from roundtable.domain.search import Hit, HitKind, search_record
from roundtable.store.store import Store
from tests.unit.between_data import BERLIN, fill


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "roundtable.db") as opened:
        fill(opened)
        yield opened


def search(store: Store, query: str) -> list[Hit]:
    return search_record(
        query,
        store.meetings(),
        store.decisions(),
        store.actions(include_closed=True),
        store.budgets(),
        BERLIN,
    )


def test_finds_every_kind_with_meeting_item_and_date(store: Store) -> None:
    hits = search(store, "messe")
    assert [(hit.kind, hit.meeting_number) for hit in hits] == [
        (HitKind.DECISION, 2),
        (HitKind.ACTION, 1),
        (HitKind.BUDGET, 1),
    ]
    decision = hits[0]
    assert decision.text == "Budget für Messe bleibt; Webinar verlängert"
    assert decision.item_title == "Campaign results to date"
    assert decision.day == date(2026, 3, 17)
    assert hits[1].ref == "A-2"
    assert "Messebudget gekürzt" in hits[2].text


def test_every_word_must_match_ignoring_case(store: Store) -> None:
    assert [hit.kind for hit in search(store, "WEBINAR leads")] == [HitKind.NOTE]
    assert search(store, "webinar nichtda") == []
    note = search(store, "über plan")[0]
    assert (note.meeting_number, note.item_title, note.day) == (
        1,
        "Campaign results to date",
        date(2026, 3, 3),
    )
