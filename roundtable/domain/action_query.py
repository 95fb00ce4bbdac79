"""Which action items a list shows: by owner, status, overdue, opening meeting and text.

The action-items screen keeps every item in memory and asks `ActionQuery.select` for the
ones to show on each change of a filter or each (debounced) keystroke of the search, so
the search text of every item is worked out once per load (`SearchIndex`), not per key.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from roundtable.domain.config import Role
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.text import single_line
from roundtable.i18n import _

__all__ = [
    "ActionQuery",
    "OwnerChoice",
    "SearchIndex",
    "StatusFilter",
    "owner_choices",
    "owner_label",
]


class StatusFilter(StrEnum):
    """Which statuses a list shows."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
    ALL = "all"

    def admits(self, status: ActionStatus) -> bool:
        """True if an item with `status` passes."""
        return self is StatusFilter.ALL or self.value == status.value


@dataclass(frozen=True)
class OwnerChoice:
    """One entry of the owner filter: a role, a person, or someone the roles file no
    longer knows; `owners` are the owner strings it stands for."""

    key: str
    """Stable id of the entry (`role:ID`, `person:NAME`, `nobody`)."""
    label: str
    owners: frozenset[str | None]
    in_roles: bool


def owner_label(owner: str | None, roles: Sequence[Role]) -> str:
    """An owner in words: a role by its title, a person by name, nobody as such."""
    if owner is None:
        return _("nobody yet")
    for role in roles:
        if role.id == owner:
            return single_line(role.title)
    return single_line(owner)


def owner_choices(roles: Sequence[Role], known_owners: Collection[str]) -> list[OwnerChoice]:
    """The owner filter's entries: each role (its items and its holders'), each person
    holding a role (their items and their roles'), then every other owner named on a
    stored item, marked as not in the roles file, then nobody yet."""
    choices: list[OwnerChoice] = []
    held: dict[str, list[str]] = {}
    for role in roles:
        choices.append(
            OwnerChoice(
                f"role:{role.id}",
                single_line(role.title),
                frozenset({role.id, *role.holders}),
                in_roles=True,
            )
        )
        for holder in role.holders:
            held.setdefault(holder, []).append(role.id)
    for name, role_ids in held.items():
        choices.append(
            OwnerChoice(
                f"person:{name}", single_line(name), frozenset({name, *role_ids}), in_roles=True
            )
        )
    known = {role.id for role in roles} | set(held)
    for owner in sorted(set(known_owners) - known, key=str.casefold):
        choices.append(
            OwnerChoice(
                f"person:{owner}",
                _("{name} (not in roles)").format(name=single_line(owner)),
                frozenset({owner}),
                in_roles=False,
            )
        )
    choices.append(OwnerChoice("nobody", _("nobody yet"), frozenset({None}), in_roles=True))
    return choices


class SearchIndex:
    """The case-folded text each item is searched by: ref, text and owner (as stored
    and in words), worked out at the first search of a loaded list."""

    def __init__(self, actions: Sequence[ActionItem], roles: Sequence[Role]) -> None:
        # The items as loaded (a list changed later keeps its old words, as when the
        # text was worked out at once); years of items' text is megabytes a list never
        # searched does not need.
        self._actions: Sequence[ActionItem] | None = list(actions)
        self._titles = {role.id: role.title for role in roles}
        self._keys: list[str] = []

    def _worked_out(self) -> list[str]:
        if self._actions is not None:
            titles = self._titles
            self._keys = [
                " ".join(
                    (
                        action.ref,
                        action.text,
                        action.owner or "",
                        titles.get(action.owner or "", ""),
                    )
                ).casefold()
                for action in self._actions
            ]
            self._actions = None
        return self._keys

    def matches(self, index: int, words: Sequence[str]) -> bool:
        """True if item `index` contains every one of `words` (case-folded)."""
        key = self._worked_out()[index]
        return all(word in key for word in words)


@dataclass(frozen=True)
class ActionQuery:
    """What the action-items list shows; the default is every open item."""

    status: StatusFilter = StatusFilter.OPEN
    owners: frozenset[str | None] | None = None
    """Owner strings to show (None stands for nobody yet); None shows everyone's."""
    overdue_only: bool = False
    meeting_id: int | None = None
    """Only items opened in this meeting."""
    text: str = ""
    """Words the item must contain, in any order and case."""

    def select(
        self,
        actions: Sequence[ActionItem],
        index: SearchIndex,
        today: date,
    ) -> list[int]:
        """Indexes (into `actions`) of the items this query shows, in their order."""
        words = self.text.casefold().split()
        owners = None if self.owners is None else {_fold(o) for o in self.owners}
        shown = []
        for i, action in enumerate(actions):
            if not self.status.admits(action.status):
                continue
            if self.overdue_only and not action.is_overdue(today):
                continue
            if self.meeting_id is not None and action.meeting_id != self.meeting_id:
                continue
            if owners is not None and _fold(action.owner) not in owners:
                continue
            if words and not index.matches(i, words):
                continue
            shown.append(i)
        return shown


def _fold(owner: str | None) -> str | None:
    return None if owner is None else owner.casefold()
