"""What each item usually takes, as the meeting screen reads it: newest meetings first,
only as far back as its items need, and the same figures as reading the whole window.
On a real store file grown by the demo's year of round tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from roundtable.demo.history import fill_demo
from roundtable.domain.meeting import Meeting
from roundtable.domain.statistics.forecast import RECENT, usual_minutes
from roundtable.domain.statistics.timing import item_key, timing_report
from roundtable.store.store import Store
from roundtable.ui.widgets import forecast as forecast_widget
from roundtable.ui.widgets.forecast import HISTORY_MEETINGS, read_usual_minutes
from tests.ui.conftest import FakeClock, running_meeting, team_config


def whole_window(store: Store, meeting: Meeting) -> dict[str, float]:
    """The figures from all of the last `HISTORY_MEETINGS` ended meetings of its agenda."""
    latest = store.latest_meetings(meeting.agenda_id, HISTORY_MEETINGS + 2)
    report = timing_report(latest, agenda_id=meeting.agenda_id, last=HISTORY_MEETINGS)
    wanted = {item_key(item.title) for item in meeting.items}
    return {key: value for key, value in usual_minutes(report).items() if key in wanted}


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, Meeting]:
    clock = FakeClock()
    config = team_config(tmp_path)
    path = tmp_path / "store.db"
    with Store.open(path, clock=clock) as store:
        fill_demo(store, config, today=date(2026, 3, 2), meetings=45)
        meeting = running_meeting(store, config, clock)
    return path, meeting


def test_the_usual_pace_is_that_of_the_whole_window(history: tuple[Path, Meeting]) -> None:
    path, meeting = history
    with Store.open(path, read_only=True) as store:
        usual = read_usual_minutes(store, meeting)
        assert usual == whole_window(store, meeting)
        # Every item of the meeting has a pace: the demo holds each of them often.
        assert set(usual) == {item_key(item.title) for item in meeting.items}


def test_the_read_goes_back_as_far_as_an_item_needs(
    history: tuple[Path, Meeting], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An item held only now and then (or asked for more runs than the first meetings
    give) makes it read further back, step by step, and no figure changes."""
    path, meeting = history
    asked: list[tuple[int, int | None]] = []
    latest = Store.latest_meetings

    def counted(
        store: Store, agenda_id: str | None, count: int, before: int | None = None
    ) -> list[Meeting]:
        asked.append((count, before))
        return latest(store, agenda_id, count, before)

    monkeypatch.setattr(Store, "latest_meetings", counted)
    with Store.open(path, read_only=True) as store:
        expected = whole_window(store, meeting)
        asked.clear()
        assert read_usual_minutes(store, meeting) == expected
        first = asked[0]
        assert first == (forecast_widget.FIRST_READ, None)
        assert len(asked) > 1, "the demo defers one item often: its runs are further back"
        # Each step asks for the meetings before the oldest read so far.
        assert all(before is not None for _count, before in asked[1:])
        assert sum(count for count, _before in asked) <= HISTORY_MEETINGS + 2
        asked.clear()
        monkeypatch.setattr(forecast_widget, "RECENT", HISTORY_MEETINGS)
        assert read_usual_minutes(store, meeting) == expected
        assert asked[0] == first
        assert sum(count for count, _before in asked) == HISTORY_MEETINGS + 2


def test_a_short_history_is_read_once(tmp_path: Path) -> None:
    clock = FakeClock()
    config = team_config(tmp_path)
    with Store.open(tmp_path / "store.db", clock=clock) as store:
        fill_demo(store, config, today=date(2026, 3, 2), meetings=RECENT - 4)
        meeting = running_meeting(store, config, clock)
        usual = read_usual_minutes(store, meeting)
        assert usual == whole_window(store, meeting)
        assert usual, "a few meetings of history give a pace already"
