"""`ran_now`: what the app reads before it starts (the running meeting for `roundtable
start`) is handed over as a call on the store thread would be, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest

from roundtable.errors import RoundtableError, StoreError
from roundtable.store.store import Store
from roundtable.ui.store_thread import StoreThread, ran_now


async def test_a_result_read_before_the_app_is_handed_over(tmp_path: Path) -> None:
    thread = StoreThread()
    try:
        with Store.open(tmp_path / "store.db") as store:
            read = ran_now(store.running_meeting)
            assert read.done(), "read at once, on the calling thread"
            assert await thread.result(read) is None
    finally:
        thread.close()


async def test_its_errors_arrive_as_the_store_threads_do() -> None:
    thread = StoreThread()

    def refused() -> None:
        raise StoreError("store.db:3: the store is damaged")

    def failed() -> None:
        raise OSError("disk gone")

    try:
        with pytest.raises(StoreError, match=r"store\.db:3"):
            await thread.result(ran_now(refused))
        with pytest.raises(RoundtableError, match="disk gone"):
            await thread.result(ran_now(failed))
        # The same as a call run on the store thread itself.
        with pytest.raises(RoundtableError, match="disk gone"):
            await thread.call(failed)
    finally:
        thread.close()
