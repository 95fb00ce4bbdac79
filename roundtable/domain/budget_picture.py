"""The budget picture: per area and period, the fixed budget, what the round table
allocated, cut and shifted so far, and what is left; and what each cut touches on the
other side of the table.

Sales and communication get fixed budgets (roles.yaml's `budgets:`). An agreement
counts against a fixed budget when it names the same area (as typed, ignoring case and
spacing), the same currency, and a period inside the budget's (`2026-Q1` inside
`2026`); a rejected one does not count. What is left is the fixed budget less what was
allocated and cut, plus what was shifted in, less what was shifted out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import MAX_PREC, Decimal, localcontext

from roundtable.domain.campaigns.cut_impact import is_sales_area, period_days
from roundtable.domain.config import FixedBudget, Role
from roundtable.domain.entries import BudgetAgreement, BudgetKind

__all__ = ["BudgetLine", "CutTouch", "budget_picture", "cuts_touching", "same_area"]

_ZERO = Decimal(0)


def same_area(one: str, other: str) -> bool:
    """Two areas as typed name the same one (case and spacing aside)."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _inside(period: str, fixed: str) -> bool:
    inner, outer = period_days(period), period_days(fixed)
    if inner is None or outer is None:
        return same_area(period, fixed)
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlap(one: str, other: str) -> bool:
    first, second = period_days(one), period_days(other)
    if first is None or second is None:
        return same_area(one, other)
    return first[0] <= second[1] and second[0] <= first[1]


def _counts(budget: BudgetAgreement) -> bool:
    return budget.signoff is None or budget.signoff.approved


@dataclass(frozen=True)
class BudgetLine:
    """One fixed budget and the agreements counted against it."""

    fixed: FixedBudget
    allocated: Decimal = _ZERO
    cut: Decimal = _ZERO
    shifted_in: Decimal = _ZERO
    shifted_out: Decimal = _ZERO
    agreements: tuple[BudgetAgreement, ...] = ()

    @property
    def left(self) -> Decimal:
        with localcontext() as context:
            context.prec = MAX_PREC  # exact: no sum of amounts rounds
            return (
                self.fixed.amount - self.allocated - self.cut + self.shifted_in - self.shifted_out
            )


def budget_picture(
    fixed: Sequence[FixedBudget], agreements: Iterable[BudgetAgreement]
) -> list[BudgetLine]:
    """One line per fixed budget, in the config's order."""
    counted = [b for b in agreements if _counts(b)]
    lines = []
    with localcontext() as context:
        context.prec = MAX_PREC
        for budget in fixed:
            sums = {"allocated": _ZERO, "cut": _ZERO, "shifted_in": _ZERO, "shifted_out": _ZERO}
            used: list[BudgetAgreement] = []
            for agreement in counted:
                if agreement.currency != budget.currency or not _inside(
                    agreement.period, budget.period
                ):
                    continue
                into = same_area(agreement.area, budget.area)
                out_of = agreement.kind is BudgetKind.SHIFT and same_area(
                    agreement.from_area or "", budget.area
                )
                if into and out_of:
                    continue  # a shift within the area moves nothing
                if into:
                    key = {
                        BudgetKind.ALLOCATION: "allocated",
                        BudgetKind.CUT: "cut",
                        BudgetKind.SHIFT: "shifted_in",
                    }[agreement.kind]
                elif out_of:
                    key = "shifted_out"
                else:
                    continue
                sums[key] += agreement.amount
                used.append(agreement)
            lines.append(BudgetLine(budget, agreements=tuple(used), **sums))
    return lines


@dataclass(frozen=True)
class CutTouch:
    """A cut on one side and the other side's agreements for the same time it touches."""

    cut: BudgetAgreement
    sales_cut: bool
    """The cut is in sales (it touches marketing's agreements), else in marketing."""
    touched: tuple[BudgetAgreement, ...]


def cuts_touching(
    cuts: Iterable[BudgetAgreement],
    agreements: Iterable[BudgetAgreement],
    roles: Sequence[Role],
) -> list[CutTouch]:
    """For each cut in `cuts` (not rejected): the allocations and shifts in `agreements`
    on the other side of the table whose period overlaps the cut's."""
    others = [b for b in agreements if _counts(b) and b.kind is not BudgetKind.CUT]
    found = []
    for cut in cuts:
        if cut.kind is not BudgetKind.CUT or not _counts(cut):
            continue
        sales = is_sales_area(cut.area, roles)
        touched = tuple(
            b
            for b in others
            if is_sales_area(b.area, roles) is not sales and _overlap(b.period, cut.period)
        )
        found.append(CutTouch(cut, sales, touched))
    return found
