"""Discarding a meeting started by mistake, from the meeting screen.

Asked for with a key (and the palette): if anything was logged in the meeting, the
store's reason is shown and nothing happens (the meeting can only be ended); otherwise
a confirmation, then the meeting is removed (`Store.discard_meeting`) and the screen
goes back home, where the next meeting gets its number again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from roundtable.domain.meeting import Meeting
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.ui.context import AppContext
from roundtable.ui.screens.dialogs.confirm import ConfirmModal

__all__ = ["ask_to_discard"]


def ask_to_discard(
    app: App[object],
    context: AppContext,
    meeting: Meeting,
    discarded: Callable[[], object],
) -> None:
    """Check (store thread) whether `meeting` may be discarded; say why not, or ask and
    then discard it and call `discarded` (on the event loop)."""
    store, store_thread = context.store, context.store_thread
    meeting_id = meeting.id
    if meeting_id is None:
        return

    def refused(error: RoundtableError) -> None:
        app.notify(
            error.message, title=_("Not discarded"), severity="warning", timeout=10, markup=False
        )

    def gone(_meeting: Meeting) -> None:
        # Its time-box steps cannot be undone any more: the meeting is no longer there.
        while context.undo:
            context.undo.pop()
        app.notify(
            _("Meeting {number} was discarded; the next meeting gets its number.").format(
                number=meeting.number
            ),
            markup=False,
        )
        discarded()

    def answered(confirmed: bool | None) -> None:
        if confirmed:
            store_thread.submit(
                lambda: store.discard_meeting(meeting_id), done=gone, failed=refused
            )

    def checked(refusal: str | None) -> None:
        if refusal is not None:
            app.notify(
                refusal, title=_("Not discarded"), severity="warning", timeout=10, markup=False
            )
            return
        # Through the app's queue: this runs in the store thread's report, outside the
        # app's context, and a screen must be built inside it.
        app.call_later(ask)

    def ask() -> None:
        app.push_screen(
            ConfirmModal(
                _("Discard meeting {number}?").format(number=meeting.number),
                _(
                    "Nothing was logged in “{title}” yet: it is removed as if it had never "
                    "been started, and the next meeting gets its number. This cannot be undone."
                ).format(title=single_line(meeting.title)),
                _("Discard meeting"),
            ),
            answered,
        )

    store_thread.submit(lambda: store.discard_refusal(meeting_id), done=checked, failed=refused)
