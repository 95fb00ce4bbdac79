"""Budget agreements: allocations, cuts and shifts, and whether management must sign."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from roundtable.domain.entries import BudgetAgreement, BudgetKind
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _
from roundtable.store import codec, values
from roundtable.store.records import BUDGETS, Doc, Records

__all__ = ["Budgets", "checked_budget", "too_large_amount"]


class Budgets:
    """The budget agreements of one store (call inside `reading()` or `transaction()`)."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def _decode(self, budget_id: int, doc: Doc) -> BudgetAgreement:
        return self._records.decode(_("budget agreement"), codec.budget_from_doc, budget_id, doc)

    def get(self, budget_id: int) -> BudgetAgreement:
        doc = self._records.get(BUDGETS, budget_id)
        if doc is None:
            raise NotFoundError(_("There is no budget agreement {id}.").format(id=budget_id))
        return self._decode(budget_id, doc)

    def add(self, budget: BudgetAgreement) -> BudgetAgreement:
        """Save a checked `budget` under the next id, agreed now."""
        self._records.require_meeting(budget.meeting_id)
        budget = replace(budget, id=self._records.next_id(BUDGETS), at=self._records.now())
        self._records.insert(BUDGETS, budget.id, codec.budget_doc(budget))
        return budget

    def save(self, budget: BudgetAgreement) -> BudgetAgreement:
        self._records.replace(BUDGETS, budget.id, codec.budget_doc(budget))
        return budget

    def delete(self, budget_id: int) -> BudgetAgreement:
        budget = self.get(budget_id)
        self._records.remove(BUDGETS, budget_id)
        return budget

    def restore(self, budget: BudgetAgreement) -> BudgetAgreement:
        self._records.upsert(BUDGETS, budget.id, codec.budget_doc(budget))
        self._records.bump_counter(budget.id, BUDGETS)
        return budget

    def find(self, meeting_id: int | None = None) -> list[BudgetAgreement]:
        records = self._records
        docs = (
            records.items(BUDGETS)
            if meeting_id is None
            else records.by_key(BUDGETS, "meeting_id", meeting_id)
        )
        return sorted((self._decode(i, doc) for i, doc in docs), key=lambda b: b.id)


def checked_budget(budget: BudgetAgreement) -> BudgetAgreement:
    """`budget` tidied up, or `UsageError` saying which field is wrong."""
    area = budget.area.strip()
    if not area:
        raise UsageError(_("A budget agreement needs an area."))
    if not isinstance(budget.amount, Decimal) or not budget.amount.is_finite():
        raise UsageError(_("The amount must be a number."))
    if values.amount_problem(budget.amount) is not None:
        raise UsageError(too_large_amount())
    if budget.amount <= 0:
        raise UsageError(
            _("The amount must be more than zero (a cut is said by its kind, not its sign).")
        )
    currency = budget.currency.strip().upper()
    if not currency:
        raise UsageError(_("A budget agreement needs a currency."))
    period = budget.period.strip()
    if not period:
        raise UsageError(_("A budget agreement needs a period, like 2026-Q1."))
    from_area = (budget.from_area or "").strip() or None
    if budget.kind is BudgetKind.SHIFT:
        if from_area is None:
            raise UsageError(_("A shift needs the area the amount is taken from."))
        if from_area == area:
            raise UsageError(_("A shift must go from one area to another."))
    else:
        from_area = None
    return replace(
        budget,
        area=area,
        currency=currency,
        period=period,
        from_area=from_area,
        note=budget.note.strip(),
    )


def too_large_amount() -> str:
    """What is said of an amount too large (or too finely split) to keep exactly."""
    return _("The amount must be below 1,000,000,000,000,000 with at most six decimal places.")
