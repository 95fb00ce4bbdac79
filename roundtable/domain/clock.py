"""The one source of "now", injected everywhere so tests can travel in time, and the
one form a moment is stored in (`stamp`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["Clock", "stamp", "system_clock"]

Clock = Callable[[], datetime]
"""Returns the current moment as a timezone-aware datetime."""


def system_clock() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """The one form of every stored time: UTC, microseconds, fixed width (so the text
    sorts like the moment). A naive time is a bug (`ValueError`), never guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: the store keeps times with their offset")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
