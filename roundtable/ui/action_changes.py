"""Changing action items from a screen: close, reopen, drop, re-assign, re-date, undo.

The meeting's carry-over and the action-items screen change items the same way: on the
store thread, recorded in the running meeting when there is one, and each change
remembered as an `UndoStep` that takes back just that field (an attendee may have
changed another meanwhile; that stays).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.store.store import StatusChange, Store
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.undo import UndoStep

__all__ = ["ActionChanges", "status_text"]


def status_text(status: ActionStatus) -> str:
    """An action item's status in words."""
    return {
        ActionStatus.OPEN: _("open"),
        ActionStatus.DONE: _("done"),
        ActionStatus.DROPPED: _("dropped"),
    }[status]


class ActionChanges:
    """Writes changes to action items and reports each result back on the event loop.

    `meeting_id()` names the meeting the changes are recorded in (None between meetings);
    `changed(item)` runs with every item as stored after a change or an undo;
    `remember(step)` receives how to undo a change; `failed(message)` says what went
    wrong in words.
    """

    def __init__(
        self,
        *,
        store: Store,
        store_thread: StoreThread,
        meeting_id: Callable[[], int | None],
        changed: Callable[[ActionItem], None],
        remember: Callable[[UndoStep], None],
        failed: Callable[[str], None],
    ) -> None:
        self.store = store
        self.store_thread = store_thread
        self.meeting_id = meeting_id
        self.changed = changed
        self.remember = remember
        self.failed = failed

    def _failed(self, what: str) -> Callable[[RoundtableError], None]:
        def tell(error: RoundtableError) -> None:
            self.failed(_("{what}: {error}").format(what=what, error=error.message))

        return tell

    # --- status ---------------------------------------------------------------------

    def toggle_done(self, action: ActionItem) -> None:
        """Close `action` as done, or reopen it if it is closed (done or dropped)."""
        closed = action.status is not ActionStatus.OPEN
        self.set_status(action, ActionStatus.OPEN if closed else ActionStatus.DONE)

    def set_status(self, action: ActionItem, status: ActionStatus) -> None:
        """Close (done, dropped) or reopen `action`; nothing happens if it already is."""
        meeting_id = self.meeting_id()
        ref = action.ref

        def done(change: StatusChange) -> None:
            self.changed(change.action)
            if change.changed:
                label = _("{ref} {status}").format(ref=ref, status=status_text(status))
                self.remember(UndoStep(label, lambda: self._undo_status(ref, change.previous)))

        self.store_thread.submit(
            lambda: self.store.change_action_status(ref, status, meeting_id),
            done=done,
            failed=self._failed(_("{ref} was not changed").format(ref=ref)),
        )

    def _undo_status(self, ref: str, previous: ActionStatus) -> None:
        meeting_id = self.meeting_id()
        self.store_thread.submit(
            lambda: self.store.change_action_status(ref, previous, meeting_id).action,
            done=self.changed,
            failed=self._failed(_("Undo")),
        )

    # --- owner and due date -----------------------------------------------------------

    def reassign(self, action: ActionItem, owner: str | None) -> None:
        """Give `action` to `owner` (None: nobody yet)."""
        if owner == action.owner:
            return
        ref, before = action.ref, action.owner
        self._update(
            ref,
            _("{ref} re-assigned").format(ref=ref),
            lambda meeting_id: self.store.update_action(
                ref, owner=owner, clear_owner=owner is None, meeting_id=meeting_id
            ),
            lambda meeting_id: self.store.update_action(
                ref, owner=before, clear_owner=before is None, meeting_id=meeting_id
            ),
        )

    def redate(self, action: ActionItem, due: date | None) -> None:
        """Make `action` due on `due` (None: no due date)."""
        if due == action.due:
            return
        ref, before = action.ref, action.due
        self._update(
            ref,
            _("{ref} re-dated").format(ref=ref),
            lambda meeting_id: self.store.update_action(
                ref, due=due, clear_due=due is None, meeting_id=meeting_id
            ),
            lambda meeting_id: self.store.update_action(
                ref, due=before, clear_due=before is None, meeting_id=meeting_id
            ),
        )

    def _update(
        self,
        ref: str,
        label: str,
        write: Callable[[int | None], ActionItem],
        unwrite: Callable[[int | None], ActionItem],
    ) -> None:
        """Run `write` (one field of `ref`); remember `unwrite` to take just that back."""
        meeting_id = self.meeting_id()

        def undo() -> None:
            again = self.meeting_id()
            self.store_thread.submit(
                lambda: unwrite(again), done=self.changed, failed=self._failed(_("Undo"))
            )

        def done(new: ActionItem) -> None:
            self.changed(new)
            self.remember(UndoStep(label, undo))

        self.store_thread.submit(
            lambda: write(meeting_id),
            done=done,
            failed=self._failed(_("{ref} was not changed").format(ref=ref)),
        )
