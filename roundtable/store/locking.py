"""One lock per store file: `<real path>.lock`, an advisory `flock` on it.

The lock is named after the store's resolved path (`os.path.realpath`), so a symlink
and its target, or two spellings of one path, take the same lock. It is the same kind
of lock `filelock` takes on Unix, so processes of earlier versions exclude each other
with this one. The lock file is opened without following a symlink planted in its
place, and created with the store's mode (private unless the store is shared).
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from _thread import RLock  # threading's RLock; importing threading costs ~0.6 ms
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from roundtable.errors import StoreError
from roundtable.i18n import _
from roundtable.store.files import new_file_mode

__all__ = ["StoreLock"]

_POLL = 0.002
"""Seconds between attempts: transactions last milliseconds, and a waiter polling at
50 ms would lose nearly every race against a busy writer."""


class StoreLock:
    """The inter-process lock of one store; re-entrant within its owner."""

    def __init__(self, store: Path, real: Path, timeout: float) -> None:
        self.store = store
        """The store as the user named it, for messages."""
        self.path = real.with_name(real.name + ".lock")
        self.timeout = timeout
        self._real = real
        self._fd: int | None = None
        self._depth = 0
        self._owner = RLock()

    @property
    def is_locked(self) -> bool:
        return self._depth > 0

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the block (waiting at most `timeout` seconds for it)."""
        with self._owner:
            if self._depth == 0:
                self._fd = self._acquire()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._fd is not None:
                    # Closing the descriptor releases the flock.
                    os.close(self._fd)
                    self._fd = None

    def _mode(self) -> int:
        try:
            return stat.S_IMODE(os.stat(self._real).st_mode) & 0o666
        except OSError:
            return new_file_mode(self.path.parent)

    def _open(self) -> int:
        flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        mode = self._mode()
        try:
            fd = os.open(self.path, flags | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            return os.open(self.path, flags)
        # The umask must not widen or narrow what the store itself allows.
        os.fchmod(fd, mode)
        return fd

    def _acquire(self) -> int:
        try:
            fd = self._open()
        except OSError as error:
            reason = error.strerror or str(error)
            if error.errno == errno.ELOOP:
                reason = _("it is a symbolic link")
            raise StoreError(
                _("Cannot take the lock {lock} for the store {file}: {reason}").format(
                    lock=self.path, file=self.store, reason=reason
                )
            ) from error
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                pass
            except OSError as error:
                os.close(fd)
                raise StoreError(
                    _("Cannot take the lock {lock} for the store {file}: {reason}").format(
                        lock=self.path, file=self.store, reason=error.strerror or error
                    )
                ) from error
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreError(
                    _(
                        "The store {file} is busy: another roundtable process has held its "
                        "lock ({lock}) for more than {seconds:g} seconds. Try again."
                    ).format(file=self.store, lock=self.path, seconds=self.timeout)
                )
            time.sleep(_POLL)
