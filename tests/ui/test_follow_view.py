"""The follow view shows what the room sees: the carry-over by owner while the review
item runs, the campaign results (figures recorded from controlling's terminal appear
live) while sales controlling's item runs; `o` opens the action items read-only to pick
one owner's; `m` hands over the last ended meeting's minutes. It never writes."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from textual import constants
from textual.widgets import Select

from roundtable.domain import timebox
from roundtable.domain.campaigns import CampaignStatus, Channel
from roundtable.domain.config import TeamConfig
from roundtable.domain.entries import ActionStatus
from roundtable.store.store import Store
from roundtable.ui.follow import FollowApp, follow_preferences, make_follow_app
from roundtable.ui.preferences import Preferences
from roundtable.ui.screens.follow import FollowScreen
from roundtable.ui.screens.follow_actions import FollowActionItemsScreen
from roundtable.ui.store_app import DARK_THEME, LIGHT_THEME
from roundtable.ui.widgets.action_table import ActionTable
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.carry_over import CarryOverTable
from roundtable.ui.widgets.scoreboard import CampaignScoreboard
from tests.ui.conftest import BERLIN, FakeClock, running_meeting, settle, shown_text, wait_until

POLL = 0.05


def files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def follow_app(config: TeamConfig, db_file: Path, clock: FakeClock) -> tuple[FollowApp, Store]:
    viewer = Store.open(db_file, read_only=True, clock=clock)
    return make_follow_app(config, viewer, clock, timezone=BERLIN, poll_seconds=POLL), viewer


def last_meeting_with_an_open_item(store: Store, config: TeamConfig, clock: FakeClock) -> None:
    """Two weeks ago a meeting gave dialog marketing an action item; it ended."""
    clock.advance(days=-14)
    first = running_meeting(store, config, clock)
    assert first.id is not None
    store.add_action(
        "Leadliste an den Vertrieb", "dialog-marketing", date(2026, 2, 20), first.id, 0
    )
    store.add_action("Messestand buchen", "marketing-communication", None, first.id, 0)
    clock.advance(minutes=90)
    store.save_meeting(timebox.end(first, clock()))
    clock.advance(days=14, minutes=-90)


async def test_the_review_item_shows_the_carry_over_by_owner_and_then_the_agenda_again(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    last_meeting_with_an_open_item(store, config, clock)
    meeting = running_meeting(store, config, clock)
    app, viewer = follow_app(config, db_file, clock)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            screen = app.screen
            assert isinstance(screen, FollowScreen)
            await wait_until(pilot, lambda: bool(screen.query(CarryOverTable)))
            await settle(pilot)
            table = screen.query_one(CarryOverTable)
            assert table.display and not screen.query_one(AgendaList).display
            text = shown_text(app)
            assert "2 open from earlier meetings" in text
            assert "Leadliste an den Vertrieb" in text
            assert "Dialog Marketing" in text  # grouped under its owner's role
            assert not table.can_focus  # only to read: no done/owner keys in the footer
            assert "Done/reopen" not in text

            # An attendee closes one from their terminal: the view follows.
            store.set_action_status("A-1", ActionStatus.DONE, meeting.id)
            await wait_until(pilot, lambda: "1 open from earlier meetings" in shown_text(app))

            store.save_meeting(timebox.next_item(meeting, clock()))
            await wait_until(pilot, lambda: screen.query_one(AgendaList).display)
            assert not table.display
    finally:
        viewer.close()
        app.store_thread.close()


async def test_controllings_item_shows_the_campaign_results_and_new_figures_live(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    campaign = store.add_campaign(
        "Anwendertag Süd 2026",
        owner="marketing-communication",
        channel=Channel.EVENT,
        start=date(2026, 2, 2),
        end=date(2026, 3, 27),
        budget=Decimal("20000"),
        status=CampaignStatus.RUNNING,
    )
    assert campaign.id is not None
    meeting = timebox.next_item(meeting, clock())
    store.save_meeting(meeting)
    app, viewer = follow_app(config, db_file, clock)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            screen = app.screen
            assert isinstance(screen, FollowScreen)
            await wait_until(pilot, lambda: bool(screen.query(CampaignScoreboard)))
            await wait_until(pilot, lambda: "Anwendertag Süd 2026" in shown_text(app))
            assert not screen.query_one(AgendaList).display
            # Framed as on the projector: the follow app loads widgets.tcss too.
            board = screen.query_one(CampaignScoreboard)
            assert board.styles.border_top[0] == "round"
            assert board.styles.border_title_style.bold
            # Controlling reports from their own terminal (`roundtable figures`).
            store.record_snapshot(
                campaign.id,
                meeting.id,
                leads=1234,
                accepted=56,
                won=7,
                estimated_revenue=Decimal("180000"),
                actual_revenue=Decimal("42000"),
            )
            await wait_until(pilot, lambda: "1,234" in shown_text(app))
            store.save_meeting(timebox.next_item(meeting, clock()))
            await wait_until(pilot, lambda: screen.query_one(AgendaList).display)
            assert not screen.query_one(CampaignScoreboard).display
    finally:
        viewer.close()
        app.store_thread.close()


async def test_o_lists_one_owners_action_items_and_changes_none(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path
) -> None:
    last_meeting_with_an_open_item(store, config, clock)
    running_meeting(store, config, clock)
    app, viewer = follow_app(config, db_file, clock)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            screen = app.screen
            assert isinstance(screen, FollowScreen)
            await wait_until(pilot, lambda: screen.meeting is not None)
            await pilot.press("o")
            await wait_until(pilot, lambda: isinstance(app.screen, FollowActionItemsScreen))
            actions = app.screen
            table = actions.query_one(ActionTable)
            await wait_until(pilot, lambda: table.row_count == 2)
            owner: Select[str] = actions.query_one("#owner", Select)
            await wait_until(pilot, lambda: owner.expanded)  # the overlay of choices has the focus
            owner.value = "role:dialog-marketing"
            owner.expanded = False
            await wait_until(pilot, lambda: table.row_count == 1)
            assert "Leadliste an den Vertrieb" in shown_text(app)
            text = shown_text(app)
            for change in ("Done/reopen", "Drop", "Undo"):
                assert change not in text
            before = files(db_file.parent)
            table.focus()
            for key in ("enter", "delete", "w", "u", "ctrl+o", "ctrl+z"):
                await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, FollowActionItemsScreen)  # no form opened
            assert files(db_file.parent) == before
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, FollowScreen))
    finally:
        viewer.close()
        app.store_thread.close()
    assert store.action("A-1").status is ActionStatus.OPEN


async def test_m_hands_over_the_last_ended_meetings_minutes(
    config: TeamConfig, store: Store, clock: FakeClock, db_file: Path, tmp_path: Path
) -> None:
    app, viewer = follow_app(config, db_file, clock)
    delivered: list[tuple[str, str | None, str | None]] = []

    def deliver_text(path_or_file: object, **options: object) -> str:
        assert hasattr(path_or_file, "read")
        delivered.append(
            (
                path_or_file.read(),  # type: ignore[attr-defined]
                options.get("save_filename"),  # type: ignore[misc]
                options.get("mime_type"),  # type: ignore[misc]
            )
        )
        return "key"

    told: list[str] = []
    notify = app.notify

    def told_too(message: str, **options: object) -> None:
        told.append(message)
        notify(message, **options)  # type: ignore[arg-type]

    try:
        async with app.run_test(size=(120, 36)) as pilot:
            app.notify = told_too  # type: ignore[method-assign]
            # The delivery itself is Textual's (to the browser, or the downloads folder);
            # what is handed to it is ours.
            app.deliver_text = deliver_text  # type: ignore[method-assign,assignment]
            screen = app.screen
            assert isinstance(screen, FollowScreen)
            await wait_until(pilot, lambda: screen.read_once)
            await pilot.press("m")
            await wait_until(pilot, lambda: any("No meeting has ended yet" in t for t in told))
            assert delivered == []

            last_meeting_with_an_open_item(store, config, clock)
            running_meeting(store, config, clock)  # the running one has no minutes yet
            await pilot.press("m")
            await wait_until(pilot, lambda: bool(delivered))
            markdown, name, mime = delivered[0]
            assert name == "minutes-1-2026-02-16.md"
            assert mime == "text/markdown"
            assert markdown.startswith("# ")
            assert "Leadliste an den Vertrieb" in markdown
            assert "The minutes of meeting 1 are on their way" in told[-1]
    finally:
        viewer.close()
        app.store_thread.close()


async def test_the_follow_view_remembers_its_own_theme_and_starts_in_the_meetings(
    config: TeamConfig,
    store: Store,
    clock: FakeClock,
    db_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "state" / "preferences.json"
    running_meeting(store, config, clock)
    # On the projector the light theme was chosen: the follow view opens in it too.
    assert Preferences.load(path).save_theme(LIGHT_THEME)
    viewer = Store.open(db_file, read_only=True, clock=clock)
    try:
        app = make_follow_app(
            config, viewer, clock, timezone=BERLIN, preferences=follow_preferences(path)
        )
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert app.theme == LIGHT_THEME
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert app.theme == DARK_THEME
        # Remembered for the follow view; the projector's theme stays as it was.
        assert json.loads(path.read_text()) == {"theme": LIGHT_THEME, "follow_theme": DARK_THEME}
        again = make_follow_app(config, viewer, clock, preferences=follow_preferences(path))
        assert again.theme == DARK_THEME
        assert Preferences.load(path).theme == LIGHT_THEME
    finally:
        viewer.close()
    # In a browser every viewer is a follow process of the server's user: nothing is
    # read from or written to that user's file.
    monkeypatch.setattr(constants, "DRIVER", "textual.drivers.web_driver:WebDriver")
    assert follow_preferences(path) == Preferences()
