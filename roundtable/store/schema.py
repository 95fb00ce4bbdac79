"""The version of the meeting log's data layout, and the steps from older ones."""

from __future__ import annotations

from roundtable.store.journal import Migration

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, Migration] = {}
"""Schema steps applied on open: `MIGRATIONS[n]` turns version-n data into version n + 1.

Empty while version 1 is the only one; a future version 2 registers `MIGRATIONS[1]`.
"""
