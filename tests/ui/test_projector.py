"""The meeting as the room sees it on the projector (issue 15).

A clock readable from the back at every size, the presentation view, the box in
colour with its way out, the review's action items readable with a year of history,
and the smaller things: footer words, palette, theme, screenshots. Real app, real
store, a fake clock.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.color import Color
from textual.widget import Widget

from roundtable.demo.history import fill_demo
from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.app import LIGHT_THEME, make_app
from roundtable.ui.preferences import Preferences
from roundtable.ui.screens.meeting.presentation import BoxFigure, PresentationScreen
from roundtable.ui.screens.meeting.screen import MeetingScreen
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.banner import Banner
from roundtable.ui.widgets.box_status import BoxStatus
from roundtable.ui.widgets.carry_over import CarryOverTable
from roundtable.ui.widgets.countdown import BigClock, Countdown, clock_lines, clock_scale
from roundtable.ui.widgets.item_panel import ItemPanel
from roundtable.ui.widgets.plain import PlainLabel
from tests.ui.conftest import (
    BERLIN,
    FakeClock,
    app_for,
    meeting_screen,
    running_meeting,
    settle,
    shown_text,
    team_config,
    tick,
)

SIZES = [(80, 24), (160, 48), (240, 67)]


def clock_rows(app: App[None]) -> int:
    """The lines the countdown's digits take on screen now."""
    return app.screen.query_one(Countdown).ink_rows


def assert_whole(clock: BigClock) -> None:
    """The figure is drawn in big digits, completely: it fits the widget, none cut."""
    width, height = clock.content_size
    assert clock_scale(clock.value, width, height) is not None, (clock.value, width, height)
    lines = clock_lines(clock.value, width, height)
    assert len(lines) == height
    assert all(cell_len(line) == width for line in lines)
    assert any(line.strip() for line in lines), "nothing drawn"


# --- the big clock ---------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48", "240x67"])
async def test_the_countdown_uses_the_room_it_has(
    config: TeamConfig, store: Store, clock: FakeClock, size: tuple[int, int]
) -> None:
    running_meeting(store, config, clock)
    clock.advance(minutes=3)
    app = app_for(config, store, clock, start=True)
    _width, height = size
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        countdown = app.screen.query_one(Countdown)
        assert countdown.text == "12:00"
        rows = clock_rows(app)
        if size == (80, 24):
            # Big digits still, five lines of 24: more than a fifth of the screen.
            assert rows >= 5
        else:
            # On the projector at least a quarter of the height, growing with it.
            assert rows >= height / 4, (size, rows)
        assert_whole(countdown)
        # Overrunning grows a sign (and the box warning a line): still whole, still big.
        clock.advance(minutes=14, seconds=5)
        tick(app)
        await pilot.pause()
        assert countdown.text == "+02:05"
        assert_whole(countdown)
        assert clock_rows(app) >= (5 if size == (80, 24) else height / 4)


async def test_the_clock_grows_with_the_terminal(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = []
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            seen.append(clock_rows(app))
        assert seen == sorted(seen) and seen[0] < seen[-1], seen
        # Smaller than 80x24 the figure becomes one plain line, never cut.
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert "15:00" in shown_text(app)


# --- the presentation view ------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48", "240x67"])
async def test_presentation_shows_item_owner_countdown_and_box(
    config: TeamConfig, store: Store, clock: FakeClock, size: tuple[int, int]
) -> None:
    running_meeting(store, config, clock)
    clock.advance(minutes=5)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        board_rows = clock_rows(app)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PresentationScreen)
        text = shown_text(app)
        assert "Open action items" in text
        assert "Sales Marketing (Absatzmarketing) · Katrin Vogel" in text
        assert "Left in the box" in text
        assert screen.countdown_text == "10:00"
        countdown = screen.query_one(Countdown)
        assert_whole(countdown)
        # As large as possible: bigger than on the board, and most of the screen's height.
        assert countdown.ink_rows > board_rows
        if size != (80, 24):
            assert countdown.ink_rows >= 0.4 * size[1], (size, countdown.ink_rows)
        box = screen.query_one(BoxFigure)
        assert box.has_class("-box-ok")
        assert box.query_one("#box-figure-left", BigClock).value == "2:55"


async def test_presentation_keeps_the_meeting_running_and_returns(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PresentationScreen)
        # Its own clock: a second later it shows a second less.
        clock.advance(minutes=1)
        screen.refresh_clocks()
        assert screen.countdown_text == "14:00"
        # Next and break work from here; the meeting screen does them.
        await pilot.press("n")
        await settle(pilot)
        running = store.running_meeting()
        assert running is not None and running.current == 1
        assert "Campaign results to date" in shown_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert "Resume" in shown_text(app)
        assert screen.query_one(Banner).has_class("-paused")
        await pilot.press("space")
        await settle(pilot)
        # Esc, like v, goes back to the board; the meeting never stopped.
        await pilot.press("escape")
        await settle(pilot)
        board = meeting_screen(app)
        assert board.meeting.current == 1
        assert store.running_meeting() is not None
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)


async def test_present_is_in_the_footer_and_the_palette(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "v Present" in shown_text(app).splitlines()[-1]
        titles = [str(command.title) for command in app.get_system_commands(app.screen)]
        assert "Present" in titles
        # The palette offers the app's commands once, and no cursor or copy keys.
        assert titles.count("Action items") == 1
        assert titles.count("Campaigns") == 1
        assert not [title for title in titles if title.startswith("Cursor")]
        assert "Copy selected text" not in titles


# --- the box: colour by state, the way out beside the warning ------------------------


async def test_box_figures_take_the_box_state_colour(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        box = app.screen.query_one(BoxStatus)
        left = app.screen.query_one("#box-left", PlainLabel)
        colours = {}
        assert box.has_class("-box-ok")
        colours["ok"] = left.styles.color
        # Ten minutes over the first item: the agenda fills the box, so the items left
        # no longer fit.
        clock.advance(minutes=25)
        tick(app)
        await pilot.pause()
        assert box.has_class("-box-over")
        colours["over"] = left.styles.color
        big = app.screen.query_one("#box-left-big", BigClock)
        assert big.has_class("-box-over")
        assert big.value == "2:35"
        # Rebalanced they fit again, but the running item still eats into them.
        await pilot.press("r")
        await settle(pilot)
        assert box.has_class("-box-tight")
        colours["tight"] = left.styles.color
        assert len(set(colours.values())) == 3, colours


async def test_box_warning_says_what_does_not_fit_with_the_keys_beside_it(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        clock.advance(minutes=50)
        tick(app)
        await pilot.pause()
        banner = app.screen.query_one(Banner)
        assert banner.has_class("-late")
        assert banner.shown.startswith("At this pace")
        assert banner.keys_shown == " r  Rebalance   f  Defer"
        # On the same line of the screen as the sentence.
        line = next(row for row in shown_text(app).splitlines() if "At this pace" in row)
        assert "r  Rebalance" in line and "f  Defer" in line
        await pilot.press("r")
        await settle(pilot)
        assert not banner.has_class("-shown")


async def test_the_warning_border_is_not_the_focus_border(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        agenda = app.screen.query_one(AgendaList)
        assert agenda.has_focus
        focus_colour = agenda.styles.border_top[1]
        clock.advance(minutes=14)  # the last minute: the item warns
        tick(app)
        await pilot.pause()
        panel = app.screen.query_one(ItemPanel)
        assert panel.has_class("-warning")
        assert panel.styles.border_top[1] != focus_colour
        clock.advance(minutes=2)
        tick(app)
        await pilot.pause()
        assert panel.has_class("-overrun")
        assert panel.styles.border_top[1] != focus_colour


# --- the footer during a break, the end dialog --------------------------------------


async def test_footer_says_resume_during_a_break_and_the_break_counts(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        footer = shown_text(app).splitlines()[-1]
        assert "space Pause" in footer and "Resume" not in footer
        await pilot.press("space")
        await settle(pilot)
        footer = shown_text(app).splitlines()[-1]
        assert "space Resume" in footer and "Pause" not in footer
        clock.advance(minutes=12)
        tick(app)
        await pilot.pause()
        banner = app.screen.query_one(Banner)
        assert banner.shown.startswith("Break since 09:00, 12 min so far")
        assert banner.keys_shown == " space  Resume"
        await pilot.press("space")
        await settle(pilot)
        assert "space Pause" in shown_text(app).splitlines()[-1]


async def test_end_dialog_counts_one_item(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock, agenda_id="quick-sync")
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert "1 item not yet started will be deferred" in shown_text(app)


# --- the review item with a year of history -----------------------------------------


@pytest.fixture
def year_of_history(tmp_path: Path) -> tuple[TeamConfig, Path, FakeClock]:
    """The demo's year of round tables, and today's meeting started at its review."""
    clock = FakeClock()
    config = team_config(tmp_path)
    with Store.open(tmp_path / "demo.db", clock=clock) as store:
        fill_demo(store, config, today=date(2026, 3, 2), meetings=26)
        running_meeting(store, config, clock)
    return config, tmp_path / "demo.db", clock


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
async def test_review_gives_each_action_text_the_width(
    year_of_history: tuple[TeamConfig, Path, FakeClock], size: tuple[int, int]
) -> None:
    config, db_file, clock = year_of_history
    with Store.open(db_file, clock=clock) as store:
        app = app_for(config, store, clock, start=True)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            table = app.screen.query_one(CarryOverTable)
            assert table.display and table.row_count >= 5
            columns = {key.value: column for key, column in table.columns.items()}
            text_width = columns["text"].get_render_width(table) - 2 * table.cell_padding
            owner_width = columns["owner"].get_render_width(table) - 2 * table.cell_padding
            # The action's text gets the width, the owner a narrow column.
            assert text_width >= 0.35 * table.size.width, (text_width, table.size.width)
            assert owner_width <= 18 and owner_width < text_width
            # Every text is there in full: its row has the lines it needs at that width.
            for key, row in table.rows.items():
                action = next(a for a in (table._rows) if a.ref == key.value)
                needed = len(Text(action.text).wrap(app.console, text_width))
                assert row.height >= needed, (action.text, row.height, text_width)
                assert row.height <= needed + 2
            first = table._rows[0]
            screen_text = " ".join(shown_text(app).split())
            for word in first.text.split():
                assert word in screen_text, word


async def test_item_notes_wrap_over_lines(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    agenda = config.agendas[0]
    notes = (
        "Controlling reports each campaign's sales success so far; the estimates of "
        "sales marketing meet reality here, and every gap over ten percent is named."
    )
    items = (replace(agenda.items[0], notes=notes), *agenda.items[1:])
    config = replace(config, agendas=(replace(agenda, items=items), *config.agendas[1:]))
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        label = app.screen.query_one("#item-notes", PlainLabel)
        assert label.size.height >= 2
        assert label.size.height * label.size.width >= len(notes)
        screen_text = " ".join(shown_text(app).split())
        assert "every gap over ten percent is named." in screen_text


# --- theme, screenshots ---------------------------------------------------------------


async def test_the_light_theme_is_white_and_remembered(
    config: TeamConfig, store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "state" / "preferences.json"
    running_meeting(store, config, clock)
    app = make_app(
        config, store, clock, start=True, timezone=BERLIN, preferences=Preferences.load(path)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == LIGHT_THEME
        assert app.screen.styles.background == Color.parse("#FFFFFF")
    assert json.loads(path.read_text())["theme"] == LIGHT_THEME
    again = make_app(
        config, store, clock, start=True, timezone=BERLIN, preferences=Preferences.load(path)
    )
    assert again.theme == LIGHT_THEME
    # A file that is not ours means the default, not a refused start.
    path.write_text("{not json")
    assert Preferences.load(path).theme is None


async def test_screenshot_without_a_downloads_folder(
    config: TeamConfig,
    store: Store,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not (home / "Downloads").exists()
        app.deliver_screenshot()
        await pilot.pause()
        saved = list(home.glob("*.svg"))
        assert len(saved) == 1
        assert saved[0].read_text().startswith("<svg")
        notes = [n.message for n in app._notifications]
        assert any(str(saved[0]) in note for note in notes), notes


# --- idle: only what changes is repainted ---------------------------------------------


async def test_idle_seconds_repaint_only_the_countdown(
    config: TeamConfig, store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    store.add_decision(meeting.id, 0, "Alle offenen Punkte sind besprochen")
    clock.advance(seconds=20)  # ten seconds inside one minute: the box figures stay
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        repainted: list[tuple[str, bool]] = []
        refresh = Widget.refresh

        def counting(widget: Widget, *regions: object, **options: bool) -> Widget:
            layout = bool(options.get("layout") or options.get("recompose"))
            repainted.append((type(widget).__name__, layout))
            return refresh(widget, *regions, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(Widget, "refresh", counting)
        for _second in range(10):
            clock.advance(seconds=1)
            tick(app)
            await pilot.pause()
        monkeypatch.undo()
        # Ten seconds: the countdown ten times, a part of it each time; nothing else,
        # no layout, no table.
        assert repainted == [("Countdown", False)] * 10, repainted
