"""A compacted store: its header says how many chunk lines follow, each sealed by a CRC.

Compaction writes the header `{"roundtable":"store","schema":N,"chunks":C}` and then
exactly C chunk lines, `{"chunk":[table,documents,crc32],"put":{table:{…}}}`, the
CRC-32 taken over the bytes after the `chunk` value; appends follow them. So a cut or
damaged compacted part is always found: fewer chunk lines than the header says (a cut
at a line end), a chunk line without its newline or failing its CRC (a cut inside a
line, a flipped bit, a hand edit). Appends never write chunk lines, so the rule for a
killed writer's torn last line never applies to one.

A header without `chunks` is a journal that was never compacted, or one compacted by
an earlier version (its chunk lines are still checked one by one).
"""

from __future__ import annotations

import json
import os
import zlib
from _thread import LockType, allocate_lock, start_new_thread  # `threading` costs ~0.6 ms to import
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import orjson

from roundtable.i18n import _
from roundtable.store.changes import dumps
from roundtable.store.files import BlockReader

__all__ = [
    "COMPACT_CHUNK",
    "Chunk",
    "Header",
    "ScannedLine",
    "chunk_line",
    "chunk_of",
    "chunks_of_table",
    "compacted_lines",
    "content_problem",
    "header_line",
    "header_problem",
    "holds_number",
    "is_chunk_line",
    "parse_header",
    "scanned_lines",
]

COMPACT_CHUNK = 1000
"""Documents per line in a compacted file: big enough to parse fast, small enough to
keep every line a modest allocation."""

HEADER_KIND = "store"
_CHUNK_START = b'{"chunk":['
_CHUNK_PUT = b',"put":'
_CHUNK_HEAD = 512
"""Bytes of a line searched for the end of its `chunk` value (a table name is short)."""


class Header(NamedTuple):
    """What a store file's first line says about the lines that follow (a named tuple,
    like `Chunk`: every command that opens the store defines both, and a frozen
    dataclass takes several times as long to define)."""

    schema: int
    chunks: int | None
    """Chunk lines that follow (a compacted file), or None (a journal)."""


class Chunk(NamedTuple):
    """A compacted line not parsed yet, part of one table's documents: where it is in
    the file (its bytes stay there until the table is read, checked again then)."""

    table: str
    documents: int
    offset: int
    length: int
    """Its bytes, without the newline."""
    number: int
    """Its line number in the file, for messages."""


def header_line(schema: int, chunks: int | None = None) -> bytes:
    header: dict[str, Any] = {"roundtable": HEADER_KIND, "schema": schema}
    if chunks is not None:
        header["chunks"] = chunks
    return dumps(header) + b"\n"


def parse_header(raw: bytes | memoryview | ScannedLine) -> Header | None:
    """Line 1 as a header, or None if it is not one (a chunk line is none)."""
    if isinstance(raw, ScannedLine):
        return None
    try:
        header = json.loads(bytes(raw))
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("roundtable") != HEADER_KIND:
        return None
    schema, chunks = header.get("schema"), header.get("chunks")
    if type(schema) is not int or not (chunks is None or (type(chunks) is int and chunks >= 0)):
        return None
    return Header(schema, chunks)


def header_problem(schema: int) -> str:
    return _("this is not a roundtable store (line 1 should be {header})").format(
        header=header_line(schema).decode().strip()
    )


def chunk_line(name: str, docs: Mapping[str, Any]) -> bytes:
    """One compacted line holding `docs` of table `name`."""
    rest = _CHUNK_PUT + dumps({name: docs}) + b"}"
    return _CHUNK_START[:-1] + dumps([name, len(docs), zlib.crc32(rest)]) + rest + b"\n"


def chunks_of_table(documents: int) -> int:
    """How many chunk lines `compacted_lines` writes for a table of `documents`."""
    return max(1, -(-documents // COMPACT_CHUNK))


def compacted_lines(tables: Mapping[str, Mapping[str, Any]]) -> Iterator[bytes]:
    """The chunk lines of a compacted file holding `tables` (an empty table too)."""
    for name, table in tables.items():
        items = list(table.items())
        for start in range(0, max(len(items), 1), COMPACT_CHUNK):
            yield chunk_line(name, dict(items[start : start + COMPACT_CHUNK]))


def content_problem(change: Mapping[str, Any], chunk: Chunk | None) -> str | None:
    """What is wrong with what a chunk line holds (its shape as a change already
    checked), or None: the documents of one table only, its own (`chunk`, when its
    `chunk` value could be read), as many as it says."""
    puts = change.get("put")
    if (
        change.keys() != {"chunk", "put"}
        or not isinstance(puts, Mapping)
        or len(puts) != 1
        or (chunk is not None and chunk.table not in puts)
    ):
        return _("a chunk line must hold documents of its own table only")
    if chunk is not None and len(next(iter(puts.values()))) != chunk.documents:
        return _("the chunk line does not hold as many documents as it says")
    return None


def is_chunk_line(raw: memoryview | bytes) -> bool:
    return raw[: len(_CHUNK_START)] == _CHUNK_START


def chunk_of(raw: memoryview | bytes, number: int, offset: int = 0) -> Chunk | str | None:
    """`raw` (line `number`, at `offset` in the file) as a chunk that may wait
    unparsed; None if it is no chunk line; what is wrong with it if it is one that
    fails its seal."""
    if not is_chunk_line(raw):
        return None
    end = _head_end(raw)
    rest = memoryview(raw)[end + 1 :]
    return _sealed(raw, end, rest[: len(_CHUNK_PUT)], zlib.crc32(rest), len(raw), number, offset)


def _head_end(raw: memoryview | bytes) -> int:
    """Where the `chunk` value of chunk line `raw` ends (its `]`), or -1."""
    return bytes(raw[:_CHUNK_HEAD]).find(b"]")


def _sealed(
    raw: memoryview | bytes, end: int, put: memoryview | bytes, crc: int, *where: int
) -> Chunk | str:
    """The chunk line starting with `raw`, its head ending at `end`, followed by `put`
    and with checksum `crc` over what follows the head, as a `Chunk` (`where`: its
    length, line number and offset), or what is wrong with it."""
    try:
        head = orjson.loads(raw[len(_CHUNK_START) - 1 : end + 1]) if end >= 0 else None
    except orjson.JSONDecodeError:
        head = None
    if not (
        isinstance(head, list)
        and len(head) == 3
        and isinstance(head[0], str)
        and all(type(value) is int for value in head[1:])
    ):
        return _("a chunk line must start with its table, document count and checksum")
    if put != _CHUNK_PUT or crc != head[2]:
        return _(
            "the checksum of this chunk line does not match its content (damaged, or "
            "edited by hand: then check it with `roundtable store verify` and seal it "
            "again with `roundtable store reseal`)"
        )
    length, number, offset = where
    return Chunk(head[0], head[1], offset, length, number)


class ScannedLine:
    """A chunk line as `scanned_lines` read it: its first bytes, its length and the
    checksum of what follows its head; its bytes were not kept."""

    __slots__ = ("crc", "head", "length")

    def __init__(self, head: bytes, length: int, crc: int) -> None:
        self.head = head
        self.length = length
        self.crc = crc

    def __len__(self) -> int:
        return self.length

    def chunk(self, number: int, offset: int) -> Chunk | str:
        """As `chunk_of` has it (this being line `number`, at `offset`)."""
        end = _head_end(self.head)
        put = self.head[end + 1 : end + 1 + len(_CHUNK_PUT)]
        return _sealed(self.head, end, put, self.crc, self.length, number, offset)


_SCAN_HEAD = _CHUNK_HEAD + len(_CHUNK_PUT)
"""Bytes of a line that hold its head and what must follow it."""


_SPLIT_FROM = 4 << 20
"""From this size on a file is scanned in two halves at once: reading and CRC-32 let
go of the GIL, so a big store's chunk lines are checked on two cores."""


def scanned_lines(
    fd: int, start: int, block: int = 1 << 20, split_from: int = _SPLIT_FROM
) -> Iterator[tuple[int, bytes | ScannedLine, bool]]:
    """The lines of the open file from byte `start`, as `files.lines_from` gives them,
    but a chunk line as a `ScannedLine`: checked as it streams by, never copied (a
    compacted store is megabytes of them, each read again from the file when used).
    `block`: the bytes read at a time (at least `_SCAN_HEAD`); `split_from`: the size
    from which a second thread scans the second half."""
    block = max(block, _SCAN_HEAD)
    size = os.fstat(fd).st_size - start
    middle = _line_start(fd, start + size // 2) if size >= split_from else None
    behind = None if middle is None else _scan_behind(fd, middle, block)
    if middle is None or behind is None:
        yield from _scanned(fd, start, None, block)
        return
    later, failed, done = behind
    complete = False
    for line in _scanned(fd, start, middle, block):
        yield line
        offset, raw, complete = line
        complete = complete and offset + len(raw) + 1 == middle
    with done:
        if failed:
            raise failed[0]
    if complete:  # else the file was cut meanwhile: it ends with the first half
        yield from later


_Lines = list[tuple[int, bytes | ScannedLine, bool]]


def _scan_behind(
    fd: int, start: int, block: int
) -> tuple[_Lines, list[BaseException], LockType] | None:
    """The lines from byte `start` on, scanned by a new thread into the first list
    (what it raised into the second), the lock released once it is done; None if no
    thread can be had (too many files or threads open): then one scans it all."""
    later: _Lines = []
    failed: list[BaseException] = []
    done = allocate_lock()
    done.acquire()
    try:
        # Its own descriptor: the caller may close `fd` before the second half is
        # done (damage in the first half).
        own = os.dup(fd)
    except OSError:
        return None

    def scan_later() -> None:
        try:
            later.extend(_scanned(own, start, None, block))
        except BaseException as error:  # raised where the lines are wanted
            failed.append(error)
        finally:
            os.close(own)
            done.release()

    try:
        start_new_thread(scan_later, ())
    except RuntimeError:
        os.close(own)
        return None
    return later, failed, done


def _line_start(fd: int, position: int) -> int | None:
    """Where the first line starting after byte `position` starts, if it does within
    a few megabytes (else the file is not worth splitting there)."""
    # Small reads, not a block buffer: a line ends within the first of them mostly.
    for _piece in range(64):
        piece = os.pread(fd, 1 << 16, position)
        if not piece:
            return None
        newline = piece.find(b"\n")
        if newline >= 0:
            return position + newline + 1
        position += len(piece)
    return None


def _scanned(
    fd: int, start: int, stop: int | None, block: int
) -> Iterator[tuple[int, bytes | ScannedLine, bool]]:
    """`scanned_lines` from `start` up to the line starting at `stop` (or the end)."""
    reader = BlockReader(fd, start, block)
    buffer, view = reader.buffer, reader.view
    while (stop is None or reader.base + reader.at < stop) and reader.ensure(_SCAN_HEAD):
        offset = reader.base + reader.at
        # Bounded by what was read: the buffer beyond holds an earlier block's bytes.
        if buffer.startswith(_CHUNK_START, reader.at, reader.end):
            window = min(reader.end, reader.at + _SCAN_HEAD)
            newline = buffer.find(b"\n", reader.at, window)
            head = bytes(view[reader.at : newline if newline >= 0 else window])
            position = reader.at + _head_end(head) + 1
            crc = 0
            while (newline := buffer.find(b"\n", position, reader.end)) < 0:
                crc = zlib.crc32(view[position : reader.end], crc)
                reader.at = reader.end
                if not reader.ensure(1):
                    yield offset, ScannedLine(head, reader.base + reader.end - offset, crc), False
                    return
                position = reader.at
            crc = zlib.crc32(view[position:newline], crc)
            reader.at = newline + 1
            yield offset, ScannedLine(head, reader.base + newline - offset, crc), True
            continue
        pieces = []
        while (newline := buffer.find(b"\n", reader.at, reader.end)) < 0:
            pieces.append(bytes(view[reader.at : reader.end]))
            reader.at = reader.end
            if not reader.ensure(1):
                yield offset, b"".join(pieces), False
                return
        pieces.append(bytes(view[reader.at : newline]))
        reader.at = newline + 1
        yield offset, pieces[0] if len(pieces) == 1 else b"".join(pieces), True


_DIGITS = frozenset(b"0123456789")


def holds_number(raw: bytes | memoryview, number: int) -> bool:
    """Whether the JSON text `raw` may hold the whole number `number` as a value: its
    digits, not part of a longer number. A JSON integer has exactly one spelling (no
    escapes, no leading zeros), so a text without them holds no document with it."""
    text = bytes(raw)
    digits = str(number).encode()
    start = 0
    while (at := text.find(digits, start)) >= 0:
        end = at + len(digits)
        if (at == 0 or text[at - 1] not in _DIGITS) and (
            end == len(text) or text[end] not in _DIGITS
        ):
            return True
        start = at + 1
    return False
