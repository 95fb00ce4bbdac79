"""The version of the meeting log's data layout, and the steps from older ones."""

from __future__ import annotations

from roundtable.store.events import migrate_to_events
from roundtable.store.journal import Migration

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

SCHEMA_VERSION = 2

MIGRATIONS: dict[int, Migration] = {1: migrate_to_events}
"""Schema steps applied on open: `MIGRATIONS[n]` turns version-n data into version n + 1.

1 → 2: every time in one form, and the history so far as events (`events`).
"""
