"""Reading the journal's lines into tables: the torn-tail rule, lazy chunks, file order.

- **Torn writes.** A process killed mid-append leaves an incomplete last line (no
  newline; after a power cut, zeros where data did not reach the disk). Readers ignore it; the
  next writer, under the lock, cuts it away before appending. That rule covers appends
  only: a chunk line is never an append, so a chunk line cut short, failing its CRC or
  missing (the header says how many there are) is damage, like invalid JSON or a wrong
  shape anywhere else: `Damaged` naming file and line.
- **Reading only what is used.** The file is read a line at a time. A chunk line whose
  CRC matches is neither parsed nor kept when the file is read, only where it is: its
  table is read from the file the first time anything looks the table up (the line
  checked against its seal again), and a listing streams it chunk by chunk
  (`chunk_documents`), so a command on years of history holds only what it uses. A
  change appended to a table not yet read from its chunks waits with them (`Appended`)
  and applies after them when the table is read: every chunk line comes before every
  appended line, so changes still apply in file order, and opening a store reads no
  table that a command does not use. Equal values are shared as a table is read
  (`share_repeats`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import orjson

from roundtable.errors import StoreError
from roundtable.i18n import _, ngettext
from roundtable.store.changes import apply_change, damaged, loads, shape_problem
from roundtable.store.chunks import (
    Chunk,
    ScannedLine,
    chunk_of,
    content_problem,
    holds_number,
    is_chunk_line,
)
from roundtable.store.files import read_exactly
from roundtable.store.packed import PACKED_UP_TO, PackedTable, pack
from roundtable.store.waiting import Appended, Waiting, waiting_chunks

__all__ = [
    "Fetch",
    "Line",
    "Parsed",
    "chunk_documents",
    "lines_in",
    "parse_lines",
    "read_chunks",
    "sealed_fetch",
    "share_repeats",
    "take",
    "with_last",
]

Change = dict[str, Any] | Chunk


Line = tuple[int, bytes | memoryview | ScannedLine, bool]
"""One line of the file: its offset, its bytes without the newline (a chunk line
perhaps only as `chunks.scanned_lines` checked it), whether it ended in one (only the
last may not: a torn write, or a cut file)."""

LineT = TypeVar("LineT")

Fetch = Callable[[Chunk], bytes | memoryview]
"""Reads a waiting chunk's line from the file it was found in."""


class Parsed(NamedTuple):
    """The changes read from a file's lines, and how far the valid lines go."""

    changes: list[Change]
    consumed: int
    """Bytes of complete, valid lines (a torn last line excluded)."""
    chunk_lines: int
    """How many of the lines, from the first, are chunk lines."""
    chunk_bytes: int
    """Their bytes."""
    lines: int
    """Complete, valid lines read (a torn last line excluded)."""


def lines_in(data: bytes, start: int, offset: int = 0) -> Iterator[Line]:
    """The lines of `data[start:]` as `Line`s, `data` being at `offset` in the file."""
    view = memoryview(data)
    while (newline := data.find(b"\n", start)) >= 0:
        yield offset + start, view[start:newline], True
        start = newline + 1
    if start < len(data):
        yield offset + start, view[start:], False


def with_last(lines: Iterable[LineT]) -> Iterator[tuple[LineT, bool]]:
    """Each line with whether it is the last."""
    iterator = iter(lines)
    previous = next(iterator, None)
    while previous is not None:
        following = next(iterator, None)
        yield previous, following is None
        previous = following


def parse_lines(
    lines: Iterable[Line],
    first_line: int,
    *,
    path: Path,
    sealed: int | None,
    chunks_allowed: bool,
    take_line: Callable[[Change], object] | None = None,
) -> Parsed:
    """Parse `lines`, numbered from `first_line`, one at a time (a chunk line is only
    checked against its seal and kept as where it is, not as its bytes).

    `sealed`: how many chunk lines the header promises from `first_line` on (a
    compacted file read from its start), or None: then chunk lines are allowed only
    as a run from `first_line` (a file compacted by an earlier version) when
    `chunks_allowed`, and never in appends. `take_line`: given each line parsed, in
    order, instead of keeping them all in `Parsed.changes`.
    """
    changes: list[Change] = []
    keep = changes.append if take_line is None else take_line
    consumed = count = chunk_lines = chunk_bytes = 0
    in_run = chunks_allowed
    for (offset, raw, complete), last in with_last(lines):
        number = first_line + count
        if not complete:
            if isinstance(raw, ScannedLine) or is_chunk_line(raw):
                # Appends never write chunk lines: an unfinished one is a cut file.
                raise damaged(path, number, _("a chunk line cut short"))
            break
        count += 1
        must_be_chunk = sealed is not None and count <= sealed
        if isinstance(raw, ScannedLine):
            chunk: Chunk | str | None = raw.chunk(number, offset)
        else:
            chunk = chunk_of(raw, number, offset)
        if isinstance(chunk, str):
            raise damaged(path, number, chunk)
        if chunk is not None:
            if not (must_be_chunk or (sealed is None and in_run)):
                raise damaged(path, number, _("a chunk line after the compacted part of the file"))
            if chunk_lines == count - 1:
                chunk_lines += 1
                chunk_bytes += len(raw) + 1
            keep(chunk)
            consumed += len(raw) + 1
            continue
        if must_be_chunk:
            raise damaged(path, number, _cut_message(sealed or 0, first_line))
        assert not isinstance(raw, ScannedLine)  # only a chunk line is scanned
        in_run = False
        try:
            change = loads(raw)
        except ValueError as error:
            if last and b"\0" in bytes(raw):
                count -= 1
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
        keep(change)
        consumed += len(raw) + 1
    if sealed is not None and chunk_lines < sealed:
        raise damaged(path, first_line + chunk_lines, _cut_message(sealed, first_line))
    return Parsed(changes, consumed, chunk_lines, chunk_bytes, count)


def _cut_message(sealed: int, first_line: int) -> str:
    return ngettext(
        "the file was cut: its compaction wrote {count} chunk line, up to line {last}",
        "the file was cut: its compaction wrote {count} chunk lines, up to line {last}",
        sealed,
    ).format(count=sealed, last=first_line + sealed - 1)


def sealed_fetch(fd: int, path: Path) -> Fetch:
    """Reads waiting chunks from the open file `fd`, each checked against its seal
    again: the file could have been changed in place since it was opened."""

    def fetch(chunk: Chunk) -> memoryview:
        try:
            raw = read_exactly(fd, chunk.offset, chunk.length + 1)
        except OSError as error:
            raise StoreError(
                _("Cannot read the store {file}: {reason}").format(
                    file=path, reason=error.strerror or error
                )
            ) from error
        line = memoryview(raw)[:-1]
        again = chunk_of(line, chunk.number, chunk.offset)
        if again != chunk or raw[-1:] != b"\n":
            problem = again if isinstance(again, str) else _("a chunk line cut short")
            raise damaged(path, chunk.number, problem)
        return line

    return fetch


def read_chunks(
    tables: dict[str, dict[str, Any]],
    waiting: Waiting,
    name: str,
    *,
    path: Path,
    fetch: Fetch,
    packed: bool = False,
) -> None:
    """Parse the chunks of table `name` into `tables`, then apply what was appended to
    it; it waits no more. `packed`: a read-only storage's table (see `packed`)."""
    pieces = waiting.pop(name)
    table = tables.setdefault(name, PackedTable() if packed else {})
    shared: dict[object, Any] = {}
    for piece in pieces:
        if isinstance(piece, Appended):
            for doc_id in piece.removes:
                table.pop(doc_id, None)
            table.update(pack(piece.puts) if packed else piece.puts)
            continue
        docs = _documents(piece, name, path=path, raw=fetch(piece))
        # Big documents (meetings' heads) are kept parsed: no use encoding each to learn it.
        small = piece.length <= PACKED_UP_TO * max(piece.documents, 1)
        table.update(share_repeats(pack(docs) if packed and small else docs, shared))


def chunk_documents(
    pieces: list[Chunk | Appended],
    name: str,
    *,
    path: Path,
    fetch: Fetch,
    kept: bool = True,
    number: int | None = None,
) -> Iterator[tuple[str, Any]]:
    """The documents of table `name` in its chunks, one chunk in memory at a time, as
    what was appended to it (documents put, none removed) leaves them. `kept`: the
    reader keeps what it reads (then equal values are shared); a pass that only looks,
    to index or count, skips that work. `number`: the caller wants only documents
    holding this whole number, so a chunk whose text does not hold it is checked
    against its seal but not parsed (`holds_number`)."""
    later: dict[str, Any] = {}
    for piece in pieces:
        if isinstance(piece, Appended):
            if piece.removes:
                raise ValueError("streamed only while nothing was removed from it")
            later.update(piece.puts)
    shared: dict[object, Any] = {}
    for chunk in waiting_chunks(pieces):
        raw = fetch(chunk)
        if number is not None and not holds_number(raw, number):
            continue
        docs = _documents(chunk, name, path=path, raw=raw)
        if kept:
            share_repeats(docs, shared)
        if not later:
            yield from docs.items()
            continue
        for doc_id, doc in docs.items():
            # Put again later: in its place, as a table read whole has it.
            yield doc_id, later.pop(doc_id, doc)
    yield from later.items()


def _documents(chunk: Chunk, name: str, *, path: Path, raw: bytes | memoryview) -> dict[str, Any]:
    """The documents in one chunk of table `name` (its line `raw`), checked."""
    try:
        change = loads(raw)
    except ValueError as error:
        raise damaged(
            path, chunk.number, _("not valid JSON ({error})").format(error=error)
        ) from error
    problem = shape_problem(change) or content_problem(change, chunk)
    if problem is not None:
        raise damaged(path, chunk.number, problem)
    docs: dict[str, Any] = change["put"][name]
    return docs


_SHORT = 32
"""Strings up to this long are worth sharing (states, roles, names, days); longer
ones (times, texts) rarely repeat."""


def share_repeats(docs: dict[str, Any], shared: dict[object, Any]) -> dict[str, Any]:
    """`docs` with equal values in them made one object each.

    A meeting's agenda and attendees are the same in meeting after meeting, and an
    item's state, an owner or a day repeat in thousands of documents; read as they are
    written, years of them would fill memory with copies. Sharing is safe because
    documents are only ever changed through their top-level keys (see
    `roundtable.store.journal`), never inside a nested value. `shared` holds the values
    seen so far: strings as themselves, lists and objects by their JSON.
    """
    for doc in docs.values():
        if type(doc) is dict:
            for key, value in doc.items():
                doc[key] = _shared(value, shared)
    return docs


def _shared(value: Any, shared: dict[object, Any]) -> Any:
    kind = type(value)
    if kind is str:
        return shared.setdefault(value, value) if len(value) <= _SHORT else value
    if not value or (kind is not list and kind is not dict):
        return value
    try:
        seen = orjson.dumps(value)
    except orjson.JSONEncodeError:
        return value  # what only the standard parser reads: kept as it is
    found = shared.get(seen)
    if found is None:
        if kind is list:
            value[:] = [_shared(element, shared) for element in value]
        else:
            for key, element in value.items():
                value[key] = _shared(element, shared)
        # A copy of the key: orjson's own bytes keep the whole buffer it wrote them into.
        found = shared[bytes(memoryview(seen))] = value
    return found


def take(
    tables: dict[str, dict[str, Any]],
    waiting: Waiting,
    change: Change,
    *,
    path: Path,
    fetch: Fetch,
    packed: bool = False,
) -> Iterable[str]:
    """Apply one line to `tables` in file order: a chunk of a table not in memory yet
    waits, and so does a change to a table waiting in its chunks (`Appended`).
    Returns the tables that got documents from it."""
    if isinstance(change, Chunk):
        waiting.setdefault(change.table, []).append(change)
        if change.table not in tables:
            return ()
        read_chunks(tables, waiting, change.table, path=path, fetch=fetch, packed=packed)
        return (change.table,)
    for name in change.get("drop", ()):
        waiting.pop(name, None)
    removes, puts = change.get("rm", {}), change.get("put", {})
    held = [name for name in (*removes, *puts) if name in waiting]
    if held:
        for name in dict.fromkeys(held):
            waiting[name].append(Appended(tuple(removes.get(name, ())), puts.get(name, {})))
        change = {
            key: {name: v for name, v in value.items() if name not in waiting}
            if key in ("rm", "put")
            else value
            for key, value in change.items()
        }
    if packed:
        for name in change.get("drop", ()):
            tables.pop(name, None)
        for name, docs in change.get("put", {}).items():
            pack(docs)
            if type(tables.get(name)) is not PackedTable:
                tables[name] = PackedTable(tables.get(name) or {})
        change = {key: value for key, value in change.items() if key != "drop"}
    apply_change(tables, change)
    return change.get("put", {}).keys()  # type: ignore[no-any-return]
