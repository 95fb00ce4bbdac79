"""One undo stack for the whole app: what ctrl+z can take back, and where it was done.

Every screen that changes something puts an `UndoStep` on the app's one `UndoStack`,
named with the place it was made. The meeting screen takes back any step (the room
undoes the last thing it saw happen, also figures recorded on the scoreboard it opened);
the scoreboard and the action-items screen take back only their own and say where the
last change was made otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import NamedTuple

__all__ = ["Place", "UndoStack", "UndoStep"]


class Place(Enum):
    """The screen a change was made on."""

    MEETING = "meeting"
    CAMPAIGNS = "campaigns"
    ACTION_ITEMS = "action-items"


class UndoStep(NamedTuple):
    """One thing ctrl+z can take back: `label` says what, `undo` does it."""

    label: str
    undo: Callable[[], None]
    place: Place = Place.MEETING


class UndoStack:
    """The app's steps, last made on top."""

    def __init__(self) -> None:
        self._steps: list[UndoStep] = []

    def __len__(self) -> int:
        return len(self._steps)

    def push(self, step: UndoStep) -> None:
        """Remember `step` as the latest change."""
        self._steps.append(step)

    def peek(self) -> UndoStep | None:
        """The latest step, still on the stack; None when there is none."""
        return self._steps[-1] if self._steps else None

    def pop(self) -> UndoStep:
        """Take the latest step off the stack (the caller runs its `undo`)."""
        return self._steps.pop()
