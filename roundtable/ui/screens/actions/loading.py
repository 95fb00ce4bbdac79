"""What the action-items screen reads from the store in one go, on the store thread."""

from __future__ import annotations

from dataclasses import dataclass

from roundtable.domain.entries import ActionItem
from roundtable.domain.meeting import Meeting
from roundtable.store.store import Store

__all__ = ["Loaded", "load_actions"]


@dataclass(frozen=True)
class Loaded:
    """What one read of the store gives the screen."""

    actions: list[ActionItem]
    meeting_numbers: dict[int, int]
    """Meeting id → number."""
    running: Meeting | None
    latest: Meeting | None
    """The latest meeting (running or not), for when the next one is."""


def load_actions(store: Store) -> Loaded:
    with store.reading():
        actions = store.actions(include_closed=True)
        numbers = store.meeting_numbers()
        running = store.running_meeting()
        latest = running
        if latest is None and numbers:
            latest = store.meeting_by_number(max(numbers.values()))
    return Loaded(actions, numbers, running, latest)
