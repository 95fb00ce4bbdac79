"""What a meeting writes into the log: decisions, action items and budget agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "ActionItem",
    "ActionStatus",
    "BudgetAgreement",
    "BudgetKind",
    "Decision",
    "Note",
    "SignOff",
]


@dataclass(frozen=True)
class Decision:
    """What the meeting decided under an agenda item, in its words."""

    id: int
    meeting_id: int
    item_index: int
    """Index of the agenda item (in the meeting's snapshot) it was taken under."""
    text: str
    at: datetime


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class ActionItem:
    """Something one owner promised to do by a date, until it is done or dropped."""

    id: int
    ref: str
    """The short id people type, like `A-42`; stable forever."""
    text: str
    owner: str | None
    """A role id or a holder's name; None when nobody owns it yet."""
    due: date | None
    status: ActionStatus
    meeting_id: int | None
    """The meeting that opened it."""
    item_index: int | None
    opened_at: datetime
    closed_at: datetime | None = None
    closed_in: int | None = None
    """The meeting that closed it; None when closed from a terminal between meetings."""

    def is_overdue(self, today: date) -> bool:
        return self.status is ActionStatus.OPEN and self.due is not None and self.due < today


class BudgetKind(StrEnum):
    ALLOCATION = "allocation"
    CUT = "cut"
    SHIFT = "shift"


@dataclass(frozen=True)
class BudgetAgreement:
    """An amount of money the meeting agreed to give, cut or shift for an area."""

    id: int
    meeting_id: int
    item_index: int
    area: str
    """The area that gets (allocation, shift) or loses (cut) the amount, e.g. sales."""
    amount: Decimal
    currency: str
    period: str
    """Free text the team uses, like `2026-Q1` or `H2 2026`."""
    kind: BudgetKind
    from_area: str | None = None
    """For a shift: the area the amount is taken from."""
    note: str = ""
    needs_signoff: bool = False
    """Management must sign it off (a cut on one side that touches the other)."""
    at: datetime | None = None
    signoff: SignOff | None = None
    """Management's answer; None while it waits (or needs none)."""

    @property
    def ref(self) -> str:
        """The short id people type, like `B-7`."""
        return f"B-{self.id}"

    @property
    def awaiting_signoff(self) -> bool:
        return self.needs_signoff and self.signoff is None


@dataclass(frozen=True)
class SignOff:
    """A management answer to a budget agreement that needed one."""

    approved: bool
    """False: rejected."""
    by: str
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class Note:
    """What was reported or discussed under an agenda item, in a few words."""

    id: int
    meeting_id: int
    item_index: int
    text: str
    at: datetime
