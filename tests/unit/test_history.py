"""The record is history: events for every change, old stores migrated, and minutes
of an ended meeting that never change after the fact (amendments only at the end)."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from roundtable.domain.config import TeamConfig, load_config
from roundtable.domain.entries import ActionStatus, BudgetKind
from roundtable.domain.history import EntryKind, EventKind
from roundtable.domain.meeting import Attendee, Meeting
from roundtable.domain.minutes import changes_since_last_meeting, gather_minutes, render_minutes
from roundtable.domain.timebox import end, new_meeting, next_item
from roundtable.store.store import Store

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
T0 = datetime(2026, 2, 26, 8, 0, tzinfo=UTC)
AMENDMENTS = "\n## Amendments after the meeting\n"


class Clock:
    """A clock the test moves on by hand, a minute at least each time."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: float = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


@pytest.fixture
def config() -> TeamConfig:
    return load_config(SHIPPED, "test")


ATTENDEES = (Attendee("Katrin Vogel", "sales-marketing"), Attendee("Thomas Wagner", "sales"))


def start(store: Store, clock: Clock, config: TeamConfig, number: int) -> Meeting:
    agenda = config.agenda("round-table")
    assert agenda is not None
    meeting = store.add_meeting(new_meeting(agenda, ATTENDEES, "Katrin Vogel", number, clock()))
    meeting = next_item(meeting, clock.tick())
    store.save_meeting(meeting)
    return meeting


def finish(store: Store, clock: Clock, meeting: Meeting) -> Meeting:
    meeting = end(meeting, clock.tick(5))
    store.save_meeting(meeting)
    clock.tick()
    return meeting


def test_each_change_is_an_event_with_where_and_who(tmp_path: Path, config: TeamConfig) -> None:
    clock = Clock()
    with Store.open(tmp_path / "r.db", clock=clock) as store:
        meeting = start(store, clock, config, 1)
        assert meeting.id is not None
        item = store.add_action("Preisliste prüfen", "sales", None, meeting.id, 0)
        clock.tick()
        store.update_action(item.ref, owner="Thomas Wagner")
        clock.tick()
        store.update_action(item.ref, due=date(2026, 3, 9))
        clock.tick()
        store.set_action_status(item.ref, ActionStatus.DONE, meeting.id)
        decision = store.add_decision(meeting.id, 0, "Webinar startet im März")
        finish(store, clock, meeting)
        store.actor = "Thomas Wagner"
        store.change_action_status(item.ref, ActionStatus.OPEN, note="Kunde meldet sich")
        store.update_decision(decision.id, "Webinar startet im April")
        events = store.events(EntryKind.ACTION, item.id)
        fixed = store.events(EntryKind.DECISION, decision.id)
    assert [e.kind for e in events] == [
        EventKind.OPENED,
        EventKind.REASSIGNED,
        EventKind.REDATED,
        EventKind.DONE,
        EventKind.REOPENED,
    ]
    # In the meeting by its facilitator; afterwards between meetings, by who said so.
    assert [(e.meeting_id, e.by) for e in events[:4]] == [(meeting.id, "Katrin Vogel")] * 4
    assert (events[4].meeting_id, events[4].by, events[4].note) == (
        None,
        "Thomas Wagner",
        "Kunde meldet sich",
    )
    assert events[1].before is not None and events[1].before["owner"] == "sales"
    assert events[1].after is not None and events[1].after["owner"] == "Thomas Wagner"
    assert [e.kind for e in fixed] == [EventKind.LOGGED, EventKind.CORRECTED]
    assert all(e.at.endswith("+00:00") and len(e.at) == 32 for e in events + fixed)


def test_an_old_store_migrates_with_its_history_as_first_events(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    meeting = {
        "number": 1,
        "agenda_id": "round-table",
        "title": "Round Table",
        "timebox_minutes": 180,
        "cadence": "weekly",
        "facilitator": "Katrin Vogel",
        "started_at": "2026-03-03T09:00:00+01:00",
        "ended_at": "2026-03-03T11:00:00+01:00",
        "current": None,
        "items": [],
        "attendees": [],
        "pauses": [],
    }
    action = {
        "ref": "A-1",
        "text": "Leads nachfassen",
        "owner": "sales",
        "due": None,
        "status": "done",
        "meeting_id": 1,
        "item_index": 0,
        "opened_at": "2026-03-03T09:30:00+01:00",
        "closed_at": "2026-03-05T10:00:00.123456+00:00",
        "closed_in": None,
    }
    path.write_text(
        '{"roundtable":"store","schema":1}\n'
        + json.dumps({"put": {"meetings.0": {"1": meeting}, "actions.0": {"1": action}}})
        + "\n",
        encoding="utf-8",
    )
    with Store.open(path) as store:
        events = store.events(EntryKind.ACTION, 1)
        item = store.action("A-1")
    assert [(e.kind, e.at, e.meeting_id) for e in events] == [
        (EventKind.OPENED, "2026-03-03T08:30:00.000000+00:00", 1),
        (EventKind.DONE, "2026-03-05T10:00:00.123456+00:00", None),
    ]
    assert events[0].after is not None and events[0].after["status"] == "open"
    assert item.status is ActionStatus.DONE
    assert path.with_name("old.db.v1.bak").exists()
    stored = path.read_text(encoding="utf-8")
    assert '"2026-03-03T08:00:00.000000+00:00"' in stored  # the meeting's start, one form
    assert "+01:00" not in stored


# --- the property: minutes of an ended meeting never change after the fact ----------


def _random_history(seed: int, path: Path, config: TeamConfig) -> None:
    """Meetings and changes between them, at random, through the store; after each
    step every ended meeting's minutes must be its first export, plus at most an
    amendments section at the end that only grows."""
    rng = random.Random(seed)
    clock = Clock()
    first: dict[int, str] = {}
    last: dict[int, str] = {}
    with Store.open(path, clock=clock) as store:

        def check() -> None:
            for meeting_id, original in first.items():
                now = render_minutes(gather_minutes(store, meeting_id, config, timezone=UTC))
                assert now.startswith(original), (seed, meeting_id)
                if now != original:
                    assert now[len(original) :].startswith(AMENDMENTS), (seed, meeting_id)
                assert now.startswith(last[meeting_id]), (seed, meeting_id)
                last[meeting_id] = now

        def change(meeting_id: int | None) -> None:
            clock.tick(rng.choice((1, 7, 60, 600)))
            actions = store.actions(include_closed=True)
            decisions = store.decisions()
            budgets = store.budgets()
            notes = store.notes()
            choice = rng.randrange(10)
            if choice == 0 or not actions:
                store.add_action(f"Aufgabe {rng.randrange(1000)}", "sales", None, meeting_id, 0)
            elif choice == 1:
                ref = rng.choice(actions).ref
                status = rng.choice(list(ActionStatus))
                store.change_action_status(ref, status, meeting_id, note="weil")
            elif choice == 2:
                store.update_action(
                    rng.choice(actions).ref, due=date(2026, 4, 1) + timedelta(rng.randrange(9))
                )
            elif choice == 3:
                store.update_action(rng.choice(actions).ref, owner=rng.choice(("sales", "Jana")))
            elif choice == 4:
                store.update_action(rng.choice(actions).ref, text=f"Neu {rng.randrange(99)}")
            elif choice == 5 and decisions:
                store.update_decision(rng.choice(decisions).id, f"Berichtigt {rng.randrange(99)}")
            elif choice == 6 and budgets:
                budget = rng.choice(budgets)
                if budget.awaiting_signoff:
                    store.sign_off_budget(budget.id, approved=rng.random() < 0.5, by="Sabine")
                else:
                    store.update_budget(budget.id, note=f"Notiz {rng.randrange(99)}")
            elif choice == 7 and notes:
                store.update_note(rng.choice(notes).id, f"Zeile 1\nZeile {rng.randrange(9)}")
            elif choice == 8 and decisions:
                store.delete_decision(rng.choice(decisions).id)
            elif choice == 9 and actions:
                store.delete_action(rng.choice(actions).ref)

        for number in range(1, 6):
            for _ in range(rng.randrange(4)):
                change(None)
                check()
            meeting = start(store, clock, config, number)
            assert meeting.id is not None
            for _ in range(rng.randrange(2, 6)):
                clock.tick(3)
                what = rng.randrange(4)
                if what == 0:
                    store.add_decision(meeting.id, 0, f"Beschluss {rng.randrange(99)}")
                elif what == 1:
                    store.add_budget(
                        meeting.id,
                        1,
                        area=rng.choice(("sales", "communication")),
                        amount=Decimal(rng.randrange(1, 9) * 1000),
                        currency="EUR",
                        period="2026",
                        kind=rng.choice(list(BudgetKind)),
                        from_area="marketing",
                        needs_signoff=rng.random() < 0.6,
                    )
                elif what == 2:
                    store.add_note(meeting.id, 1, "Bericht\n- zweite Zeile")
                else:
                    change(meeting.id)
            meeting = finish(store, clock, meeting)
            assert meeting.id is not None
            first[meeting.id] = last[meeting.id] = render_minutes(
                gather_minutes(store, meeting.id, config, timezone=UTC)
            )
            check()


@pytest.mark.parametrize("seed", range(8))
def test_minutes_of_ended_meetings_never_change_only_amendments_grow(
    tmp_path: Path, config: TeamConfig, seed: int
) -> None:
    _random_history(seed, tmp_path / "r.db", config)


def test_a_correction_after_the_end_is_a_dated_amendment(
    tmp_path: Path, config: TeamConfig
) -> None:
    clock = Clock()
    with Store.open(tmp_path / "r.db", clock=clock) as store:
        meeting = start(store, clock, config, 1)
        assert meeting.id is not None
        decision = store.add_decision(meeting.id, 0, "Webinar startet im März")
        item = store.add_action("Preisliste prüfen", "sales", None, meeting.id, 0)
        store.set_action_status(item.ref, ActionStatus.DONE, meeting.id)
        finish(store, clock, meeting)
        before = render_minutes(gather_minutes(store, meeting.id, config, timezone=UTC))
        store.actor = "Thomas Wagner"
        clock.tick(60)
        store.update_decision(decision.id, "Webinar startet im April")
        store.change_action_status(item.ref, ActionStatus.OPEN)
        after = render_minutes(gather_minutes(store, meeting.id, config, timezone=UTC))
    assert after.startswith(before)
    added = after[len(before) :]
    assert added.startswith(AMENDMENTS)
    assert "Thomas Wagner" in added
    assert "„Webinar startet im März“" not in added  # English quotes in English minutes
    assert "“Webinar startet im März” corrected to" in added
    assert "Preisliste" not in added  # reopening is not a correction of the record
    assert "- [x] **A-1** Preisliste prüfen" in before


def test_an_entrys_later_event_that_names_no_meeting_still_says_what_it_was(
    tmp_path: Path, config: TeamConfig
) -> None:
    # A hand-edited store: the decision's one event after the end names no meeting and
    # says the decision did not exist then. The minutes go by the entry's first event
    # after the end whatever it names, as for any store (also one whose events since
    # are streamed, not kept).
    clock = Clock()
    with Store.open(tmp_path / "r.db", clock=clock) as store:
        meeting = start(store, clock, config, 1)
        assert meeting.id is not None
        kept = store.add_decision(meeting.id, 0, "Messe in Köln")
        gone = store.add_decision(meeting.id, 0, "Webinar startet im März")
        finish(store, clock, meeting)
        with store.transaction():
            store.event_log.record(
                EventKind.CORRECTED,
                EntryKind.DECISION,
                gone.id,
                at=clock.tick(60),
                meeting_id=None,
                by=None,
                before=None,
                after=None,
            )
        minutes = render_minutes(gather_minutes(store, meeting.id, config, timezone=UTC))
    assert kept.text in minutes
    assert gone.text not in minutes


def test_changes_between_meetings_are_there_for_the_review_item(
    tmp_path: Path, config: TeamConfig
) -> None:
    clock = Clock()
    with Store.open(tmp_path / "r.db", clock=clock) as store:
        first = start(store, clock, config, 1)
        assert first.id is not None
        item = store.add_action("Preisliste prüfen", "sales", date(2026, 3, 2), first.id, 0)
        finish(store, clock, first)
        store.actor = "Thomas Wagner"
        store.update_action(item.ref, due=date(2026, 3, 9))
        store.set_action_status(item.ref, ActionStatus.DONE)
        store.actor = None
        second = start(store, clock, config, 2)
        assert second.id is not None
        store.set_action_status(item.ref, ActionStatus.OPEN, second.id)  # in the meeting
        changes = changes_since_last_meeting(store, second.id)
    assert [(c.event.kind, c.event.by) for c in changes] == [
        (EventKind.REDATED, "Thomas Wagner"),
        (EventKind.DONE, "Thomas Wagner"),
    ]
