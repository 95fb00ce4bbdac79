"""Shared by the store and campaign tests: a clock moved by hand and a store on a real
file, read back either from the writing store's memory or from a fresh open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from roundtable.store.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "roundtable.db"


@pytest.fixture
def store(path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(path, clock=clock) as opened:
        yield opened


@pytest.fixture(params=["same store", "reopened"])
def view(request: pytest.FixtureRequest, path: Path, store: Store) -> Iterator[Store]:
    """Where to read back: the writing store's memory, or a fresh open of the file."""
    if request.param == "same store":
        yield store
    else:
        with Store.open(path, read_only=True) as reopened:
            yield reopened
