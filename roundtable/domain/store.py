"""The durable meeting log: meetings, decisions, action items and budget agreements.

TinyDB holds the data; `storage.JournalStorage` makes every write atomic, durable and
safe to share between the facilitator's app and attendees' commands.

CONTRACT (filled in by the store work; signatures are relied on by the UI and CLI):
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Self

from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
)
from roundtable.domain.meeting import Meeting

__all__ = ["SCHEMA_VERSION", "MeetingCounts", "Store"]

SCHEMA_VERSION = 1


class MeetingCounts:
    """How many decisions and action items a meeting produced (for `roundtable meetings`)."""

    decisions: int
    actions: int


class Store:
    """One store file. Open with `Store.open(path)`; every method is one transaction."""

    path: Path

    @classmethod
    def open(cls, path: Path, *, clock: Clock = system_clock) -> Store:
        """Open (creating folder and file if missing) or raise `StoreError` naming the
        file and what is wrong; a file that cannot be read is never written."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def version(self) -> object:
        """A cheap token (no file read when nothing changed) that differs whenever any
        process has changed the store; the app polls it to refresh live."""
        raise NotImplementedError

    # --- meetings -----------------------------------------------------------------

    def next_meeting_number(self) -> int:
        raise NotImplementedError

    def add_meeting(self, meeting: Meeting) -> Meeting:
        """Save a new meeting (its `id` is None) and return it with its id. Raises
        `StoreError` if another meeting is still running."""
        raise NotImplementedError

    def save_meeting(self, meeting: Meeting) -> None:
        """Replace the stored meeting with the same id."""
        raise NotImplementedError

    def running_meeting(self) -> Meeting | None:
        """The meeting that has started and not ended, if any."""
        raise NotImplementedError

    def meeting(self, meeting_id: int) -> Meeting:
        """Raises `NotFoundError`."""
        raise NotImplementedError

    def meetings(self) -> list[Meeting]:
        """All meetings, oldest first."""
        raise NotImplementedError

    def meeting_counts(self) -> dict[int, MeetingCounts]:
        raise NotImplementedError

    # --- decisions ----------------------------------------------------------------

    def add_decision(self, meeting_id: int, item_index: int, text: str) -> Decision:
        raise NotImplementedError

    def update_decision(self, decision_id: int, text: str) -> Decision:
        raise NotImplementedError

    def delete_decision(self, decision_id: int) -> Decision:
        """Remove and return it (so the app can undo with `restore_decision`)."""
        raise NotImplementedError

    def restore_decision(self, decision: Decision) -> Decision:
        raise NotImplementedError

    def decisions(self, meeting_id: int | None = None) -> list[Decision]:
        raise NotImplementedError

    # --- action items ---------------------------------------------------------------

    def add_action(
        self,
        text: str,
        owner: str | None,
        due: date | None,
        meeting_id: int | None,
        item_index: int | None,
    ) -> ActionItem:
        """Gets the next short id (`A-1`, `A-2`, …); ids are never reused, not even
        after a delete."""
        raise NotImplementedError

    def action(self, ref: str) -> ActionItem:
        """`A-42`, `a-42` or `42`. Raises `NotFoundError`."""
        raise NotImplementedError

    def update_action(
        self,
        ref: str,
        *,
        text: str | None = None,
        owner: str | None = None,
        due: date | None = None,
        meeting_id: int | None = None,
    ) -> ActionItem:
        """Change the given fields; `meeting_id` records the meeting that changed it."""
        raise NotImplementedError

    def set_action_status(
        self, ref: str, status: ActionStatus, meeting_id: int | None = None
    ) -> ActionItem:
        """Close (done / dropped) or reopen; closing records when and in which meeting."""
        raise NotImplementedError

    def delete_action(self, ref: str) -> ActionItem:
        raise NotImplementedError

    def restore_action(self, action: ActionItem) -> ActionItem:
        raise NotImplementedError

    def actions(
        self,
        *,
        owners: Collection[str] | None = None,
        include_closed: bool = False,
        meeting_id: int | None = None,
    ) -> list[ActionItem]:
        """Sorted by due date (undated last), then ref. `owners` are matched exactly
        (resolve a typed name to owner strings first); `meeting_id` = opened there."""
        raise NotImplementedError

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
        raise NotImplementedError

    def delete_budget(self, budget_id: int) -> BudgetAgreement:
        raise NotImplementedError

    def restore_budget(self, budget: BudgetAgreement) -> BudgetAgreement:
        raise NotImplementedError

    def budgets(self, meeting_id: int | None = None) -> list[BudgetAgreement]:
        raise NotImplementedError
