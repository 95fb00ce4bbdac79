"""The action items as read: one, a list, those open during a span, their owners.

`Store` has these methods (its action items' methods build on them); opened alone,
`ActionItemList.open(path, read_only=True)` loads the journal and the action items'
repository and no other kind of record: what an attendee's `roundtable actions` needs.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from roundtable.domain.action_item import ActionItem
from roundtable.domain.clock import Clock
from roundtable.store.actions import Actions
from roundtable.store.journal import JournalStorage
from roundtable.store.store_file import StoreFile

__all__ = ["ActionItemList"]


class ActionItemList(StoreFile):
    """A store file's action items, read."""

    def __init__(self, path: Path, storage: JournalStorage, clock: Clock) -> None:
        super().__init__(path, storage, clock)
        self._actions = Actions(self._records)

    def action(self, ref: str) -> ActionItem:
        """`A-42`, `a-42` or `42`. Raises `NotFoundError`."""
        with self.reading():
            return self._actions.get(ref)

    def actions(
        self,
        *,
        owners: Collection[str] | None = None,
        include_closed: bool = False,
        meeting_id: int | None = None,
        closed_in: int | None = None,
    ) -> list[ActionItem]:
        """Sorted by due date (undated last), then ref. `owners` are matched exactly
        (resolve a typed name to owner strings first; case does not matter);
        `meeting_id` = opened there; `closed_in` = closed there (pass
        `include_closed=True` with it). Filtering by meeting uses an index: it reads
        only that meeting's items."""
        with self.reading():
            return self._actions.find(
                owners=owners,
                include_closed=include_closed,
                meeting_id=meeting_id,
                closed_in=closed_in,
            )

    def actions_open_during(self, start: datetime, end: datetime) -> list[ActionItem]:
        """The action items open at some moment from `start` to `end`: opened before
        `end` and not closed before `start` (closed ones with their status as it is
        now). With `start == end`: those open at that moment, plus any closed exactly
        then. Sorted like `actions`; reads only those items (an index finds them)."""
        with self.reading():
            return self._actions.open_during(start, end)

    def action_owners(self) -> set[str]:
        """Every owner named on an action item, even ones no longer in the roles file."""
        with self.reading():
            return self._actions.owners()
