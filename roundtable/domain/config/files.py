"""Reading a config file's bytes without ever waiting on it: a pipe, device or socket
named like a config file is refused, not opened for good."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from roundtable.i18n import _

__all__ = ["MAX_FILE_BYTES", "NotAPlainFile", "read_plain_file"]

MAX_FILE_BYTES = 1024 * 1024
"""A roles or agenda file is a few kilobytes; anything past this is the wrong file."""


def read_plain_file(path: Path, limit: int) -> bytes:
    """Up to `limit` bytes of the regular file `path`. A pipe, device or socket is never
    read (opening a pipe without a writer would wait forever): `NotAPlainFile`."""
    # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotAPlainFile(path)
        return file.read(limit)


class NotAPlainFile(OSError):
    """A config path that is a pipe, device or socket, not a file."""

    def __init__(self, path: Path) -> None:
        super().__init__(_("not a plain file (a pipe, device or socket)"))
        self.path = path
