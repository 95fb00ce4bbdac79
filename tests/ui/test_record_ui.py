"""The record at the table, through the Pilot on a real store file: attendance with
excused people and guests (and how the meeting screen shows who is missing), the
review item's changes since the last meeting with the approval of the last minutes
(`g`), and the budgets item's picture (`B`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from roundtable.domain.config import FixedBudget, TeamConfig
from roundtable.domain.entries import ActionStatus, BudgetKind
from roundtable.domain.meeting import Attendance, Attendee
from roundtable.domain.minutes import gather_minutes, render_minutes
from roundtable.store.store import Store
from roundtable.ui.screens.dialogs.attendance import AttendanceScreen
from roundtable.ui.screens.record.budgets import BudgetPictureModal
from roundtable.ui.screens.record.review import ReviewModal
from roundtable.ui.widgets.carry_over import CarryOverTable
from roundtable.ui.widgets.plain import PlainLabel
from tests.ui.conftest import FakeClock, app_for, meeting_screen, running_meeting, settle
from tests.ui.conftest import shown_text as screen_text
from tests.ui.test_forms import Host, shown_text, type_text

PEOPLE = (
    Attendee("Anna Schneider", "product-marketing"),
    Attendee("Markus Becker", "sales-marketing", present=False),
    Attendee("Julia Hoffmann", "communication", present=False, excused=True),
    Attendee("Eva Lorenz", "", guest=True),
)


async def test_attendance_marks_excused_and_takes_guests() -> None:
    app = Host(AttendanceScreen(PEOPLE))
    async with app.run_test(size=(90, 30)) as pilot:
        text = shown_text(app)
        assert "1 of 3 present · 1 excused" in text
        assert "excused" in text.split("Julia Hoffmann")[1].splitlines()[0]
        await pilot.press("down", "e")  # Markus: excused
        assert "1 of 3 present · 2 excused" in shown_text(app)
        await pilot.press("down", "space")  # Julia: present, no longer excused
        assert "2 of 3 present · 1 excused" in shown_text(app)
        await pilot.press("tab")  # to the guests
        await pilot.press("ctrl+u")
        await type_text(pilot, "Eva Lorenz, Jonas Weber (IT)")
        await pilot.press("enter")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, tuple)
    assert [(a.name, a.attendance, a.guest) for a in result] == [
        ("Anna Schneider", Attendance.PRESENT, False),
        ("Markus Becker", Attendance.EXCUSED, False),
        ("Julia Hoffmann", Attendance.PRESENT, False),
        ("Eva Lorenz", Attendance.PRESENT, True),
        ("Jonas Weber (IT)", Attendance.PRESENT, True),
    ]


async def test_the_meeting_screen_shows_who_is_missing_dimmed_with_the_word(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    people = list(meeting.attendees)
    people[1] = people[1].marked(Attendance.ABSENT)
    people[2] = people[2].marked(Attendance.EXCUSED)
    store.save_meeting(
        replace(meeting, attendees=(*people, Attendee("Eva Lorenz", "", guest=True)))
    )
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        label = meeting_screen(app).query_one("#attendance", PlainLabel)
        shown = label.shown
        missing_absent = f"{people[1].name} absent"
        missing_excused = f"{people[2].name} excused"
        assert shown.startswith(f"Present: {len(people) - 2} of {len(people)}")
        # The excused first, then the absent; the guest counted.
        assert shown.index(missing_excused) < shown.index(missing_absent)
        assert shown.endswith("1 guest")
        rendered = label.render()
        dimmed = {
            str(rendered)[span.start : span.end]
            for span in getattr(rendered, "spans", [])
            if "dim" in str(span.style)
        }
        assert {missing_absent, missing_excused} <= dimmed
        # Changing attendance (t) keeps guests and marks excused people.
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        assert app.screen.query_one("#guests").value == "Eva Lorenz"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await settle(pilot)


async def test_g_shows_changes_since_the_last_meeting_and_approves_its_minutes(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    clock.advance(days=-14)
    first = running_meeting(store, config, clock)
    assert first.id is not None
    store.add_action("Messestand Hannover buchen", "sales-marketing", date(2026, 3, 1), first.id, 2)
    store.add_action("Leadliste bereinigen", "dialog-marketing", None, first.id, 2)
    store.save_meeting(replace(first, ended_at=clock() + timedelta(hours=2)))
    clock.advance(days=3)
    store.actor = "Stefan Krüger"
    store.set_action_status("A-2", ActionStatus.DONE, None)
    store.actor = None
    clock.advance(days=11)
    second = running_meeting(store, config, clock)
    assert second.id is not None
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "Minutes" in screen_text(app).splitlines()[-1]  # the footer offers g
        # The review item's carry-over says that something changed between the meetings.
        table = meeting_screen(app).query_one(CarryOverTable)
        assert "1 changed since the last meeting (g)" in str(table.border_title)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ReviewModal)
        text = shown_text(app)
        assert "Since meeting 1" in text
        assert "A-2 Leadliste bereinigen — done (" in text and "Stefan Krüger)" in text
        assert "The minutes of meeting 1 are not approved yet." in text
        await type_text(pilot, "TOP 3: 41 Leads")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewModal)
        # Asked again, it says so.
        await pilot.press("g")
        await settle(pilot)
        assert "approved (with correction: TOP 3: 41 Leads)" in shown_text(app)
        await pilot.press("escape")
        await settle(pilot)
    approval = store.minutes_approval(second.id)
    assert approval is not None and approval.correction == "TOP 3: 41 Leads"
    assert approval.by == "Katrin Vogel"
    minutes = render_minutes(gather_minutes(store, second.id, config))
    assert "- Minutes of meeting 1 approved (with correction: TOP 3: 41 Leads)." in minutes


async def test_capital_b_shows_the_budget_picture(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    config = replace(
        config,
        budgets=(
            FixedBudget("sales", "2026", Decimal("500000")),
            FixedBudget("communication", "2026", Decimal("300000")),
        ),
    )
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    year = clock().year
    for kind, area, amount, signoff in (
        (BudgetKind.ALLOCATION, "sales", "120000", False),
        (BudgetKind.CUT, "communication", "20000", True),
    ):
        store.add_budget(
            meeting.id,
            5,
            area=area,
            amount=Decimal(amount),
            currency="EUR",
            period=f"{year}-Q1",
            kind=kind,
            needs_signoff=signoff,
        )
    if year != 2026:
        config = replace(
            config,
            budgets=tuple(replace(b, period=str(year)) for b in config.budgets),
        )
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BudgetPictureModal)
        text = shown_text(app)
        assert "€380,000.00" in text  # sales: 500,000 less 120,000 allocated
        assert "€280,000.00" in text  # communication: 300,000 less the 20,000 cut
        assert "B-2" in text and "(from meeting 1)" in text  # awaits sign-off
        assert "B-2 touches B-1" in text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, BudgetPictureModal)
