"""The Store API on a real file: meetings, decisions, action items, budgets, migrations,
owner matching and the demo history."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from roundtable.demo.history import fill_demo
from roundtable.domain.config import Cadence, ItemKind, Role
from roundtable.domain.entries import ActionStatus, BudgetKind
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.domain.meeting import (
    Attendee,
    ItemState,
    Meeting,
    MeetingItem,
    Pause,
    Segment,
)
from roundtable.domain.owners import resolve_owner
from roundtable.errors import NotFoundError, StoreError, UsageError
from roundtable.store import records as records_module
from roundtable.store import store as store_module
from roundtable.store import store_file as store_file_module
from roundtable.store.store import SHARD_SIZE, Store
from tests.unit.conftest import START, FakeClock


def meeting(number: int = 1, *, started: datetime = START, ended: bool = False) -> Meeting:
    end = started + timedelta(minutes=172) if ended else None
    return Meeting(
        id=None,
        number=number,
        agenda_id="round-table",
        title="Marketing & Sales Round Table",
        timebox_minutes=180,
        cadence=Cadence.BIWEEKLY,
        items=(
            MeetingItem(
                title="Open action items",
                role="sales-marketing",
                kind=ItemKind.REPORT,
                planned_minutes=15,
                original_minutes=15,
                review=True,
                state=ItemState.DONE,
                segments=(
                    Segment(started, started + timedelta(minutes=14)),
                    Segment(started + timedelta(minutes=50), started + timedelta(minutes=52)),
                ),
            ),
            MeetingItem(
                title="Campaign results to date",
                role="sales-controlling",
                kind=ItemKind.REPORT,
                planned_minutes=35,
                original_minutes=30,
                notes="Frühjahrs-Webinarreihe: 48 Leads, 9 Angebote",
                state=ItemState.RUNNING if not ended else ItemState.DONE,
                segments=(Segment(started + timedelta(minutes=14), end),),
            ),
            MeetingItem(
                title="Budgets",
                role="management",
                kind=ItemKind.DECISION,
                planned_minutes=25,
                original_minutes=25,
                state=ItemState.DEFERRED,
            ),
        ),
        attendees=(
            Attendee("Katrin Vogel", "sales-marketing"),
            Attendee("Monika Schneider", "sales-controlling"),
            Attendee("Sabine Brandt", "management", present=False),
        ),
        facilitator="Katrin Vogel",
        started_at=started,
        ended_at=end,
        pauses=(Pause(started + timedelta(minutes=90), started + timedelta(minutes=100)),),
        current=None if ended else 1,
    )


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()[1:]]


# --- meetings ---------------------------------------------------------------------------


def test_a_meeting_round_trips_with_everything_copied_in(store: Store, view: Store) -> None:
    saved = store.add_meeting(meeting())
    assert saved.id is not None
    assert view.meeting(saved.id) == saved
    assert view.running_meeting() == saved
    assert view.meetings() == [saved]


def test_every_time_is_stored_in_one_form_utc_to_the_microsecond(store: Store, path: Path) -> None:
    store.add_meeting(meeting())
    stored = lines(path)[-1]["put"]
    doc = next(iter(stored["meetings.0"].values()))
    assert doc["started_at"] == "2026-03-03T08:00:00.000000+00:00"
    clock = next(iter(stored["meeting_clocks.0"].values()))
    assert clock["pauses"] == [
        ["2026-03-03T09:30:00.000000+00:00", "2026-03-03T09:40:00.000000+00:00"]
    ]


def test_a_second_meeting_is_refused_while_one_is_running(store: Store, path: Path) -> None:
    running = store.add_meeting(meeting(1))
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"Meeting 1 .* still running"):
        store.add_meeting(meeting(2, started=START + timedelta(days=14)))
    assert path.read_bytes() == before
    store.save_meeting(Meeting(**{**running.__dict__, "ended_at": START + timedelta(minutes=170)}))
    assert store.running_meeting() is None
    second = store.add_meeting(meeting(2, started=START + timedelta(days=14)))
    assert second.id == 2
    assert store.next_meeting_number() == 3


def test_save_meeting_replaces_the_stored_one(store: Store, view: Store) -> None:
    saved = store.add_meeting(meeting())
    ended = meeting(ended=True)
    ended = Meeting(**{**ended.__dict__, "id": saved.id})
    store.save_meeting(ended)
    assert view.meeting(saved.id or 0) == ended
    assert view.running_meeting() is None


def test_unknown_meetings_are_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="meeting 9"):
        store.meeting(9)
    with pytest.raises(NotFoundError, match="meeting 9"):
        store.save_meeting(Meeting(**{**meeting().__dict__, "id": 9}))
    with pytest.raises(NotFoundError, match="meeting 9"):
        store.add_decision(9, 0, "Beschluss")


def test_meetings_are_listed_oldest_first_with_their_counts(store: Store, view: Store) -> None:
    later = store.add_meeting(meeting(2, started=START + timedelta(days=14), ended=True))
    earlier = store.add_meeting(meeting(1, ended=True))
    assert later.id and earlier.id
    store.add_decision(later.id, 1, "Webinarreihe verlängert")
    store.add_action("Leads nachfassen", "sales", None, later.id, 1)
    store.add_action("Angebote schreiben", "sales", None, later.id, 1)
    store.add_budget(
        earlier.id,
        2,
        area="sales",
        amount=Decimal("120000"),
        currency="EUR",
        period="2026-Q2",
        kind=BudgetKind.ALLOCATION,
    )
    assert [m.number for m in view.meetings()] == [1, 2]
    counts = view.meeting_counts()
    assert counts[later.id] == store_module.MeetingCounts(decisions=1, actions=2, budgets=0)
    assert counts[earlier.id] == store_module.MeetingCounts(decisions=0, actions=0, budgets=1)


# --- decisions --------------------------------------------------------------------------


def test_decisions_are_added_changed_deleted_and_restored(
    store: Store, view: Store, clock: FakeClock
) -> None:
    held = store.add_meeting(meeting())
    assert held.id is not None
    clock.advance(20)
    decision = store.add_decision(held.id, 1, "  Frühjahrs-Webinarreihe startet am 12.03.  ")
    assert decision.text == "Frühjahrs-Webinarreihe startet am 12.03."
    assert decision.at == START + timedelta(minutes=20)
    changed = store.update_decision(decision.id, "Webinarreihe startet am 19.03.")
    assert view.decisions(held.id) == [changed]
    removed = store.delete_decision(decision.id)
    assert view.decisions() == []
    store.restore_decision(removed)
    assert view.decisions() == [changed]
    again = store.add_decision(held.id, 1, "Zweiter Beschluss")
    assert again.id == decision.id + 1


def test_decision_errors_name_what_is_wrong(store: Store) -> None:
    held = store.add_meeting(meeting())
    with pytest.raises(UsageError, match="decision needs some text"):
        store.add_decision(held.id or 0, 0, "   ")
    with pytest.raises(NotFoundError, match="decision 5"):
        store.update_decision(5, "x")
    with pytest.raises(NotFoundError, match="decision 5"):
        store.delete_decision(5)


# --- action items -----------------------------------------------------------------------


def test_action_refs_count_up_and_are_never_reused(store: Store, path: Path) -> None:
    first = store.add_action("Leads nachfassen", "sales", None, None, None)
    second = store.add_action("Landingpage bauen", "marketing-communication", None, None, None)
    assert (first.ref, second.ref) == ("A-1", "A-2")
    store.delete_action("A-2")
    with Store.open(path) as reopened:
        assert reopened.add_action("Nächste", None, None, None, None).ref == "A-3"


@pytest.mark.parametrize("typed", ["A-7", "a-7", " 7 ", "7", "A7"])
def test_an_action_is_found_however_its_ref_is_typed(store: Store, typed: str) -> None:
    for n in range(7):
        store.add_action(f"Aufgabe {n + 1}", None, None, None, None)
    assert store.action(typed).ref == "A-7"


@pytest.mark.parametrize("typed", ["A-99", "B-1", "x", ""])
def test_an_unknown_action_is_not_found_and_named(store: Store, typed: str) -> None:
    store.add_action("Aufgabe", None, None, None, None)
    with pytest.raises(NotFoundError) as caught:
        store.action(typed)
    assert typed.strip() in caught.value.message


def test_closing_records_when_and_in_which_meeting(
    store: Store, view: Store, clock: FakeClock, path: Path
) -> None:
    held = store.add_meeting(meeting())
    item = store.add_action("Angebote schreiben", "Thomas Wagner", date(2026, 3, 10), None, None)
    clock.advance(30)
    change = store.change_action_status(item.ref, ActionStatus.DONE, held.id)
    assert change.changed and change.previous is ActionStatus.OPEN
    done = view.action(item.ref)
    assert (done.status, done.closed_at, done.closed_in) == (
        ActionStatus.DONE,
        START + timedelta(minutes=30),
        held.id,
    )
    before = path.read_bytes()
    again = store.change_action_status(item.ref, ActionStatus.DONE)
    assert not again.changed and again.action == done
    assert path.read_bytes() == before  # nothing written for "already done"
    reopened = store.set_action_status(item.ref, ActionStatus.OPEN)
    assert (reopened.status, reopened.closed_at, reopened.closed_in) == (
        ActionStatus.OPEN,
        None,
        None,
    )
    dropped = store.set_action_status(item.ref, ActionStatus.DROPPED)
    assert view.action(item.ref) == dropped


def test_update_action_changes_only_the_given_fields(store: Store, view: Store, path: Path) -> None:
    held = store.add_meeting(meeting())
    item = store.add_action("Leads nachfassen", "sales", date(2026, 3, 17), None, None)
    changed = store.update_action(item.ref, owner="Julia Neumann", meeting_id=held.id)
    assert (changed.text, changed.owner, changed.due) == (
        "Leads nachfassen",
        "Julia Neumann",
        date(2026, 3, 17),
    )
    assert lines(path)[-1]["put"]["actions.0"]["1"]["updated_in"] == held.id
    cleared = store.update_action(item.ref, clear_due=True, clear_owner=True)
    assert (cleared.owner, cleared.due) == (None, None)
    assert view.action(item.ref) == cleared


def test_a_deleted_action_comes_back_with_its_ref(store: Store, view: Store) -> None:
    item = store.add_action("Leads nachfassen", "sales", None, None, None)
    removed = store.delete_action(item.ref)
    with pytest.raises(NotFoundError):
        view.action(item.ref)
    store.restore_action(removed)
    assert view.action("A-1") == item
    assert store.add_action("Neu", None, None, None, None).ref == "A-2"


def test_actions_are_filtered_and_sorted_by_due_date(store: Store, view: Store) -> None:
    held = store.add_meeting(meeting())
    late = store.add_action("spät", "sales", date(2026, 4, 1), held.id, 1)
    undated = store.add_action("ohne Datum", "Thomas Wagner", None, None, None)
    soon = store.add_action("bald", "dialog-marketing", date(2026, 3, 5), None, None)
    done = store.add_action("erledigt", "sales", date(2026, 3, 1), held.id, 1)
    store.set_action_status(done.ref, ActionStatus.DONE)
    assert [a.ref for a in view.actions()] == [soon.ref, late.ref, undated.ref]
    assert [a.ref for a in view.actions(include_closed=True)] == [
        done.ref,
        soon.ref,
        late.ref,
        undated.ref,
    ]
    assert [a.ref for a in view.actions(owners={"SALES", "thomas wagner"})] == [
        late.ref,
        undated.ref,
    ]
    assert [a.ref for a in view.actions(meeting_id=held.id, include_closed=True)] == [
        done.ref,
        late.ref,
    ]
    assert view.action_owners() == {"sales", "Thomas Wagner", "dialog-marketing"}


def test_meetings_are_found_by_their_number(store: Store, view: Store) -> None:
    # Added out of order: the number, not the id, is what people type.
    second = store.add_meeting(meeting(2, started=START + timedelta(days=14), ended=True))
    first = store.add_meeting(meeting(1, ended=True))
    assert view.meeting_by_number(1) == first
    assert view.meeting_by_number(2) == second
    assert view.meeting_numbers() == {second.id: 2, first.id: 1}
    assert view.next_meeting_number() == 3
    with pytest.raises(NotFoundError, match="no meeting 3"):
        view.meeting_by_number(3)


def two_meetings_of_items(
    store: Store, clock: FakeClock
) -> tuple[Meeting, Meeting, dict[str, str]]:
    """Meeting 1 at START, meeting 2 two weeks later, and action items opened and
    closed around them; returns both meetings and the refs by name."""
    first = store.add_meeting(meeting(1, ended=True))
    assert first.id is not None
    clock.advance(10)
    refs = {
        "done in 2": store.add_action("in 1 geöffnet", "sales", None, first.id, 1).ref,
        "still open": store.add_action("bleibt offen", None, None, first.id, 1).ref,
        "done between": store.add_action("dazwischen erledigt", None, None, first.id, 1).ref,
    }
    clock.now = START + timedelta(days=3)
    refs["opened between"] = store.add_action("zwischendurch", None, None, None, None).ref
    store.set_action_status(refs["done between"], ActionStatus.DONE)
    second_start = START + timedelta(days=14)
    second = store.add_meeting(meeting(2, started=second_start, ended=True))
    assert second.id is not None
    clock.now = second_start + timedelta(minutes=5)
    store.set_action_status(refs["done in 2"], ActionStatus.DONE, second.id)
    refs["opened in 2"] = store.add_action("in 2 geöffnet", None, None, second.id, 1).ref
    clock.now = second_start + timedelta(days=1)
    refs["opened after"] = store.add_action("danach", None, None, None, None).ref
    return first, second, refs


def test_actions_closed_in_a_meeting_are_found_by_it(
    store: Store, view: Store, clock: FakeClock
) -> None:
    _first, second, refs = two_meetings_of_items(store, clock)
    assert [a.ref for a in view.actions(closed_in=second.id, include_closed=True)] == [
        refs["done in 2"]
    ]
    # Without include_closed only open items count: none closed in a meeting is open.
    assert view.actions(closed_in=second.id) == []
    assert view.actions(closed_in=999, include_closed=True) == []


def test_actions_open_during_a_span_of_time(store: Store, view: Store, clock: FakeClock) -> None:
    first, second, refs = two_meetings_of_items(store, clock)
    assert first.ended_at is not None and second.ended_at is not None

    def open_during(start: datetime, end: datetime) -> set[str]:
        return {a.ref for a in view.actions_open_during(start, end)}

    # Meeting 2: what was open at its start, closed in it or opened in it.
    assert open_during(second.started_at, second.ended_at) == {
        refs["done in 2"],
        refs["still open"],
        refs["opened between"],
        refs["opened in 2"],
    }
    # The moment meeting 1 ended: its three items, nothing opened later.
    assert open_during(first.ended_at, first.ended_at) == {
        refs["done in 2"],
        refs["still open"],
        refs["done between"],
    }
    # Today: only what is still open; any other time zone means the same moments.
    later = (START + timedelta(days=30)).astimezone(UTC)
    assert open_during(later, later) == {
        refs["still open"],
        refs["opened between"],
        refs["opened in 2"],
        refs["opened after"],
    }
    assert open_during(START - timedelta(days=1), START) == set()
    with pytest.raises(ValueError, match="naive"):
        view.actions_open_during(datetime(2026, 3, 3), datetime(2026, 3, 4))


def test_indexed_queries_follow_every_change(store: Store, path: Path, clock: FakeClock) -> None:
    held = store.add_meeting(meeting(1, ended=True))
    assert held.id is not None
    with Store.open(path, read_only=True) as reader:
        assert reader.actions(meeting_id=held.id) == []  # builds the index
        assert reader.meeting_numbers() == {held.id: 1}
        # Another process writes: the reader's indexes catch up with the file.
        with Store.open(path, clock=clock) as other:
            added = other.add_action("Leads nachfassen", "sales", None, held.id, 1)
            other.add_meeting(meeting(2, started=START + timedelta(days=14)))
            other.add_decision(held.id, 2, "Webinarreihe verlängert")
        assert [a.ref for a in reader.actions(meeting_id=held.id)] == [added.ref]
        assert sorted(reader.meeting_numbers().values()) == [1, 2]
        assert [d.text for d in reader.decisions(held.id)] == ["Webinarreihe verlängert"]
        assert reader.meeting_by_number(2).number == 2
    # A change undone by a failed transaction leaves no trace in the indexes either.
    assert store.actions(meeting_id=held.id) != []
    with pytest.raises(RuntimeError), store.transaction():
        store.set_action_status("A-1", ActionStatus.DONE, held.id)
        assert [a.ref for a in store.actions(closed_in=held.id, include_closed=True)] == ["A-1"]
        raise RuntimeError("the app crashed")
    assert store.actions(closed_in=held.id, include_closed=True) == []
    store.delete_action("A-1")
    assert store.actions(meeting_id=held.id, include_closed=True) == []


def test_reads_grouped_in_reading_see_one_state_of_the_file(store: Store, path: Path) -> None:
    store.add_action("vorher", None, None, None, None)
    with Store.open(path, read_only=True) as reader:
        with reader.reading():
            assert len(reader.actions()) == 1
            with Store.open(path) as other:
                other.add_action("währenddessen", None, None, None, None)
            assert len(reader.actions()) == 1
        assert len(reader.actions()) == 2


def test_action_errors_name_what_is_wrong(store: Store) -> None:
    with pytest.raises(UsageError, match="action item needs some text"):
        store.add_action(" ", None, None, None, None)
    with pytest.raises(NotFoundError, match="meeting 3"):
        store.add_action("x", None, None, 3, 0)


def test_thousands_of_items_spread_over_tables_and_stay_reachable(
    store: Store, view: Store, path: Path
) -> None:
    with store.transaction():
        for n in range(SHARD_SIZE + 5):
            store.add_action(f"Aufgabe {n + 1}", "sales", None, None, None)
    assert view.action(f"A-{SHARD_SIZE + 3}").text == f"Aufgabe {SHARD_SIZE + 3}"
    assert len(view.actions(owners={"sales"})) == SHARD_SIZE + 5
    written = {name for line in lines(path) for name in line.get("put", {})}
    assert written == {"meta", "actions.0", "actions.1", "events.0", "events.1"}


# --- budget agreements ------------------------------------------------------------------


def test_budgets_keep_their_amount_exact(store: Store, view: Store, path: Path) -> None:
    held = store.add_meeting(meeting())
    assert held.id is not None
    shift = store.add_budget(
        held.id,
        2,
        area="sales",
        amount=Decimal("12500.10"),
        currency="eur",
        period="2026-Q2",
        kind=BudgetKind.SHIFT,
        from_area="communication",
        note="Für die Messe Hannover Follow-up",
        needs_signoff=True,
    )
    assert shift.currency == "EUR"
    assert view.budgets(held.id) == [shift]
    stored = lines(path)[-1]["put"]["budgets.0"][str(shift.id)]
    assert stored["amount"] == "12500.10"
    cut = store.update_budget(shift.id, kind=BudgetKind.CUT, amount=Decimal("5000"))
    assert (cut.kind, cut.from_area, cut.amount) == (BudgetKind.CUT, None, Decimal("5000"))
    removed = store.delete_budget(shift.id)
    assert view.budgets() == []
    store.restore_budget(removed)
    assert view.budgets() == [cut]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": BudgetKind.SHIFT}, "taken from"),
        ({"kind": BudgetKind.SHIFT, "from_area": "sales"}, "from one area to another"),
        ({"amount": Decimal("0")}, "more than zero"),
        ({"amount": Decimal("NaN")}, "must be a number"),
        ({"area": " "}, "needs an area"),
        ({"period": ""}, "needs a period"),
    ],
)
def test_a_budget_that_makes_no_sense_is_refused(
    store: Store, fields: dict[str, Any], message: str
) -> None:
    held = store.add_meeting(meeting())
    values: dict[str, Any] = {
        "area": "sales",
        "amount": Decimal("1000"),
        "currency": "EUR",
        "period": "2026-Q2",
        "kind": BudgetKind.ALLOCATION,
        **fields,
    }
    with pytest.raises(UsageError, match=message):
        store.add_budget(held.id or 0, 0, **values)


# --- transactions, other processes, damage ----------------------------------------------


def test_a_transaction_is_one_line_and_all_or_nothing(store: Store, path: Path) -> None:
    held = store.add_meeting(meeting())
    assert held.id is not None
    before = path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction():
        store.add_decision(held.id, 1, "Beschluss")
        store.add_action("Folgeaufgabe", "sales", None, held.id, 1)
        raise RuntimeError("power cut in the app")
    assert path.read_bytes() == before
    assert store.decisions() == [] and store.actions() == []
    with store.transaction():
        store.add_decision(held.id, 1, "Beschluss")
        store.add_action("Folgeaufgabe", "sales", None, held.id, 1)
    assert path.read_bytes().count(b"\n") == before.count(b"\n") + 1


def test_the_app_sees_what_an_attendee_changed(path: Path, store: Store) -> None:
    item = store.add_action("Leads nachfassen", "sales", None, None, None)
    token = store.version()
    with Store.open(path) as terminal:
        terminal.set_action_status(item.ref, ActionStatus.DONE)
    assert store.version() != token
    assert store.action(item.ref).status is ActionStatus.DONE
    assert store.add_action("Nächste", None, None, None, None).ref == "A-2"


def test_a_damaged_document_is_reported_with_file_and_entry(path: Path) -> None:
    path.write_bytes(
        b'{"roundtable":"store","schema":1}\n'
        b'{"put":{"actions.0":{"4":{"text":"ohne Status",'
        b'"opened_at":"2026-03-03T09:00:00+01:00"},'
        b'"5":{"text":"ohne Zeit","status":"open","meeting_id":1}}}}\n'
    )
    with Store.open(path, read_only=True) as opened:
        with pytest.raises(StoreError) as caught:
            opened.action("A-4")
        assert str(path) in caught.value.message
        assert "action item 4" in caught.value.message
        # The indexes read every item: one that cannot be placed in time is reported.
        for query in (
            lambda: opened.actions(meeting_id=1),
            lambda: opened.actions_open_during(START, START),
        ):
            with pytest.raises(StoreError) as caught:
                query()
            assert str(path) in caught.value.message
            assert "action item 5" in caught.value.message


def test_a_newer_store_is_refused_and_left_alone(path: Path) -> None:
    ours = store_module.SCHEMA_VERSION
    content = b'{"roundtable":"store","schema":%d}\n' % (ours + 1)
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert str(path) in caught.value.message
    assert f"version {ours + 1}" in caught.value.message
    assert f"version {ours})" in caught.value.message
    assert path.read_bytes() == content


def test_an_older_store_is_migrated_with_a_backup(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = (
        b'{"roundtable":"store","schema":0}\n'
        b'{"put":{"todo":{"1":{"what":"Leads nachfassen","who":"sales",'
        b'"since":"2026-03-03T09:00:00+01:00"}}}}\n'
    )
    path.write_bytes(original)

    def v0_to_v1(data: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
        actions = {
            doc_id: {
                "ref": f"A-{doc_id}",
                "text": doc["what"],
                "owner": doc["who"],
                "due": None,
                "status": "open",
                "meeting_id": None,
                "item_index": None,
                "opened_at": doc["since"],
                "closed_at": None,
                "closed_in": None,
            }
            for doc_id, doc in data["todo"].items()
        }
        return {"actions.0": actions, "meta": {"1": {"actions.0": 1, "actions": 1}}}

    monkeypatch.setattr(
        store_file_module, "MIGRATIONS", {**store_file_module.MIGRATIONS, 0: v0_to_v1}
    )
    with Store.open(path) as migrated:
        assert [(a.ref, a.text, a.owner) for a in migrated.actions()] == [
            ("A-1", "Leads nachfassen", "sales")
        ]
        assert migrated.add_action("Neu", None, None, None, None).ref == "A-2"
    current = b'{"roundtable":"store","schema":%d' % store_module.SCHEMA_VERSION
    assert path.read_bytes().startswith(current)
    backup = path.with_name("roundtable.db.v0.bak")
    assert backup.read_bytes() == original
    monkeypatch.setattr(store_file_module, "MIGRATIONS", {})
    with Store.open(path) as again:  # already version 3: nothing left to migrate
        assert len(again.actions()) == 2


def test_an_older_store_without_a_migration_is_refused(path: Path) -> None:
    content = b'{"roundtable":"store","schema":0}\n{"put":{"todo":{"1":{}}}}\n'
    path.write_bytes(content)
    with pytest.raises(StoreError, match="cannot upgrade it"):
        Store.open(path)
    assert path.read_bytes() == content
    assert not path.with_name("roundtable.db.v0.bak").exists()


def test_wipe_removes_everything(store: Store) -> None:
    store.add_meeting(meeting())
    store.add_action("x", None, None, None, None)
    store.wipe()
    assert store.meetings() == [] and store.actions(include_closed=True) == []
    assert store.add_action("y", None, None, None, None).ref == "A-1"


# --- owners -----------------------------------------------------------------------------

ROLES = (
    Role("sales", "Sales", "sales", ("Thomas Wagner", "Julia Neumann", "Markus Becker")),
    Role("sales-controlling", "Sales Controlling", "controlling", ("Monika Schneider",)),
    Role("sales-marketing", "Sales Marketing", "marketing", ("Katrin Vogel",)),
    Role("management", "Management", "management", ("Dr. Martin Keller", "Sabine Brandt")),
    Role("product-marketing", "Product Marketing", "marketing", ("Jana Richter", "Markus Lang")),
)


@pytest.mark.parametrize(
    ("typed", "owners"),
    [
        ("sales", {"sales", "Thomas Wagner", "Julia Neumann", "Markus Becker"}),
        ("SALES-CONTROLLING", {"sales-controlling", "Monika Schneider"}),
        ("sales-c", {"sales-controlling", "Monika Schneider"}),
        ("Katrin Vogel", {"Katrin Vogel", "sales-marketing"}),
        ("katrin", {"Katrin Vogel", "sales-marketing"}),
        ("vogel", {"Katrin Vogel", "sales-marketing"}),
        ("jul", {"Julia Neumann", "sales"}),
        ("keller", {"Dr. Martin Keller", "management"}),
        ("prod", {"product-marketing", "Jana Richter", "Markus Lang"}),
    ],
)
def test_an_owner_is_matched_by_id_name_or_unique_prefix(typed: str, owners: set[str]) -> None:
    assert resolve_owner(typed, ROLES) == owners


@pytest.mark.parametrize(("typed", "candidates"), [("markus", "Markus Becker, Markus Lang")])
def test_an_ambiguous_owner_lists_the_candidates(typed: str, candidates: str) -> None:
    with pytest.raises(UsageError, match=candidates):
        resolve_owner(typed, ROLES)


def test_a_prefix_of_several_roles_is_ambiguous() -> None:
    with pytest.raises(UsageError, match="sales-controlling, sales-marketing"):
        resolve_owner("sales-", ROLES)


def test_nobody_matching_is_an_error_listing_who_is_known() -> None:
    with pytest.raises(UsageError, match="No role or person matches 'Klaus'"):
        resolve_owner("Klaus", ROLES)


def test_a_former_owner_still_named_on_items_is_found() -> None:
    assert resolve_owner("klaus", ROLES, {"Klaus Weber", "sales"}) == {"Klaus Weber"}


# --- the demo ---------------------------------------------------------------------------


def shipped_config() -> Any:
    from roundtable.domain.config import load_config

    return load_config(shipped_defaults_dir(), "the shipped defaults")


def test_the_demo_is_a_realistic_year_and_the_same_for_the_same_seed(tmp_path: Path) -> None:
    config = shipped_config()
    today = date(2026, 11, 22)
    contents = []
    for name in ("one.db", "two.db"):
        with Store.open(tmp_path / name) as target:
            summary = fill_demo(target, config, today=today, seed=3)
        contents.append((tmp_path / name).read_bytes())
    assert contents[0] == contents[1]

    with Store.open(tmp_path / "one.db", read_only=True) as demo:
        meetings = demo.meetings()
        actions = demo.actions(include_closed=True)
        budgets = demo.budgets()
    assert summary.meetings == len(meetings) == 40
    assert meetings[0].agenda_id == "constituting"
    assert {m.agenda_id for m in meetings[1:]} == {"round-table"}
    assert all(m.ended_at is not None and m.ended_at.date() < today for m in meetings)
    gaps = {
        (b.started_at.date() - a.started_at.date()).days for a, b in itertools.pairwise(meetings)
    }
    assert gaps == {7, 14}
    assert meetings[0].cadence is Cadence.WEEKLY and meetings[-1].cadence is Cadence.BIWEEKLY
    assert any(item.state is ItemState.DEFERRED for m in meetings for item in m.items)
    assert any(m.pauses for m in meetings)
    assert any(not person.present for m in meetings for person in m.attendees)
    overran = [
        item
        for m in meetings
        for item in m.items
        for segment in item.segments
        if segment.end and segment.end - segment.start > timedelta(minutes=item.planned_minutes)
    ]
    assert overran
    statuses = {a.status for a in actions}
    assert statuses == {ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DROPPED}
    assert any(a.is_overdue(today) for a in actions)
    assert any(a.status is ActionStatus.OPEN and not a.is_overdue(today) for a in actions)
    assert any(a.closed_in is not None and a.closed_in != a.meeting_id for a in actions)
    assert any(a.status is ActionStatus.DONE and a.closed_in is None for a in actions)
    assert {b.kind for b in budgets} == set(BudgetKind)
    assert any(b.kind is BudgetKind.CUT and b.needs_signoff for b in budgets)
    role_ids = {role.id for role in config.roles}
    holders = {holder for role in config.roles for holder in role.holders}
    assert {a.owner for a in actions} <= role_ids | holders


def test_the_demo_refuses_a_store_with_meetings_unless_forced(tmp_path: Path) -> None:
    config = shipped_config()
    path = tmp_path / "busy.db"
    with Store.open(path) as target:
        target.add_meeting(meeting(ended=True))
        content = path.read_bytes()
        with pytest.raises(UsageError, match="already has 1 meeting;"):
            fill_demo(target, config, today=date(2026, 11, 22), meetings=3)
        assert path.read_bytes() == content
        summary = fill_demo(target, config, today=date(2026, 11, 22), meetings=3, force=True)
        assert summary.meetings == 3
        assert [m.number for m in target.meetings()] == [1, 2, 3]


def test_a_compacted_store_reads_the_same_as_one_parsed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A compacted store opens lazily, a table at a time, and finds the running meeting
    # newest table first. With small tables (many of each kind), everything read from it
    # must equal what the same data gives when every line is parsed at open.
    from roundtable.domain import timebox
    from roundtable.domain.minutes import gather_minutes, render_minutes
    from roundtable.store.journal import JournalStorage

    monkeypatch.setattr(records_module, "SHARD_SIZE", 7)
    monkeypatch.setattr(records_module, "MEETING_HEADS_SHARD", 7)
    config = shipped_config()
    lazy_path, whole_path = tmp_path / "lazy.db", tmp_path / "whole.db"
    with Store.open(lazy_path) as target:
        fill_demo(target, config, today=date(2026, 11, 22), meetings=20, seed=5)
        agenda = config.agenda("round-table")
        running = timebox.new_meeting(agenda, (), "Katrin Vogel", 21, target.clock())
        target.add_meeting(running)
    assert b'{"chunk":["meetings.2",' in lazy_path.read_bytes()
    tables = JournalStorage(lazy_path, schema=store_module.SCHEMA_VERSION, read_only=True).read()
    header = b'{"roundtable":"store","schema":%d}' % store_module.SCHEMA_VERSION
    whole = {name: dict(docs) for name, docs in tables.items()}
    whole_path.write_bytes(header + b"\n" + json.dumps({"put": whole}).encode() + b"\n")

    def everything(path: Path) -> tuple[object, ...]:
        with Store.open(path, read_only=True) as store:
            running = store.running_meeting()
            assert running is not None and running.id is not None
            last = store.meetings()[-2]
            assert last.id is not None
            return (
                running,
                store.meetings(),
                store.decisions(),
                store.actions(include_closed=True),
                store.actions(meeting_id=last.id, include_closed=True),
                store.budgets(last.id),
                store.meeting_counts(),
                store.campaigns(),
                render_minutes(gather_minutes(store, last.id, config, timezone=UTC)),
            )

    assert everything(lazy_path) == everything(whole_path)
