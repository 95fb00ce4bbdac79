"""The note modal: a few words of what was reported or discussed under an item.

Like a decision, Enter saves and ctrl+j (or shift+enter) starts a new line; the lines
are kept in the minutes. `capture_note` opens it for the meeting screen and saves the
note on the app's store thread.
"""

from __future__ import annotations

from collections.abc import Callable

from roundtable.domain.entries import Note
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.screens.forms.decision_form import DecisionForm
from roundtable.ui.store_thread import StoreThread

__all__ = ["NoteForm", "capture_note"]


class NoteForm(DecisionForm):
    """Type one note (a decision's form with a note's words); dismisses with its text,
    or None when cancelled."""

    def heading(self) -> str:
        return _("Note")

    def question(self) -> str:
        return _("What was reported or discussed?")

    def empty_message(self) -> str:
        return _("Type the note first; it cannot be empty.")

    def discard_question(self) -> str:
        return _("Discard this note?")


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
