"""Snapshots of the roles screen and the action form (its date field and Tab's
suggestion) at 80x24 and 160x48. Each was looked at as a picture before it was
accepted; update with `--snapshot-update` and look again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from roundtable.domain.config import load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.i18n import set_language
from roundtable.store.store import Store
from roundtable.ui.screens.forms.action_form import ActionForm
from tests.ui.conftest import FakeClock, app_for
from tests.ui.test_form_snapshots import ROLES, Host, into, paste, press, steps

SnapCompare = Callable[..., bool]
SMALL = (80, 24)
LARGE = (160, 48)
TODAY = date(2026, 11, 24)
NEXT_MEETING = date(2026, 12, 1)


def roles_shown() -> Callable[[Pilot[Any]], Any]:
    async def run(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await pilot.pause()
        await app.store_thread.drain()  # type: ignore[attr-defined]
        await pilot.press("w")
        await pilot.pause()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_roles_screen(
    snap_compare: SnapCompare, db_file: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    config = load_config(shipped_defaults_dir(), "test")
    with Store.open(db_file, clock=clock) as store:
        app = app_for(config, store, clock)
        assert snap_compare(app, terminal_size=size, run_before=roles_shown())


def action_form() -> ActionForm:
    return ActionForm(ROLES, default_due=NEXT_MEETING, today=TODAY)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_action_form_german_due_example_whole(
    snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    set_language("de")
    run = steps(paste("Messestand Halle 4 buchen"), into("due", ""))
    assert snap_compare(Host(action_form()), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_action_form_due_suggestion(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    run = steps(paste("Angebot nachfassen"), press("tab", "c", "o", "n"), into("due", "fr"))
    assert snap_compare(Host(action_form()), terminal_size=size, run_before=run)
