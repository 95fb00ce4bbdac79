"""The store's files on disk: private by default, created exclusively, replaced atomically.

Budgets are confidential, so a new store, its lock and its backups are private to the
user (0600) whatever the umask, unless the folder is shared on purpose (setgid: the
group that owns the folder then shares the files, as far as the umask allows). A file
that replaces an existing one (compaction, reseal) keeps that file's mode and group.

Temporary files are made by `tempfile.mkstemp` in the store's own folder: a random
name, created exclusively (O_EXCL, so a planted file or symlink is never opened, let
alone followed), and renamed over the target only once complete and fsynced. Their
names (`.<store>.<random>.tmp`) let the next open find and remove what a killed
process left behind.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path

from roundtable.errors import StoreError
from roundtable.i18n import _

__all__ = [
    "BlockReader",
    "append_line",
    "fsync_folder",
    "leftover_temp_files",
    "lines_from",
    "make_folders",
    "new_file_mode",
    "read_exactly",
    "read_from",
    "replace_file",
    "umask",
    "write_error",
    "write_new_file",
]

_READ_CHUNK = 1 << 20
_TEMP_SUFFIX = ".tmp"


def umask() -> int:
    """The process's umask, without changing it even for a moment where Linux tells it."""
    with suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def new_file_mode(folder: Path) -> int:
    """The mode of a new store file (or lock, or backup) in `folder`."""
    try:
        shared = bool(os.stat(folder).st_mode & stat.S_ISGID)
    except OSError:
        shared = False
    if shared:
        return 0o660 & ~umask()
    return 0o600


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_folders(folder: Path) -> None:
    """Create `folder` and missing parents, each made durable in its parent: otherwise
    a power cut could take a new store away with the folder it was created in."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        fsync_folder(new.parent)


def read_from(fd: int, start: int) -> bytes:
    """Everything in the open file from byte `start` to its current end."""
    # First all the file holds now, in one read: loading a big store then needs no
    # second copy to join chunks. Chunks only follow if it grew meanwhile.
    want = max(os.fstat(fd).st_size - start + 1, _READ_CHUNK)
    chunks: list[bytes] = []
    position = start
    while chunk := os.pread(fd, want, position):
        chunks.append(chunk)
        position += len(chunk)
        want = _READ_CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def lines_from(fd: int, start: int) -> Iterator[tuple[int, bytes, bool]]:
    """The lines of the open file from byte `start` to its current end, one at a time:
    (offset, bytes without the newline, whether it ended in one). Only the last can be
    unterminated. A block and the line in hand are all it holds in memory, so reading a
    big store never needs a copy of the whole file; a line longer than a block is
    joined from its pieces once (a compacted store's lines are megabytes long)."""
    pieces: list[bytes] = []
    """The part of the line in hand read so far, from blocks before this one."""
    line_start = position = start
    while block := os.pread(fd, _READ_CHUNK, position):
        begin = 0
        while (newline := block.find(b"\n", begin)) >= 0:
            if pieces:
                pieces.append(block[:newline])
                line, pieces = b"".join(pieces), []
            else:
                line = block[begin:newline]
            yield line_start, line, True
            begin = newline + 1
            line_start = position + begin
        if begin < len(block):
            pieces.append(block[begin:] if begin else block)
        position += len(block)
    if pieces:
        yield line_start, b"".join(pieces), False


class BlockReader:
    """An open file read forward through one buffer, reused from block to block.

    What reads a big store line by line without keeping its lines (the chunk lines
    checked against their seals as the file is opened) looks at them here: a fresh
    `bytes` for every block and line would touch as much new memory as the file is
    big, which costs more than reading it. Never a map of the file: a file cut short by
    another process would kill this one (SIGBUS) instead of reading as damage."""

    def __init__(self, fd: int, start: int, block: int = _READ_CHUNK) -> None:
        self.fd = fd
        self.buffer = bytearray(block)
        self.view = memoryview(self.buffer)
        self.base = start
        """Where in the file `buffer[0]` is."""
        self.at = 0
        """The next byte to look at, in `buffer`."""
        self.end = 0
        """Where the bytes read end, in `buffer`."""
        self.ended = False

    def ensure(self, count: int) -> bool:
        """At least `count` bytes from `at` in the buffer, or all the file has left
        (`count` at most a block); False if nothing is left."""
        if self.end - self.at < count and not self.ended:
            # What is left of this block is less than `count`: it moves to the front.
            rest = bytes(self.view[self.at : self.end])
            self.base += self.at
            self.buffer[: len(rest)] = rest
            self.at, self.end = 0, len(rest)
            while self.end - self.at < count:
                read = os.preadv(self.fd, [self.view[self.end :]], self.base + self.end)
                if read <= 0:
                    self.ended = True
                    break
                self.end += read
        return self.end > self.at


def append_line(fd: int, offset: int, data: bytes) -> None:
    """Write `data` (one whole line) at `offset`, the end of what the file holds, and
    make it durable; a torn write a killed process left there is cut away first. On
    failure the file is cut back to `offset` (`OSError`): never a half line that a
    later reader could count."""
    try:
        if os.fstat(fd).st_size != offset:
            os.ftruncate(fd, offset)
        os.lseek(fd, offset, os.SEEK_SET)
        written = os.write(fd, data)
        if written != len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.fsync(fd)
    except OSError:
        with suppress(OSError):
            os.ftruncate(fd, offset)
            os.fsync(fd)
        raise


def read_exactly(fd: int, start: int, size: int) -> bytes:
    """`size` bytes of the open file from byte `start` (fewer only at its end)."""
    pieces = []
    while size > 0 and (piece := os.pread(fd, size, start)):
        pieces.append(piece)
        start += len(piece)
        size -= len(piece)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def leftover_temp_files(target: Path) -> Iterator[Path]:
    """Temporary files for `target` that a killed process of this user left behind:
    regular files only (a symlink with such a name is not ours to touch)."""
    prefix = _temp_prefix(target)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    uid = os.getuid()
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(_TEMP_SUFFIX)):
            continue
        with suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_uid == uid:
                yield Path(entry.path)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _filled_temp(
    target: Path, data: bytes | Iterable[bytes | memoryview], mode: int, group: int | None
) -> tuple[int, Path]:
    """A new temporary file beside `target` holding `data` (or its pieces, written as
    they come), fsynced, with `mode` and `group`; returns its open descriptor and path."""
    import tempfile  # only writers make temp files; a listing never loads it

    fd, name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=_TEMP_SUFFIX, dir=target.parent)
    temp = Path(name)
    try:
        os.fchmod(fd, mode)
        if group is not None:
            # Keeping the group may be refused (not a member): the mode still holds.
            with suppress(OSError):
                os.fchown(fd, -1, group)
        for piece in (data,) if isinstance(data, bytes) else data:
            _write_all(fd, piece)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with suppress(OSError):
            temp.unlink()
        raise
    return fd, temp


def replace_file(
    target: Path, data: bytes | Iterable[bytes | memoryview], *, like: os.stat_result | None
) -> int:
    """Atomically replace `target` (the real path, not a symlink) by a file holding
    `data` (or its pieces, so that a big file is never whole in memory), with the
    mode and group of `like` (else a new file's); returns the new file open for reading
    and writing. On failure `target` is as it was and no temp is left."""
    if like is not None:
        mode, group = stat.S_IMODE(like.st_mode), like.st_gid
    else:
        mode, group = new_file_mode(target.parent), None
    fd, temp = _filled_temp(target, data, mode, group)
    try:
        os.replace(temp, target)
        fsync_folder(target.parent)
    except BaseException:
        os.close(fd)
        with suppress(OSError):
            temp.unlink()
        raise
    return fd


def write_new_file(target: Path, data: bytes, *, mode: int | None = None) -> bool:
    """Create `target` holding `data`, complete or not at all, never over anything that
    exists there (a file or a symlink); False if something does."""
    if mode is None:
        mode = new_file_mode(target.parent)
    fd, temp = _filled_temp(target, data, mode, None)
    os.close(fd)
    try:
        os.link(temp, target)
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # No hard links here: create exclusively and fill in place.
        return _write_new_in_place(target, data, mode)
    finally:
        with suppress(OSError):
            temp.unlink()
    fsync_folder(target.parent)
    return True


def _write_new_in_place(target: Path, data: bytes, mode: int) -> bool:
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags, mode)
    except FileExistsError:
        return False
    try:
        os.fchmod(fd, mode)
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        with suppress(OSError):
            target.unlink()
        raise
    finally:
        os.close(fd)
    fsync_folder(target.parent)
    return True


def write_error(store: Path, error: OSError) -> StoreError:
    """What to tell the user when writing to `store` failed."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        message = _(
            "Cannot save to {file}: the disk is full. The last change was not saved; "
            "everything before it is safe. Free some space and try again."
        )
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        message = _("Cannot save to {file}: it is read-only ({reason}).")
    else:
        message = _("Cannot save to {file}: {reason}. The last change was not saved.")
    return StoreError(message.format(file=store, reason=error.strerror or error))
