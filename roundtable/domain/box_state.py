"""How the meeting stands against its time box, in one word: ok, tight or over.

The room reads the box figures by their colour before it reads them: green while the
plan fits with room to spare, amber while it still fits but something is eating the
spare time (the current item overruns, or the last minutes of the box have come), red
once the items left no longer fit or the box is used up.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from roundtable.domain.timebox import BoxView, ItemPhase

__all__ = ["LAST_MINUTES", "BoxState", "box_state", "minutes_late"]

LAST_MINUTES = 15
"""From this many minutes left in the box on, a plan that fits is still tight."""


class BoxState(StrEnum):
    """The box at a glance."""

    OK = "ok"
    TIGHT = "tight"
    OVER = "over"


def box_state(view: BoxView) -> BoxState:
    """`view`'s box in one word (see the module's docstring)."""
    if view.box_over or view.projected_end > view.planned_end:
        return BoxState.OVER
    if view.current_phase is ItemPhase.OVERRUN or view.left <= timedelta(minutes=LAST_MINUTES):
        return BoxState.TIGHT
    return BoxState.OK


def minutes_late(view: BoxView) -> int:
    """Whole minutes the projected end is past the planned end; at least 1 once it is
    past at all (the room is told "late" only with a number that says so), 0 before."""
    if view.projected_end <= view.planned_end:
        return 0
    return max(int((view.projected_end - view.planned_end).total_seconds() // 60), 1)
