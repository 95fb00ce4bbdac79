"""Reading the journal's lines into tables: the torn-tail rule, lazy chunks, file order.

- **Torn writes.** A process killed mid-append leaves an incomplete last line (no
  newline; after a power cut, zeros where data did not reach the disk). Readers ignore it; the
  next writer, under the lock, cuts it away before appending. That rule covers appends
  only: a chunk line is never an append, so a chunk line cut short, failing its CRC or
  missing (the header says how many there are) is damage, like invalid JSON or a wrong
  shape anywhere else: `Damaged` naming file and line.
- **Reading only what is used.** A chunk line whose CRC matches is not parsed when the
  file is read: its table is read from it the first time anything looks the table up,
  so opening a store with years of history parses only what the command at hand uses.
  A change to a table not yet read from its chunks reads them first, so changes always
  apply in file order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roundtable.i18n import _, ngettext
from roundtable.store.changes import apply_change, damaged, lines_of, loads, shape_problem
from roundtable.store.chunks import Chunk, chunk_of, is_chunk_line

__all__ = ["Parsed", "parse_lines", "read_chunks", "take"]

Change = dict[str, Any] | Chunk


@dataclass
class Parsed:
    changes: list[Change]
    consumed: int
    """Bytes of complete, valid lines (a torn last line excluded)."""
    chunk_lines: int
    """How many of the lines, from the first, are chunk lines."""
    chunk_bytes: int
    """Their bytes."""


def parse_lines(
    data: bytes,
    start: int,
    first_line: int,
    *,
    path: Path,
    sealed: int | None,
    chunks_allowed: bool,
) -> Parsed:
    """Parse the lines in `data[start:]`, numbered from `first_line`.

    `sealed`: how many chunk lines the header promises from `first_line` on (a
    compacted file read from its start), or None: then chunk lines are allowed only
    as a run from `first_line` (a file compacted by an earlier version) when
    `chunks_allowed`, and never in appends.
    """
    end = data.rfind(b"\n") + 1
    raw_lines = lines_of(data, start, end - 1) if end > start else []
    changes: list[Change] = []
    consumed = 0
    in_run = chunks_allowed
    for index, raw in enumerate(raw_lines):
        number = first_line + index
        chunk = chunk_of(raw, number)
        must_be_chunk = sealed is not None and index < sealed
        if isinstance(chunk, str):
            raise damaged(path, number, chunk)
        if chunk is not None:
            if not (must_be_chunk or (sealed is None and in_run)):
                raise damaged(path, number, _("a chunk line after the compacted part of the file"))
            changes.append(chunk)
            consumed += len(raw) + 1
            continue
        if must_be_chunk:
            raise damaged(path, number, _cut_message(sealed or 0, first_line))
        in_run = False
        try:
            change = loads(raw)
        except ValueError as error:
            if index == len(raw_lines) - 1 and end == len(data) and b"\0" in bytes(raw):
                # The last line, complete but holding zeros: an append torn by a power
                # cut (the file's size reached the disk, some of its data did not).
                # Other garbage in a complete line is no torn write: a write that is
                # cut off never ends in its newline.
                break
            raise damaged(
                path, number, _("not valid JSON ({error})").format(error=error)
            ) from error
        problem = shape_problem(change)
        if problem is not None:
            raise damaged(path, number, problem)
        changes.append(change)
        consumed += len(raw) + 1
    chunk_lines = chunk_bytes = 0
    for change in changes:
        if not isinstance(change, Chunk):
            break
        chunk_lines += 1
        chunk_bytes += len(change.line) + 1
    if sealed is not None and chunk_lines < sealed:
        raise damaged(path, first_line + chunk_lines, _cut_message(sealed, first_line))
    torn = data[max(end, start) :]
    if torn and is_chunk_line(torn):
        # Appends never write chunk lines: an unfinished one is a cut file.
        raise damaged(path, first_line + len(raw_lines), _("a chunk line cut short"))
    return Parsed(changes, consumed, chunk_lines, chunk_bytes)


def _cut_message(sealed: int, first_line: int) -> str:
    return ngettext(
        "the file was cut: its compaction wrote {count} chunk line, up to line {last}",
        "the file was cut: its compaction wrote {count} chunk lines, up to line {last}",
        sealed,
    ).format(count=sealed, last=first_line + sealed - 1)


def read_chunks(
    tables: dict[str, dict[str, Any]],
    waiting: dict[str, list[Chunk]],
    name: str,
    *,
    path: Path,
) -> None:
    """Parse the chunks of table `name` into `tables`; it waits no more."""
    chunks = waiting.pop(name)
    table = tables.setdefault(name, {})
    for chunk in chunks:
        try:
            change = loads(chunk.line)
        except ValueError as error:
            raise damaged(
                path, chunk.number, _("not valid JSON ({error})").format(error=error)
            ) from error
        problem = shape_problem(change)
        if problem is None and (
            change.keys() - {"chunk"} != {"put"} or change["put"].keys() != {name}
        ):
            problem = _("a chunk line must hold documents of its own table only")
        if problem is None and len(change["put"][name]) != chunk.documents:
            problem = _("the chunk line does not hold as many documents as it says")
        if problem is not None:
            raise damaged(path, chunk.number, problem)
        table.update(change["put"][name])


def take(
    tables: dict[str, dict[str, Any]],
    waiting: dict[str, list[Chunk]],
    change: Change,
    *,
    path: Path,
) -> Iterable[str]:
    """Apply one line to `tables` in file order: a chunk of a table not in memory yet
    waits; a change reads the waiting chunks of the tables it changes first.
    Returns the tables that got documents from it."""
    if isinstance(change, Chunk):
        waiting.setdefault(change.table, []).append(change)
        if change.table not in tables:
            return ()
        read_chunks(tables, waiting, change.table, path=path)
        return (change.table,)
    for name in change.get("drop", ()):
        waiting.pop(name, None)
    for name in (*change.get("rm", ()), *change.get("put", ())):
        if name in waiting:
            read_chunks(tables, waiting, name, path=path)
    apply_change(tables, change)
    return change.get("put", {}).keys()  # type: ignore[no-any-return]
