"""Snapshots of the main screens in German, on the German shipped config.

German words are longer than English ones: these prove that labels, table headers,
footer keys and hints still fit at 80x24 (and on the projector's 160x48). The UI
modules are imported in English by the other tests of this process; the language is
switched before each app is built, and the binding descriptions Textual read at import
time are translated where they are shown (`roundtable.ui.widgets.footer`), so the
footer is German too. Update with `--snapshot-update`, then look at every changed SVG.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select
from textual.widgets._footer import FooterKey

from roundtable.domain import l10n
from roundtable.domain.config import TeamConfig, load_config
from roundtable.domain.drafts import BudgetDraft
from roundtable.domain.entries import BudgetKind
from roundtable.i18n import set_language
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp
from roundtable.ui.screens.actions.action_items import StatusFilter
from roundtable.ui.screens.campaigns.campaign_form import CampaignForm
from roundtable.ui.screens.forms.action_form import ActionForm
from roundtable.ui.screens.forms.budget_form import BudgetForm
from roundtable.ui.screens.meeting.screen import MeetingScreen
from tests.ui.conftest import (
    FakeClock,
    app_for,
    nordwerk_history,
    running_meeting,
    settle,
    shown_text,
)
from tests.ui.test_form_snapshots import Host, into, paste, press, steps

SnapCompare = Callable[..., bool]

GERMAN_DEFAULTS = Path(__file__).parents[2] / "roundtable" / "defaults" / "de"
SMALL = (80, 24)
LARGE = (160, 48)
TODAY = date(2026, 11, 24)
NEXT_MEETING = date(2026, 12, 1)


@pytest.fixture
def german() -> Iterator[None]:
    set_language("de")
    try:
        yield
    finally:
        set_language("en")


@pytest.fixture
def de_config(german: None) -> TeamConfig:
    """Nordwerk's round table as the German shipped defaults describe it."""
    return load_config(GERMAN_DEFAULTS, "test")


async def settled(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, RoundtableApp)
    await pilot.pause()
    await app.store_thread.drain()
    await pilot.pause()


def meeting_app(config: TeamConfig, db_file: Path, clock: FakeClock) -> tuple[RoundtableApp, Store]:
    """The app on a meeting whose first item has just used its fifteen minutes."""
    store = Store.open(db_file, clock=clock)
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_decision(meeting.id, 0, "Alle offenen Punkte aus Meeting 11 sind erledigt.")
    clock.advance(minutes=15)
    return app_for(config, store, clock, start=True), store


def second_item(store: Store, clock: FakeClock, minutes: float) -> Callable[[Pilot[Any]], Any]:
    """Go to the second item, capture a decision, an action item and a budget shift
    into it, and let `minutes` pass."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        await pilot.press("n")
        await settled(pilot)
        meeting = store.running_meeting()
        assert meeting is not None and meeting.id is not None
        store.add_decision(meeting.id, 1, "Frühjahrskampagne [Messe] läuft bis 30. April weiter.")
        store.add_action(
            "Lead-Report Q1 an den Vertrieb", "dialog-marketing", date(2026, 3, 16), meeting.id, 1
        )
        store.add_budget(
            meeting.id,
            1,
            area="Marketingkommunikation",
            amount=Decimal("12500"),
            currency="EUR",
            period="2026-Q2",
            kind=BudgetKind.SHIFT,
            from_area="Vertrieb",
            needs_signoff=True,
        )
        clock.advance(minutes=minutes)
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen)
        screen.reload_log()
        await settled(pilot)
        screen.refresh_clocks()
        # The box warning may wrap to a second line: let that layout pass run too.
        await settled(pilot)
        await pilot.pause()

    return run_before


def test_home_screen(
    snap_compare: SnapCompare, de_config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    with Store.open(db_file, clock=clock) as store:
        running_meeting(store, de_config, clock)
        clock.advance(minutes=50)
        app = app_for(de_config, store, clock)
        assert snap_compare(app, terminal_size=SMALL, run_before=settled)


@pytest.mark.parametrize(
    ("phase", "minutes", "size"),
    [
        ("normal", 7.5, SMALL),
        ("overrun", 36.25, SMALL),
        ("normal", 7.5, LARGE),
    ],
    ids=["normal-80x24", "overrun-80x24", "normal-160x48"],
)
def test_meeting_screen(
    snap_compare: SnapCompare,
    de_config: TeamConfig,
    db_file: Path,
    clock: FakeClock,
    phase: str,
    minutes: float,
    size: tuple[int, int],
) -> None:
    app, store = meeting_app(de_config, db_file, clock)
    try:
        assert snap_compare(app, terminal_size=size, run_before=second_item(store, clock, minutes))
    finally:
        store.close()


def test_action_items_screen(
    snap_compare: SnapCompare, de_config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    with Store.open(db_file, clock=clock) as store:
        nordwerk_history(store, de_config, clock)
        app = app_for(de_config, store, clock)

        async def every_item(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            status: Select[StatusFilter] = app.screen.query_one("#status", Select)
            status.value = StatusFilter.ALL
            await settle(pilot)

        assert snap_compare(app, terminal_size=SMALL, run_before=every_item)


def test_action_form(snap_compare: SnapCompare, de_config: TeamConfig) -> None:
    form = ActionForm(de_config.roles, default_due=NEXT_MEETING, today=TODAY)
    run: Callable[[Pilot[Any]], Awaitable[None]] = steps(
        paste("Lead-Report Q4 an den Vertrieb schicken"), press("tab", "d", "i", "a")
    )
    assert snap_compare(Host(form), terminal_size=SMALL, run_before=run)


def test_action_form_refuses_what_it_cannot_read(
    snap_compare: SnapCompare, de_config: TeamConfig
) -> None:
    form = ActionForm(de_config.roles, default_due=NEXT_MEETING, today=TODAY)
    run = steps(
        paste("Kampagnenergebnisse aufbereiten"),
        into("owner", "Petra Schulz"),
        into("due", "irgendwann"),
        press("enter"),
    )
    assert snap_compare(Host(form), terminal_size=SMALL, run_before=run)


def test_budget_form_shift(snap_compare: SnapCompare, german: None) -> None:
    run = steps(
        press("right", "right"),
        into("area", "Dialogmarketing"),
        into("from-area", "Kommunikation"),
        into("amount", "12.500,00"),
        into("period", "2026-Q1"),
        into("note", "Mailing Frühjahr"),
    )
    assert snap_compare(Host(BudgetForm()), terminal_size=SMALL, run_before=run)


def test_budget_form_editing_a_cut(snap_compare: SnapCompare, german: None) -> None:
    initial = BudgetDraft(
        area="Kommunikation",
        amount=Decimal("8000.5"),
        currency="EUR",
        period="2026-Q2",
        kind=BudgetKind.CUT,
        note="Messe abgesagt",
        needs_signoff=True,
    )
    assert snap_compare(Host(BudgetForm(initial)), terminal_size=SMALL, run_before=steps())


# --- one English word, two German ones (message contexts) ---------------------------------


async def test_ending_the_meeting_and_a_campaigns_end_date_read_differently(
    de_config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    # "End" is both the key that ends the meeting and a campaign's end date. The UI was
    # imported in English by other tests, so this also proves the footer translates the
    # key again in its context ("Beenden"), not as the date ("Ende").
    app, store = meeting_app(de_config, db_file, clock)
    try:
        async with app.run_test(size=LARGE) as pilot:
            await settled(pilot)
            footer = shown_text(app).splitlines()[-1]
            assert "Strg+E Beenden" in footer
            assert "Ende" not in footer
            # Quitting leaves the meeting running: it must not read "Beenden" too.
            keys = {key.key: key.description for key in app.screen.query(FooterKey)}
            assert keys["ctrl+e"] == "Beenden"
            assert keys["q"] == "Schließen"
            # The German keys are wider than 160 columns in Textual's roomy style: the
            # footer goes compact, and every one of them is on the projector.
            assert "q Schließen" in footer
            assert footer.endswith("Strg+P Befehle")
            # The help screen lists the keys through `_()` as well.
            await pilot.press("question_mark")
            await pilot.pause()
            help_rows = [" ".join(line.split()) for line in shown_text(app).splitlines()]
            assert any("│ Strg+E / x Beenden │" in line for line in help_rows)
            assert any("│ q Schließen │" in line for line in help_rows)
    finally:
        store.close()

    form = Host(CampaignForm(de_config.roles, TODAY))
    async with form.run_test(size=(100, 30)) as pilot:
        await steps(
            into("name", "Frühjahrs-Webinarreihe"),
            into("owner", "marketing-communication"),
            into("start", l10n.typed_date(date(2026, 12, 1))),
            into("end", l10n.typed_date(date(2026, 11, 30))),
            press("ctrl+s"),
        )(pilot)
        await pilot.pause()
        screen = shown_text(form)
        # The field's label, and the field named in the message about it.
        assert re.search(r"Beginn ▊ +01\.12\.2026 +▎ Ende ▊", screen)
        assert "Ende: Die Kampagne kann nicht enden (2026-11-30)" in screen
        assert "Beenden" not in screen


async def test_attendance_says_nobody_for_people(de_config: TeamConfig) -> None:
    from textual.widgets import Button

    from roundtable.domain.meeting import Attendee
    from roundtable.ui.screens.dialogs.attendance import AttendanceScreen

    attendees = (Attendee("Katrin Vogel", "sales-marketing", True),)
    form = Host(AttendanceScreen(attendees, de_config.roles))
    async with form.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        labels = {str(button.id): str(button.label) for button in form.screen.query(Button)}
        assert labels["none"] == "Niemand"
        assert labels["all"] == "Alle anwesend"


async def test_the_carry_over_says_overdue_in_full(
    de_config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    from roundtable.ui.widgets.carry_over import CarryOverTable
    from tests.ui.conftest import wait_until

    with Store.open(db_file, clock=clock) as store:
        nordwerk_history(store, de_config, clock)
        app = app_for(de_config, store, clock, start=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: bool(app.screen.query(CarryOverTable)))
            table = app.screen.query_one(CarryOverTable)
            await wait_until(pilot, lambda: bool(table.groups))
            await settle(pilot)
            # The state column is as wide as the longest German state, not the English.
            [row] = [line for line in shown_text(app).splitlines() if "A-1 " in line]
            assert row.rstrip(" ┃").endswith("überfällig")


async def test_the_campaign_detail_labels_fit_the_german_words(
    de_config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    from tests.ui.test_campaign_ui import add_campaign, open_board, record

    with Store.open(db_file, clock=clock) as store:
        meeting = running_meeting(store, de_config, clock)
        assert meeting.id is not None
        campaign = add_campaign(store, "Direct Mailing Maschinenbau")
        record(store, campaign.id, meeting.id)
        app = app_for(de_config, store, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_board(pilot, store, de_config, clock, meeting)
            lines = shown_text(app).splitlines()
            # "Verantwortlich" (owner) is the longest label: a blank still follows it.
            assert any(line.startswith("│ Verantwortlich Dialogmarketing") for line in lines)
            assert any(line.startswith("│ Abweichung     90.000,00 €") for line in lines)


async def test_the_figures_form_shows_the_german_labels_whole(
    de_config: TeamConfig, db_file: Path, clock: FakeClock
) -> None:
    from roundtable.ui.screens.campaigns.snapshot_form import SnapshotForm
    from tests.ui.test_campaign_ui import add_campaign

    with Store.open(db_file, clock=clock) as store:
        campaign = add_campaign(store, "Newsletter Q1 Bestandskunden")
    app = Host(SnapshotForm(campaign, 2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = [" ".join(line.split()) for line in shown_text(app).splitlines()]
        assert any("│ Vorqualifizierte Anfragen " in line for line in lines)
        assert any("│ Vom Vertrieb angenommen " in line for line in lines)
