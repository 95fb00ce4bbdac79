"""Capturing into the meeting's log, and editing, deleting and undoing what was captured.

The part of the meeting screen that writes decisions, action items and budget
agreements: every write runs on the app's store thread; a failed one keeps what was
typed so the next form opens with it; every capture, edit and delete is an `UndoStep`
on the app's undo stack. The meeting screen owns one `MeetingLog` and hands its keys
to it; the log shows what the store returned through the screen's `put_entry` and
`drop_entry`.
"""

from __future__ import annotations

from collections.abc import Callable

from roundtable.domain.drafts import ActionDraft, BudgetDraft
from roundtable.domain.entries import ActionItem, Decision
from roundtable.domain.meeting import Meeting
from roundtable.errors import NotFoundError, RoundtableError
from roundtable.i18n import _
from roundtable.ui.context import AppContext
from roundtable.ui.screens.meeting.deleted_notice import deleted_notice
from roundtable.ui.screens.meeting.display import log_index
from roundtable.ui.screens.meeting.log_kinds import (
    D,
    E,
    EntryKind,
    EntryKinds,
    LogHost,
    default_due_date,
)
from roundtable.ui.undo import UndoStep
from roundtable.ui.widgets.item_log import LogEntry, entry_key

__all__ = ["LogHost", "MeetingLog", "default_due_date"]


class MeetingLog:
    """Captures, edits, deletes and undoes the entries of one saved meeting."""

    def __init__(self, screen: LogHost, context: AppContext) -> None:
        if screen.meeting.id is None:
            raise ValueError("the meeting log needs a saved meeting")
        self.screen = screen
        self.context = context
        store = context.store
        self.store = store
        self.store_thread = context.store_thread
        self.kinds = EntryKinds(screen, context)
        """What differs between decisions, action items and budget agreements."""

    @property
    def meeting(self) -> Meeting:
        """The meeting as the screen shows it now."""
        return self.screen.meeting

    @property
    def meeting_id(self) -> int:
        """The store's id of this meeting."""
        assert self.meeting.id is not None  # checked in __init__
        return self.meeting.id

    def _log_index(self) -> int:
        return log_index(self.meeting)

    def remember(self, step: UndoStep) -> None:
        """Put `step` on the app's undo stack."""
        self.context.undo.push(step)

    def failed(self, what: str) -> Callable[[RoundtableError], None]:
        def tell(error: RoundtableError) -> None:
            self.tell_failed(_("{what}: {error}").format(what=what, error=error.message))

        return tell

    def tell_failed(self, message: str) -> None:
        """Say that a write failed, long enough to read it."""
        self.screen.notify(
            message, title=_("Not saved"), severity="error", timeout=15, markup=False
        )

    def _kept_failed(self, what: str, key: str) -> Callable[[RoundtableError], None]:
        def tell(error: RoundtableError) -> None:
            self._tell_kept(
                _("{what}: {error}. Your text is kept: press {key} to try again.").format(
                    what=what, error=error.message, key=key
                )
            )

        return tell

    def _tell_kept(self, message: str) -> None:
        """Say that a save failed and what was typed is kept, long enough to read it."""
        self.screen.notify(
            message, title=_("Not saved"), severity="error", timeout=20, markup=False
        )

    def _put(self, entry: LogEntry) -> None:
        """Show `entry` as the store now has it."""
        self.screen.put_entry(entry)

    def _drop(self, entry: LogEntry) -> None:
        """Stop showing `entry`: the store deleted it."""
        self.screen.drop_entry(entry)

    # --- captures ---------------------------------------------------------------------

    def capture_decision(self) -> None:
        """Type a decision into this item's log."""
        self._capture(self.kinds.decision)

    def add_decision(self, text: str | None) -> None:
        """Save a decision under the current item (None: the form was cancelled)."""
        self._add(self.kinds.decision, text)

    def capture_action(self) -> None:
        """Type an action item: what, who, by when."""
        self._capture(self.kinds.action)

    def add_action(self, draft: ActionDraft | None) -> None:
        """Save an action item under the current item (None: the form was cancelled)."""
        self._add(self.kinds.action, draft)

    def capture_budget(self) -> None:
        """Type a budget agreement: area, amount, period, kind."""
        self._capture(self.kinds.budget)

    def add_budget(self, draft: BudgetDraft | None) -> None:
        """Save a budget agreement under the current item (None: cancelled)."""
        self._add(self.kinds.budget, draft)

    def _capture(self, kind: EntryKind[E, D]) -> None:
        self.screen.app.push_screen(kind.form(kind.kept), lambda draft: self._add(kind, draft))

    def _add(self, kind: EntryKind[E, D], draft: D | None) -> None:
        if not draft:
            return
        kind.kept = draft
        meeting_id, index = self.meeting_id, self._log_index()

        def saved(entry: E) -> None:
            kind.kept = None
            self._put(entry)
            self.remember(UndoStep(kind.captured, lambda: self._delete(kind, entry, False)))

        self.store_thread.submit(
            lambda: kind.add(meeting_id, index, draft),
            done=saved,
            failed=self._kept_failed(kind.not_saved, kind.key),
        )

    # --- editing and deleting log entries ---------------------------------------------

    def edit_entry(self) -> None:
        """Edit the entry selected in the log."""
        entry = self.screen.selected_entry()
        if entry is None:
            self.screen.notify(_("This item's log is empty."), severity="warning")
        elif isinstance(entry, Decision):
            self._edit(self.kinds.decision, entry)
        elif isinstance(entry, ActionItem):
            self._edit(self.kinds.action, entry)
        else:
            self._edit(self.kinds.budget, entry)

    def delete_entry(self) -> None:
        """Delete the entry selected in the log (ctrl+z brings it back)."""
        entry = self.screen.selected_entry()
        if entry is None:
            return
        if isinstance(entry, Decision):
            self._delete(self.kinds.decision, entry)
        elif isinstance(entry, ActionItem):
            self._delete(self.kinds.action, entry)
        else:
            self._delete(self.kinds.budget, entry)

    def _edit(self, kind: EntryKind[E, D], old: E) -> None:
        initial = kind.draft_of(old)
        key = entry_key(old)

        def typed(draft: D | None) -> None:
            if draft is None:
                return  # cancelled: changes kept from a failed save stay for next time
            kind.kept_edits.pop(key, None)
            if not draft or draft == initial:
                return

            def saved(new: E) -> None:
                self._put(new)
                self.remember(UndoStep(kind.edited, lambda: self._write_back(kind, old, initial)))

            def failed(error: RoundtableError) -> None:
                if isinstance(error, NotFoundError):
                    # Deleted meanwhile (elsewhere): what is left is to add it anew.
                    kind.kept = draft
                    self._kept_failed(kind.not_changed, kind.key)(error)
                    return
                kind.kept_edits[key] = draft
                self._tell_kept(
                    _(
                        "{what}: {error}. Your changes are kept: select it in the log and "
                        "press enter to try again."
                    ).format(what=kind.not_changed, error=error.message)
                )

            self.store_thread.submit(lambda: kind.update(old, draft), done=saved, failed=failed)

        self.screen.app.push_screen(kind.form(kind.kept_edits.get(key, initial)), typed)

    def _write_back(self, kind: EntryKind[E, D], entry: E, draft: D) -> None:
        """Undo an edit: give `entry` the fields of `draft` again."""
        self.store_thread.submit(
            lambda: kind.update(entry, draft), done=self._put, failed=self.failed(_("Undo"))
        )

    def _delete(self, kind: EntryKind[E, D], entry: E, undoable: bool = True) -> None:
        def deleted(gone: E) -> None:
            self._drop(gone)
            if undoable:
                self.remember(UndoStep(kind.deleted, lambda: self._restore(kind, gone)))
                self.screen.notify(deleted_notice(gone), title=kind.deleted, markup=False)

        self.store_thread.submit(
            lambda: kind.delete(entry),
            done=deleted,
            failed=self.failed(kind.not_deleted),
        )

    def _restore(self, kind: EntryKind[E, D], entry: E) -> None:
        self.store_thread.submit(
            lambda: kind.restore(entry), done=self._put, failed=self.failed(_("Undo"))
        )
