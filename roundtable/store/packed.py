"""Tables of a read-only store kept small: each small document stays its JSON until it
is looked at.

A document read into Python takes four to five times the bytes of its JSON (a dict, its
lists, a string object per value). A command that reads years of action items or item
timings to list or count them would hold every one of them; kept packed, they cost
their JSON, and each is parsed again, for a moment, whenever it is looked at. Only a
read-only storage packs: nothing changes its documents, so a fresh copy on every look
is as good as the one object (a writable storage needs that one object, to notice
changes; see `tracked`). Big documents (a meeting's head, with its agenda) are kept
parsed, their repeated parts shared (`reader.share_repeats`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

__all__ = ["PACKED_UP_TO", "PackedTable", "pack"]

PACKED_UP_TO = 1024
"""Documents whose JSON is at most this long are kept packed."""

_MISSING = object()


def _unpacked(value: Any) -> Any:
    return orjson.loads(value) if type(value) is bytes else value


class PackedTable(dict[str, Any]):
    """A table whose documents may be held as their JSON (bytes): looking one up gives
    it parsed. Iterating `items()` or `values()` parses one document at a time."""

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        # Defined here, so that `dict(table)`, `{**table}` and `update(table)` copy
        # through `__getitem__` (CPython copies a dict subclass's raw values otherwise).
        return dict.__iter__(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, dict):
            return NotImplemented
        return dict(self) == (dict(other) if isinstance(other, PackedTable) else other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None

    def __getitem__(self, key: str) -> Any:
        return _unpacked(dict.__getitem__(self, key))

    def get(self, key: str, default: Any = None) -> Any:
        value = dict.get(self, key, _MISSING)
        return default if value is _MISSING else _unpacked(value)

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        return (_unpacked(value) for value in dict.values(self))

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        return ((key, _unpacked(value)) for key, value in dict.items(self))


def pack(docs: dict[str, Any]) -> dict[str, Any]:
    """`docs` with the small ones as their JSON."""
    for key, doc in docs.items():
        try:
            packed = orjson.dumps(doc)
        except orjson.JSONEncodeError:
            continue  # what only the standard parser reads: kept parsed
        if len(packed) <= PACKED_UP_TO:
            # A copy: orjson's own bytes keep the whole buffer it wrote them into.
            docs[key] = bytes(memoryview(packed))
    return docs
