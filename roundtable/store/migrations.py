"""Schema versions: an older store is upgraded step by step, a newer one refused."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from roundtable.errors import StoreError
from roundtable.i18n import _

__all__ = ["Data", "Migration", "backup_name", "newer_store", "run_migrations"]

Data = dict[str, dict[str, dict[str, Any]]]
"""All tables: table name → document id (a string of digits) → document."""

Migration = Callable[[Data], Data]
"""One schema step: takes the data of version N, returns it as version N + 1."""


def newer_store(path: Path, found: int, ours: int) -> StoreError:
    return StoreError(
        _(
            "{file} was written by a newer roundtable (store version {found}; "
            "this roundtable reads up to version {ours}). Update roundtable; "
            "the file was not changed."
        ).format(file=path, found=found, ours=ours)
    )


def run_migrations(
    tables: Data, found: int, ours: int, migrations: Mapping[int, Migration], path: Path
) -> Data:
    """`tables` of version `found` brought to version `ours`."""
    version = found
    while version < ours:
        step = migrations.get(version)
        if step is None:
            raise StoreError(
                _(
                    "{file} is store version {found}, and this roundtable cannot "
                    "upgrade it to version {ours}. The file was not changed."
                ).format(file=path, found=found, ours=ours)
            )
        tables = step(tables)
        version += 1
    return tables


def backup_name(path: Path, schema: int) -> Path:
    """Where the bytes of a store of version `schema` are kept when it is upgraded."""
    return path.with_name(f"{path.name}.v{schema}.bak")
