"""The tables a store has not read yet: their chunk lines, in file order, and then the
changes appended to them since, applied only when the table is read (see `reader`).

Every chunk line comes before every appended line, so a change to a table still in
its chunks can wait with them and still apply in file order; opening a store then
reads no table that a command does not use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from roundtable.store.chunks import Chunk
from roundtable.store.packed import PACKED_UP_TO

__all__ = [
    "Appended",
    "Waiting",
    "documents_waiting",
    "only_chunks",
    "streamable",
    "waiting_chunks",
]


class Appended(NamedTuple):
    """An appended change to one table still waiting in its chunks: its documents
    removed, then put (as `changes.apply_change` applies them).

    A named tuple, not a frozen dataclass: the app imports this module before its
    first frame, and a named tuple takes a fraction of the time to define."""

    removes: tuple[str, ...]
    puts: dict[str, Any]


Waiting = dict[str, list[Chunk | Appended]]
"""The tables not read yet: their chunks in file order, then what was appended to them."""


def waiting_chunks(pieces: list[Chunk | Appended]) -> list[Chunk]:
    """The chunks of a waiting table (what was appended to it left out)."""
    return [piece for piece in pieces if isinstance(piece, Chunk)]


def streamable(pieces: list[Chunk | Appended], kept: bool) -> bool:
    """Whether a waiting table may be streamed rather than read: none removed since (a
    stream keeps no track of removals); if the reader keeps what it reads, small
    documents only (big ones, meetings' heads, are kept in the table: they share
    repeated parts)."""
    chunks = waiting_chunks(pieces)
    big = sum(c.length for c in chunks) > PACKED_UP_TO * sum(c.documents for c in chunks)
    if kept and big:
        return False
    return not any(isinstance(piece, Appended) and piece.removes for piece in pieces)


def documents_waiting(waiting: Waiting) -> int:
    """About how many documents the waiting tables hold (for when compaction pays)."""
    return sum(
        piece.documents if isinstance(piece, Chunk) else len(piece.puts)
        for pieces in waiting.values()
        for piece in pieces
    )


def only_chunks(waiting: Waiting, read_table: Callable[[str], object]) -> dict[str, list[Chunk]]:
    """The waiting tables as compaction copies them, byte for byte: a table changed
    since it was sealed is read first (it is written anew)."""
    for name, pieces in list(waiting.items()):
        if any(isinstance(piece, Appended) for piece in pieces):
            read_table(name)
    return {name: waiting_chunks(pieces) for name, pieces in waiting.items()}
