"""Decisions, budget agreements (with management's sign-off) and notes: the entries
logged under an agenda item, each change kept as an event."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from roundtable.domain.entries import BudgetAgreement, BudgetKind, Decision, Note, SignOff
from roundtable.domain.history import EntryKind, EventKind
from roundtable.errors import UsageError
from roundtable.i18n import _
from roundtable.store.budgets import checked_budget
from roundtable.store.opened import OpenStore, with_given

__all__ = ["LoggedEntries"]


class LoggedEntries(OpenStore):
    """The `Store` methods for decisions, budget agreements and notes."""

    # --- decisions ----------------------------------------------------------------

    def add_decision(self, meeting_id: int, item_index: int, text: str) -> Decision:
        with self.transaction():
            decision = self._decisions.add(meeting_id, item_index, text)
            return self._added(EventKind.LOGGED, EntryKind.DECISION, decision)

    def update_decision(self, decision_id: int, text: str) -> Decision:
        with self.transaction():
            return self._logged(
                EventKind.CORRECTED,
                EntryKind.DECISION,
                decision_id,
                lambda: self._decisions.update(decision_id, text),
            )

    def delete_decision(self, decision_id: int) -> Decision:
        """Remove and return it (so the app can undo with `restore_decision`)."""
        with self.transaction():
            return self._logged(
                EventKind.DELETED,
                EntryKind.DECISION,
                decision_id,
                lambda: self._decisions.delete(decision_id),
            )

    def restore_decision(self, decision: Decision) -> Decision:
        """Put a deleted decision back, with its id."""
        with self.transaction():
            return self._logged(
                EventKind.RESTORED,
                EntryKind.DECISION,
                decision.id,
                lambda: self._decisions.restore(decision),
            )

    def decisions(self, meeting_id: int | None = None) -> list[Decision]:
        """Oldest first; only those of `meeting_id` if given."""
        with self.reading():
            return self._decisions.find(meeting_id)

    # --- budget agreements ------------------------------------------------------------

    def add_budget(
        self,
        meeting_id: int,
        item_index: int,
        *,
        area: str,
        amount: Decimal,
        currency: str,
        period: str,
        kind: BudgetKind,
        from_area: str | None = None,
        note: str = "",
        needs_signoff: bool = False,
    ) -> BudgetAgreement:
        budget = checked_budget(
            BudgetAgreement(
                id=0,
                meeting_id=meeting_id,
                item_index=item_index,
                area=area,
                amount=amount,
                currency=currency,
                period=period,
                kind=kind,
                from_area=from_area,
                note=note,
                needs_signoff=needs_signoff,
            )
        )
        with self.transaction():
            return self._added(EventKind.LOGGED, EntryKind.BUDGET, self._budgets.add(budget))

    def update_budget(
        self,
        budget_id: int,
        *,
        area: str | None = None,
        amount: Decimal | None = None,
        currency: str | None = None,
        period: str | None = None,
        kind: BudgetKind | None = None,
        from_area: str | None = None,
        note: str | None = None,
        needs_signoff: bool | None = None,
    ) -> BudgetAgreement:
        """Change the given fields (None leaves one as it is)."""
        with self.transaction():
            old = self._budgets.get(budget_id)
            budget = checked_budget(
                with_given(
                    old,
                    area=area,
                    amount=amount,
                    currency=currency,
                    period=period,
                    kind=kind,
                    from_area=from_area,
                    note=note,
                    needs_signoff=needs_signoff,
                )
            )
            if budget == old:
                return old
            return self._logged(
                EventKind.CORRECTED,
                EntryKind.BUDGET,
                budget_id,
                lambda: self._budgets.save(budget),
            )

    def delete_budget(self, budget_id: int) -> BudgetAgreement:
        """Remove and return it (so the app can undo with `restore_budget`)."""
        with self.transaction():
            return self._logged(
                EventKind.DELETED,
                EntryKind.BUDGET,
                budget_id,
                lambda: self._budgets.delete(budget_id),
            )

    def restore_budget(self, budget: BudgetAgreement) -> BudgetAgreement:
        """Put a deleted budget agreement back, with its id."""
        with self.transaction():
            return self._logged(
                EventKind.RESTORED,
                EntryKind.BUDGET,
                budget.id,
                lambda: self._budgets.restore(budget),
            )

    def budget(self, budget_id: int) -> BudgetAgreement:
        """Raises `NotFoundError`."""
        with self.reading():
            return self._budgets.get(budget_id)

    def sign_off_budget(
        self, budget_id: int, *, approved: bool, by: str, note: str = ""
    ) -> BudgetAgreement:
        """Management's answer to a budget agreement that awaits one. Raises
        `NotFoundError` for an unknown one, `UsageError` when it needs no sign-off or
        was answered already."""
        with self.transaction():
            old = self._budgets.get(budget_id)
            if not old.needs_signoff:
                raise UsageError(_("{ref} needs no management sign-off.").format(ref=old.ref))
            if old.signoff is not None:
                raise UsageError(
                    _("{ref} was already answered by {by}.").format(ref=old.ref, by=old.signoff.by)
                )
            answer = SignOff(approved=approved, by=by, at=self._records.now(), note=note.strip())
            before = self._doc(EntryKind.BUDGET, budget_id)
            budget = self._budgets.save(replace(old, signoff=answer))
            actor, self.actor = self.actor, by
            try:
                self._log(
                    EventKind.SIGNED_OFF if approved else EventKind.REJECTED,
                    EntryKind.BUDGET,
                    budget_id,
                    before,
                    self._doc(EntryKind.BUDGET, budget_id),
                    note.strip(),
                )
            finally:
                self.actor = actor
            return budget

    # --- notes ------------------------------------------------------------------------

    def add_note(self, meeting_id: int, item_index: int, text: str) -> Note:
        """A note of what was reported or discussed under an agenda item; line breaks
        are kept, surrounding blank space is not."""
        with self.transaction():
            note = self._notes.add(meeting_id, item_index, text)
            return self._added(EventKind.LOGGED, EntryKind.NOTE, note)

    def update_note(self, note_id: int, text: str) -> Note:
        with self.transaction():
            return self._logged(
                EventKind.CORRECTED,
                EntryKind.NOTE,
                note_id,
                lambda: self._notes.update(note_id, text),
            )

    def delete_note(self, note_id: int) -> Note:
        """Remove and return it (so the app can undo with `restore_note`)."""
        with self.transaction():
            return self._logged(
                EventKind.DELETED, EntryKind.NOTE, note_id, lambda: self._notes.delete(note_id)
            )

    def restore_note(self, note: Note) -> Note:
        """Put a deleted note back, with its id."""
        with self.transaction():
            return self._logged(
                EventKind.RESTORED, EntryKind.NOTE, note.id, lambda: self._notes.restore(note)
            )

    def notes(self, meeting_id: int | None = None) -> list[Note]:
        """Oldest first; only those of `meeting_id` if given."""
        with self.reading():
            return self._notes.find(meeting_id)

    def budgets(self, meeting_id: int | None = None) -> list[BudgetAgreement]:
        """Oldest first; only those of `meeting_id` if given."""
        with self.reading():
            return self._budgets.find(meeting_id)
