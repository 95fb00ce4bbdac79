"""Campaigns in the app, driven by keys through Textual's Pilot: plan and change a
campaign, record a campaign's figures in a meeting, and read the scoreboard.

The forms are tried alone on a bare host app (what they return, and every bad input
refused next to its field); everything else runs in the real app on a real store file,
with a fake clock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, Sparkline

from roundtable.demo.history import fill_demo
from roundtable.domain import timebox
from roundtable.domain.campaigns import (
    CampaignDraft,
    CampaignStatus,
    Channel,
    Snapshot,
    SnapshotFigures,
    format_change,
    format_percent,
)
from roundtable.domain.config import Role, TeamConfig
from roundtable.domain.meeting import Meeting
from roundtable.domain.money import format_amount
from roundtable.domain.owners import OwnerUse, match_owner
from roundtable.errors import UsageError
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp
from roundtable.ui.screens.campaigns.campaign_form import CampaignForm
from roundtable.ui.screens.campaigns.scoreboard import ScoreboardScreen
from roundtable.ui.screens.campaigns.snapshot_form import FiguresDraft, SnapshotForm
from roundtable.ui.screens.forms.form_base import FormModal
from roundtable.ui.store_app import WIDGETS_CSS
from roundtable.ui.widgets.campaign_texts import gap_change_text, gap_distances
from roundtable.ui.widgets.scoreboard import CampaignScoreboard
from roundtable.ui.widgets.scoreboard_table import ScoreboardTable
from tests.ui.conftest import (
    FakeClock,
    app_for,
    meeting_screen,
    running_meeting,
    settle,
    shown_text,
    team_config,
)

TODAY = date(2026, 3, 2)
D = Decimal


def money(amount: Decimal) -> str:
    """An amount in euros as the screens write it (in the current language)."""
    return format_amount(amount, "EUR")


HOSTILE = "Messe [bold]Hannover[/bold] \x1b[31m2026"
"""A campaign name that would restyle the screen if read as markup or sent raw."""


# --- helpers -----------------------------------------------------------------------


class Host(App[None]):
    """A bare app that opens one modal and records what it returns."""

    def __init__(self, modal: Screen[Any]) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)


async def paste(pilot: Pilot[Any], text: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def fill(pilot: Pilot[Any], field_id: str, text: str) -> None:
    """Replace what a field holds with `text`, the way a person selects and types over."""
    field = pilot.app.screen.query_one(f"#{field_id}", Input)
    field.focus()
    await pilot.pause()
    await pilot.press("end", "shift+home")
    if text:
        await paste(pilot, text)
    else:
        await pilot.press("backspace")


def form(app: App[Any]) -> FormModal[Any]:
    assert isinstance(app.screen, FormModal), f"expected a form, got {app.screen!r}"
    return app.screen


def choose(app: App[Any], field_id: str, value: object) -> None:
    app.screen.query_one(f"#{field_id}", Select).value = value


def new_form(config: TeamConfig, taken: tuple[str, ...] = ()) -> CampaignForm:
    return CampaignForm(config.roles, TODAY, taken=taken)


async def fill_campaign(pilot: Pilot[Any], **fields: str) -> None:
    for field_id, text in fields.items():
        await fill(pilot, field_id, text)


GOOD = {
    "name": "Frühjahrs-Webinarreihe 2026",
    "owner": "marketing-communication",
    "start": "2026-03-09",
    "end": "2026-04-30",
    "budget": "12,000",
    "cost": "1,250.50",
}


def board(app: App[Any]) -> ScoreboardScreen:
    screen = app.screen
    assert isinstance(screen, ScoreboardScreen), f"expected the scoreboard, got {screen!r}"
    return screen


async def open_board(
    pilot: Pilot[None],
    store: Store,
    config: TeamConfig,
    clock: FakeClock,
    meeting: Meeting | None = None,
) -> ScoreboardScreen:
    """Open the scoreboard in the running app, as its key does, and let it read."""
    app = pilot.app
    assert isinstance(app, RoundtableApp)
    app.push_screen(
        ScoreboardScreen(
            app.context,
            meeting=meeting,
        )
    )
    await settle(pilot)
    return board(app)


def add_campaign(store: Store, name: str, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "owner": "dialog-marketing",
        "channel": Channel.MAILING,
        "start": date(2026, 2, 2),
        "end": date(2026, 4, 30),
        "budget": D("18000"),
        "cost": D("9000"),
        "status": CampaignStatus.RUNNING,
    }
    fields.update(overrides)
    return store.add_campaign(name, **fields)


def record(store: Store, campaign_id: int, meeting_id: int, **figures: Any) -> Snapshot:
    values: dict[str, Any] = {
        "leads": 40,
        "accepted": 20,
        "won": 4,
        "estimated_revenue": D("120000"),
        "actual_revenue": D("30000"),
    }
    values.update(figures)
    return store.record_snapshot(campaign_id, meeting_id, **values)


@pytest.fixture
def meeting(store: Store, config: TeamConfig, clock: FakeClock) -> Meeting:
    return running_meeting(store, config, clock)


@pytest.fixture
def demo_store(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Store, TeamConfig]]:
    """A year of this round table before today (9 campaigns, their figures)."""
    config = team_config(tmp_path)
    with Store.open(tmp_path / "demo.db", clock=clock) as store:
        fill_demo(store, config, today=date(2026, 11, 24))
        yield store, config


# --- the campaign form -------------------------------------------------------------


async def test_new_campaign_returns_what_was_typed(config: TeamConfig) -> None:
    app = Host(new_form(config))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.focused is app.screen.query_one("#name")
        assert app.screen.query_one("#start", Input).value == "2026-03-02"
        await fill_campaign(pilot, **GOOD)
        choose(app, "channel", Channel.WEBINAR)
        choose(app, "status", CampaignStatus.RUNNING)
        await fill(pilot, "note", "Zielgruppe: Instandhaltungsleiter")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [
        CampaignDraft(
            name="Frühjahrs-Webinarreihe 2026",
            owner="marketing-communication",
            channel=Channel.WEBINAR,
            start=date(2026, 3, 9),
            end=date(2026, 4, 30),
            budget=D("12000"),
            cost=D("1250.50"),
            currency="EUR",
            status=CampaignStatus.RUNNING,
            note="Zielgruppe: Instandhaltungsleiter",
        )
    ]


async def test_owner_is_picked_from_the_roles_with_type_ahead(config: TeamConfig) -> None:
    app = Host(new_form(config))
    async with app.run_test(size=(80, 24)) as pilot:
        owner_list = app.screen.query_one("#owner-list", OptionList)
        assert not owner_list.display  # only while the owner is chosen
        await fill(pilot, "owner", "")
        assert owner_list.display
        assert owner_list.option_count == len(config.roles)
        await pilot.press(*"krüger")
        # Stefan Krüger holds dialog marketing: that role is offered.
        assert owner_list.option_count == 1
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#owner", Input).value == "dialog-marketing"
        assert not owner_list.display


def campaign_owner(typed: str, roles: Sequence[Role], keep: str | None = None) -> str:
    """What the campaign form stores for a typed owner."""
    return match_owner(typed, roles, use=OwnerUse.CAMPAIGN, keep=keep).stored


def test_owner_by_id_title_or_holder(config: TeamConfig) -> None:
    roles = config.roles
    assert campaign_owner("Dialog Marketing", roles) == "dialog-marketing"
    assert campaign_owner(" sales-controlling ", roles) == "sales-controlling"
    assert campaign_owner("anna schulz", roles) == "marketing-communication"
    assert campaign_owner("old-role", roles, keep="old-role") == "old-role"
    for typed, gist in [("", "Say which role"), ("Petra Lang", "not a role of the team")]:
        with pytest.raises(UsageError, match=gist):
            campaign_owner(typed, roles)


async def test_owner_typed_as_the_start_of_a_name(config: TeamConfig) -> None:
    app = Host(new_form(config))
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_campaign(pilot, **{**GOOD, "owner": "sales"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CampaignForm)
        message = form(app).error_text("owner")
        assert "'sales' could mean sales-controlling, sales-marketing" in message
        # Stefan Krüger's first name stands for the one role he holds.
        await fill(pilot, "owner", "stefan")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [draft.owner for draft in app.results if isinstance(draft, CampaignDraft)] == [
        "dialog-marketing"
    ]


BAD_CAMPAIGN_INPUT = [
    ("name", "", "a campaign needs a name"),
    ("name", "anwendertag  SÜD 2026", "already a campaign called"),
    ("end", "2026-03-01", "cannot end (2026-03-01) before it starts (2026-03-09)"),
    ("end", "Ende April", "End:"),
    ("budget", "-500", "must not be negative"),
    ("budget", "zwölftausend", "Budget:"),
    ("cost", "1.2.3", "Cost to date:"),
    ("currency", "Euro", "three letters"),
    ("owner", "Petra Lang", "not a role of the team"),
]


async def test_bad_campaign_input_is_refused_next_to_its_field(config: TeamConfig) -> None:
    app = Host(new_form(config, taken=("Anwendertag Süd 2026",)))
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_campaign(pilot, **GOOD)
        for field_id, typed, gist in BAD_CAMPAIGN_INPUT:
            good = app.screen.query_one(f"#{field_id}", Input).value
            await fill(pilot, field_id, typed)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, CampaignForm), "the form must stay open"
            message = form(app).error_text(field_id)
            assert gist in message, (field_id, typed, message)
            assert message[:30] in shown_text(app).replace("\n", " ")
            assert app.focused is app.screen.query_one(f"#{field_id}")
            # Fixing the field clears its message; the rest was kept.
            await fill(pilot, field_id, good)
            assert form(app).error_text(field_id) == ""
        assert app.results == []
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [draft.name for draft in app.results if isinstance(draft, CampaignDraft)] == [
        GOOD["name"]
    ]


async def test_edit_form_opens_with_the_campaign_and_escape_returns_nothing(
    config: TeamConfig,
) -> None:
    initial = CampaignDraft(
        name="Messe Hannover Follow-up 2026",
        owner="marketing-communication",
        channel=Channel.TRADE_FAIR,
        start=date(2026, 4, 20),
        end=date(2026, 6, 30),
        budget=D("45000"),
        cost=D("42046.83"),
        status=CampaignStatus.RUNNING,
    )
    app = Host(CampaignForm(config.roles, TODAY, initial))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Edit campaign" in shown_text(app)
        values = {f: app.screen.query_one(f"#{f}", Input).value for f in ("budget", "cost", "end")}
        assert values == {"budget": "45,000", "cost": "42,046.83", "end": "2026-06-30"}
        assert app.screen.query_one("#channel", Select).value is Channel.TRADE_FAIR
        await fill(pilot, "end", "2026-07-15")
        await pilot.press("escape")
        await pilot.pause()
        assert "Discard this campaign?" in shown_text(app)
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [None]


# --- the figures form --------------------------------------------------------------


async def test_figures_open_with_the_last_report_and_show_the_change(
    store: Store, meeting: Meeting
) -> None:
    assert meeting.id is not None
    campaign = add_campaign(store, "Direct Mailing Mittelstand 2026")
    previous = record(store, campaign.id, meeting.id)
    modal = SnapshotForm(campaign, 42, previous=previous, previous_number=41)
    app = Host(modal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = shown_text(app)
        assert "Figures · Direct Mailing Mittelstand 2026 · meeting 42" in screen
        assert "Meeting 41" in screen
        assert app.screen.query_one("#leads", Input).value == "40"
        assert app.screen.query_one("#estimated_revenue", Input).value == "120,000"
        assert app.screen.query_one("#cost", Input).value == "9,000"
        await fill(pilot, "leads", "52")
        await fill(pilot, "accepted", "26")
        await fill(pilot, "actual_revenue", "48,500")
        screen = shown_text(app)
        assert "+12" in screen and "+6" in screen
        assert format_change(D("18500"), "EUR") in screen
        assert f"cost per lead {money(D('173.08'))}" in screen
        assert f"conversion {format_percent(D('15.4'))}" in screen
        assert "▼ estimate and actual closer than in meeting 41" in screen
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [
        FiguresDraft(
            SnapshotFigures(
                leads=52,
                accepted=26,
                won=4,
                estimated_revenue=D("120000"),
                actual_revenue=D("48500"),
            ),
            cost=D("9000"),
        )
    ]


BAD_FIGURES = [
    ("leads", "-3", "Pre-qualified leads: must not be negative"),
    ("won", "2,5", "not a whole number"),
    ("accepted", "41", "41 accepted, but only 40 pre-qualified leads"),
    ("won", "21", "21 deals won, but only 20 leads accepted by sales"),
    ("actual_revenue", "viel", "Actual revenue to date:"),
    ("estimated_revenue", "-5,000", "must not be negative"),
    ("cost", "", "Cost to date:"),
]


async def test_bad_figures_are_refused_next_to_their_field(store: Store, meeting: Meeting) -> None:
    assert meeting.id is not None
    campaign = add_campaign(store, "Newsletter Q1 Bestandskunden")
    previous = record(store, campaign.id, meeting.id)
    app = Host(SnapshotForm(campaign, 2, previous=previous, previous_number=1))
    async with app.run_test(size=(80, 24)) as pilot:
        for field_id, typed, gist in BAD_FIGURES:
            good = app.screen.query_one(f"#{field_id}", Input).value
            await fill(pilot, field_id, typed)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SnapshotForm)
            assert gist in form(app).error_text(field_id), (field_id, typed)
            assert app.focused is app.screen.query_one(f"#{field_id}")
            await fill(pilot, field_id, good)
            assert form(app).error_text(field_id) == ""
        assert app.results == []


# --- the scoreboard in the app -----------------------------------------------------


async def test_plan_a_campaign_in_the_meeting_then_edit_and_undo(
    config: TeamConfig, store: Store, clock: FakeClock, meeting: Meeting
) -> None:
    app = app_for(config, store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_board(pilot, store, config, clock, meeting)
        assert "No campaigns yet. Press n to plan the first one." in shown_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CampaignForm)
        await fill_campaign(pilot, **GOOD)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        [campaign] = store.campaigns()
        assert campaign.name == "Frühjahrs-Webinarreihe 2026"
        assert campaign.created_in == meeting.id
        assert campaign.cost == D("1250.50")
        table = screen.query_one(ScoreboardTable)
        assert table.selected_id == campaign.id
        assert "Frühjahrs-Webinarreihe 2026" in shown_text(app)

        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "budget", "15,000")
        choose(app, "status", CampaignStatus.RUNNING)
        await pilot.press("ctrl+s")
        await settle(pilot)
        changed = store.campaign(campaign.id)
        assert (changed.budget, changed.status) == (D("15000"), CampaignStatus.RUNNING)
        assert money(D("15000")) in shown_text(app)

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.campaign(campaign.id) == campaign
        assert money(D("12000")) in shown_text(app)

        # Planning it is undone too: a campaign typed by mistake is gone again.
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.campaigns() == []
        assert "No campaigns yet. Press n to plan the first one." in shown_text(app)


async def test_delete_a_campaign_with_its_figures_and_undo(
    config: TeamConfig, store: Store, clock: FakeClock, meeting: Meeting
) -> None:
    assert meeting.id is not None
    mailing = add_campaign(store, "Direct Mailing Maschinenbau")
    webinar = add_campaign(store, "Webinar Predictive Maintenance", channel=Channel.WEBINAR)
    report = record(store, mailing.id, meeting.id)
    app = app_for(config, store, clock)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await open_board(pilot, store, config, clock, meeting)
        table = screen.query_one(ScoreboardTable)
        assert table.selected_id == mailing.id
        await pilot.press("delete")
        await settle(pilot)
        assert store.campaigns() == [webinar]
        assert store.snapshots(mailing.id) == []
        assert (table.row_count, table.selected_id) == (1, webinar.id)
        assert [notice.message for notice in app._notifications][-1] == (
            "Campaign Direct Mailing Maschinenbau deleted with its 1 report. ctrl+z brings it back."
        )

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.campaigns() == [mailing, webinar]
        assert store.snapshots(mailing.id) == [report]
        assert (table.row_count, table.selected_id) == (2, mailing.id)
        assert "Direct Mailing Maschinenbau" in shown_text(app)


async def test_bad_input_in_the_app_saves_nothing(
    config: TeamConfig, store: Store, clock: FakeClock, meeting: Meeting
) -> None:
    add_campaign(store, "Anwendertag Süd 2026")
    app = app_for(config, store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_board(pilot, store, config, clock, meeting)
        await pilot.press("n")
        await pilot.pause()
        await fill_campaign(pilot, **{**GOOD, "name": "anwendertag süd 2026"})
        await pilot.press("enter")
        await settle(pilot)
        assert "already a campaign called" in form(app).error_text("name")
        await fill(pilot, "name", "Anwendertag Nord 2026")
        await fill(pilot, "end", "2026-01-31")
        await pilot.press("enter")
        await settle(pilot)
        assert "before it starts" in form(app).error_text("end")
        await pilot.press("escape")
        await settle(pilot)
    assert [c.name for c in store.campaigns()] == ["Anwendertag Süd 2026"]


async def test_record_figures_replaces_this_meetings_and_undo_takes_them_back(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    earlier = running_meeting(store, config, clock)
    assert earlier.id is not None
    campaign = add_campaign(store, "Direct Mailing Mittelstand 2026")
    record(store, campaign.id, earlier.id)
    store.save_meeting(timebox.end(earlier, clock()))
    clock.advance(days=14)
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    app = app_for(config, store, clock)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await open_board(pilot, store, config, clock)
        assert screen.running is not None and screen.running.id == meeting.id
        await pilot.press("enter")  # the quick edit of the selected row's figures
        await pilot.pause()
        assert isinstance(app.screen, SnapshotForm)
        await fill(pilot, "leads", "55")
        await fill(pilot, "actual_revenue", "52,000")
        await fill(pilot, "cost", "11,800")
        await pilot.press("enter")
        await settle(pilot)
        [first] = store.snapshots_for_meeting(meeting.id)
        assert (first.leads, first.actual_revenue, first.cost) == (55, D("52000"), D("11800"))
        assert store.campaign(campaign.id).cost == D("11800")

        # Again in the same meeting: the form opens with this meeting's figures, and
        # saving replaces them (same snapshot, no second one).
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one("#leads", Input).value == "55"
        text = shown_text(app)
        assert "Already recorded in this meeting" in text and "Meeting 1" in text
        await fill(pilot, "won", "6")
        await pilot.press("enter")
        await settle(pilot)
        [second] = store.snapshots_for_meeting(meeting.id)
        assert second.id == first.id and second.won == 6
        assert len(store.snapshots(campaign.id)) == 2

        await pilot.press("ctrl+z")
        await settle(pilot)
        [back] = store.snapshots_for_meeting(meeting.id)
        assert back.won == first.won
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.snapshots_for_meeting(meeting.id) == []
        assert store.campaign(campaign.id).cost == D("9000")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Nothing to undo." in shown_text(app)


async def test_a_store_refusal_opens_the_form_again_with_the_message(
    config: TeamConfig, store: Store, clock: FakeClock, meeting: Meeting
) -> None:
    add_campaign(store, "Whitepaper Predictive Maintenance 2026")
    app = app_for(config, store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_board(pilot, store, config, clock, meeting)
        await pilot.press("n")
        await pilot.pause()
        await fill_campaign(pilot, **GOOD)
        # Another terminal takes the name between the form and the save.
        add_campaign(store, "Frühjahrs-Webinarreihe 2026")
        assert screen.data is not None
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        assert "already a campaign called" in form(app).error_text("name")
        assert app.screen.query_one("#budget", Input).value == "12,000"
    assert len(store.campaigns()) == 2


async def test_figures_recorded_on_the_scoreboard_are_undone_from_the_meeting(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    campaign = add_campaign(store, "LinkedIn Lead-Ads Industrie 4.0")
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        screen = meeting_screen(app)
        meeting = screen.meeting
        assert meeting.id is not None
        await pilot.press("dollar_sign")
        await settle(pilot)
        assert board(app).running == meeting
        await pilot.press("enter")
        await pilot.pause()
        for field_id, text in [("leads", "30"), ("accepted", "12"), ("won", "2")]:
            await fill(pilot, field_id, text)
        await fill(pilot, "estimated_revenue", "50,000")
        await fill(pilot, "actual_revenue", "8,000")
        await pilot.press("enter")
        await settle(pilot)
        assert len(store.snapshots_for_meeting(meeting.id)) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.snapshots_for_meeting(meeting.id) == []
        assert "Undone: Figures of LinkedIn Lead-Ads Industrie 4.0" in shown_text(app)
        # A step of the meeting itself is not taken back on the scoreboard.
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("dollar_sign")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "The last change (Next item)" in shown_text(app)
        assert store.running_meeting() is not None
        assert store.running_meeting().current == 1  # type: ignore[union-attr]
    assert campaign.id == store.campaigns()[0].id


async def test_campaigns_key_from_home_and_the_command_palette(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    add_campaign(store, "Anwendertag Süd 2026")
    app = app_for(config, store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        home = app.screen
        commands = [command.title for command in app.get_system_commands(home)]
        assert "Campaigns" in commands
        assert "$" in shown_text(app) and "Campaigns" in shown_text(app)  # the footer
        await pilot.press("dollar_sign")
        await settle(pilot)
        assert board(app).running is None
        assert "Anwendertag Süd 2026" in shown_text(app)
        assert "Campaigns" not in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("dollar_sign")  # already there: nothing stacks up
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is home
        await pilot.click("#campaigns")  # the home screen's button does the same
        await settle(pilot)
        assert isinstance(app.screen, ScoreboardScreen)


async def test_the_campaign_item_shows_the_compact_scoreboard(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    running = add_campaign(store, "Anwendertag Süd 2026")
    add_campaign(store, "Messe Hannover 2025", status=CampaignStatus.FINISHED)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = meeting_screen(app)
        assert not screen.query(CampaignScoreboard)  # the review item: the agenda
        await pilot.press("n")  # Campaign results to date (sales controlling)
        await settle(pilot)
        await pilot.pause(0.3)  # the carry-over and the campaigns wait for a frame
        await settle(pilot)
        compact = screen.query_one(CampaignScoreboard)
        assert compact.display and not screen.query_one("#agenda").display
        rows = compact.query_one(ScoreboardTable).campaign_rows
        assert [row.campaign.id for row in rows] == [running.id]
        assert "0 of 1 reported in this meeting" in shown_text(app)
        # Figures recorded elsewhere (the scoreboard, another terminal) show up.
        record(store, running.id, meeting.id)
        screen.reload_log()
        await settle(pilot)
        assert "1 of 1 reported in this meeting" in shown_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert not compact.display and screen.query_one("#agenda").display


async def test_scoreboard_is_read_only_without_a_meeting(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    add_campaign(store, "Anwendertag Süd 2026")
    app = app_for(config, store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_board(pilot, store, config, clock)
        assert screen.running is None
        assert "Read-only: no meeting is running." in shown_text(app)
        for key in ("n", "e", "f", "enter"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
        assert screen.check_action("new_campaign", ()) is None  # greyed in the footer
        assert screen.check_action("back", ()) is True
        keys = dict(screen.help_bindings())
        assert (keys["f / ⏎"], keys["n"], keys["e"], keys["esc"]) == (
            "Figures",
            "New",
            "Edit",
            "Back",
        )
        # A meeting starting elsewhere makes it editable on the next read.
        meeting = running_meeting(store, config, clock)
        screen.reload()
        await settle(pilot)
        assert screen.running is not None and screen.running.id == meeting.id
        assert "Meeting 1 runs: figures go into it" in shown_text(app)


async def test_scoreboard_shows_the_figures_and_the_trend_of_a_demo_year(
    demo_store: tuple[Store, TeamConfig], clock: FakeClock
) -> None:
    store, config = demo_store
    rows = store.scoreboard().rows
    app = app_for(config, store, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_board(pilot, store, config, clock)
        table = screen.query_one(ScoreboardTable)
        assert [row.campaign.id for row in table.campaign_rows] == [r.campaign.id for r in rows]
        assert "cost" in table.layout_columns and "since" in table.layout_columns
        text = shown_text(app)
        for row in rows[:4]:
            assert row.cost_per_lead is not None and row.estimate is not None
            wanted = [
                row.campaign.name[:20],
                money(row.cost_per_lead),
                format_percent(row.conversion_pct),
                money(row.estimate),
                money(row.actual),
                gap_change_text(row),
            ]
            assert any(all(w in line for w in wanted) for line in text.splitlines()), wanted
        # The detail of the selected campaign: three sparklines with its series.
        first = rows[0]
        sparks = {s.id: s for s in screen.query(Sparkline)}
        assert list(sparks["trend-actual"].data or []) == list(first.actual_trend)
        assert list(sparks["trend-estimate"].data or []) == list(first.estimate_trend)
        assert list(sparks["trend-gap"].data or []) == [abs(v) for v in first.gap_trend]
        assert len(first.series) > 1
        assert first.gap_narrowed is True
        assert "▼" in text and "since meeting" in text
        # Moving the cursor shows the next campaign's trend.
        await pilot.press("down")
        await pilot.pause()
        assert list(sparks["trend-actual"].data or []) == list(rows[1].actual_trend)
        assert rows[1].campaign.name in shown_text(app)


async def test_narrow_scoreboard_keeps_the_key_figures(
    demo_store: tuple[Store, TeamConfig], clock: FakeClock
) -> None:
    store, config = demo_store
    app = app_for(config, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_board(pilot, store, config, clock)
        columns = screen.query_one(ScoreboardTable).layout_columns
        for key in ("name", "leads", "cpl", "conversion", "gap", "arrow", "trend"):
            assert key in columns
        await pilot.resize_terminal(160, 48)
        await settle(pilot)
        assert "estimate" in screen.query_one(ScoreboardTable).layout_columns


async def test_campaign_names_are_shown_literally(
    config: TeamConfig, store: Store, clock: FakeClock, meeting: Meeting
) -> None:
    assert meeting.id is not None
    campaign = add_campaign(store, HOSTILE, note="[red]x")
    record(store, campaign.id, meeting.id)
    app = app_for(config, store, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_board(pilot, store, config, clock, meeting)
        text = shown_text(app)
        assert "Messe [bold]Hannover[/bold] \\x1b[31m2026" in text
        assert "\x1b" not in text
        await pilot.press("f")
        await pilot.pause()
        assert "Messe [bold]Hannover[/bold] \\x1b[31m2026" in shown_text(app)


async def test_compact_scoreboard_shows_running_and_reported_campaigns(
    store: Store, meeting: Meeting
) -> None:
    assert meeting.id is not None
    running = add_campaign(store, "Anwendertag Süd 2026")
    finished = add_campaign(store, "Newsletter Q1 Bestandskunden", status=CampaignStatus.FINISHED)
    add_campaign(store, "Messe Hannover 2025", status=CampaignStatus.FINISHED)
    record(store, finished.id, meeting.id)

    class MeetingHost(App[None]):
        CSS_PATH = WIDGETS_CSS  # the scoreboard's frame, as every app loads it

        def compose(self) -> Any:
            yield CampaignScoreboard()

    app = MeetingHost()
    async with app.run_test(size=(100, 20)) as pilot:
        widget = app.query_one(CampaignScoreboard)
        widget.show_board(store.scoreboard(), store.meeting_numbers(), meeting.id, key="g")
        await pilot.pause()
        shown = [row.campaign.id for row in widget.query_one(ScoreboardTable).campaign_rows]
        assert shown == [running.id, finished.id]
        text = shown_text(app)
        assert "1 of 2 reported in this meeting" in text
        assert "g all campaigns" in text
        assert "Messe Hannover 2025" not in text


async def test_compact_scoreboard_shows_every_column_in_full(tmp_path: Path) -> None:
    """The name column takes only what the other columns leave once DataTable has
    measured their cells: the trend column at the right edge is never cut. It was, to
    "G…", when the name column was fitted before the rows were measured: now and then at
    160x48, every time after a resize that switched the column set."""
    clock = FakeClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    config = team_config(tmp_path)
    with Store.open(tmp_path / "demo.db", clock=clock) as store:
        fill_demo(store, config, today=date(2026, 11, 24))
        running = running_meeting(store, config, clock)
        assert running.id is not None
        record(store, store.scoreboard().rows[0].campaign.id, running.id)
        clock.advance(minutes=14)
        store.save_meeting(timebox.next_item(running, clock()))  # Campaign results to date
        app = app_for(config, store, clock, start=True)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            await pilot.pause(0.3)  # the campaigns wait for the first frame
            await settle(pilot)
            layouts = set()
            for size in [(160, 48), (120, 40), (160, 48), (100, 30), (160, 48)]:
                await pilot.resize_terminal(*size)
                await settle(pilot)
                table = meeting_screen(app).query_one(ScoreboardTable)
                assert len(table.campaign_rows) > 1 and "trend" in table.layout_columns
                layouts.add(table.layout_columns)
                columns = table.ordered_columns
                used = sum(column.get_render_width(table) for column in columns)
                assert used <= table.scrollable_content_region.width, size
                first, second = (column.label.plain for column in columns[:2])
                lines = shown_text(app).splitlines()
                header = next(line for line in lines if f"{first} " in line and second in line)
                for column in columns:
                    assert column.label.plain in header, (size, column.label.plain, header)
                for row in table.campaign_rows:
                    line = next(line for line in lines if row.campaign.name[:15] in line)
                    if len(gap_distances(row)) > 1:
                        assert any(bar in line for bar in "▁▂▃▄▅▆▇█"), (size, line)
            assert len(layouts) > 1  # the resizes switched the column set
