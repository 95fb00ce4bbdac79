"""The German meeting footer on the projector (160 columns) names every key it shows,
in the review item too, where the carry-over table has the focus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.binding import Binding

from roundtable.domain.config import TeamConfig
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.screens.meeting.screen import MeetingScreen
from roundtable.ui.widgets.carry_over import CarryOverTable
from tests.ui.conftest import (
    FakeClock,
    app_for,
    nordwerk_history,
    running_meeting,
    settle,
    shown_text,
    wait_until,
)
from tests.ui.test_german_snapshots import de_config, german  # noqa: F401  (fixtures)


def _action_and_parameters(action: str) -> tuple[str, tuple[object, ...]]:
    name, _open, rest = action.partition("(")
    parameters = tuple(p.strip().strip("'\"") for p in rest.rstrip(")").split(",") if p)
    return name, parameters


@pytest.mark.parametrize("review", [False, True], ids=["first-item", "review-item"])
async def test_every_meeting_key_is_in_the_footer_at_160_columns(
    de_config: TeamConfig,  # noqa: F811
    db_file: Path,
    clock: FakeClock,
    review: bool,
) -> None:
    with Store.open(db_file, clock=clock) as store:
        if review:
            nordwerk_history(store, de_config, clock)
        else:
            running_meeting(store, de_config, clock, agenda_id="constituting")
        app = app_for(de_config, store, clock, start=True)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            if review:
                await wait_until(pilot, lambda: bool(app.screen.query(CarryOverTable)))
                table = app.screen.query_one(CarryOverTable)
                await wait_until(pilot, lambda: bool(table.groups))
                assert app.focused is table
                await settle(pilot)
            lines = shown_text(app).splitlines()
            footer = " ".join(lines[-1].split())
            # What the screen offers now: `check_action` hides a key where it does nothing
            # (space says "Fortsetzen" only in a break, g only at the review item).
            screen = app.screen
            shown = [
                b
                for b in MeetingScreen.BINDINGS
                if isinstance(b, Binding)
                and b.show
                and screen.check_action(*_action_and_parameters(b.action))
            ]
            for binding in shown:
                first = replace(binding, key=binding.key.split(",")[0])
                key = f"{app.get_key_display(first)} {_(binding.description)}"
                assert key in footer, f"{key!r} is not in the footer: {footer}"
            assert footer.endswith("Strg+P Befehle")
            assert "Strg+E Beenden" in footer
            if review:
                # The carry-over's own keys are named on the table's border instead.
                assert any(
                    "⏎ Erledigt/wieder öffnen · w Verantwortlich · u Fällig · Entf Verwerfen"
                    in line
                    for line in lines
                )
