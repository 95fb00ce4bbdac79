"""An action item: who owes what by when. Its own module (`entries` has the other
kinds of log entry) so an attendee's `roundtable actions` loads no other kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

__all__ = ["ActionItem", "ActionStatus"]


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
