"""Lookups derived from the tables in memory, and how they follow this process's own
writes (see `records.Records`): a write here updates them in place rather than having
them built anew over years of history on the next lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

__all__ = [
    "Indexes",
    "Normalize",
    "RunningClocks",
    "carry_numbers",
    "carry_running",
    "whole_number",
]

Doc = dict[str, Any]

Normalize = Callable[[object], Hashable | None]
"""What a stored value is looked up by (None: not indexed)."""


def whole_number(value: object) -> int | None:
    """Ids index as themselves; anything else is not indexed."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# The two classes below are plain classes with __slots__, not dataclasses: every command
# and the app's first frame import this module, a dataclass takes ~0.3 ms to define (a
# plain class a few µs), and nothing compares, copies or prints these holders.


class RunningClocks:
    """The ids of the meeting clocks without an end, in the tables looked at: the
    newest ones, or all (`complete`). Meetings in tables not looked at are older."""

    __slots__ = ("complete", "floor", "ids")

    def __init__(self, ids: set[int], complete: bool, floor: int = 0) -> None:
        self.ids = ids
        self.complete = complete
        self.floor = floor
        """The lowest id the tables looked at can hold."""


class Indexes:
    """Lookups derived from the tables in memory, for one storage generation.

    Built lazily, each on first use, and dropped as a whole when the storage's
    generation moves on (another process's write caught up with, a reload): never
    stale, and never paid for by a command that does not use them.
    """

    __slots__ = (
        "by_key",
        "derived",
        "generation",
        "looked_up",
        "meeting_numbers",
        "meetings_by_number",
        "running",
    )

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.meetings_by_number: dict[int, int] | None = None
        """Meeting number → id (the lowest id, should a damaged store repeat a number)."""
        self.meeting_numbers: dict[int, int] | None = None
        """Meeting id → number."""
        self.running: RunningClocks | None = None
        """The meetings whose clocks have no end, once looked up."""
        self.derived: dict[str, Any] = {}
        """Each repository's own lookups, by name."""
        self.looked_up: set[tuple[str, str]] = set()
        """(kind, key) looked up once without an index (`Records.by_key`): the next
        lookup builds it."""
        self.by_key: dict[tuple[str, str], tuple[Normalize, dict[Hashable, list[int]]]] = {}
        """(kind, key) → how values are indexed, and value → ids of the entries of that
        kind with it (`meeting_id`, `campaign_id`, a campaign's name)."""


def carry_numbers(cache: Indexes, doc_id: int, old: Doc | None, new: Doc | None) -> None:
    """Meeting numbers after meeting `doc_id` was written (`old` → `new`)."""
    by_number, numbers = cache.meetings_by_number, cache.meeting_numbers
    if by_number is None or numbers is None:
        return
    was = None if old is None else whole_number(old.get("number"))
    now = None if new is None else whole_number(new.get("number"))
    if was == now and (old is None) == (new is None):
        return
    if old is None and now is not None:
        numbers[doc_id] = now
        if now not in by_number or doc_id < by_number[now]:
            by_number[now] = doc_id
        return
    # A meeting renumbered or removed (discarded): rare, built anew.
    cache.meetings_by_number = cache.meeting_numbers = None


def carry_running(cache: Indexes, doc_id: int, old: Doc | None, new: Doc | None) -> None:
    """The clocks without an end after meeting `doc_id`'s clock was written (`old` →
    `new`)."""
    running = cache.running
    if running is None:
        return
    if new is None or new.get("ended_at") is not None:
        running.ids.discard(doc_id)
    elif doc_id >= running.floor:
        running.ids.add(doc_id)
    else:
        # An older meeting running again: its table may not have been looked at.
        cache.running = None
