"""What differs between the kinds of log entry: their forms, words and store calls.

Decisions, action items and budget agreements are captured, edited, deleted and undone
by the same steps (`log.MeetingLog`); an `EntryKind` holds what differs for one of them,
and `EntryKinds` builds the three for one meeting screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import Generic, Protocol, TypeVar

from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

from roundtable.domain.cadence import next_meeting_date
from roundtable.domain.drafts import ActionDraft, BudgetDraft
from roundtable.domain.entries import (
    ActionItem,
    BudgetAgreement,
    Decision,
)
from roundtable.domain.meeting import Meeting
from roundtable.i18n import _
from roundtable.ui.context import AppContext
from roundtable.ui.widgets.item_log import LogEntry

__all__ = ["D", "E", "EntryKind", "EntryKinds", "LogHost", "default_due_date"]

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
class EntryKind(Generic[E, D]):
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


class EntryKinds:
    """The three kinds of entry as one meeting screen captures them."""

    def __init__(self, screen: LogHost, context: AppContext) -> None:
        if screen.meeting.id is None:
            raise ValueError("the meeting log needs a saved meeting")
        self.screen = screen
        self.context = context
        store = context.store
        self.store = store
        self.decision: EntryKind[Decision, str] = EntryKind(
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
        self.action: EntryKind[ActionItem, ActionDraft] = EntryKind(
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
        self.budget: EntryKind[BudgetAgreement, BudgetDraft] = EntryKind(
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

    # The forms are imported when first opened, and preloaded once the meeting screen
    # is up (`roundtable.ui.preload`).

    def _decision_form(self, initial: str | None) -> Screen[str | None]:
        from roundtable.ui.screens.forms.decision_form import DecisionForm

        return DecisionForm(initial=initial or "")

    def _action_form(self, initial: ActionDraft | None) -> Screen[ActionDraft | None]:
        from roundtable.ui.screens.forms.action_form import ActionForm

        return ActionForm(
            self.context.config.roles,
            default_due_date(self.meeting, self.context.timezone),
            self.context.today(),
            initial=initial,
        )

    def _budget_form(self, initial: BudgetDraft | None) -> Screen[BudgetDraft | None]:
        today = self.context.today()
        areas = self.screen.budget_areas()
        from roundtable.ui.screens.forms.budget_form import BudgetForm
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
