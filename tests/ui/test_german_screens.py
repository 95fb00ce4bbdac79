"""Every screen in German, at 80x24 and on the projector's 160x48, has no English word
left that is not a name: the home screen, the meeting (review item and an ordinary
one), its forms and dialogs, the help, the action items, past meetings and minutes, the
campaigns and the statistics.

The words count as English when the catalog's English messages use them and no German
translation does (`tests/german_words.py`). The team's own words (its config, what it
typed into the store) are taken out first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.screens.meeting.screen import MeetingScreen
from roundtable.ui.widgets.carry_over import CarryOverTable
from tests.cli.test_german_words_cli import config_words, store_words
from tests.german_words import english_words_in
from tests.ui.conftest import (
    FakeClock,
    app_for,
    nordwerk_history,
    settle,
    shown_text,
    table_settled,
    wait_until,
)
from tests.ui.test_german_snapshots import de_config, german  # noqa: F401  (fixtures)

JOURNEYS: dict[str, tuple[bool, tuple[str, ...]]] = {
    # name: (straight into the meeting, keys pressed one after the other)
    "home": (False, ()),
    "home-help": (False, ("question_mark",)),
    "palette": (False, ("ctrl+p",)),
    "meeting-review-item": (True, ()),
    "meeting-second-item": (True, ("n",)),
    # At the second item: behind the dialog the agenda, not the review item's carry-over
    # list, whose columns settle in one of two widths at 80 columns (a snapshot of the
    # help must not depend on that).
    "meeting-help": (True, ("n", "question_mark")),
    "decision-form": (True, ("n", "d")),
    "action-form": (True, ("n", "a")),
    "budget-form": (True, ("n", "b")),
    "cadence": (True, ("k",)),
    "attendance": (True, ("t",)),
    "end-meeting": (True, ("ctrl+e",)),
    "quit-meeting": (True, ("q",)),
    "action-items": (True, ("i",)),
    "campaigns": (True, ("dollar_sign",)),
    "statistics": (False, ("g",)),
    "past-meetings": (False, ("m",)),
    "minutes-preview": (True, ("ctrl+e", "y")),  # ending the meeting shows its minutes
}


async def _carry_over_built(pilot: Pilot[Any]) -> None:
    """On the meeting screen, wait until the review item's carry-over list stands in
    the agenda's place with its columns fitted: it is built a moment after the first
    frame, and a dialog opened before that would show a half-built list behind it."""
    app = pilot.app
    if not isinstance(app.screen, MeetingScreen):
        return
    await wait_until(pilot, lambda: bool(app.screen.query(CarryOverTable)))
    table = app.screen.query_one(CarryOverTable)
    await wait_until(pilot, lambda: bool(table.groups))
    await table_settled(pilot, table)


async def _press(pilot: Pilot[Any], keys: tuple[str, ...]) -> None:
    await settle(pilot)
    await _carry_over_built(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
        await pilot.pause(0.05)
        await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("journey", list(JOURNEYS))
async def test_no_english_on_a_german_screen(
    de_config: TeamConfig,  # noqa: F811
    db_file: Path,
    clock: FakeClock,
    journey: str,
    size: tuple[int, int],
) -> None:
    start, keys = JOURNEYS[journey]
    with Store.open(db_file, clock=clock) as store:
        nordwerk_history(store, de_config, clock)
    names = config_words(de_config) + store_words(db_file)
    with Store.open(db_file, clock=clock) as store:
        app = app_for(de_config, store, clock, start=start)
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.2)
            await _press(pilot, keys)
            text = shown_text(app)
    assert text.strip()
    if journey == "minutes-preview":
        assert "Protokoll der Sitzung Nr. 2" in text
    assert english_words_in(text, names) == [], text


SNAPSHOTS = (
    "home",
    "meeting-help",
    "action-items",
    "campaigns",
    "statistics",
    "past-meetings",
)
"""German screens kept as snapshots at both sizes (the meeting and the forms have
their own in `test_german_snapshots.py`; the minutes preview names a temporary path)."""


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("journey", SNAPSHOTS)
def test_german_screen_snapshots(
    snap_compare: Any,
    de_config: TeamConfig,  # noqa: F811
    db_file: Path,
    clock: FakeClock,
    journey: str,
    size: tuple[int, int],
) -> None:
    start, keys = JOURNEYS[journey]
    with Store.open(db_file, clock=clock) as store:
        nordwerk_history(store, de_config, clock)
        app = app_for(de_config, store, clock, start=start)

        async def run_before(pilot: Pilot[Any]) -> None:
            await pilot.pause(0.2)
            await _press(pilot, keys)

        assert snap_compare(app, terminal_size=size, run_before=run_before)
