"""Capturing into the meeting's log, and editing, deleting and undoing what was captured.

The half of the meeting screen that writes decisions, action items and budget agreements:
every write runs on the app's store thread; a failed one keeps what was typed so the
next form opens with it; every capture, edit and delete is an `UndoStep` for ctrl+z.
`MeetingScreen` builds on it with the clocks and the time-box keys.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo

from textual import on
from textual.screen import Screen
from textual.widgets import DataTable

from roundtable.domain.clock import Clock
from roundtable.domain.config import TeamConfig
from roundtable.domain.dates import next_meeting_date
from roundtable.domain.entries import (
    ActionDraft,
    ActionItem,
    BudgetAgreement,
    BudgetDraft,
    Decision,
)
from roundtable.domain.meeting import Meeting
from roundtable.domain.store import Store
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.ui.action_changes import UndoStep
from roundtable.ui.screens.board import BoardScreen, log_index
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.widgets.item_log import ItemLog

__all__ = ["LogScreen", "default_due_date"]


def default_due_date(meeting: Meeting, timezone: tzinfo | None) -> date:
    """When a new action item is due unless someone says otherwise: the next meeting, at
    the cadence the meeting runs under now."""
    return next_meeting_date(meeting.started_at.astimezone(timezone).date(), meeting.cadence)


class LogScreen(BoardScreen[Meeting | None]):
    """A board for one saved meeting whose log can be written: captures, edits, undo."""

    def __init__(
        self,
        meeting: Meeting,
        *,
        config: TeamConfig,
        store: Store,
        store_thread: StoreThread,
        clock: Clock,
        timezone: tzinfo | None = None,
    ) -> None:
        super().__init__(config=config, clock=clock, timezone=timezone)
        if meeting.id is None:
            raise ValueError("the meeting screen needs a saved meeting")
        self.meeting = meeting
        self.store = store
        self.store_thread = store_thread
        self.undo_steps: list[UndoStep] = []
        self._kept_decision = ""
        """Typed text whose save failed; the next form opens with it."""
        self._kept_action: ActionDraft | None = None
        self._kept_budget: BudgetDraft | None = None

    @property
    def meeting_id(self) -> int:
        """The store's id of this meeting."""
        assert self.meeting.id is not None  # checked in __init__
        return self.meeting.id

    def _log_index(self) -> int:
        return log_index(self.meeting)

    def _show_log(self) -> None:
        self.paint_log(self.meeting)

    def remember(self, step: UndoStep) -> None:
        """Put `step` on the undo stack."""
        self.undo_steps.append(step)

    def _failed(self, what: str) -> Callable[[RoundtableError], None]:
        def tell(error: RoundtableError) -> None:
            self.tell_failed(_("{what}: {error}").format(what=what, error=error.message))

        return tell

    def tell_failed(self, message: str) -> None:
        """Say that a write failed, long enough to read it."""
        self.notify(message, title=_("Not saved"), severity="error", timeout=15, markup=False)

    def _kept_failed(self, what: str, key: str) -> Callable[[RoundtableError], None]:
        def tell(error: RoundtableError) -> None:
            self.notify(
                _("{what}: {error}. Your text is kept: press {key} to try again.").format(
                    what=what, error=error.message, key=key
                ),
                title=_("Not saved"),
                severity="error",
                timeout=20,
                markup=False,
            )

        return tell

    def _action_form(self, initial: ActionDraft | None) -> Screen[ActionDraft | None]:
        from roundtable.ui.screens.action_form import ActionForm

        return ActionForm(
            self.config.roles,
            default_due_date(self.meeting, self.timezone),
            self.clock().astimezone(self.timezone).date(),
            initial=initial,
        )

    def _budget_form(self, initial: BudgetDraft | None) -> Screen[BudgetDraft | None]:
        from roundtable.ui.screens.budget_form import BudgetForm

        today = self.clock().astimezone(self.timezone).date()
        areas = sorted({budget.area for budget in self._budgets.values()})
        return BudgetForm(
            initial,
            areas=areas,
            default_period=f"{today.year}-Q{(today.month - 1) // 3 + 1}",
        )

    # --- captures ---------------------------------------------------------------------

    def action_capture_decision(self) -> None:
        """Type a decision into this item's log."""
        from roundtable.ui.screens.decision_form import DecisionForm

        self.app.push_screen(DecisionForm(initial=self._kept_decision), self.add_decision)

    def add_decision(self, text: str | None) -> None:
        """Save a decision under the current item (None: the form was cancelled)."""
        if not text:
            return
        self._kept_decision = text
        meeting_id, index = self.meeting_id, self._log_index()

        def saved(decision: Decision) -> None:
            self._kept_decision = ""
            self._decisions[decision.id] = decision
            self._show_log()
            self.remember(
                UndoStep(_("Decision"), lambda: self._delete_decision(decision, undoable=False))
            )

        self.store_thread.submit(
            lambda: self.store.add_decision(meeting_id, index, text),
            done=saved,
            failed=self._kept_failed(_("The decision was not saved"), "d"),
        )

    def action_capture_action(self) -> None:
        """Type an action item: what, who, by when."""
        self.app.push_screen(self._action_form(self._kept_action), self.add_action)

    def add_action(self, draft: ActionDraft | None) -> None:
        """Save an action item under the current item (None: the form was cancelled)."""
        if draft is None:
            return
        self._kept_action = draft
        meeting_id, index = self.meeting_id, self._log_index()

        def saved(action: ActionItem) -> None:
            self._kept_action = None
            self._actions[action.ref] = action
            self._show_log()
            self.remember(
                UndoStep(_("Action item"), lambda: self._delete_action(action, undoable=False))
            )

        self.store_thread.submit(
            lambda: self.store.add_action(draft.text, draft.owner, draft.due, meeting_id, index),
            done=saved,
            failed=self._kept_failed(_("The action item was not saved"), "a"),
        )

    def action_capture_budget(self) -> None:
        """Type a budget agreement: area, amount, period, kind."""
        self.app.push_screen(self._budget_form(self._kept_budget), self.add_budget)

    def add_budget(self, draft: BudgetDraft | None) -> None:
        """Save a budget agreement under the current item (None: cancelled)."""
        if draft is None:
            return
        self._kept_budget = draft
        meeting_id, index = self.meeting_id, self._log_index()

        def saved(budget: BudgetAgreement) -> None:
            self._kept_budget = None
            self._budgets[budget.id] = budget
            self._show_log()
            self.remember(
                UndoStep(_("Budget agreement"), lambda: self._delete_budget(budget, False))
            )

        self.store_thread.submit(
            lambda: self.store.add_budget(
                meeting_id,
                index,
                area=draft.area,
                amount=draft.amount,
                currency=draft.currency,
                period=draft.period,
                kind=draft.kind,
                from_area=draft.from_area,
                note=draft.note,
                needs_signoff=draft.needs_signoff,
            ),
            done=saved,
            failed=self._kept_failed(_("The budget agreement was not saved"), "b"),
        )

    # --- editing and deleting log entries ---------------------------------------------

    @on(DataTable.RowSelected, "#log")
    def _log_row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_entry()

    def action_edit_entry(self) -> None:
        """Edit the entry selected in the log."""
        entry = self.query_one(ItemLog).selected
        if entry is None:
            self.notify(_("This item's log is empty."), severity="warning")
        elif isinstance(entry, Decision):
            self._edit_decision(entry)
        elif isinstance(entry, ActionItem):
            self._edit_action(entry)
        else:
            self._edit_budget(entry)

    def action_delete_entry(self) -> None:
        """Delete the entry selected in the log (ctrl+z brings it back)."""
        entry = self.query_one(ItemLog).selected
        if entry is None:
            return
        if isinstance(entry, Decision):
            self._delete_decision(entry)
        elif isinstance(entry, ActionItem):
            self._delete_action(entry)
        else:
            self._delete_budget(entry)

    # decisions

    def _edit_decision(self, old: Decision) -> None:
        from roundtable.ui.screens.decision_form import DecisionForm

        def typed(text: str | None) -> None:
            if not text or text == old.text:
                return
            self._kept_decision = text

            def saved(new: Decision) -> None:
                self._kept_decision = ""
                self._decisions[new.id] = new
                self._show_log()
                self.remember(UndoStep(_("Edit decision"), lambda: self._write_decision(old)))

            self.store_thread.submit(
                lambda: self.store.update_decision(old.id, text),
                done=saved,
                failed=self._kept_failed(_("The decision was not changed"), "d"),
            )

        self.app.push_screen(DecisionForm(initial=old.text), typed)

    def _write_decision(self, decision: Decision) -> None:
        def saved(new: Decision) -> None:
            self._decisions[new.id] = new
            self._show_log()

        self.store_thread.submit(
            lambda: self.store.update_decision(decision.id, decision.text),
            done=saved,
            failed=self._failed(_("Undo")),
        )

    def _delete_decision(self, decision: Decision, undoable: bool = True) -> None:
        def deleted(gone: Decision) -> None:
            self._decisions.pop(gone.id, None)
            self._show_log()
            if undoable:
                self.remember(UndoStep(_("Delete decision"), lambda: self._restore_decision(gone)))

        self.store_thread.submit(
            lambda: self.store.delete_decision(decision.id),
            done=deleted,
            failed=self._failed(_("The decision was not deleted")),
        )

    def _restore_decision(self, decision: Decision) -> None:
        def restored(back: Decision) -> None:
            self._decisions[back.id] = back
            self._show_log()

        self.store_thread.submit(
            lambda: self.store.restore_decision(decision),
            done=restored,
            failed=self._failed(_("Undo")),
        )

    # action items

    def _edit_action(self, old: ActionItem) -> None:
        initial = ActionDraft(old.text, old.owner, old.due)

        def typed(draft: ActionDraft | None) -> None:
            if draft is None or draft == initial:
                return
            self._kept_action = draft

            def saved(new: ActionItem) -> None:
                self._kept_action = None
                self._actions[new.ref] = new
                self._show_log()
                self.remember(UndoStep(_("Edit action item"), lambda: self._replace_action(old)))

            self.store_thread.submit(
                lambda: self._write_action(old.ref, draft),
                done=saved,
                failed=self._kept_failed(_("The action item was not changed"), "a"),
            )

        self.app.push_screen(self._action_form(initial), typed)

    def _write_action(self, ref: str, draft: ActionDraft) -> ActionItem:
        """Give the stored action item `ref` the draft's text, owner and due date; an
        empty owner or due date is cleared (store thread)."""
        return self.store.update_action(
            ref,
            text=draft.text,
            owner=draft.owner,
            due=draft.due,
            meeting_id=self.meeting_id,
            clear_owner=draft.owner is None,
            clear_due=draft.due is None,
        )

    def _replace_action(self, action: ActionItem) -> None:
        def saved(new: ActionItem) -> None:
            self._actions[new.ref] = new
            self._show_log()

        draft = ActionDraft(action.text, action.owner, action.due)
        self.store_thread.submit(
            lambda: self._write_action(action.ref, draft),
            done=saved,
            failed=self._failed(_("Undo")),
        )

    def _delete_action(self, action: ActionItem, undoable: bool = True) -> None:
        def deleted(gone: ActionItem) -> None:
            self._actions.pop(gone.ref, None)
            self._show_log()
            if undoable:
                self.remember(UndoStep(_("Delete action item"), lambda: self._restore_action(gone)))

        self.store_thread.submit(
            lambda: self.store.delete_action(action.ref),
            done=deleted,
            failed=self._failed(_("The action item was not deleted")),
        )

    def _restore_action(self, action: ActionItem) -> None:
        def restored(back: ActionItem) -> None:
            self._actions[back.ref] = back
            self._show_log()

        self.store_thread.submit(
            lambda: self.store.restore_action(action),
            done=restored,
            failed=self._failed(_("Undo")),
        )

    # budget agreements

    def _edit_budget(self, old: BudgetAgreement) -> None:
        initial = BudgetDraft(
            area=old.area,
            amount=old.amount,
            currency=old.currency,
            period=old.period,
            kind=old.kind,
            from_area=old.from_area,
            note=old.note,
            needs_signoff=old.needs_signoff,
        )

        def typed(draft: BudgetDraft | None) -> None:
            if draft is None or draft == initial:
                return
            self._kept_budget = draft

            def saved(new: BudgetAgreement) -> None:
                self._kept_budget = None
                self._budgets[new.id] = new
                self._show_log()
                self.remember(
                    UndoStep(
                        _("Edit budget agreement"),
                        lambda: self._write_budget(old.id, initial, _("Undo")),
                    )
                )

            self.store_thread.submit(
                lambda: self._update_budget(old.id, draft),
                done=saved,
                failed=self._kept_failed(_("The budget agreement was not changed"), "b"),
            )

        self.app.push_screen(self._budget_form(initial), typed)

    def _update_budget(self, budget_id: int, draft: BudgetDraft) -> BudgetAgreement:
        """Give stored agreement `budget_id` every field of `draft`; its id stays."""
        return self.store.update_budget(
            budget_id,
            area=draft.area,
            amount=draft.amount,
            currency=draft.currency,
            period=draft.period,
            kind=draft.kind,
            from_area=draft.from_area,
            note=draft.note,
            needs_signoff=draft.needs_signoff,
        )

    def _write_budget(self, budget_id: int, draft: BudgetDraft, what: str) -> None:
        def saved(new: BudgetAgreement) -> None:
            self._budgets[new.id] = new
            self._show_log()

        self.store_thread.submit(
            lambda: self._update_budget(budget_id, draft), done=saved, failed=self._failed(what)
        )

    def _delete_budget(self, budget: BudgetAgreement, undoable: bool = True) -> None:
        def deleted(gone: BudgetAgreement) -> None:
            self._budgets.pop(gone.id, None)
            self._show_log()
            if undoable:
                self.remember(
                    UndoStep(_("Delete budget agreement"), lambda: self._restore_budget(gone))
                )

        self.store_thread.submit(
            lambda: self.store.delete_budget(budget.id),
            done=deleted,
            failed=self._failed(_("The budget agreement was not deleted")),
        )

    def _restore_budget(self, budget: BudgetAgreement) -> None:
        def restored(back: BudgetAgreement) -> None:
            self._budgets[back.id] = back
            self._show_log()

        self.store_thread.submit(
            lambda: self.store.restore_budget(budget),
            done=restored,
            failed=self._failed(_("Undo")),
        )

    # --- undo -------------------------------------------------------------------------

    def action_undo(self) -> None:
        """Take back the last capture, edit, delete, carry-over change or time-box step."""
        if not self.undo_steps:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        step = self.undo_steps.pop()
        step.undo()
        self.notify(_("Undone: {what}").format(what=step.label), markup=False)
