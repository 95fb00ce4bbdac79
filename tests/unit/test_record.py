"""The record's pieces without the app: attendance from older stores, the budget
picture's arithmetic, and the events since a moment read from the newest tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from roundtable.domain.budget_picture import budget_picture, cuts_touching
from roundtable.domain.config import Cadence, FixedBudget
from roundtable.domain.entries import BudgetAgreement, BudgetKind, SignOff
from roundtable.domain.history import stamp
from roundtable.domain.meeting import Attendance, Attendee, Meeting
from roundtable.store.meeting_codec import meeting_from_parts, meeting_parts
from roundtable.store.store import Store

T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


def _meeting() -> Meeting:
    return Meeting(
        id=None,
        number=1,
        agenda_id="round-table",
        title="Round table",
        timebox_minutes=180,
        cadence=Cadence.WEEKLY,
        items=(),
        attendees=(
            Attendee("Katrin Vogel", "sales-marketing"),
            Attendee("Jana Richter", "product-marketing", present=False),
            Attendee("Dr. Martin Keller", "management", present=False, excused=True),
            Attendee("Eva Lorenz", "", guest=True),
        ),
        facilitator="Katrin Vogel",
        started_at=T0,
        location="Bielefeld",
        minute_taker="Monika Schneider",
        current=None,
    )


def test_attendance_place_and_minute_taker_round_trip_and_old_stores_read_as_absent() -> None:
    parts = meeting_parts(_meeting())
    again = meeting_from_parts(1, parts.head, parts.clock, parts.items)
    assert [a.attendance for a in again.attendees] == [
        Attendance.PRESENT,
        Attendance.ABSENT,
        Attendance.EXCUSED,
        Attendance.PRESENT,
    ]
    assert again.attendees[3].guest
    assert (again.location, again.minute_taker) == ("Bielefeld", "Monika Schneider")
    # A store from before: only `present`, no place, no minute-taker.
    head = dict(parts.head)
    head["attendees"] = [
        {"name": a["name"], "role": a["role"], "present": a["present"]}
        for a in head["attendees"][:2]
    ]
    del head["location"], head["minute_taker"]
    old = meeting_from_parts(1, head, parts.clock, parts.items)
    assert [a.attendance for a in old.attendees] == [Attendance.PRESENT, Attendance.ABSENT]
    assert (old.location, old.minute_taker) == ("", "")


def _budget(
    number: int, kind: BudgetKind, area: str, amount: str, period: str, **more: object
) -> BudgetAgreement:
    fields: dict[str, object] = {"currency": "EUR", **more}
    return BudgetAgreement(
        id=number,
        meeting_id=1,
        item_index=5,
        area=area,
        amount=Decimal(amount),
        period=period,
        kind=kind,
        **fields,  # type: ignore[arg-type]
    )


def test_the_budget_picture_counts_what_belongs_to_each_fixed_budget() -> None:
    fixed = (
        FixedBudget("Sales", "2026", Decimal("100000")),
        FixedBudget("communication", "2026-H1", Decimal("50000")),
    )
    rejected = SignOff(approved=False, by="Sabine Brandt", at=T0)
    agreements = [
        _budget(1, BudgetKind.ALLOCATION, "sales", "30000", "2026-Q1"),
        _budget(2, BudgetKind.CUT, " SALES ", "5000", "Q1 2026"),
        _budget(3, BudgetKind.SHIFT, "communication", "2000", "2026-03", from_area="sales"),
        _budget(4, BudgetKind.CUT, "communication", "9999", "2026-Q1", signoff=rejected),
        _budget(5, BudgetKind.ALLOCATION, "communication", "1000", "2026-Q3"),  # not in H1
        _budget(6, BudgetKind.ALLOCATION, "sales", "1000", "2026", currency="USD"),
        _budget(7, BudgetKind.SHIFT, "sales", "700", "2026", from_area="Sales"),  # within
    ]
    sales, communication = budget_picture(fixed, agreements)
    assert (sales.allocated, sales.cut, sales.shifted_in, sales.shifted_out) == (
        Decimal("30000"),
        Decimal("5000"),
        Decimal(0),
        Decimal("2000"),
    )
    assert sales.left == Decimal("63000")
    assert [b.id for b in sales.agreements] == [1, 2, 3]
    assert communication.shifted_in == Decimal("2000") and communication.cut == 0
    assert communication.left == Decimal("52000")
    # The sales cut touches marketing's agreements for the same time, not sales' own.
    (touch,) = cuts_touching([agreements[1]], agreements, ())
    assert touch.sales_cut and [b.id for b in touch.touched] == [3]


def test_events_since_a_moment_read_only_the_newest_tables(tmp_path: Path) -> None:
    moment = [T0]
    with Store.open(tmp_path / "many.db", clock=lambda: moment[0]) as store:
        meeting = store.add_meeting(_meeting())
        assert meeting.id is not None
        with store.transaction():
            for number in range(2300):
                moment[0] = T0 + timedelta(minutes=number)
                store.add_decision(meeting.id, 0, f"Decision {number}")
    cut = stamp(T0 + timedelta(minutes=2150))
    with Store.open(tmp_path / "many.db", read_only=True) as fresh, fresh.reading():
        recent = fresh.events_since(cut)
        assert [e.at for e in recent] == sorted(e.at for e in recent)
        assert len(recent) == 149
        assert fresh.event_log._index is None  # nothing built over all of history
        # Streamed, the same events come, as often as asked, and none is indexed.
        streamed = fresh.stream_events_since(cut)
        assert sorted(e.id for e in streamed) == [e.id for e in recent]
        assert sorted(e.id for e in streamed) == [e.id for e in recent]
        assert sum(1 for _e in fresh.stream_events_since("")) == 2300
        assert fresh.event_log._index is None
        everything = fresh.event_log.between(cut, "9999")
        assert [e.id for e in everything] == [e.id for e in recent]
        assert len(fresh.events_since("")) == 2300
