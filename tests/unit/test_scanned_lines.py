"""Opening a store checks its chunk lines as they stream through one reused buffer
(`chunks.scanned_lines`): it must see every line as a plain read line by line does,
wherever the blocks cut them, and judge every chunk line as `chunk_of` does."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from roundtable.store import chunks
from roundtable.store.chunks import ScannedLine, chunk_line, chunk_of, scanned_lines
from roundtable.store.files import lines_from


def _lines(data: bytes, folder: Path, block: int, split_from: int = 1 << 30) -> tuple[list, list]:
    path = folder / "lines.db"
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    try:
        return list(lines_from(fd, 0)), list(scanned_lines(fd, 0, block, split_from))
    finally:
        os.close(fd)


def _check(data: bytes, folder: Path, block: int) -> None:
    # Scanned by one thread, and in two halves by two.
    for split_from in (1 << 30, 1):
        _check_lines(data, folder, block, split_from)


def _check_lines(data: bytes, folder: Path, block: int, split_from: int) -> None:
    plain, scanned = _lines(data, folder, block, split_from)
    assert [(offset, complete) for offset, _raw, complete in scanned] == [
        (offset, complete) for offset, _raw, complete in plain
    ]
    for number, ((offset, raw, _complete), (_offset, seen, _c)) in enumerate(
        zip(plain, scanned, strict=True), 1
    ):
        if isinstance(seen, ScannedLine):
            assert len(seen) == len(raw)
            assert seen.chunk(number, offset) == chunk_of(raw, number, offset)
        else:
            assert seen == raw
            assert chunk_of(raw, number, offset) is None


def _chunk(name: str, size: int) -> bytes:
    return chunk_line(name, {str(i): {"text": "x" * (i % 50)} for i in range(size)})


def _damaged(line: bytes, at: int) -> bytes:
    body = bytearray(line[:-1])
    at %= len(body)
    body[at] ^= 0x20
    return bytes(body) + b"\n"


@pytest.mark.parametrize("block", [1, 519, 600, 4096, 1 << 20])
def test_lines_cut_by_any_block_read_as_a_plain_read_has_them(tmp_path: Path, block: int) -> None:
    header = b'{"roundtable":"store","schema":3,"chunks":3}\n'
    chunks = _chunk("meetings.0", 300) + _chunk("actions.0", 3) + _chunk("notes.0", 0)
    appended = b'{"put":{"notes.0":{"1":{"text":"a"}}}}\n' * 5
    data = header + chunks + appended
    _check(data, tmp_path, block)
    # Cut anywhere: the last line unfinished, a chunk line or an append.
    for cut in range(0, len(data), max(1, len(data) // 97)):
        _check(data[:cut], tmp_path, block)


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 40), min_size=1, max_size=4),
    flip=st.integers(0, 10**6),
    cut=st.integers(0, 10**6),
    block=st.sampled_from([519, 700, 2048]),
)
# A torn tail `{"c` where the buffer beyond it still held a chunk line's start.
@example(sizes=[40, 5, 34, 28], flip=350730, cut=2843, block=2048)
def test_a_damaged_or_cut_chunk_line_is_judged_as_chunk_of_judges_it(
    tmp_path_factory: pytest.TempPathFactory, sizes: list[int], flip: int, cut: int, block: int
) -> None:
    folder = tmp_path_factory.mktemp("scan")
    lines = [_chunk(f"events.{i}", size) for i, size in enumerate(sizes)]
    lines[flip % len(lines)] = _damaged(lines[flip % len(lines)], flip)
    data = b"".join(lines) + b"{not json}\n"
    _check(data, folder, block)
    _check(data[: cut % (len(data) + 1)], folder, block)


def test_the_checksum_is_taken_over_what_follows_the_head(tmp_path: Path) -> None:
    line = _chunk("budgets.0", 20)
    head_end = line.index(b"]") + 1
    _plain, scanned = _lines(line, tmp_path, 600)
    seen = scanned[0][1]
    assert isinstance(seen, ScannedLine)
    assert seen.crc == zlib.crc32(line[head_end:-1])


@pytest.mark.parametrize("block", [519, 600, 1024])
def test_a_torn_tail_is_judged_by_its_own_bytes_not_an_earlier_block_s(
    tmp_path: Path, block: int
) -> None:
    # Cut at every byte: somewhere the buffer still holds a chunk line's start where
    # the torn tail ends.
    data = b"".join(_chunk(f"events.{i}", size) for i, size in enumerate((3, 9, 1, 14, 2)))
    for cut in range(len(data) + 1):
        _check(data[:cut], tmp_path, block)


def test_a_big_file_is_scanned_in_two_halves_and_read_in_its_order(tmp_path: Path) -> None:
    chunks = b"".join(_chunk(f"events.{i}", 200) for i in range(40))
    data = b'{"roundtable":"store","schema":3,"chunks":40}\n' + chunks + b'{"put":{}}\n'
    plain, scanned = _lines(data, tmp_path, 4096, split_from=len(data) // 2)
    assert [offset for offset, _raw, _complete in scanned] == [o for o, _r, _c in plain]
    assert all(isinstance(raw, ScannedLine) for _offset, raw, _c in scanned[1:-1])


def test_the_caller_may_close_the_file_before_the_second_half_is_scanned(
    tmp_path: Path,
) -> None:
    data = b"".join(_chunk(f"events.{i}", 200) for i in range(40))
    path = tmp_path / "lines.db"
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    lines = scanned_lines(fd, 0, 4096, split_from=1)
    first = next(lines)
    assert isinstance(first[1], ScannedLine)
    lines.close()
    os.close(fd)


def test_without_a_second_thread_one_scans_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_thread(*_args: object) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(chunks, "start_new_thread", no_thread)
    data = b"".join(_chunk(f"events.{i}", 200) for i in range(40))
    plain, scanned = _lines(data, tmp_path, 4096, split_from=1)
    assert [offset for offset, _raw, _complete in scanned] == [o for o, _r, _c in plain]
