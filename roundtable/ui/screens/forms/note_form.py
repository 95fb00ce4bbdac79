"""The note modal: a few words of what was reported or discussed under an item.

Like a decision, Enter saves and ctrl+j (or shift+enter) starts a new line; the lines
are kept in the minutes. `capture_note` opens it for the meeting screen and saves the
note on the app's store thread.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, TextArea

from roundtable.domain.entries import Note
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.screens.forms.decision_form import DecisionText
from roundtable.ui.screens.forms.form_base import ErrorLine, FormModal, literal, safe_text
from roundtable.ui.store_thread import StoreThread

__all__ = ["NoteForm", "capture_note"]


class NoteForm(FormModal[str | None]):
    """Type one note; dismisses with its text, or None when cancelled."""

    def __init__(self, initial: str = "") -> None:
        super().__init__()
        self.initial = initial

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Note"))
            dialog.border_subtitle = literal(_("enter save · ctrl+j new line · esc cancel"))
            yield Label(_("What was reported or discussed?"), classes="prompt")
            yield DecisionText(
                safe_text(self.initial),
                id="decision",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
            )
            yield ErrorLine(id="decision-error")
            with Horizontal(classes="buttons"):
                yield from self.save_cancel_buttons()

    def on_mount(self) -> None:
        text = self.query_one("#decision", DecisionText)
        text.focus()
        text.move_cursor(text.document.end)

    @on(DecisionText.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(TextArea.Changed, "#decision")
    def _changed(self) -> None:
        self.clear_errors()

    def action_save(self) -> None:
        """Dismiss with the stripped text; refuse text that is only whitespace."""
        text = self.query_one("#decision", DecisionText).text.strip()
        if not text:
            self.show_errors({"decision": _("Type the note first; it cannot be empty.")})
            return
        self.dismiss(text)


def capture_note(
    push: Callable[[NoteForm, Callable[[str | None], None]], object],
    store: Store,
    store_thread: StoreThread,
    where: Callable[[], tuple[int, int]],
    tell: Callable[[str, bool], None],
) -> None:
    """Open the note form; save what is typed under the (meeting id, item index)
    `where` gives, and `tell` (message, failed) what happened."""

    def typed(text: str | None) -> None:
        if not text:
            return
        meeting_id, index = where()

        def saved(note: Note) -> None:
            tell(_("Note saved under item {number}.").format(number=note.item_index + 1), False)

        def failed(error: RoundtableError) -> None:
            tell(_("Note not saved: {error}").format(error=error.message), True)

        store_thread.submit(
            lambda: store.add_note(meeting_id, index, text), done=saved, failed=failed
        )

    push(NoteForm(), typed)
