"""Discarding a meeting started by mistake: allowed while nothing is logged in it, on a
real store file, read back from a fresh open; the next meeting reuses its number."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from roundtable.domain.entries import ActionStatus
from roundtable.errors import NotFoundError, UsageError
from roundtable.store.discard import DiscardRefused
from roundtable.store.store import Store
from tests.unit.conftest import FakeClock
from tests.unit.test_store import meeting


def reopened(path: Path) -> Store:
    return Store.open(path, read_only=True)


def test_a_meeting_with_nothing_logged_is_removed_and_its_number_reused(
    path: Path, clock: FakeClock
) -> None:
    with Store.open(path, clock=clock) as store:
        first = store.add_meeting(meeting(1, ended=True))
        started = store.add_meeting(meeting(2))
        assert started.id is not None
        assert store.discard_refusal(started.id) is None
        gone = store.discard_meeting(started.id)
        assert gone.number == 2
    with reopened(path) as disk:
        assert [m.id for m in disk.meetings()] == [first.id]
        assert disk.running_meeting() is None
        assert disk.next_meeting_number() == 2
        with pytest.raises(NotFoundError):
            disk.meeting(started.id)
        with pytest.raises(NotFoundError):
            disk.meeting_by_number(2)
    with Store.open(path, clock=clock) as store:
        again = store.add_meeting(meeting(store.next_meeting_number()))
        assert again.number == 2
        assert again.id != started.id  # ids never repeat


@pytest.mark.parametrize("what", ["decision", "action", "budget", "note", "deleted decision"])
def test_anything_logged_keeps_the_meeting(path: Path, clock: FakeClock, what: str) -> None:
    with Store.open(path, clock=clock) as store:
        started = store.add_meeting(meeting(1))
        assert started.id is not None
        if what == "decision":
            store.add_decision(started.id, 1, "Budget Messe freigegeben")
        elif what == "action":
            store.add_action("Leadliste an den Vertrieb", "sales", date(2026, 3, 17), started.id, 1)
        elif what == "budget":
            from decimal import Decimal

            from roundtable.domain.entries import BudgetKind

            store.add_budget(
                started.id,
                1,
                area="communication",
                amount=Decimal(1000),
                currency="EUR",
                period="2026-Q1",
                kind=BudgetKind.ALLOCATION,
            )
        elif what == "note":
            store.add_note(started.id, 1, "48 Leads bisher")
        else:
            decision = store.add_decision(started.id, 1, "vertippt")
            store.delete_decision(decision.id)
        refusal = store.discard_refusal(started.id)
        assert refusal is not None
        assert "Meeting 1 cannot be discarded" in refusal
        assert "End it instead" in refusal
        with pytest.raises(DiscardRefused) as caught:
            store.discard_meeting(started.id)
        assert caught.value.message == refusal
        assert isinstance(caught.value, UsageError)
    with reopened(path) as disk:
        assert disk.running_meeting() is not None


def test_an_action_change_made_in_the_meeting_keeps_it(path: Path, clock: FakeClock) -> None:
    with Store.open(path, clock=clock) as store:
        earlier = store.add_meeting(meeting(1, ended=True))
        assert earlier.id is not None
        store.add_action("Agentur-Briefing", "sales", None, earlier.id, 1)
        started = store.add_meeting(meeting(2))
        assert started.id is not None
        store.set_action_status("A-1", ActionStatus.DONE, started.id)
        assert "cannot be discarded" in (store.discard_refusal(started.id) or "")
        with pytest.raises(DiscardRefused):
            store.discard_meeting(started.id)


def test_an_ended_meeting_cannot_be_discarded(path: Path, clock: FakeClock) -> None:
    with Store.open(path, clock=clock) as store:
        ended = store.add_meeting(meeting(1, ended=True))
        assert ended.id is not None
        with pytest.raises(DiscardRefused, match="has ended"):
            store.discard_meeting(ended.id)
    with reopened(path) as disk:
        assert len(disk.meetings()) == 1
