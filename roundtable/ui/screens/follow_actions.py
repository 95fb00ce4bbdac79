"""The action items in the follow view: the same list, filters and search, read-only.

An attendee opens it from the follow view (`o`) to see one owner's items: the owner
filter has the focus and its choices open, so one pick shows them. Every key that would
change an item is switched off; the store is open read-only besides.
"""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import Select

from roundtable.i18n import _
from roundtable.ui.screens.actions.action_items import ActionItemsScreen

__all__ = ["FollowActionItemsScreen"]


class FollowActionItemsScreen(ActionItemsScreen):
    """`ActionItemsScreen` without its changes."""

    CHANGES: ClassVar[frozenset[str]] = frozenset(
        {"toggle_done", "reopen", "drop", "reassign", "redate", "undo"}
    )

    def on_mount(self) -> None:
        # Textual runs ActionItemsScreen's on_mount after this one (it focuses the
        # table), so the owner filter takes the focus once both have run.
        self.call_after_refresh(self._pick_owner)

    def _pick_owner(self) -> None:
        self.sub_title = _("Read-only · pick an owner")
        select = self.query_one("#owner", Select)
        select.focus()
        select.expanded = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides the key from the footer and the help and makes it do nothing.
        if action in self.CHANGES:
            return False
        return super().check_action(action, parameters)

    def action_toggle_done(self) -> None:
        """Nothing: the follow view never changes an item."""

    def action_reopen(self) -> None:
        """Nothing: the follow view never changes an item."""

    def action_drop(self) -> None:
        """Nothing: the follow view never changes an item."""

    def action_reassign(self) -> None:
        """Nothing: the follow view never changes an item."""

    def action_redate(self) -> None:
        """Nothing: the follow view never changes an item."""

    def action_undo(self) -> None:
        """Nothing: the follow view never changes an item."""
