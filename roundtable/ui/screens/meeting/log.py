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
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import Generic, Protocol, TypeVar

from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

from roundtable.domain.dates import next_meeting_date
from roundtable.domain.entries import (
    ActionDraft,
    ActionItem,
    BudgetAgreement,
    BudgetDraft,
    Decision,
)
from roundtable.domain.meeting import Meeting
from roundtable.errors import NotFoundError, RoundtableError
from roundtable.i18n import _
from roundtable.ui.context import AppContext
from roundtable.ui.screens.forms.action_form import ActionForm
from roundtable.ui.screens.forms.budget_form import BudgetForm
from roundtable.ui.screens.forms.decision_form import DecisionForm
from roundtable.ui.screens.meeting.deleted_notice import deleted_notice
from roundtable.ui.screens.meeting.display import log_index
from roundtable.ui.undo import UndoStep
from roundtable.ui.widgets.item_log import LogEntry, entry_key

__all__ = ["LogHost", "MeetingLog", "default_due_date"]

E = TypeVar("E", Decision, ActionItem, BudgetAgreement)
D = TypeVar("D", str, ActionDraft, BudgetDraft)


def default_due_date(meeting: Meeting, timezone: tzinfo | None) -> date:
    """When a new action item is due unless someone says otherwise: the next meeting, at
    the cadence the meeting runs under now."""
    return next_meeting_date(meeting.started_at.astimezone(timezone).date(), meeting.cadence)


class LogHost(Protocol):
    """What the log needs of the screen that shows it."""

    @property
    def meeting(self) -> Meeting: ...
    @property
    def app(self) -> App[object]: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...
    def selected_entry(self) -> LogEntry | None: ...
    def put_entry(self, entry: LogEntry) -> None: ...
    def drop_entry(self, entry: LogEntry) -> None: ...
    def budget_areas(self) -> list[str]: ...


@dataclass
class _Kind(Generic[E, D]):
    """What differs between decisions, action items and budget agreements (`E`, typed as
    `D`); capturing, editing, deleting and undoing them are the same steps for each."""

    key: str
    """The capture key, named when a failed save keeps the typed text."""
    # the undo labels of a capture, an edit and a delete
    captured: str
    edited: str
    deleted: str
    # how the failure messages open
    not_saved: str
    not_changed: str
    not_deleted: str
    form: Callable[[D | None], Screen[D | None]]
    draft_of: Callable[[E], D]
    """An entry as its form shows it for editing."""
    # the store calls, run on the store thread; `add` takes meeting id and item index
    add: Callable[[int, int, D], E]
    update: Callable[[E, D], E]
    delete: Callable[[E], E]
    restore: Callable[[E], E]
    kept: D | None = None
    """Typed text whose save failed; the next form opens with it."""
    kept_edits: dict[str, D] = field(default_factory=dict)
    """Changes to an entry whose save failed, by entry (`entry_key`): its edit form
    opens with them next time."""


def _budget_draft(budget: BudgetAgreement) -> BudgetDraft:
    """A stored agreement as its form shows it."""
    return BudgetDraft(
        area=budget.area,
        amount=budget.amount,
        currency=budget.currency,
        period=budget.period,
        kind=budget.kind,
        from_area=budget.from_area,
        note=budget.note,
        needs_signoff=budget.needs_signoff,
    )


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
        self._decision_kind: _Kind[Decision, str] = _Kind(
            key="d",
            captured=_("Decision"),
            edited=_("Edit decision"),
            deleted=_("Delete decision"),
            not_saved=_("The decision was not saved"),
            not_changed=_("The decision was not changed"),
            not_deleted=_("The decision was not deleted"),
            form=self._decision_form,
            draft_of=lambda decision: decision.text,
            add=store.add_decision,
            update=lambda decision, text: store.update_decision(decision.id, text),
            delete=lambda decision: store.delete_decision(decision.id),
            restore=store.restore_decision,
        )
        self._action_kind: _Kind[ActionItem, ActionDraft] = _Kind(
            key="a",
            captured=_("Action item"),
            edited=_("Edit action item"),
            deleted=_("Delete action item"),
            not_saved=_("The action item was not saved"),
            not_changed=_("The action item was not changed"),
            not_deleted=_("The action item was not deleted"),
            form=self._action_form,
            draft_of=lambda action: ActionDraft(action.text, action.owner, action.due),
            add=lambda meeting_id, index, draft: store.add_action(
                draft.text, draft.owner, draft.due, meeting_id, index
            ),
            update=lambda action, draft: self._update_action(action.ref, draft),
            delete=lambda action: store.delete_action(action.ref),
            restore=store.restore_action,
        )
        self._budget_kind: _Kind[BudgetAgreement, BudgetDraft] = _Kind(
            key="b",
            captured=_("Budget agreement"),
            edited=_("Edit budget agreement"),
            deleted=_("Delete budget agreement"),
            not_saved=_("The budget agreement was not saved"),
            not_changed=_("The budget agreement was not changed"),
            not_deleted=_("The budget agreement was not deleted"),
            form=self._budget_form,
            draft_of=_budget_draft,
            add=self._add_budget,
            update=lambda budget, draft: self._update_budget(budget.id, draft),
            delete=lambda budget: store.delete_budget(budget.id),
            restore=store.restore_budget,
        )

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

    def _decision_form(self, initial: str | None) -> Screen[str | None]:
        return DecisionForm(initial=initial or "")

    def _action_form(self, initial: ActionDraft | None) -> Screen[ActionDraft | None]:
        return ActionForm(
            self.context.config.roles,
            default_due_date(self.meeting, self.context.timezone),
            self.context.today(),
            initial=initial,
        )

    def _budget_form(self, initial: BudgetDraft | None) -> Screen[BudgetDraft | None]:
        today = self.context.today()
        areas = self.screen.budget_areas()
        from roundtable.ui.widgets.cut_impact import CutImpactNote

        impact = CutImpactNote(self.context.config.roles, today, id="cut-impact")
        impact.load(self.context.store, self.context.store_thread)
        return BudgetForm(
            initial,
            areas=areas,
            default_period=f"{today.year}-Q{(today.month - 1) // 3 + 1}",
            impact=impact,
        )

    def _update_action(self, ref: str, draft: ActionDraft) -> ActionItem:
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

    def _add_budget(self, meeting_id: int, index: int, draft: BudgetDraft) -> BudgetAgreement:
        """Store `draft` as a new agreement under item `index` (store thread)."""
        return self.store.add_budget(
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
        )

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

    def _put(self, entry: LogEntry) -> None:
        """Show `entry` as the store now has it."""
        self.screen.put_entry(entry)

    def _drop(self, entry: LogEntry) -> None:
        """Stop showing `entry`: the store deleted it."""
        self.screen.drop_entry(entry)

    # --- captures ---------------------------------------------------------------------

    def capture_decision(self) -> None:
        """Type a decision into this item's log."""
        self._capture(self._decision_kind)

    def add_decision(self, text: str | None) -> None:
        """Save a decision under the current item (None: the form was cancelled)."""
        self._add(self._decision_kind, text)

    def capture_action(self) -> None:
        """Type an action item: what, who, by when."""
        self._capture(self._action_kind)

    def add_action(self, draft: ActionDraft | None) -> None:
        """Save an action item under the current item (None: the form was cancelled)."""
        self._add(self._action_kind, draft)

    def capture_budget(self) -> None:
        """Type a budget agreement: area, amount, period, kind."""
        self._capture(self._budget_kind)

    def add_budget(self, draft: BudgetDraft | None) -> None:
        """Save a budget agreement under the current item (None: cancelled)."""
        self._add(self._budget_kind, draft)

    def _capture(self, kind: _Kind[E, D]) -> None:
        self.screen.app.push_screen(kind.form(kind.kept), lambda draft: self._add(kind, draft))

    def _add(self, kind: _Kind[E, D], draft: D | None) -> None:
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
            self._edit(self._decision_kind, entry)
        elif isinstance(entry, ActionItem):
            self._edit(self._action_kind, entry)
        else:
            self._edit(self._budget_kind, entry)

    def delete_entry(self) -> None:
        """Delete the entry selected in the log (ctrl+z brings it back)."""
        entry = self.screen.selected_entry()
        if entry is None:
            return
        if isinstance(entry, Decision):
            self._delete(self._decision_kind, entry)
        elif isinstance(entry, ActionItem):
            self._delete(self._action_kind, entry)
        else:
            self._delete(self._budget_kind, entry)

    def _edit(self, kind: _Kind[E, D], old: E) -> None:
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

    def _write_back(self, kind: _Kind[E, D], entry: E, draft: D) -> None:
        """Undo an edit: give `entry` the fields of `draft` again."""
        self.store_thread.submit(
            lambda: kind.update(entry, draft), done=self._put, failed=self.failed(_("Undo"))
        )

    def _delete(self, kind: _Kind[E, D], entry: E, undoable: bool = True) -> None:
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

    def _restore(self, kind: _Kind[E, D], entry: E) -> None:
        self.store_thread.submit(
            lambda: kind.restore(entry), done=self._put, failed=self.failed(_("Undo"))
        )
