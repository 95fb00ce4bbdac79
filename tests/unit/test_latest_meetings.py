"""`Store.latest_meetings`: the recent history the forecast reads, from a real store file,
without the rest."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from roundtable.store.store import Store
from tests.unit.between_data import FIRST, a_meeting


def test_latest_meetings_of_an_agenda_oldest_first(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        for number in range(1, 8):
            meeting = a_meeting(number, FIRST + timedelta(days=14 * (number - 1)))
            if number % 3 == 0:
                meeting = replace(meeting, agenda_id="quick-sync")
            store.add_meeting(meeting)
    with Store.open(path, read_only=True) as store:
        assert [m.number for m in store.latest_meetings("round-table", 3)] == [4, 5, 7]
        assert [m.number for m in store.latest_meetings("quick-sync", 5)] == [3, 6]
        assert [m.number for m in store.latest_meetings(None, 2)] == [6, 7]
        assert store.latest_meetings("round-table", 0) == []
        assert store.latest_meetings("nothing", 4) == []
        # The same meetings as reading them all.
        everything = {m.number: m for m in store.meetings()}
        assert store.latest_meetings(None, 7) == [everything[n] for n in range(1, 8)]
