"""Action items on the `Store`: open, change, close or reopen, delete and restore, each
change kept as an event of the kind it is (corrected, reassigned, redated, …); the reads
are `ActionItemList`'s."""

from __future__ import annotations

from datetime import date

from roundtable.domain.action_item import ActionItem, ActionStatus
from roundtable.domain.history import EntryKind, EventKind
from roundtable.i18n import _
from roundtable.store.action_list import ActionItemList
from roundtable.store.actions import StatusChange, check_due, clean_owner
from roundtable.store.opened import OpenStore
from roundtable.store.records import Doc
from roundtable.store.values import clean_text

__all__ = ["ActionItemMethods"]


class ActionItemMethods(ActionItemList, OpenStore):
    """The `Store` methods for action items."""

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
        with self.transaction():
            action = self._actions.add(text, owner, due, meeting_id, item_index)
            return self._added(EventKind.OPENED, EntryKind.ACTION, action)

    def update_action(
        self,
        ref: str,
        *,
        text: str | None = None,
        owner: str | None = None,
        due: date | None = None,
        meeting_id: int | None = None,
        clear_owner: bool = False,
        clear_due: bool = False,
    ) -> ActionItem:
        """Change the given fields; `meeting_id` records the meeting that changed it.

        None leaves a field as it is; `clear_owner` / `clear_due` empty it.
        """
        fields: Doc = {}
        if text is not None:
            fields["text"] = clean_text(text, _("An action item needs some text."))
        if clear_owner:
            fields["owner"] = None
        elif owner is not None:
            fields["owner"] = clean_owner(owner)
        if clear_due:
            fields["due"] = None
        elif due is not None:
            check_due(due)
            fields["due"] = due.isoformat()
        with self.transaction():
            old = self._actions.get(ref)
            before = self._doc(EntryKind.ACTION, old.id)
            if before is None or all(before.get(key) == value for key, value in fields.items()):
                return old  # nothing to change: no write, no event
            action = self._actions.update(ref, fields, meeting_id)
            after = self._doc(EntryKind.ACTION, action.id)
            assert after is not None
            if after.get("text") != before.get("text"):
                kind = EventKind.CORRECTED
            elif after.get("owner") != before.get("owner"):
                kind = EventKind.REASSIGNED
            else:
                kind = EventKind.REDATED
            self._log(kind, EntryKind.ACTION, action.id, before, after)
            return action

    def change_action_status(
        self, ref: str, status: ActionStatus, meeting_id: int | None = None, *, note: str = ""
    ) -> StatusChange:
        """Like `set_action_status`, and says whether the item already had `status`;
        `note` is the reason kept with the change (a reopen's why)."""
        with self.transaction():
            number = self._actions.get(ref).id
            before = self._doc(EntryKind.ACTION, number)
            change = self._actions.change_status(ref, status, meeting_id)
            if change.changed:
                kind = {
                    ActionStatus.OPEN: EventKind.REOPENED,
                    ActionStatus.DONE: EventKind.DONE,
                    ActionStatus.DROPPED: EventKind.DROPPED,
                }[status]
                after = self._doc(EntryKind.ACTION, number)
                self._log(kind, EntryKind.ACTION, number, before, after, note.strip())
            return change

    def set_action_status(
        self, ref: str, status: ActionStatus, meeting_id: int | None = None
    ) -> ActionItem:
        """Close (done / dropped) or reopen; closing records when and in which meeting.

        An item that already has `status` is left as it is (not an error);
        `change_action_status` also tells whether that was the case.
        """
        return self.change_action_status(ref, status, meeting_id).action

    def delete_action(self, ref: str) -> ActionItem:
        """Remove and return it; its ref is never given out again."""
        with self.transaction():
            number = self._actions.get(ref).id
            return self._logged(
                EventKind.DELETED, EntryKind.ACTION, number, lambda: self._actions.delete(ref)
            )

    def restore_action(self, action: ActionItem) -> ActionItem:
        """Put a deleted action item back, with its ref."""
        with self.transaction():
            return self._logged(
                EventKind.RESTORED,
                EntryKind.ACTION,
                action.id,
                lambda: self._actions.restore(action),
            )
