"""One thread that makes every store call, in the order the app asked for them.

The store writes atomically to disk and may wait for a file lock an attendee's command
holds; the event loop must never wait with it, or the countdown would freeze. A single
worker thread keeps writes in order (a decision saved before the meeting that moved on),
and the results come back on the event loop as callbacks.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from roundtable.errors import RoundtableError, StoreError
from roundtable.i18n import _

__all__ = ["StoreThread", "ran_now"]

T = TypeVar("T")


class StoreThread:
    """Runs store calls one after another on a worker thread.

    `submit` is fire-and-forget with callbacks on the event loop; `call` awaits the
    result (`start` queues a call before the event loop runs, `result` awaits it). All
    share one queue, so everything runs in submission order.
    """

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="roundtable-store")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending = 0

    @property
    def pending(self) -> int:
        """How many submitted calls have not reported back yet."""
        return self._pending

    def submit(
        self,
        call: Callable[[], T],
        done: Callable[[T], object] | None = None,
        failed: Callable[[RoundtableError], object] | None = None,
    ) -> None:
        """Queue `call`; then `done(result)` or `failed(error)` runs on the event loop.

        Any exception is reported as a `RoundtableError` (others are wrapped in a
        `StoreError`), so a failed write is a message for the user, never a traceback.
        """
        loop = asyncio.get_running_loop()
        self._loop = loop
        self._pending += 1

        def report(callback: Callable[[], object]) -> None:
            # The app may have closed its loop while the write ran: the write still
            # happened, only nobody is left to tell.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(callback)

        def job() -> None:
            try:
                result = call()
            except Exception as error:  # reported, never raised into the thread
                user_error = _as_user_error(error)

                def tell_failed() -> None:
                    self._pending -= 1
                    if failed is not None:
                        failed(user_error)

                report(tell_failed)
                return

            def tell_done() -> None:
                self._pending -= 1
                if done is not None:
                    done(result)

            report(tell_done)

        self._executor.submit(job)

    async def call(self, call: Callable[[], T]) -> T:
        """Run `call` on the store thread after everything queued before it; raise its
        error as a `RoundtableError`."""
        return await self.result(self.start(call))

    def start(self, call: Callable[[], T]) -> Future[T]:
        """Queue `call` now, also before the event loop runs; `result` awaits it."""
        return self._executor.submit(call)

    async def result(self, started: Future[T]) -> T:
        """The result of a call `start`ed earlier; its error as a `RoundtableError`."""
        try:
            return await asyncio.wrap_future(started)
        except RoundtableError:
            raise
        except Exception as error:
            raise _as_user_error(error) from error

    async def drain(self) -> None:
        """Wait until every call submitted so far has run and reported back."""
        await self.call(lambda: None)
        # The callbacks were scheduled before the no-op finished; let them run.
        while self._pending:
            await asyncio.sleep(0)

    def close(self) -> None:
        """Finish what is queued, then stop the thread (waits)."""
        self._executor.shutdown(wait=True)


def _as_user_error(error: Exception) -> RoundtableError:
    if isinstance(error, RoundtableError):
        return error
    return StoreError(_("The store could not be written: {error}").format(error=error))


def ran_now(call: Callable[[], T]) -> Future[T]:
    """`call` run now on this thread (before the app runs), its result or error kept
    for `StoreThread.result` to hand over as it would a call on the store thread."""
    done: Future[T] = Future()
    try:
        done.set_result(call())
    except Exception as error:  # raised where the result is awaited, as a user error
        done.set_exception(error)
    return done
