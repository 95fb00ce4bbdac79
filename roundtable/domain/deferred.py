"""Agenda items the last meeting deferred, taken into the next one's agenda.

Before a meeting starts, the items the latest meeting deferred are offered. The chosen
ones join the agenda with the minutes their agenda planned for them: before the final
wrap-up item if there is one, else at the end. The plan never exceeds the time box: when
they do not fit, `fit_to_box` shrinks the agenda's own items in proportion (none below a
minute, the deferred ones keep theirs), or the facilitator chooses fewer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from roundtable.domain.config import AgendaItem
from roundtable.domain.meeting import ItemState, Meeting, MeetingItem
from roundtable.domain.timebox import apportion_minutes
from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = [
    "AgendaPlan",
    "deferred_items",
    "fit_to_box",
    "is_wrap_up",
    "with_deferred",
]

_WRAP_UP_WORDS = ("wrap-up", "wrap up", "wrapup", "abschluss", "zusammenfassung")
"""Titles that name a closing item (English and the team's German), case-insensitive."""


def deferred_items(meeting: Meeting | None) -> tuple[MeetingItem, ...]:
    """The items `meeting` deferred to the next one, in agenda order."""
    if meeting is None:
        return ()
    return tuple(item for item in meeting.items if item.state is ItemState.DEFERRED)


def is_wrap_up(item: AgendaItem) -> bool:
    """True for an item that closes the meeting, going by its title ("Wrap-up")."""
    title = " ".join(item.title.casefold().split())
    return any(word in title for word in _WRAP_UP_WORDS)


@dataclass(frozen=True)
class AgendaPlan:
    """The items a meeting will start with, and which of them were carried over."""

    items: tuple[AgendaItem, ...]
    carried: frozenset[int]
    """Indexes (in `items`) of the items taken over from the last meeting."""
    timebox_minutes: int

    @property
    def planned_minutes(self) -> int:
        """The items' planned minutes together."""
        return sum(item.minutes for item in self.items)

    @property
    def over_minutes(self) -> int:
        """How far the plan exceeds the time box (0 when it fits)."""
        return max(self.planned_minutes - self.timebox_minutes, 0)

    @property
    def fits(self) -> bool:
        """The plan fits into the time box."""
        return self.planned_minutes <= self.timebox_minutes

    @property
    def can_fit(self) -> bool:
        """`fit_to_box` can make it fit: the agenda's own items, a minute each at least,
        leave room for the carried ones."""
        carried = sum(self.items[i].minutes for i in self.carried)
        own = len(self.items) - len(self.carried)
        return carried + own <= self.timebox_minutes and (own > 0 or self.fits)


def _as_agenda_item(item: MeetingItem) -> AgendaItem:
    # The minutes its agenda planned, not what a squeezed plan had left when it was
    # deferred; a carried item never reviews the action items (the agenda has its own).
    return AgendaItem(
        title=item.title,
        minutes=max(item.original_minutes, 1),
        role=item.role,
        kind=item.kind,
        notes=item.notes,
        review=False,
    )


def _same_title(title: str) -> str:
    return " ".join(title.split()).casefold()


def with_deferred(
    agenda_items: Sequence[AgendaItem], deferred: Iterable[MeetingItem], box: int
) -> AgendaPlan:
    """`agenda_items` with `deferred` taken in, as planned; it may not fit the box of
    `box` minutes (see `AgendaPlan.fits`).

    A deferred item the agenda has too (same title) is carried into that item, never
    added twice: it keeps the longer of the two plans and a note says it was deferred.
    The others go before the final wrap-up item (or at the end)."""
    items = list(agenda_items)
    merged: set[int] = set()
    added: list[AgendaItem] = []
    for item in deferred:
        same = next(
            (i for i, own in enumerate(items) if _same_title(own.title) == _same_title(item.title)),
            None,
        )
        if same is None:
            added.append(_as_agenda_item(item))
            continue
        own = items[same]
        mark = _("Deferred from the last meeting.")
        items[same] = replace(
            own,
            minutes=max(own.minutes, item.original_minutes, 1),
            notes=f"{own.notes}\n{mark}".strip() if mark not in own.notes else own.notes,
        )
        merged.add(same)
    at = len(items) - 1 if items and is_wrap_up(items[-1]) else len(items)
    items[at:at] = added
    carried = {i + len(added) if i >= at else i for i in merged}
    carried.update(range(at, at + len(added)))
    return AgendaPlan(tuple(items), frozenset(carried), box)


def fit_to_box(plan: AgendaPlan) -> AgendaPlan:
    """`plan` with the agenda's own items shrunk in proportion so the whole fits the box;
    the carried items keep their minutes. `UsageError` when even a minute each is too
    much (then fewer items must be taken over)."""
    if plan.fits:
        return plan
    if not plan.can_fit:
        raise UsageError(
            _(
                "The items taken over need {minutes} minutes; with a minute for each other "
                "item that is more than the {box}-minute box. Take fewer of them."
            ).format(
                minutes=sum(plan.items[i].minutes for i in plan.carried),
                box=plan.timebox_minutes,
            )
        )
    own = [i for i in range(len(plan.items)) if i not in plan.carried]
    room = plan.timebox_minutes - sum(plan.items[i].minutes for i in plan.carried)
    shares = apportion_minutes(room, [plan.items[i].minutes for i in own])
    items = list(plan.items)
    for index, share in zip(own, shares, strict=True):
        items[index] = replace(items[index], minutes=share)
    return AgendaPlan(tuple(items), plan.carried, plan.timebox_minutes)
