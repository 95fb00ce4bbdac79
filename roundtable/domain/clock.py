"""The one source of "now": injected everywhere so tests can travel in time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["Clock", "system_clock"]

Clock = Callable[[], datetime]
"""Returns the current moment as a timezone-aware datetime."""


def system_clock() -> datetime:
    return datetime.now(UTC)
