"""Fixtures for the app tests: a clock you can move, the team's config, a real store.

Every test drives the real app (`make_app`) on a real store file in `tmp_path`; only
the clock is fake, so the meeting's three hours pass in microseconds.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable

from roundtable.domain import timebox
from roundtable.domain.config import Agenda, AgendaItem, Cadence, ItemKind, Role, TeamConfig
from roundtable.domain.entries import ActionStatus
from roundtable.domain.meeting import Meeting
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp, default_attendees, make_app
from roundtable.ui.screens.meeting.screen import MeetingScreen
from roundtable.ui.widgets.forecast import ForecastLine

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
"""Monday 2 March 2026, 09:00 in Berlin: the round table starts."""


@dataclass
class FakeClock:
    """A clock that stands still until a test moves it."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def team_config(directory: Path) -> TeamConfig:
    """Nordwerk Systems' round table: five roles, one three-hour agenda, one short one."""
    committed = date(2026, 1, 12)
    roles = (
        Role(
            "sales-marketing",
            "Sales Marketing (Absatzmarketing)",
            "marketing",
            ("Katrin Vogel",),
            committed_by="Dr. Martin Keller",
            committed_on=committed,
        ),
        Role("sales-controlling", "Sales Controlling", "controlling", ("Monika Schneider",)),
        Role("dialog-marketing", "Dialog Marketing", "marketing", ("Stefan Krüger",)),
        Role(
            "marketing-communication",
            "Marketing Communication",
            "marketing",
            ("Lukas Hoffmann", "Anna Schulz"),
        ),
        Role("management", "Head of Sales", "sales", ("Dr. Martin Keller",)),
    )
    items = (
        AgendaItem("Open action items", 15, "sales-marketing", ItemKind.REPORT, review=True),
        AgendaItem("Campaign results to date", 30, "sales-controlling", ItemKind.REPORT),
        AgendaItem("Pre-qualified lead pipeline", 30, "dialog-marketing"),
        AgendaItem("Revenue estimate", 25, "sales-marketing", ItemKind.DECISION),
        AgendaItem("Campaign planning", 40, "marketing-communication"),
        AgendaItem("Budgets", 25, "management", ItemKind.DECISION),
        AgendaItem("Wrap-up", 15, "sales-marketing", ItemKind.REPORT),
    )
    round_table = Agenda(
        id="round-table",
        title="Marketing & Sales Round Table",
        timebox_minutes=180,
        cadence=Cadence.BIWEEKLY,
        items=items,
        path=directory / "round-table.yaml",
        facilitator="sales-marketing",
    )
    short = Agenda(
        id="quick-sync",
        title="Quick sync before the trade fair",
        timebox_minutes=30,
        cadence=Cadence.WEEKLY,
        items=(
            AgendaItem("Lead handover", 10, "dialog-marketing"),
            AgendaItem("Booth staffing", 20, "management", ItemKind.DECISION),
        ),
        path=directory / "quick-sync.yaml",
    )
    return TeamConfig(
        directory=directory,
        source="tests",
        team="Nordwerk Systems GmbH — Marketing & Sales Round Table",
        roles=roles,
        agendas=(round_table, short),
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def config(tmp_path: Path) -> TeamConfig:
    return team_config(tmp_path)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "roundtable.db"


@pytest.fixture
def store(db_file: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(db_file, clock=clock) as opened:
        yield opened


def running_meeting(
    store: Store, config: TeamConfig, clock: FakeClock, agenda_id: str = "round-table"
) -> Meeting:
    """A meeting started now from `agenda_id`, everyone present, saved in `store`."""
    agenda = config.agenda(agenda_id)
    assert agenda is not None
    meeting = timebox.new_meeting(
        agenda, default_attendees(config), "Katrin Vogel", store.next_meeting_number(), clock()
    )
    return store.add_meeting(meeting)


def nordwerk_history(store: Store, config: TeamConfig, clock: FakeClock) -> tuple[int, int]:
    """Two meetings' action items: some done or dropped, some overdue, one owned by
    someone who has left (not in the roles file), one by nobody. Returns the meetings'
    ids; the second (today, 09:00) still runs."""
    clock.advance(days=-14)
    first = running_meeting(store, config, clock)
    assert first.id is not None
    items = [
        ("Leadliste Frühjahrskampagne an den Vertrieb", "dialog-marketing", date(2026, 2, 20)),
        ("Umsatzschätzung Messe Hannover aktualisieren", "Monika Schneider", date(2026, 3, 9)),
        ("Agentur-Briefing Herbstkampagne", "Jürgen Weber", date(2026, 2, 27)),
        ("Budgetverschiebung mit der Geschäftsführung klären", None, None),
        ("Messestand Hannover buchen", "sales-marketing", date(2026, 2, 13)),
        ("Newsletter-Rücklauf auswerten", "Stefan Krüger", date(2026, 2, 25)),
    ]
    for text, owner, due in items:
        store.add_action(text, owner, due, first.id, 2)
    store.set_action_status("A-5", ActionStatus.DONE, first.id)
    store.set_action_status("A-6", ActionStatus.DROPPED, first.id)
    store.save_meeting(timebox.end(first, clock() + timedelta(hours=2)))
    clock.advance(days=14)
    second = running_meeting(store, config, clock)
    assert second.id is not None
    store.add_action("Messe-Leads nachfassen", "sales-controlling", date(2026, 3, 16), second.id, 1)
    return first.id, second.id


def app_for(
    config: TeamConfig,
    store: Store,
    clock: FakeClock,
    start_agenda: str | None = None,
    *,
    start: bool = False,
    poll_seconds: float = 3600,
) -> RoundtableApp:
    """The app as the CLI builds it, on Berlin's wall clock. It asks the store for other
    processes' changes every `poll_seconds`: rarely, unless a test is about that."""
    return make_app(
        config,
        store,
        clock,
        start_agenda,
        start=start,
        timezone=BERLIN,
        poll_seconds=poll_seconds,
    )


async def settle(pilot: Pilot[None]) -> None:
    """Let every store write finish and its result reach the screen."""
    app = pilot.app
    store_thread = getattr(app, "store_thread", None)
    assert store_thread is not None
    await pilot.pause()
    await store_thread.drain()
    await pilot.pause()
    # The forecast reads the team's history once, on the store thread, after the first
    # frame: a screen is settled once that read has reached the line (or failed).
    for _turn in range(200):
        if all(line.usual is not None for line in app.screen.query(ForecastLine)):
            break
        await pilot.pause(0.01)
        await store_thread.drain()
    await pilot.pause()


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 10.0
) -> float:
    """Let the app run until `condition()` holds; the seconds that took. Fails after
    `timeout` seconds (the app is never slept through, only given turns)."""
    started = time.monotonic()
    while not condition():
        elapsed = time.monotonic() - started
        assert elapsed < timeout, f"not within {timeout} s"
        await pilot.pause(0.02)
        await settle(pilot)
    return time.monotonic() - started


_TEXT_RUN = re.compile(
    r'<text[^>]*?x="([\d.]+)"[^>]*?textLength="([\d.]+)"[^>]*?'
    r'clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>([^<]*)</text>'
)


def shown_text(app: App[None]) -> str:
    """Everything on the terminal now, as plain text, one line per terminal row.

    Read from the SVG screenshot: each text run carries its row and x position (runs of
    blanks are left out of the SVG, so they are put back by position).
    """
    runs = [
        (float(x), float(length), int(row), html.unescape(text).replace("\xa0", " "))
        for x, length, row, text in _TEXT_RUN.findall(app.export_screenshot(simplify=True))
    ]
    if not any(cell_len(text) for *_rest, text in runs):
        return ""  # nothing painted yet
    cell = min(length / cell_len(text) for _x, length, _row, text in runs if cell_len(text))
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, _length, row, text in runs:
        column = round(x / cell)
        for char in text:
            if 0 <= row < height and column < width:
                rows[row][column] = char
            column += max(cell_len(char), 1)
    return "\n".join("".join(row).rstrip() for row in rows)


def meeting_screen(app: App[None]) -> MeetingScreen:
    screen = app.screen
    assert isinstance(screen, MeetingScreen), f"expected the meeting screen, got {screen!r}"
    return screen


def tick(app: App[None]) -> MeetingScreen:
    """What the once-a-second timer does: recompute every figure from the clock."""
    screen = meeting_screen(app)
    screen.refresh_clocks()
    return screen


async def table_settled(pilot: Pilot[None], table: DataTable[Any]) -> None:
    """Let a table that fits its columns to its width (and measures wrapped rows when
    idle) run until its layout stops changing: a snapshot taken mid-way shows a column
    a few cells narrower than the settled screen."""

    def layout() -> tuple[object, ...]:
        widths = tuple(column.width for column in table.columns.values())
        return (widths, table.show_vertical_scrollbar, table.virtual_size, table.size)

    before = layout()
    steady = 0
    for _turn in range(100):
        await pilot.pause(0.02)
        await settle(pilot)
        now = layout()
        steady = steady + 1 if now == before else 0
        if steady >= 3:
            return
        before = now
