"""The action items a meeting carries over from earlier ones, grouped by who owns them.

Every meeting opens its review item (the agenda item marked `review: true`, else the
first) with the action items that were open when it started. They stay listed with
their status as it is now, so an item closed during the review is still there, marked
done, and can be reopened. Items opened in this meeting are not carried over: they are in
its log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from roundtable.domain.config import Role
from roundtable.domain.entries import ActionItem
from roundtable.domain.meeting import Meeting
from roundtable.store.store import Store

__all__ = [
    "OwnerGroup",
    "carried_over",
    "group_by_owner",
    "read_carry_over",
    "review_index",
]


class OwnerGroup(NamedTuple):
    """The carried-over items of one owner, overdue first."""

    owner: str | None
    """The owner as stored (a role id or a person's name); None for nobody yet."""
    role: Role | None
    """The role the owner is, or the first role the owner holds; None if neither."""
    is_role: bool
    """The owner is a role (shown by its title), not a person."""
    actions: tuple[ActionItem, ...]
    overdue: int
    """How many of them are open and past their due date."""

    @property
    def in_roles(self) -> bool:
        """False for an owner the roles file no longer knows (someone who left)."""
        return self.owner is None or self.role is not None


def review_index(meeting: Meeting) -> int | None:
    """The index of the item that reviews the open action items: the one marked
    `review`, else the first item; None for a meeting without items."""
    for index, item in enumerate(meeting.items):
        if item.review:
            return index
    return 0 if meeting.items else None


def carried_over(actions: Iterable[ActionItem], meeting_id: int) -> list[ActionItem]:
    """`actions` without the ones opened in meeting `meeting_id`."""
    return [action for action in actions if action.meeting_id != meeting_id]


def read_carry_over(store: Store, meeting: Meeting) -> list[ActionItem]:
    """The action items open when `meeting` started, with their status as it is now
    (an index finds them: it reads only those items)."""
    if meeting.id is None:
        raise ValueError("the carry-over needs a saved meeting")
    found = store.actions_open_during(meeting.started_at, meeting.started_at)
    return carried_over(found, meeting.id)


def _past_due(action: ActionItem, today: date) -> bool:
    return action.due is not None and action.due < today


def _urgency(action: ActionItem, today: date) -> tuple[int, date, int]:
    # Not by status: an item closed during the review keeps its place in the list.
    return (0 if _past_due(action, today) else 1, action.due or date.max, action.id)


def group_by_owner(
    actions: Iterable[ActionItem], roles: Sequence[Role], today: date
) -> list[OwnerGroup]:
    """`actions` grouped by owner. Groups with items past their due date come first; then
    the order of the roles file (a role, then its holders), then owners it does not know,
    then the items nobody owns yet. Inside a group: past due first, then by due date.

    Status plays no part in the order, so closing an item during the review does not
    move it (nor its group): the room keeps its place in the list."""
    role_by_id = {role.id: role for role in roles}
    held_by: dict[str, Role] = {}
    order: dict[str, int] = {}
    for role in roles:
        order.setdefault(role.id, len(order))
        for holder in role.holders:
            held_by.setdefault(holder, role)
            order.setdefault(holder, len(order))

    by_owner: dict[str | None, list[ActionItem]] = {}
    for action in actions:
        by_owner.setdefault(action.owner, []).append(action)

    groups = []
    for owner, owned in by_owner.items():
        owned.sort(key=lambda action: _urgency(action, today))
        owner_role: Role | None = None
        if owner is not None:
            owner_role = role_by_id.get(owner) or held_by.get(owner)
        groups.append(
            OwnerGroup(
                owner=owner,
                role=owner_role,
                is_role=owner is not None and owner in role_by_id,
                actions=tuple(owned),
                overdue=sum(1 for action in owned if action.is_overdue(today)),
            )
        )

    def place(group: OwnerGroup) -> tuple[int, int, int, str]:
        if group.owner is None:
            rank, known = 3, 0
        elif group.owner in order:
            rank, known = 1, order[group.owner]
        else:
            rank, known = 2, 0
        late = any(_past_due(action, today) for action in group.actions)
        return (0 if late else 1, rank, known, (group.owner or "").casefold())

    return sorted(groups, key=place)
