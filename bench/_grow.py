"""Stores grown the way meetings grow them, for the benchmarks.

The demo history (`roundtable demo`) is recorded call by call through a `Recorder`,
then played into a new store as the app and the attendees' commands would have written
it: every call its own transaction (one line, fsynced in real use; not while growing,
which writes the same bytes), and each meeting run step by
step: started with its first item running, saved at every next item, its entries
captured while their item runs, ended. The journal compacts when it decides to, as in
real use; nothing is compacted at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from roundtable.demo.history import fill_demo
from roundtable.domain.config import load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.domain.meeting import ItemState, Meeting
from roundtable.store.store import Store

__all__ = ["Call", "grow", "record_demo", "replay_at_once"]

TODAY = date(2026, 11, 24)
WRITES = frozenset(
    {
        "add_meeting",
        "save_meeting",
        "add_decision",
        "update_decision",
        "add_note",
        "change_action_status",
        "sign_off_budget",
        "approve_minutes",
        "add_action",
        "set_action_status",
        "add_budget",
        "add_campaign",
        "update_campaign",
        "record_snapshot",
    }
)


@dataclass
class Call:
    """One write the demo made: which, with what, and when (the store's clock)."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    at: datetime


@dataclass
class Recorder:
    """Stands in for a `Store` to `fill_demo`: passes every call on, records the writes."""

    store: Store
    calls: list[Call] = field(default_factory=list)

    @property
    def clock(self) -> Any:
        return self.store.clock

    @clock.setter
    def clock(self, clock: Any) -> None:
        self.store.clock = clock

    @property
    def path(self) -> Path:
        return self.store.path

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.store, name)
        if name not in WRITES:
            return method

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(Call(name, args, kwargs, self.store.clock()))
            return method(*args, **kwargs)

        return recorded


def record_demo(path: Path, meetings: int) -> list[Call]:
    """The writes of `roundtable demo --meetings N`, made into `path` meanwhile."""
    config = load_config(shipped_defaults_dir(), "bench")
    with Store.open(path) as store:
        recorder = Recorder(store)
        fill_demo(recorder, config, today=TODAY, meetings=meetings)  # type: ignore[arg-type]
    return recorder.calls


@contextmanager
def _clock_at(store: Store, moment: list[datetime]) -> Iterator[None]:
    store.clock = lambda: moment[0]
    yield


def replay_at_once(path: Path, calls: list[Call]) -> None:
    """The same writes as the demo, in one transaction, compacted after (as the demo)."""
    with Store.open(path) as store:
        moment = [calls[0].at]
        with _clock_at(store, moment), store.transaction():
            for call in calls:
                moment[0] = call.at
                getattr(store, call.name)(*call.args, **call.kwargs)
        store.compact()


def _steps(meeting: Meeting) -> list[tuple[datetime, Meeting]]:
    """The states the app saves while `meeting` (finished) runs: started, then one per
    item that ran, then ended; each with the moment it is saved."""
    ran = [i for i, item in enumerate(meeting.items) if item.segments]
    states: list[tuple[datetime, Meeting]] = []
    for position, index in enumerate(ran):
        items = []
        for i, item in enumerate(meeting.items):
            if i in ran[:position]:
                items.append(item)
            elif i == index:
                first = item.segments[0]
                items.append(
                    replace(item, state=ItemState.RUNNING, segments=(first._replace(end=None),))
                )
            else:
                items.append(replace(item, state=ItemState.PENDING, segments=()))
        at = meeting.items[index].segments[0].start
        states.append(
            (at, replace(meeting, items=tuple(items), current=index, ended_at=None, pauses=()))
        )
    assert meeting.ended_at is not None
    states.append((meeting.ended_at, meeting))
    return states


@contextmanager
def _without_fsync() -> Iterator[None]:
    """`os.fsync` a no-op meanwhile: the bytes written are the same, and growing a
    store of years of meetings (every call its own fsynced line) takes minutes, not
    hours. Only for the process that grows a store for a benchmark."""
    fsync = os.fsync
    os.fsync = lambda fd: None
    try:
        yield
    finally:
        os.fsync = fsync


def grow(path: Path, calls: list[Call], *, compact_slack: int | None = None) -> None:
    """Write `calls` into a new store as meetings write them (see the module)."""
    options = {} if compact_slack is None else {"compact_slack": compact_slack}
    with _without_fsync(), Store.open(path, **options) as store:
        moment = [calls[0].at]
        pending: list[tuple[datetime, Meeting]] = []
        # The demo starts each meeting running and saves it ended after its entries:
        # played here as the app plays it, step by step, from the ended meeting.
        finished_at: dict[int, Meeting] = {}
        skipped: set[int] = set()
        for number, call in enumerate(calls):
            if call.name == "add_meeting" and call.args[0].ended_at is None:
                later = next(
                    i for i in range(number + 1, len(calls)) if calls[i].name == "save_meeting"
                )
                finished_at[number] = replace(calls[later].args[0], id=None)
                skipped.add(later)
        with _clock_at(store, moment):
            for number, call in enumerate(calls):
                if number in skipped:
                    continue
                # The meeting's clock steps up to this call's moment come first.
                while pending and pending[0][0] <= call.at:
                    moment[0], state = pending.pop(0)
                    store.save_meeting(state)
                moment[0] = call.at
                if call.name == "add_meeting":
                    for at, state in pending:
                        moment[0] = at
                        store.save_meeting(state)
                    finished = finished_at.get(number, call.args[0])
                    steps = _steps(finished)
                    moment[0] = steps[0][0]
                    started = store.add_meeting(steps[0][1])
                    pending = [(at, replace(state, id=started.id)) for at, state in steps[1:]]
                    continue
                getattr(store, call.name)(*call.args, **call.kwargs)
            for at, state in pending:
                moment[0] = at
                store.save_meeting(state)
