"""Editing, deleting and undoing action items and budget agreements in the meeting's log.

Every test drives the real app with keys on a real store file and reads back two
things: what the screen shows, and what a second, read-only `Store` on the same file
finds on disk (the app's own store object is never asked).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Checkbox, TextArea

from roundtable.domain.config import TeamConfig
from roundtable.domain.dates import accepted_due_forms
from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
)
from roundtable.errors import StoreError
from roundtable.store.store import Store
from roundtable.ui.screens.forms.action_form import ActionForm
from roundtable.ui.screens.forms.budget_form import BudgetForm
from roundtable.ui.screens.forms.form_base import FormModal
from roundtable.ui.widgets.item_log import ItemLog
from tests.ui.conftest import (
    FakeClock,
    app_for,
    meeting_screen,
    running_meeting,
    settle,
    shown_text,
    wait_until,
)


@dataclass(frozen=True)
class Disk:
    """One meeting's log as a fresh read-only store finds it in the file."""

    decisions: list[Decision]
    actions: list[ActionItem]
    budgets: list[BudgetAgreement]


def on_disk(db_file: Path, meeting_id: int) -> Disk:
    with Store.open(db_file, read_only=True) as disk:
        return Disk(
            disk.decisions(meeting_id),
            disk.actions(meeting_id=meeting_id, include_closed=True),
            disk.budgets(meeting_id),
        )


def log_of(app: App[None]) -> ItemLog:
    return meeting_screen(app).query_one(ItemLog)


async def focus_log(pilot: Pilot[None]) -> ItemLog:
    """Tab from the agenda into the log, as the facilitator does."""
    log = log_of(pilot.app)
    for _ in range(5):
        if pilot.app.focused is log:
            return log
        await pilot.press("tab")
    raise AssertionError(f"tab never reached the log; focused: {pilot.app.focused!r}")


async def paste(pilot: Pilot[None], text: str) -> None:
    """Put `text` into the focused field as a terminal's paste does: one event, where a
    key per character would cost a frame each (typing itself is tested in test_forms)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def capture_action(pilot: Pilot[None], text: str, owner: str, due: str) -> None:
    """`a`, then type: the text, the owner by type-ahead (the suggestion taken with →,
    then picked in the list), the due date; Enter saves."""
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ActionForm)
    await paste(pilot, text)
    await pilot.press("tab", *owner, "right", "down", "enter")
    await pilot.press("ctrl+u", *due, "enter")
    await settle(pilot)


# --- action items ---------------------------------------------------------------------


async def test_action_item_capture_edit_undo_delete_undo(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await capture_action(pilot, "Leadliste an den Vertrieb", "Stef", "+7d")
        assert "Stefan Krüger · due Mar 9, 2026" in shown_text(app)
        [captured] = on_disk(db_file, meeting.id).actions
        assert (captured.ref, captured.text, captured.owner, captured.due) == (
            "A-1",
            "Leadliste an den Vertrieb",
            "Stefan Krüger",
            date(2026, 3, 9),
        )

        log = await focus_log(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)
        assert "Edit action item" in shown_text(app)
        await pilot.press("ctrl+u")
        await paste(pilot, "Leadliste Frühjahr an den Vertrieb")
        await pilot.press("tab")
        await pilot.press("ctrl+u", *"sales-c", "right", "down", "enter")
        await pilot.press("ctrl+u", *"2026-12-01")
        await settle(pilot)
        assert "→ Tue, Dec 1, 2026" in shown_text(app)
        await pilot.press("enter")
        await settle(pilot)
        shown = shown_text(app)
        assert "Leadliste Frühjahr an den Vertrieb" in shown
        assert "Sales Controlling · due Dec 1, 2026" in shown
        [edited] = on_disk(db_file, meeting.id).actions
        assert (edited.ref, edited.text, edited.owner, edited.due) == (
            "A-1",
            "Leadliste Frühjahr an den Vertrieb",
            "sales-controlling",
            date(2026, 12, 1),
        )

        await pilot.press("ctrl+z")
        await settle(pilot)
        shown = shown_text(app)
        assert "Leadliste Frühjahr" not in shown
        assert "Stefan Krüger · due Mar 9, 2026" in shown
        [undone] = on_disk(db_file, meeting.id).actions
        assert (undone.ref, undone.text, undone.owner, undone.due) == (
            "A-1",
            "Leadliste an den Vertrieb",
            "Stefan Krüger",
            date(2026, 3, 9),
        )

        await pilot.press("delete")
        await settle(pilot)
        meeting_screen(app)  # deleted at once: ctrl+z is the way back
        assert log.entries == []
        assert "A-1" not in shown_text(app)
        assert on_disk(db_file, meeting.id).actions == []

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [entry.ref for entry in log.entries if isinstance(entry, ActionItem)] == ["A-1"]
        shown = shown_text(app)
        assert "A-1" in shown
        assert "Stefan Krüger · due Mar 9, 2026" in shown
        [restored] = on_disk(db_file, meeting.id).actions
        assert restored == undone


async def test_action_item_due_next_meeting_then_owner_and_date_cleared(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await capture_action(pilot, "Messestand Hannover buchen", "dialog-m", "next meeting")
        assert "Dialog Marketing · due Mar 16, 2026" in shown_text(app)
        [captured] = on_disk(db_file, meeting.id).actions
        assert (captured.owner, captured.due) == ("dialog-marketing", date(2026, 3, 16))

        await focus_log(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("tab", "ctrl+u", "tab", "tab", "ctrl+u", "enter")
        await settle(pilot)
        assert "nobody yet · no due date" in shown_text(app)
        [edited] = on_disk(db_file, meeting.id).actions
        assert (edited.text, edited.owner, edited.due) == ("Messestand Hannover buchen", None, None)

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Dialog Marketing · due Mar 16, 2026" in shown_text(app)
        [undone] = on_disk(db_file, meeting.id).actions
        assert (undone.owner, undone.due) == ("dialog-marketing", date(2026, 3, 16))


# --- budget agreements ----------------------------------------------------------------


async def capture_budget(pilot: Pilot[None]) -> None:
    """`b`, then a cut of CHF 12,500.50 from communication for 2026-Q2 with a note; a cut
    is marked for management sign-off by itself. ctrl+s saves."""
    await pilot.press("b")
    await settle(pilot)
    assert isinstance(pilot.app.screen, BudgetForm)
    await pilot.press("down", "tab")
    await paste(pilot, "Communication")
    await pilot.press("tab", *"12,500.50", "tab", "ctrl+u", *"chf", "tab", "ctrl+u")
    await paste(pilot, "2026-Q2")
    await pilot.press("tab")
    await paste(pilot, "Messe")
    await pilot.press("tab")
    assert pilot.app.screen.query_one("#signoff", Checkbox).value
    await pilot.press("ctrl+s")
    await settle(pilot)


def add_sales_allocation(store: Store, meeting_id: int) -> None:
    """EUR 25,000 for sales in 2026-Q2, under the first item."""
    store.add_budget(
        meeting_id,
        0,
        area="Sales",
        amount=Decimal(25000),
        currency="EUR",
        period="2026-Q2",
        kind=BudgetKind.ALLOCATION,
    )


CUT = "Cut: CHF 12,500.50 from Communication for 2026-Q2"
SIGNOFF = "needs management sign-off"


async def test_budget_agreement_capture_edit_undo_delete_undo(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await capture_budget(pilot)
        shown = shown_text(app)
        assert CUT in shown
        assert SIGNOFF in shown
        [captured] = on_disk(db_file, meeting.id).budgets
        assert (
            captured.kind,
            captured.area,
            captured.amount,
            captured.currency,
            captured.period,
            captured.note,
            captured.needs_signoff,
        ) == (BudgetKind.CUT, "Communication", Decimal("12500.50"), "CHF", "2026-Q2", "Messe", True)

        log = await focus_log(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BudgetForm)
        assert "Edit budget agreement" in shown_text(app)
        await pilot.press("tab", "tab", "ctrl+u", *"15,000", "tab", "tab", "tab", "tab")
        assert app.focused is app.screen.query_one("#signoff", Checkbox)
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        shown = shown_text(app)
        assert "Cut: CHF 15,000.00 from Communication for 2026-Q2" in shown
        assert SIGNOFF not in shown
        [edited] = on_disk(db_file, meeting.id).budgets
        assert edited == replace(captured, amount=Decimal("15000"), needs_signoff=False)

        await pilot.press("ctrl+z")
        await settle(pilot)
        shown = shown_text(app)
        assert CUT in shown
        assert SIGNOFF in shown
        assert on_disk(db_file, meeting.id).budgets == [captured]

        await pilot.press("delete")
        await settle(pilot)
        meeting_screen(app)
        assert log.entries == []
        assert "Cut:" not in shown_text(app)
        assert on_disk(db_file, meeting.id).budgets == []

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert CUT in shown_text(app)
        assert [entry.id for entry in log.entries if isinstance(entry, BudgetAgreement)] == [1]
        assert on_disk(db_file, meeting.id).budgets == [captured]


# --- bad input --------------------------------------------------------------------------


def files(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` with its bytes: a write of any kind changes one."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


async def save_and_expect(pilot: Pilot[None], field: str, message: str) -> None:
    """Save the open form: it must stay open and say `message` under `field`."""
    await pilot.press("ctrl+s")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormModal)
    assert form.error_text(field) == message
    # A long message wraps inside the dialog: its opening words are on one row.
    assert message[:30] in shown_text(pilot.app)


async def test_bad_input_in_the_action_item_edit_form_writes_nothing(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_action(
        "Leadliste an den Vertrieb", "dialog-marketing", date(2026, 3, 16), meeting.id, 0
    )
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        before = files(db_file.parent)
        await focus_log(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)

        await pilot.press("ctrl+u")
        await save_and_expect(pilot, "text", "Describe what is to be done; it cannot be empty.")
        assert app.focused is form.query_one("#text")

        await paste(pilot, "Leadliste an den Vertrieb")
        await pilot.press("tab", "ctrl+u")
        await paste(pilot, "Jürgen Weber")
        await save_and_expect(
            pilot,
            "owner",
            "“Jürgen Weber” holds no role. Pick a role or a person from the list, "
            "or leave the owner empty.",
        )

        await pilot.press("ctrl+u", *"dialog-marketing")
        form.query_one("#due").focus()
        await pilot.press("ctrl+u", *"2026-02-30")
        await settle(pilot)
        assert "→ ?" in shown_text(app)
        await save_and_expect(
            pilot,
            "due",
            f'There is no date "2026-02-30" in the calendar; use {accepted_due_forms()}.',
        )
        await pilot.press("ctrl+u", *"bald")
        await save_and_expect(
            pilot,
            "due",
            f'Cannot read the due date "bald"; use {accepted_due_forms()}.',
        )

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # yes, throw the changes away
        await settle(pilot)
        assert "Dialog Marketing · due Mar 16, 2026" in shown_text(app)
    assert files(db_file.parent) == before
    [action] = on_disk(db_file, meeting.id).actions
    assert (action.text, action.owner, action.due) == (
        "Leadliste an den Vertrieb",
        "dialog-marketing",
        date(2026, 3, 16),
    )


async def test_bad_input_in_the_budget_edit_form_writes_nothing(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    add_sales_allocation(store, meeting.id)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        before = files(db_file.parent)
        await focus_log(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, BudgetForm)
        await pilot.press("tab", "ctrl+u")  # the area
        await save_and_expect(pilot, "area", "Name the area, like sales or communication.")
        await pilot.press(*"Sales", "tab")
        assert app.focused is form.query_one("#amount")
        for typed, message in (
            ("zwölf", "Enter only the number, like 12,500.00; the currency has its own field."),
            ("-500", "Enter the amount without a minus sign; record a reduction as a cut."),
            ("0", "The amount must be more than zero."),
            (
                "12.5.0",
                "“12.5.0” is not an amount: use a point for decimals and commas only "
                "between thousands, like 12,500.50.",
            ),
            ("", "Enter an amount, like 12,500.00."),
        ):
            await pilot.press("ctrl+u", *typed)
            await save_and_expect(pilot, "amount", message)
            assert app.focused is form.query_one("#amount")

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Allocation: €25,000.00 to Sales for 2026-Q2" in shown_text(app)
    assert files(db_file.parent) == before
    [budget] = on_disk(db_file, meeting.id).budgets
    assert (budget.area, budget.amount) == ("Sales", Decimal(25000))


# --- undo across kinds ------------------------------------------------------------------


async def test_undo_takes_back_captures_of_every_kind_newest_first(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await paste(pilot, "Messe Hannover wird gebucht")
        await pilot.press("enter")
        await settle(pilot)
        # The log orders entries by capture time, which a clock standing still would tie.
        clock.advance(minutes=1)
        await capture_action(pilot, "Messestand buchen", "Stef", "+7d")
        clock.advance(minutes=1)
        await capture_budget(pilot)
        log = log_of(app)
        assert [type(entry) for entry in log.entries] == [Decision, ActionItem, BudgetAgreement]
        disk = on_disk(db_file, meeting.id)
        assert (len(disk.decisions), len(disk.actions), len(disk.budgets)) == (1, 1, 1)

        await pilot.press("ctrl+z")
        await settle(pilot)
        shown = shown_text(app)
        assert "Undone: Budget agreement" in shown
        assert CUT not in shown
        assert "Messestand buchen" in shown
        disk = on_disk(db_file, meeting.id)
        assert (len(disk.decisions), len(disk.actions), len(disk.budgets)) == (1, 1, 0)

        await pilot.press("ctrl+z")
        await settle(pilot)
        shown = shown_text(app)
        assert "Undone: Action item" in shown
        assert "Messestand buchen" not in shown
        assert "Messe Hannover wird gebucht" in shown
        disk = on_disk(db_file, meeting.id)
        assert (len(disk.decisions), len(disk.actions), len(disk.budgets)) == (1, 0, 0)

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Messe Hannover wird gebucht" not in shown_text(app)
        assert log.entries == []
        assert on_disk(db_file, meeting.id) == Disk([], [], [])

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Nothing to undo." in shown_text(app)


# --- changes from another process -------------------------------------------------------

POLL = 0.05
"""How often the app asks the store for other processes' changes in these tests."""


async def test_entries_changed_by_another_process_show_updated(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_action("Leadliste an den Vertrieb", "dialog-marketing", None, meeting.id, 0)
    store.add_action("Newsletter-Rücklauf auswerten", "Stefan Krüger", None, meeting.id, 0)
    add_sales_allocation(store, meeting.id)
    app = app_for(config, store, clock, start=True, poll_seconds=POLL)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert "Allocation: €25,000.00 to Sales for 2026-Q2" in shown_text(app)
        # A second laptop on the same store: an attendee edits one item, closes
        # another, and the controller corrects the budget.
        with Store.open(db_file, clock=clock) as other:
            other.update_action(
                "A-1", text="Leadliste Frühjahr an den Vertrieb", owner="management"
            )
            other.set_action_status("A-2", ActionStatus.DONE)
            other.update_budget(1, amount=Decimal(30000), needs_signoff=True)
        await wait_until(pilot, lambda: "€30,000.00" in shown_text(app))
        shown = shown_text(app)
        assert "Leadliste Frühjahr an den Vertrieb" in shown
        assert "Head of Sales · no due date" in shown
        assert "Stefan Krüger · no due date · done" in shown
        assert "Allocation: €30,000.00 to Sales for 2026-Q2" in shown
        assert SIGNOFF in shown
    disk = on_disk(db_file, meeting.id)
    assert [(a.ref, a.owner, a.status) for a in disk.actions] == [
        ("A-1", "management", ActionStatus.OPEN),
        ("A-2", "Stefan Krüger", ActionStatus.DONE),
    ]
    assert [(b.amount, b.needs_signoff) for b in disk.budgets] == [(Decimal(30000), True)]


async def test_undoing_an_edit_keeps_a_close_made_elsewhere_meanwhile(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_action("Leadliste an den Vertrieb", "dialog-marketing", None, meeting.id, 0)
    app = app_for(config, store, clock, start=True, poll_seconds=POLL)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await focus_log(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("end", *" bis Freitag", "enter")
        await settle(pilot)
        assert "Leadliste an den Vertrieb bis Freitag" in shown_text(app)

        with Store.open(db_file, clock=clock) as other:
            other.set_action_status("A-1", ActionStatus.DONE)
        await wait_until(pilot, lambda: "Dialog Marketing · no due date · done" in shown_text(app))

        await pilot.press("ctrl+z")
        await settle(pilot)
        shown = shown_text(app)
        assert "bis Freitag" not in shown
        assert "Dialog Marketing · no due date · done" in shown
    [action] = on_disk(db_file, meeting.id).actions
    assert (action.text, action.status) == ("Leadliste an den Vertrieb", ActionStatus.DONE)


async def test_undoing_a_delete_selects_the_entry_it_brought_back(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_action("Leadliste an den Vertrieb", "dialog-marketing", None, meeting.id, 0)
    clock.advance(seconds=1)
    store.add_action("Newsletter-Rücklauf auswerten", "Stefan Krüger", None, meeting.id, 0)
    clock.advance(seconds=1)
    add_sales_allocation(store, meeting.id)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        log = await focus_log(pilot)
        await pilot.press("up", "up")  # from the newest entry to the first, A-1
        assert log.cursor_row == 0
        await pilot.press("delete")
        await settle(pilot)
        assert "Leadliste an den Vertrieb" not in shown_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Leadliste an den Vertrieb" in shown_text(app)
        selected = log.selected
        assert isinstance(selected, ActionItem) and selected.ref == "A-1"

        # So a second delete takes the same entry again, not the budget below it.
        await pilot.press("delete")
        await settle(pilot)
        shown = shown_text(app)
        assert "Leadliste an den Vertrieb" not in shown
        assert "Allocation: €25,000.00 to Sales for 2026-Q2" in shown
    disk = on_disk(db_file, meeting.id)
    assert [action.ref for action in disk.actions] == ["A-2"]
    assert len(disk.budgets) == 1


# --- a failed edit ----------------------------------------------------------------------


class EditsFailStore(Store):
    """A store whose disk fills up after the first decision: editing it fails."""

    def update_decision(self, decision_id: int, text: str) -> Decision:
        raise StoreError("No space left on device")


async def test_a_failed_edit_keeps_the_changes_for_the_entry_not_for_a_new_one(
    config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    with Store.open(db_file, clock=clock) as setup:
        meeting = running_meeting(setup, config, clock)
    assert meeting.id is not None
    with EditsFailStore.open(db_file, clock=clock) as store:
        app = app_for(config, store, clock, start=True)
        async with app.run_test(size=(160, 40), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            await paste(pilot, "Messe Hannover wird gebucht")
            await pilot.press("enter")
            await settle(pilot)
            await focus_log(pilot)
            await pilot.press("enter")
            await settle(pilot)
            area = app.screen.query_one("#decision", TextArea)
            area.text = "Messe Hannover und Essen werden gebucht"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "No space left on device" in shown_text(app)
            [told] = [notice.message for notice in app._notifications]
            assert "select it in the log and press enter to try again" in told
            assert [d.text for d in on_disk(db_file, meeting.id).decisions] == [
                "Messe Hannover wird gebucht"
            ]
            # A new decision starts empty: the failed edit is no new entry.
            await pilot.press("d")
            await settle(pilot)
            assert app.screen.query_one("#decision", TextArea).text == ""
            await pilot.press("escape")
            await settle(pilot)
            # The entry's own form has the changes back.
            await focus_log(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert (
                app.screen.query_one("#decision", TextArea).text
                == "Messe Hannover und Essen werden gebucht"
            )
