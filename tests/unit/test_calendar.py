"""The calendar file, parsed back with icalendar and checked field by field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from roundtable.domain.calendar import CalendarInput, build_calendar
from roundtable.domain.schedule import next_meetings
from roundtable.i18n import set_language
from roundtable.store.store import Store
from tests.unit.between_data import BERLIN, SECOND, TODAY, fill, shipped_config

NOW = datetime(2026, 3, 20, 8, 0, tzinfo=BERLIN)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "roundtable.db") as opened:
        fill(opened)
        yield opened


def calendar_of(store: Store, zone: ZoneInfo = BERLIN, now: datetime = NOW) -> icalendar.Calendar:
    config = shipped_config()
    latest = store.meeting_by_number(2)
    data = CalendarInput(
        team=config.team,
        roles=config.roles,
        actions=store.actions(include_closed=True),
        meetings=next_meetings(latest, config, TODAY, zone, 3),
        zone=zone,
        now=now,
        meeting_numbers=store.meeting_numbers(),
    )
    return icalendar.Calendar.from_ical(build_calendar(data))


def todos(calendar: icalendar.Calendar) -> dict[str, icalendar.Todo]:
    return {str(todo["summary"]).split(":")[0]: todo for todo in calendar.walk("VTODO")}


def test_open_items_are_todos_with_their_due_dates(store: Store) -> None:
    calendar = calendar_of(store)
    assert calendar["version"] == "2.0"
    assert str(calendar["prodid"]).startswith("-//roundtable//")
    items = todos(calendar)
    assert sorted(items) == ["A-1", "A-2", "A-3", "A-4", "A-5"]
    first = items["A-1"]
    assert str(first["summary"]) == "A-1: Umsatzschätzung „Frühjahr“ abgleichen"
    assert first.decoded("due") == date(2026, 3, 10)
    assert first["due"].params.get("VALUE") == "DATE"
    assert str(first["status"]) == "NEEDS-ACTION"
    description = str(first["description"])
    assert "Owner: Sales Marketing (Absatzmarketing)" in description
    assert "meeting 1" in description
    assert "roundtable done A-1" in description
    assert first.decoded("created") == datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
    assert "due" not in items["A-5"]


def test_a_closed_item_comes_out_completed(store: Store) -> None:
    done = todos(calendar_of(store))["A-4"]
    assert str(done["status"]) == "COMPLETED"
    assert done.decoded("completed") == (SECOND + timedelta(hours=1)).astimezone(UTC)
    assert int(done["percent-complete"]) == 100
    assert "roundtable done" not in str(done["description"])


def test_a_long_closed_item_is_left_out(store: Store) -> None:
    later = NOW + timedelta(days=90)
    assert "A-4" not in todos(calendar_of(store, now=later))


def test_next_meetings_follow_the_cadence_in_the_teams_zone(store: Store) -> None:
    events = list(calendar_of(store).walk("VEVENT"))
    assert [event.decoded("dtstart") for event in events] == [
        datetime(2026, 3, 31, 9, 30, tzinfo=BERLIN),  # summer time began on March 29
        datetime(2026, 4, 14, 9, 30, tzinfo=BERLIN),
        datetime(2026, 4, 28, 9, 30, tzinfo=BERLIN),
    ]
    first = events[0]
    assert first["dtstart"].params["TZID"] == "Europe/Berlin"
    assert first.decoded("dtend") - first.decoded("dtstart") == timedelta(minutes=180)
    assert str(first["summary"]) == shipped_config().agenda("round-table").title  # type: ignore[union-attr]
    description = str(first["description"])
    assert description.startswith("Meeting 3, at most 180 minutes.")
    assert "1. Open action items (15 minutes, Sales Marketing (Absatzmarketing))" in description
    zones = [str(zone["tzid"]) for zone in icalendar.Calendar.walk(calendar_of(store), "VTIMEZONE")]
    assert zones == ["Europe/Berlin"]


def test_another_zone_keeps_the_wall_clock_of_that_zone(store: Store) -> None:
    new_york = ZoneInfo("America/New_York")
    events = list(calendar_of(store, zone=new_york).walk("VEVENT"))
    start = events[0].decoded("dtstart")
    assert start.tzinfo == new_york
    # The meeting was held at 9:30 in Berlin, which is 4:30 in New York (winter, both).
    assert start.time() == time(4, 30)


def test_uids_are_stable_across_runs(store: Store) -> None:
    first = calendar_of(store)
    store.add_action("Neu dazu", "Jana Richter", date(2026, 4, 1), None, None)
    second = calendar_of(store, now=NOW + timedelta(hours=5))

    def uids(calendar: icalendar.Calendar) -> dict[str, str]:
        return {
            str(part["summary"]): str(part["uid"])
            for part in calendar.walk()
            if part.name in ("VTODO", "VEVENT")
        }

    before, after = uids(first), uids(second)
    assert all(after[summary] == uid for summary, uid in before.items())
    assert len(set(after.values())) == len(after) == len(before) + 1
    assert before["A-1: Umsatzschätzung „Frühjahr“ abgleichen"] == (
        "action-a-1@nordwerk-systems-gmbh-marketing-sales-round-table.roundtable"
    )


def test_german_calendar(store: Store) -> None:
    set_language("de")
    try:
        calendar = calendar_of(store)
    finally:
        set_language("en")
    first = todos(calendar)["A-1"]
    description = str(first["description"])
    assert "Verantwortlich: Sales Marketing (Absatzmarketing)" in description
    assert "Sitzung Nr. 1" in description and "03.03.2026" in description
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["description"]).startswith("Sitzung Nr. 3, höchstens 180 Minuten.")


def test_no_meetings_yet_no_events(tmp_path: Path) -> None:
    config = shipped_config()
    assert next_meetings(None, config, TODAY, BERLIN, 4) == []
