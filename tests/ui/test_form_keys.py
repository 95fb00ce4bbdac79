"""The keys of the forms as a facilitator uses them: Tab takes the grey suggestion,
Escape asks before typed text is lost, a re-date replaces the old date, German date
input, the due field's example never cut; in the meeting, a deleted entry is named in a
notice, and Home/End move the cursor of every table."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from textual.widgets import Input

from roundtable.domain.config import TeamConfig
from roundtable.domain.drafts import ActionDraft
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.i18n import set_language
from roundtable.store.store import Store
from roundtable.ui.screens.dialogs.confirm import ConfirmModal
from roundtable.ui.screens.forms.action_edit import DueChange, DueModal
from roundtable.ui.screens.forms.action_form import ActionForm
from roundtable.ui.widgets.agenda_list import AgendaList
from tests.ui.conftest import FakeClock, app_for, meeting_screen, running_meeting, settle
from tests.ui.test_forms import NEXT_MEETING, TODAY, Host, action_form, field, paste, shown_text

ACTION = ActionItem(
    id=7,
    ref="A-7",
    text="Leadliste an den Vertrieb",
    owner="dialog-marketing",
    due=date(2026, 12, 16),
    status=ActionStatus.OPEN,
    meeting_id=1,
    item_index=1,
    opened_at=datetime(2026, 11, 17, 9, tzinfo=UTC),
)


async def test_tab_takes_the_grey_owner_suggestion_then_moves_on() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Messestand buchen")
        await pilot.press("tab")
        assert app.focused is field(app, "owner")
        await pilot.press(*"contr")
        await pilot.pause()
        assert "olling" in shown_text(app)  # the grey rest of the suggestion
        await pilot.press("tab")
        assert field(app, "owner").value == "controlling"
        assert app.focused is field(app, "owner")
        await pilot.press("tab")  # nothing more to take: on to the next field
        await pilot.pause()
        assert app.focused is not field(app, "owner")


async def test_tab_completes_a_weekday_in_the_due_field() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Angebot nachfassen")
        due = field(app, "due")
        due.focus()
        await pilot.press("ctrl+u", *"fri")
        await pilot.pause()
        await pilot.press("tab")
        assert due.value == "Friday"
        await pilot.press("enter")
        await pilot.pause()
    # 2026-11-24 is a Tuesday: the next Friday.
    assert app.results == [ActionDraft("Angebot nachfassen", None, date(2026, 11, 27))]


async def test_escape_with_typed_text_asks_and_going_back_keeps_the_draft() -> None:
    app = Host(action_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "Agentur-Briefing")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Discard this action item?" in shown_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert field(app, "text").value == "Agentur-Briefing"
        assert app.results == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [None]


async def test_escape_without_typing_closes_at_once() -> None:
    app = Host(action_form(initial=ActionDraft("Kampagne prüfen", "sales", NEXT_MEETING)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_redate_replaces_the_old_date() -> None:
    app = Host(DueModal(ACTION, TODAY, NEXT_MEETING))
    async with app.run_test(size=(80, 24)) as pilot:
        assert field(app, "due").value == "2026-12-16"
        await pilot.press(*"+3w")
        await pilot.pause()
        assert field(app, "due").value == "+3w"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [DueChange(date(2026, 12, 15))]


async def test_redate_takes_german_input_in_english_too() -> None:
    for typed, expected in [
        ("15.12.", date(2026, 12, 15)),
        ("+7t", date(2026, 12, 1)),
        ("Freitag", date(2026, 11, 27)),
        ("nächste Woche", date(2026, 11, 30)),
    ]:
        app = Host(DueModal(ACTION, TODAY, NEXT_MEETING))
        async with app.run_test(size=(80, 24)) as pilot:
            await paste(pilot, typed)
            await pilot.press("enter")
            await pilot.pause()
        assert app.results == [DueChange(expected)], typed


async def test_the_due_example_is_never_cut_in_german_at_80_columns() -> None:
    set_language("de")
    app = Host(ActionForm((), default_due=NEXT_MEETING, today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        due = app.screen.query_one("#due", Input)
        await pilot.press("ctrl+u")
        due.focus()
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert due.value == ""
        assert due.placeholder in shown_text(app)
        assert "01.12.2026" in due.placeholder


# --- in the meeting -------------------------------------------------------------------


async def test_deleting_a_log_entry_says_what_was_deleted_and_how_to_undo(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await paste(pilot, "Budget Messe freigegeben")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = meeting_screen(app)
        screen.query_one("#log").focus()
        await pilot.press("delete")
        await settle(pilot)
        last = [notice.message for notice in app._notifications][-1]
        assert "Deleted decision “Budget Messe freigegeben”." in last
        assert "ctrl+z" in last


async def test_home_and_end_move_the_cursor_to_the_first_and_last_row(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        agenda = meeting_screen(app).query_one(AgendaList)
        agenda.focus()
        await pilot.press("end")
        assert agenda.cursor_row == agenda.row_count - 1 > 0
        await pilot.press("home")
        assert agenda.cursor_row == 0
        await pilot.press("ctrl+end")
        assert agenda.cursor_row == agenda.row_count - 1
