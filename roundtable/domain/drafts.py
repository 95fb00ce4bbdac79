"""What a form holds before the store saves it as a log entry (`entries`): only the app's
forms and the meeting screen that opens them use these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from roundtable.domain.entries import BudgetKind

__all__ = ["ActionDraft", "BudgetDraft"]


@dataclass(frozen=True)
class ActionDraft:
    """An action item as typed in a form, before the store gives it a ref."""

    text: str
    owner: str | None
    due: date | None


@dataclass(frozen=True)
class BudgetDraft:
    """A budget agreement as typed in a form, before the store saves it."""

    area: str
    amount: Decimal
    currency: str
    period: str
    kind: BudgetKind
    from_area: str | None = None
    note: str = ""
    needs_signoff: bool = False
