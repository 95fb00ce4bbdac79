"""Snapshots of the capture modals at 80x24 (the smallest terminal) and 160x48.

Each was looked at as a picture before it was accepted. Cursor blinking is switched
off so the pictures do not depend on timing. Update with `--snapshot-update`, then look
at the changed SVGs again before accepting them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from roundtable.domain.config import Role
from roundtable.domain.drafts import ActionDraft, BudgetDraft
from roundtable.domain.entries import BudgetKind
from roundtable.domain.meeting import Attendee
from roundtable.ui.screens.dialogs.attendance import AttendanceScreen
from roundtable.ui.screens.dialogs.confirm import ConfirmModal
from roundtable.ui.screens.dialogs.help import HelpScreen
from roundtable.ui.screens.forms.action_form import ActionForm
from roundtable.ui.screens.forms.budget_form import BudgetForm
from roundtable.ui.screens.forms.decision_form import DecisionForm

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]

SMALL = (80, 24)
LARGE = (160, 48)
TODAY = date(2026, 11, 24)
NEXT_MEETING = date(2026, 12, 1)

ROLES = (
    Role("product-marketing", "Product marketing", "Marketing", ("Anna Schneider",)),
    Role("sales-marketing", "Sales marketing", "Marketing", ("Markus Becker",)),
    Role("communication", "Marketing communication", "Marketing", ("Julia Hoffmann",)),
    Role("dialog-marketing", "Dialog marketing", "Marketing", ("Stefan Wagner", "Lena Fischer")),
    Role("controlling", "Sales controlling", "Sales", ("Jürgen Weber",)),
    Role("sales", "Sales", "Sales", ("Thomas Müller",)),
)

ATTENDEES = (
    Attendee("Anna Schneider", "product-marketing"),
    Attendee("Markus Becker", "sales-marketing", present=False),
    Attendee("Julia Hoffmann", "communication"),
    Attendee("Stefan Wagner", "dialog-marketing"),
    Attendee("Lena Fischer", "dialog-marketing", present=False, excused=True),
    Attendee("Jürgen Weber", "controlling"),
    Attendee("Thomas Müller", "sales"),
)

KEYS = [
    ("n", "Next agenda item"),
    ("p", "Previous agenda item"),
    ("d", "Record a decision"),
    ("a", "Record an action item"),
    ("b", "Record a budget agreement"),
    ("space", "Pause or resume the meeting"),
    ("+", "Give the current item 5 more minutes"),
    ("r", "Rebalance the items left"),
    ("f", "Defer the current item to the next meeting"),
    ("t", "Attendance"),
    ("e", "End the meeting"),
    ("?", "This help"),
]


class Host(App[None]):
    """A bare app that opens one modal."""

    def __init__(self, modal: Screen[Any]) -> None:
        super().__init__()
        self.modal = modal

    def on_mount(self) -> None:
        self.push_screen(self.modal)


def steps(*actions: Callable[[Pilot[Any]], Awaitable[None]]) -> RunBefore:
    """Switch off cursor blinking, then run `actions` in order."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for widget in pilot.app.screen.query(Input).results():
            widget.cursor_blink = False
        for area in pilot.app.screen.query(TextArea).results():
            area.cursor_blink = False
        for action in actions:
            await action(pilot)
        await pilot.pause()

    return run


def paste(text: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        pilot.app.post_message(events.Paste(text))
        await pilot.pause()

    return run


def press(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)

    return run


def into(field_id: str, text: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Replace the text of a field (selected first, then pasted over)."""

    async def run(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one(f"#{field_id}").focus()
        await pilot.pause()
        await pilot.press("end", "shift+home")
        if text:
            pilot.app.post_message(events.Paste(text))
        else:
            await pilot.press("backspace")
        await pilot.pause()

    return run


def test_decision_form_editing(snap_compare: SnapCompare) -> None:
    modal = DecisionForm(
        initial="Messe-Budget 2027 freigegeben: [bold]nur[/bold] Halle 4\n"
        "Vertrieb stellt 2 Leute für den Stand \x1b[31m"
    )
    assert snap_compare(Host(modal), terminal_size=SMALL, run_before=steps())


def test_decision_form_empty_refused(snap_compare: SnapCompare) -> None:
    run = steps(press("space", "enter"))
    assert snap_compare(Host(DecisionForm()), terminal_size=SMALL, run_before=run)


def action_form(initial: ActionDraft | None = None) -> ActionForm:
    return ActionForm(ROLES, default_due=NEXT_MEETING, today=TODAY, initial=initial)


def test_action_form_owner_type_ahead(snap_compare: SnapCompare) -> None:
    run = steps(paste("Lead-Report Q4 an den Vertrieb schicken"), press("tab", "d", "i", "a"))
    assert snap_compare(Host(action_form()), terminal_size=SMALL, run_before=run)


def test_action_form_errors(snap_compare: SnapCompare) -> None:
    run = steps(
        paste("Kampagnenergebnisse aufbereiten"),
        into("owner", "Petra Schulz"),
        into("due", "+7x"),
        press("enter"),
    )
    assert snap_compare(Host(action_form()), terminal_size=SMALL, run_before=run)


def test_action_form_editing_large(snap_compare: SnapCompare) -> None:
    initial = ActionDraft("Messestand Halle 4 buchen", "Jürgen Weber", date(2026, 12, 15))
    assert snap_compare(Host(action_form(initial)), terminal_size=LARGE, run_before=steps())


def test_budget_form_shift(snap_compare: SnapCompare) -> None:
    run = steps(
        press("right", "right"),
        into("area", "dialog marketing"),
        into("from-area", "communication"),
        into("amount", "12,500.00"),
        into("period", "2026-Q1"),
        into("note", "Mailing Frühjahr"),
    )
    assert snap_compare(Host(BudgetForm()), terminal_size=SMALL, run_before=run)


def test_budget_form_errors(snap_compare: SnapCompare) -> None:
    run = steps(
        press("right"),
        into("area", "sales"),
        into("amount", "-2000"),
        press("ctrl+s"),
    )
    assert snap_compare(Host(BudgetForm()), terminal_size=SMALL, run_before=run)


def test_budget_form_cut_large(snap_compare: SnapCompare) -> None:
    initial = BudgetDraft(
        area="communication",
        amount=Decimal("8000"),
        currency="EUR",
        period="2026-Q2",
        kind=BudgetKind.CUT,
        note="Messe abgesagt",
        needs_signoff=True,
    )
    run = steps()
    assert snap_compare(Host(BudgetForm(initial)), terminal_size=LARGE, run_before=run)


def test_attendance(snap_compare: SnapCompare) -> None:
    modal = AttendanceScreen(ATTENDEES, roles=ROLES)
    assert snap_compare(Host(modal), terminal_size=SMALL, run_before=steps(press("down")))


def test_confirm_end_meeting(snap_compare: SnapCompare) -> None:
    modal = ConfirmModal(
        "End the meeting?",
        "The meeting ran 2:47 of its 3:00 box.\n2 items are left; they move to the next meeting.",
        "End meeting",
    )
    assert snap_compare(Host(modal), terminal_size=SMALL, run_before=steps())


def test_help(snap_compare: SnapCompare) -> None:
    assert snap_compare(Host(HelpScreen(KEYS)), terminal_size=SMALL, run_before=steps())
