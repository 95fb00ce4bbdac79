"""Compaction: when it pays, and how the journal is rewritten as sealed chunks.

It pays once the lines appended since the last compaction cost more than they are
worth: their bytes exceed an eighth of what the compacted part holds (so the file
stays within about 1.125 times its compacted size, and opening it parses at most that
eighth eagerly), there are more of them than a command should parse to open the store
(`MAX_APPENDED_LINES`), or they are mostly superseded (more lines than twice the
documents).
A store grown through meetings thus stays near its compacted size and opens nearly as
fast as right after a compaction.

A rewrite copies the chunk lines of tables nobody read since the last one byte for
byte (their CRC still holds) and writes fresh ones for the rest, so it needs in memory
only the tables that changed. The new file is complete and fsynced before it is
renamed over the old one, keeps its mode and group, and is never a symlink's
replacement: it is written at the store's real path.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from roundtable.store.chunks import Chunk, chunks_of_table, compacted_lines, header_line
from roundtable.store.files import replace_file, write_error, write_new_file

__all__ = [
    "DEFAULT_COMPACT_SLACK",
    "MAX_APPENDED_LINES",
    "Rewritten",
    "keep_backup",
    "pays",
    "rewrite",
]

DEFAULT_COMPACT_SLACK = 1000
"""Compaction starts at the latest once the journal has more than 2 × documents + this
many lines (mostly superseded ones)."""

_MIN_APPENDED_BYTES = 256 * 1024
"""Below this, appends are cheap to read whatever the size of the store."""
_APPENDED_SHARE = 8
"""Compact once appends exceed 1/this of the compacted part."""
MAX_APPENDED_LINES = 600
"""Compact once this many lines were appended: every command parses each appended line
(a chunk only when its table is used), so their count, not their bytes, is what a
listing on a big store pays for. A meeting appends a few dozen lines: this compacts
every twenty meetings or so, a second's rewrite on the store thread."""


def pays(
    *,
    sealed_bytes: int,
    appended_bytes: int,
    appended_lines: int,
    lines: int,
    documents: int,
    slack: int,
) -> bool:
    """Whether a compaction pays now (see the module docstring)."""
    if lines > 2 * documents + slack:
        return True
    if appended_lines > MAX_APPENDED_LINES and appended_bytes > _MIN_APPENDED_BYTES // 8:
        return True
    return appended_bytes > max(_MIN_APPENDED_BYTES, sealed_bytes // _APPENDED_SHARE)


class Rewritten(NamedTuple):
    lines: int
    """Chunk lines written."""
    waiting: dict[str, list[Chunk]]
    """The tables that were still waiting, now in the new file's chunk lines."""


def rewrite(
    real: Path,
    shown: Path,
    schema: int,
    tables: Mapping[str, Mapping[str, Any]],
    waiting: Mapping[str, list[Chunk]],
    fetch: Callable[[Chunk], bytes | memoryview] | None = None,
) -> tuple[int, Rewritten]:
    """Atomically replace the file at `real` by a compacted one holding `tables` and
    the chunks still `waiting` (read with `fetch`); returns it open, and what it holds.
    `shown` names the store in messages. The new file is written a line at a time,
    never whole in memory."""
    count = sum(chunks_of_table(len(table)) for table in tables.values())
    count += sum(len(chunks) for chunks in waiting.values())
    header = header_line(schema, count)
    new_waiting: dict[str, list[Chunk]] = {}

    def pieces() -> Iterator[bytes | memoryview]:
        yield header
        offset = len(header)
        for name, table in tables.items():
            for line in compacted_lines({name: table}):
                offset += len(line)
                yield line
        number = count - sum(len(chunks) for chunks in waiting.values()) + 1
        for chunks in waiting.values():
            for chunk in chunks:
                assert fetch is not None
                # The same bytes, a new place: no copy of a table nobody changed.
                kept = fetch(chunk)
                number += 1
                new_waiting.setdefault(chunk.table, []).append(
                    Chunk(chunk.table, chunk.documents, offset, chunk.length, number)
                )
                offset += len(kept) + 1
                yield kept
                yield b"\n"

    try:
        like: os.stat_result | None = os.stat(real)
    except OSError:
        like = None
    try:
        fd = replace_file(real, pieces(), like=like)
    except OSError as error:
        raise write_error(shown, error) from error
    return fd, Rewritten(count, new_waiting)


def keep_backup(real: Path, backup: Path, data: bytes) -> Path:
    """Keep `data` (the bytes of the store at `real`) as a new file `backup`, or beside
    it with a number if that name is taken; as private as the store. Returns its path."""
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode) & 0o666
    except OSError:
        mode = None
    candidate = backup
    for number in range(2, 1000):
        if write_new_file(candidate, data, mode=mode):
            return candidate
        candidate = backup.with_name(f"{backup.name}-{number}")
    raise FileExistsError(backup)
