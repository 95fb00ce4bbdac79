"""Notes per agenda item: `o` on the meeting screen opens a small form, the note is
stored under the current item, and its lines reach the minutes."""

from __future__ import annotations

from textual.widgets import TextArea

from roundtable.domain.config import TeamConfig
from roundtable.domain.minutes import gather_minutes, render_minutes
from roundtable.store.store import Store
from roundtable.ui.screens.forms.note_form import NoteForm
from tests.ui.conftest import FakeClock, app_for, running_meeting, settle


async def test_o_notes_what_was_reported_under_the_current_item(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, NoteForm)
        await pilot.press("enter")  # empty: refused, the form stays
        assert isinstance(app.screen, NoteForm)
        await pilot.press(*"Umsatz Q1 bei 84 %", "ctrl+j", "-", " ", *"Nord vorn")
        assert app.screen.query_one("#decision", TextArea).text == (
            "Umsatz Q1 bei 84 %\n- Nord vorn"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, NoteForm)
    notes = store.notes(meeting.id)
    assert [(n.item_index, n.text) for n in notes] == [(0, "Umsatz Q1 bei 84 %\n- Nord vorn")]
    minutes = render_minutes(gather_minutes(store, meeting.id, config))
    assert "- **Note:** Umsatz Q1 bei 84 %\\\n  \\- Nord vorn\n" in minutes


async def test_escape_keeps_nothing(config: TeamConfig, store: Store, clock: FakeClock) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o", *"halb", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, NoteForm)
    assert store.notes(meeting.id) == []
