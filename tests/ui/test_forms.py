"""The capture modals, driven by keys (and the mouse) through Textual's Pilot.

Each test opens one modal on a bare host app, types like the facilitator would, and
checks what the modal returned; for bad input, that the message is shown next to the
field, the field keeps focus and text, and nothing was returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Label, OptionList, TextArea

from roundtable.domain.config import Role
from roundtable.domain.drafts import ActionDraft, BudgetDraft
from roundtable.domain.entries import BudgetKind
from roundtable.domain.meeting import Attendee
from roundtable.errors import UsageError
from roundtable.ui.screens.dialogs.attendance import AttendanceScreen
from roundtable.ui.screens.dialogs.confirm import ConfirmModal
from roundtable.ui.screens.dialogs.help import HelpScreen
from roundtable.ui.screens.forms.action_form import ActionForm, day_text, stored_owner
from roundtable.ui.screens.forms.budget_form import BudgetForm
from roundtable.ui.screens.forms.decision_form import DecisionForm
from roundtable.ui.screens.forms.form_base import FormModal
from roundtable.ui.screens.forms.note_form import NoteForm

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

HOSTILE = "Budget [bold]Q1[/x] \x1b[31mrot"
"""Text that would restyle the screen if it were read as markup or sent raw."""


class Host(App[None]):
    """A bare app that opens one modal and records what it returns."""

    def __init__(self, modal: Screen[Any]) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)

    async def reopen(self, pilot: Pilot[Any], modal: Screen[Any]) -> None:
        """Open another modal after one was dismissed (cheaper than a new app)."""
        self.push_screen(modal, self.results.append)
        await pilot.pause()


def shown_text(app: App[Any]) -> str:
    """Every line on the terminal now, as plain text, exactly as the screen draws it."""
    # Textual has no public "text on screen" call; the compositor's strips are what
    # export_screenshot and the terminal driver are fed with.
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type `text` key by key (slow: keep it short; paste longer text)."""
    await pilot.press(*text)


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste `text` the way a terminal delivers it: to the app, which hands it on."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def field(app: App[Any], field_id: str) -> Input:
    return app.screen.query_one(f"#{field_id}", Input)


def form(app: App[Any]) -> FormModal[Any]:
    assert isinstance(app.screen, FormModal)
    return app.screen


def error_shown(app: App[Any], field_id: str) -> str:
    """The message under a field if it is on screen now (it may wrap), else ""."""
    message = form(app).error_text(field_id)
    error = app.screen.query_one(f"#{field_id}-error")
    assert not message or (error.display and error.region.height > 0), "message not shown"
    return message


def action_form(initial: ActionDraft | None = None, roles: Sequence[Role] = ROLES) -> ActionForm:
    return ActionForm(roles, default_due=NEXT_MEETING, today=TODAY, initial=initial)


async def replace_field(pilot: Pilot[Any], field_id: str, text: str) -> None:
    """Select all of a field and paste `text` over it."""
    field(pilot.app, field_id).focus()
    await pilot.pause()
    await pilot.press("end", "shift+home")  # focus selects all only when it moves here
    if text:
        await paste(pilot, text)
    else:
        await pilot.press("backspace")


# --- decision ----------------------------------------------------------------------


async def test_decision_enter_saves_the_stripped_text() -> None:
    app = Host(DecisionForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, " Messe ok ")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == ["Messe ok"]


async def test_decision_ctrl_j_starts_a_new_line_that_is_kept() -> None:
    app = Host(DecisionForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "Leads")
        await pilot.press("ctrl+j")
        await type_text(pilot, "KW 3")
        await pilot.press("shift+enter")  # where the terminal reports it
        await type_text(pilot, "ok")
        assert app.screen.query_one("#decision", TextArea).text == "Leads\nKW 3\nok"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == ["Leads\nKW 3\nok"]


async def test_decision_refuses_empty_text_and_returns_nothing() -> None:
    app = Host(DecisionForm())
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in [(), ("space", "space"), ("space", "ctrl+j", "space")]:
            await pilot.press(*keys, "enter")
            assert isinstance(app.screen, DecisionForm)
            assert "cannot be empty" in error_shown(app, "decision")
            assert "cannot be empty" in shown_text(app)
            assert app.focused is app.screen.query_one("#decision")
        # Typing clears the message; the text typed so far is still there.
        await type_text(pilot, "ok")
        assert error_shown(app, "decision") == ""
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == ["ok"]


async def test_decision_escape_cancels() -> None:
    app = Host(DecisionForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DecisionForm)
    assert app.results == [None]


@pytest.mark.parametrize(
    ("form", "question"),
    [
        (DecisionForm, "Discard this decision?"),
        (NoteForm, "Discard this note?"),
    ],
)
async def test_escape_after_typing_asks_and_no_keeps_the_text(
    form: type[DecisionForm], question: str
) -> None:
    app = Host(form())
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "halb")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert question in shown_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, form)
        assert app.screen.query_one("#decision", TextArea).text == "halb"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [None]


async def test_decision_edit_starts_from_the_text_with_the_cursor_at_its_end() -> None:
    app = Host(DecisionForm(initial="Kampagne A stoppen\nBudget umschichten"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Edit decision" in shown_text(app)
        await type_text(pilot, " auf B")
        await pilot.click("#save")
        await pilot.pause()
    assert app.results == ["Kampagne A stoppen\nBudget umschichten auf B"]


async def test_decision_shows_markup_and_escapes_literally() -> None:
    app = Host(DecisionForm(initial=HOSTILE))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = shown_text(app)
        assert "Budget [bold]Q1[/x] \\x1b[31mrot" in screen
        assert "\x1b" not in screen
        await pilot.press("ctrl+s")
        await pilot.pause()
    # What was shown is what is saved: the escape stays visible text.
    assert app.results == ["Budget [bold]Q1[/x] \\x1b[31mrot"]


async def test_decision_paste_keeps_lines_and_makes_controls_visible() -> None:
    app = Host(DecisionForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Zeile eins\r\nZeile \x1b[2Jzwei\x07")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == ["Zeile eins\nZeile \\x1b[2Jzwei\\x07"]


# --- action item -------------------------------------------------------------------


async def test_action_item_with_owner_and_offset_due_date() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Lead-Report Q4 an den Vertrieb schicken")
        await pilot.press("tab")
        await paste(pilot, "dialog-marketing")
        await pilot.press("tab", "tab")  # past the owner list into the due date
        assert app.focused is field(app, "due")
        await type_text(pilot, "+7d")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [
        ActionDraft(
            text="Lead-Report Q4 an den Vertrieb schicken",
            owner="dialog-marketing",
            due=TODAY + timedelta(days=7),
        )
    ]


async def test_action_item_due_defaults_to_the_next_meeting_and_shows_the_date() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        assert field(app, "due").value == "2026-12-01"
        resolved = app.screen.query_one("#due-resolved", Label)
        assert str(resolved.render()) == f"→ {day_text(NEXT_MEETING)} · next meeting"
        assert day_text(NEXT_MEETING) == "Tue, Dec 1, 2026"
        await replace_field(pilot, "due", "2026-12-15")
        assert str(resolved.render()) == "→ Tue, Dec 15, 2026"
        await replace_field(pilot, "due", "+1")
        assert str(resolved.render()) == "→ Wed, Nov 25, 2026"
        await type_text(pilot, "x")
        assert str(resolved.render()) == "→ ?"
        await pilot.press("backspace", "w")
        assert str(resolved.render()) == "→ Tue, Dec 1, 2026 · next meeting"
        await replace_field(pilot, "due", "2026-11-01")
        assert str(resolved.render()) == "→ Sun, Nov 1, 2026 · in the past"
        await replace_field(pilot, "text", "Messeplanung abstimmen")
        await replace_field(pilot, "due", "next meeting")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ActionDraft("Messeplanung abstimmen", None, NEXT_MEETING)]


async def test_action_item_owner_by_name_title_or_nobody() -> None:
    cases = [("jürgen weber", "Jürgen Weber"), ("Sales controlling", "controlling"), ("", None)]
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        for typed, owner in cases:
            await paste(pilot, "Kampagnenzahlen liefern")
            await replace_field(pilot, "owner", typed)
            await pilot.press("enter")
            await pilot.pause()
            assert app.results[-1] == ActionDraft("Kampagnenzahlen liefern", owner, NEXT_MEETING)
            await app.reopen(pilot, action_form())
    assert len(app.results) == len(cases)


async def test_action_item_owner_picked_from_the_list_with_type_ahead() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Mailing-Zielgruppe klären")
        await pilot.press("tab")
        await type_text(pilot, "fisch")
        owner_list = app.screen.query_one("#owner-list", OptionList)
        # The role (whose holder matches) and the person herself.
        assert owner_list.option_count == 2
        await pilot.press("down")
        assert app.focused is owner_list
        await pilot.press("down", "enter")
        assert field(app, "owner").value == "Lena Fischer"
        assert app.focused is field(app, "due")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ActionDraft("Mailing-Zielgruppe klären", "Lena Fischer", NEXT_MEETING)]


async def test_action_item_owner_suggestion_accepted_with_right_arrow() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Umsatzschätzung")
        await pilot.press("tab")
        await type_text(pilot, "sales-m")
        await pilot.press("right")
        assert field(app, "owner").value == "sales-marketing"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ActionDraft("Umsatzschätzung", "sales-marketing", NEXT_MEETING)]


async def test_action_item_owner_picked_with_the_mouse() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Budgetvorlage")
        await replace_field(pilot, "owner", "weber")
        await pilot.click("#owner-list", offset=(4, 2))  # second line: Jürgen Weber
        await pilot.pause()
        assert field(app, "owner").value == "Jürgen Weber"
        await pilot.click("#save")
        await pilot.pause()
    assert app.results == [ActionDraft("Budgetvorlage", "Jürgen Weber", NEXT_MEETING)]


async def test_action_item_refuses_an_owner_without_a_role() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Pressemitteilung")
        await replace_field(pilot, "owner", "Petra Schulz")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        message = error_shown(app, "owner")
        assert "“Petra Schulz” holds no role" in message
        assert "“Petra Schulz” holds no role" in shown_text(app)
        assert app.focused is field(app, "owner")
        assert field(app, "owner").value == "Petra Schulz"
        # The type-ahead list has nobody to offer for that name.
        assert app.screen.query_one("#owner-list", OptionList).display is False
        await replace_field(pilot, "owner", "communication")
        assert error_shown(app, "owner") == ""
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ActionDraft("Pressemitteilung", "communication", NEXT_MEETING)]


async def test_action_item_takes_the_start_of_a_name_as_the_cli_does() -> None:
    roles = (
        *ROLES,
        Role("events", "Events", "Marketing", ("Jana Becker",)),
        Role("press", "Press", "Marketing", ("Jana Richter",)),
    )
    app = Host(action_form(roles=roles))
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Messeplan schicken")
        # Two Janas: the form says which, in the words `roundtable actions --owner` uses.
        await replace_field(pilot, "owner", "Jana")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert "'Jana' could mean Jana Becker, Jana Richter" in error_shown(app, "owner")
        await replace_field(pilot, "owner", "jana b")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ActionDraft("Messeplan schicken", "Jana Becker", NEXT_MEETING)]


async def test_action_item_edit_keeps_an_owner_who_left_the_roles() -> None:
    initial = ActionDraft("Messestand buchen", "Petra Schulz", date(2026, 11, 10))
    app = Host(action_form(initial=initial))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Edit action item" in shown_text(app)
        assert field(app, "owner").value == "Petra Schulz"
        assert field(app, "due").value == "2026-11-10"
        await pilot.press("end")
        await type_text(pilot, " H4")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [
            ActionDraft("Messestand buchen H4", "Petra Schulz", date(2026, 11, 10))
        ]
        # Another name that holds no role is still refused.
        await app.reopen(pilot, action_form(initial=initial))
        await replace_field(pilot, "owner", "Peter Schulz")
        await pilot.press("enter")
        assert "holds no role" in error_shown(app, "owner")
    assert len(app.results) == 1


async def test_action_item_refuses_a_due_date_it_cannot_read() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Angebot nachfassen")
        for typed, message_part in [
            ("+7x", "Cannot read the due date"),
            ("2026-02-30", "There is no date"),
            ("irgendwann", "Cannot read the due date"),
        ]:
            await replace_field(pilot, "due", typed)
            await pilot.press("enter")
            assert isinstance(app.screen, ActionForm)
            assert message_part in error_shown(app, "due")
            assert app.focused is field(app, "due")
            assert field(app, "due").value == typed
    assert app.results == []


async def test_action_item_empty_due_date_means_none() -> None:
    app = Host(action_form(initial=ActionDraft("Irgendwann klären", None, None)))
    async with app.run_test(size=(80, 24)) as pilot:
        assert field(app, "due").value == ""
        assert str(app.screen.query_one("#due-resolved", Label).render()) == "→ no due date"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ActionDraft("Irgendwann klären", None, None)]


async def test_action_item_shows_every_problem_at_once_and_focuses_the_first() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "   ")
        await replace_field(pilot, "owner", "Niemand")
        await replace_field(pilot, "due", "bald")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "cannot be empty" in error_shown(app, "text")
        assert "holds no role" in error_shown(app, "owner")
        assert "Cannot read the due date" in error_shown(app, "due")
        assert app.focused is field(app, "text")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)  # typed text is not thrown away unasked
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [None]


async def test_action_item_shows_user_text_literally() -> None:
    hostile_roles = (Role("pr", "PR [bold]team[/]", "Marketing", ("Eva [red]Roth\x1b[0m",)),)
    initial = ActionDraft(HOSTILE, "pr", None)
    app = Host(action_form(initial=initial, roles=hostile_roles))
    async with app.run_test(size=(80, 24)):
        screen = shown_text(app)
        assert "Budget [bold]Q1[/x] \\x1b[31mrot" in screen
        assert "PR [bold]team[/]" in screen
        assert "Eva [red]Roth\\x1b[0m" in screen
        assert "\x1b" not in screen


def test_stored_owner_rules() -> None:
    assert stored_owner("sales", ROLES) == "sales"
    assert stored_owner("Sales", ROLES) == "sales"  # the id and the title agree
    assert stored_owner("CONTROLLING", ROLES) == "controlling"
    assert stored_owner("thomas  müller", ROLES) == "Thomas Müller"
    assert stored_owner("   ", ROLES) is None
    assert stored_owner("Petra Schulz", ROLES, keep="Petra Schulz") == "Petra Schulz"
    with pytest.raises(UsageError, match="holds no role"):
        stored_owner("Petra", ROLES, keep="Petra Schulz")


# --- budget agreement --------------------------------------------------------------


async def fill_budget(
    pilot: Pilot[Any], area: str, amount: str, period: str, *, from_area: str = ""
) -> None:
    await replace_field(pilot, "area", area)
    if from_area:
        await replace_field(pilot, "from-area", from_area)
    await replace_field(pilot, "amount", amount)
    await replace_field(pilot, "period", period)


def signoff(app: App[Any]) -> bool:
    return app.screen.query_one("#signoff", Checkbox).value


async def test_budget_allocation() -> None:
    app = Host(BudgetForm())
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.focused is app.screen.query_one("#kind")
        await fill_budget(pilot, "sales", "12,500.00", "2026-Q1")
        await replace_field(pilot, "note", "Messe Hannover")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [
        BudgetDraft(
            area="sales",
            amount=Decimal("12500.00"),
            currency="EUR",
            period="2026-Q1",
            kind=BudgetKind.ALLOCATION,
            from_area=None,
            note="Messe Hannover",
            needs_signoff=False,
        )
    ]


async def test_budget_cut_asks_for_signoff_by_default() -> None:
    app = Host(BudgetForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")  # allocation → cut
        assert signoff(app) is True
        assert "needs management" in shown_text(app)
        await fill_budget(pilot, "communication", "8000", "2026-Q2")
        await pilot.press("enter")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, BudgetDraft)
    assert (draft.kind, draft.amount, draft.needs_signoff) == (BudgetKind.CUT, Decimal(8000), True)


async def test_budget_signoff_chosen_by_hand_survives_a_kind_change() -> None:
    app = Host(BudgetForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")  # cut: sign-off on
        app.screen.query_one("#signoff").focus()
        await pilot.press("space")  # the facilitator says: no sign-off needed
        assert signoff(app) is False
        # Enter on the checkbox saves instead of toggling; here it shows what is missing.
        await pilot.press("enter")
        assert "Name the area" in error_shown(app, "area")
        assert signoff(app) is False
        await fill_budget(pilot, "communication", "500", "2026-Q2")
        app.screen.query_one("#kind").focus()
        await pilot.press("left", "right")  # allocation, then cut again
        assert signoff(app) is False
        await pilot.press("ctrl+s")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, BudgetDraft)
    assert (draft.kind, draft.needs_signoff) == (BudgetKind.CUT, False)


async def test_budget_shift_needs_another_from_area() -> None:
    app = Host(BudgetForm())
    async with app.run_test(size=(80, 24)) as pilot:
        assert field(app, "from-area").disabled
        await pilot.press("right", "right")  # shift
        assert not field(app, "from-area").disabled
        await fill_budget(pilot, "sales", "3,000", "2026-Q1")
        await pilot.press("enter")
        assert "needs the area the amount comes from" in error_shown(app, "from-area")
        assert app.focused is field(app, "from-area")
        await type_text(pilot, "Sales")
        await pilot.press("enter")
        assert "another area than sales" in error_shown(app, "from-area")
        assert "another area than sales" in shown_text(app)
        await replace_field(pilot, "from-area", "communication")
        await pilot.press("enter")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, BudgetDraft)
    assert (draft.kind, draft.area, draft.from_area) == (BudgetKind.SHIFT, "sales", "communication")
    assert draft.needs_signoff is False


async def test_budget_from_area_is_ignored_unless_shift() -> None:
    initial = BudgetDraft(
        "sales", Decimal(100), "EUR", "2026-Q1", BudgetKind.SHIFT, from_area="communication"
    )
    app = Host(BudgetForm(initial=initial))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left")  # shift → cut
        assert field(app, "from-area").disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, BudgetDraft)
    assert (draft.kind, draft.from_area, draft.needs_signoff) == (BudgetKind.CUT, None, True)


async def test_budget_kind_picked_with_the_mouse() -> None:
    app = Host(BudgetForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#kind-shift")
        await pilot.pause()
        assert not field(app, "from-area").disabled
        await fill_budget(pilot, "sales", "1000", "2026-H1", from_area="product marketing")
        await pilot.click("#save")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, BudgetDraft)
    assert (draft.kind, draft.from_area) == (BudgetKind.SHIFT, "product marketing")


async def test_budget_refuses_amounts_with_a_message() -> None:
    app = Host(BudgetForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_budget(pilot, "sales", "1", "2026-Q1")
        for typed, message_part in [
            ("", "Enter an amount"),
            ("-2000", "record a reduction as a cut"),
            ("0", "more than zero"),
            ("NaN", "only the number"),
            ("inf", "only the number"),
            ("12.505", "more than two decimals"),
            ("zwölf", "only the number"),
            ("12500,50", "use a point for decimals"),
        ]:
            await replace_field(pilot, "amount", typed)
            await pilot.press("enter")
            assert isinstance(app.screen, BudgetForm)
            assert message_part in error_shown(app, "amount")
            assert app.focused is field(app, "amount")
            assert field(app, "amount").value == typed
    assert app.results == []


async def test_budget_currency_must_be_three_letters_and_is_upper_cased() -> None:
    app = Host(BudgetForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_budget(pilot, "sales", "100", "2026-Q1")
        for typed in ["EU", "EURO", "E1R", "€", ""]:
            await replace_field(pilot, "currency", typed)
            await pilot.press("enter")
            assert "three letters" in error_shown(app, "currency")
            assert app.focused is field(app, "currency")
        assert app.results == []
        await replace_field(pilot, "currency", "chf")
        await pilot.press("enter")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, BudgetDraft)
    assert draft.currency == "CHF"


async def test_budget_shows_every_problem_at_once() -> None:
    app = Host(BudgetForm())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        assert "Name the area" in error_shown(app, "area")
        assert "Enter an amount" in error_shown(app, "amount")
        assert "Enter the period" in error_shown(app, "period")
        assert error_shown(app, "currency") == ""
        assert app.focused is field(app, "area")
        # Typing into a field takes its message away, and only its own.
        await type_text(pilot, "x")
        assert error_shown(app, "area") == ""
        assert "Enter an amount" in error_shown(app, "amount")
        await pilot.press("escape")
        await pilot.pause()
        assert "Discard this budget agreement?" in shown_text(app)
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [None]


async def test_budget_edit_returns_the_same_agreement_unchanged() -> None:
    initial = BudgetDraft(
        area="dialog marketing",
        amount=Decimal("12500.5"),
        currency="EUR",
        period="H2 2026",
        kind=BudgetKind.CUT,
        note="Mailing verschoben",
        needs_signoff=False,
    )
    app = Host(BudgetForm(initial=initial))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Edit budget agreement" in shown_text(app)
        assert field(app, "amount").value == "12,500.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [initial]


async def test_budget_shows_user_text_literally() -> None:
    initial = BudgetDraft("sales [b]x[/b]", Decimal(1), "EUR", "Q1 \x1b[2J", BudgetKind.ALLOCATION)
    app = Host(BudgetForm(initial=initial))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = shown_text(app)
        assert "sales [b]x[/b]" in screen
        assert "Q1 \\x1b[2J" in screen
        assert "\x1b" not in screen
        # Pasted text cannot carry control sequences either.
        field(app, "note").focus()
        await paste(pilot, "Zeile\x1b[31m eins\nzwei")
        assert field(app, "note").value == "Zeile\\x1b[31m eins zwei"


async def test_budget_area_type_ahead_suggests_the_usual_areas() -> None:
    app = Host(BudgetForm(areas=["Messe"], default_period="2026-Q1"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert field(app, "period").value == "2026-Q1"
        await pilot.press("tab")
        assert app.focused is field(app, "area")
        await type_text(pilot, "dia")
        await pilot.press("right")  # accept the suggestion
        assert field(app, "area").value == "dialog marketing"
        await replace_field(pilot, "amount", "750")
        await pilot.press("enter")
        await pilot.pause()
    [draft] = app.results
    assert isinstance(draft, BudgetDraft)
    assert (draft.area, draft.period) == ("dialog marketing", "2026-Q1")


# --- attendance --------------------------------------------------------------------

ATTENDEES = (
    Attendee("Anna Schneider", "product-marketing"),
    Attendee("Markus Becker", "sales-marketing", present=False),
    Attendee("Julia Hoffmann", "communication"),
    Attendee("Jürgen Weber", "controlling"),
)


async def test_attendance_space_toggles_and_enter_saves() -> None:
    app = Host(AttendanceScreen(ATTENDEES, roles=ROLES))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "3 of 4 present" in shown_text(app)
        assert "Sales controlling" in shown_text(app)
        await pilot.press("space")  # Anna: absent
        assert "2 of 4 present" in shown_text(app)
        await pilot.press("down", "space")  # Markus: present
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [
        (
            replace(ATTENDEES[0], present=False),
            replace(ATTENDEES[1], present=True),
            ATTENDEES[2],
            ATTENDEES[3],
        )
    ]


async def test_attendance_all_and_none_helpers() -> None:
    app = Host(AttendanceScreen(ATTENDEES))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        assert "4 of 4 present" in shown_text(app)
        await pilot.press("n")
        assert "0 of 4 present" in shown_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [tuple(replace(a, present=False) for a in ATTENDEES)]
        await app.reopen(pilot, AttendanceScreen(ATTENDEES))
        await pilot.click("#none")
        await pilot.click("#all")
        await pilot.click("#save")
        await pilot.pause()
        assert app.results[-1] == tuple(replace(a, present=True) for a in ATTENDEES)
        await app.reopen(pilot, AttendanceScreen(ATTENDEES))
        await pilot.press("n", "escape")
        await pilot.pause()
    assert app.results[-1] is None


async def test_attendance_shows_names_literally_and_handles_nobody() -> None:
    app = Host(AttendanceScreen([Attendee("Eva [bold]Roth\x1b[0m", "pr")]))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Eva [bold]Roth\\x1b[0m" in shown_text(app)
        await pilot.press("escape")
        await app.reopen(pilot, AttendanceScreen([]))
        assert "Nobody holds a role yet" in shown_text(app)
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [None, ()]


# --- confirmation ------------------------------------------------------------------


def end_meeting() -> ConfirmModal:
    return ConfirmModal("End the meeting?", "2 items are left.", "End meeting")


async def test_confirm_plain_enter_does_not_end_the_meeting() -> None:
    app = Host(end_meeting())
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.focused is app.screen.query_one("#cancel")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [False]


async def test_confirm_keys_and_mouse() -> None:
    ways: list[tuple[tuple[str, ...], bool]] = [
        (("y",), True),
        (("j",), True),  # "ja", as the German hint says
        (("tab", "enter"), True),
        (("n",), False),
        (("escape",), False),
        (("click:#confirm",), True),
        (("click:#cancel",), False),
    ]
    app = Host(end_meeting())
    async with app.run_test(size=(80, 24)) as pilot:
        for keys, _answer in ways:
            for key in keys:
                if key.startswith("click:"):
                    await pilot.click(key.removeprefix("click:"))
                else:
                    await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmModal)
            await app.reopen(pilot, end_meeting())
    assert app.results == [answer for _keys, answer in ways]


async def test_confirm_shows_text_literally() -> None:
    app = Host(ConfirmModal("Delete [b]A-42[/b]?", "„[red]Flyer\x1b[0m“ drucken", "Delete"))
    async with app.run_test(size=(80, 24)):
        screen = shown_text(app)
        assert "Delete [b]A-42[/b]?" in screen
        assert "„[red]Flyer\\x1b[0m“ drucken" in screen
        assert "\x1b" not in screen


# --- help --------------------------------------------------------------------------

KEYS = [("n", "Next agenda item"), ("d", "Record a decision"), ("[", "Go [back]")]


async def test_help_lists_every_key_and_closes_with_escape_q_or_question_mark() -> None:
    app = Host(HelpScreen(KEYS))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = shown_text(app)
        assert "What it does" in screen
        for shown_key, description in KEYS:
            assert f" {shown_key} " in screen
            assert description in screen
        for key in ["escape", "q", "question_mark"]:
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)
            await app.reopen(pilot, HelpScreen(KEYS))
        await pilot.click("#close")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
    assert app.results == [None, None, None, None]


async def test_help_scrolls_a_long_list_and_keeps_close_on_screen() -> None:
    keys = [(f"f{number}", f"Function {number}") for number in range(1, 41)]
    app = Host(HelpScreen(keys))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Function 40" not in shown_text(app)
        assert "Close" in shown_text(app)
        await pilot.press("pagedown", "pagedown", "down")
        await pilot.pause()
        assert "Function 40" in shown_text(app)
        assert "Close" in shown_text(app)


async def test_attendance_scrolls_a_long_list_and_keeps_buttons_on_screen() -> None:
    people = [Attendee(f"Person {number}", "sales") for number in range(1, 31)]
    app = Host(AttendanceScreen(people))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Cancel" in shown_text(app)
        await pilot.press("end", "space")
        assert "Person 30" in shown_text(app)
        assert "Cancel" in shown_text(app)
        await pilot.press("enter")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, tuple)
    assert [a.present for a in result] == [True] * 29 + [False]
