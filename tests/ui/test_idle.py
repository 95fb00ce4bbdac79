"""A running meeting that nobody touches (issue 15, "Idle"): each second moves a few cells
of the countdown, and nothing else is worked on, asked to paint or sent twice.

Real app, real store, a fake clock; calls are counted on the real widgets.
"""

from __future__ import annotations

from collections import Counter

import pytest
from textual._compositor import Compositor
from textual.geometry import Region
from textual.widget import Widget

from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.partial_paint import PartialPaintCompositor
from roundtable.ui.widgets.countdown import Countdown
from roundtable.ui.widgets.plain import PlainLabel
from tests.ui.conftest import FakeClock, app_for, meeting_screen, running_meeting, settle, tick


async def test_a_second_asks_only_the_widgets_under_the_countdown_to_paint(
    config: TeamConfig, store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    running_meeting(store, config, clock)
    clock.advance(seconds=20)  # ten seconds inside one minute: only the seconds move
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await settle(pilot)
        asked: Counter[str] = Counter()
        render_lines = Widget.render_lines

        def counting(widget: Widget, crop: Region) -> list[object]:
            asked[type(widget).__name__ if widget.id is None else f"#{widget.id}"] += 1
            return render_lines(widget, crop)  # type: ignore[return-value]

        monkeypatch.setattr(Widget, "render_lines", counting)
        for _second in range(10):
            clock.advance(seconds=1)
            tick(app)
            await pilot.pause()
        monkeypatch.undo()
    # The countdown and what it sits in, once a second each; not the header, footer,
    # agenda, forecast line or the labels beside the digits.
    assert set(asked) == {"MeetingScreen", "#top", "#item-panel", "#countdown"}, asked
    assert asked["#countdown"] == 10, asked


async def test_a_second_inside_a_minute_gives_no_label_anything_to_show(
    config: TeamConfig, store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    running_meeting(store, config, clock)
    clock.advance(seconds=20)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await settle(pilot)
        shown: list[str | None] = []
        show = PlainLabel.show

        def counting(label: PlainLabel, text: object) -> None:
            shown.append(label.id)
            show(label, text)  # type: ignore[arg-type]

        monkeypatch.setattr(PlainLabel, "show", counting)
        before = meeting_screen(app).query_one(Countdown).text
        for _second in range(10):
            clock.advance(seconds=1)
            tick(app)
        await pilot.pause()
        monkeypatch.undo()
        after = meeting_screen(app).query_one(Countdown).text
    # The box figures, the caption, the banner and the forecast line are in minutes:
    # recomputed each second, none of them is told anything.
    assert before != after
    assert shown == [], shown


@pytest.mark.parametrize(
    ("size", "region"),
    [
        ((160, 48), Region(60, 8, 3, 2)),  # a digit of the countdown
        ((160, 48), Region(70, 2, 30, 12)),  # across the item panel and the time box
        ((160, 48), Region(0, 17, 160, 6)),  # the banner, the forecast line, the agenda
        ((160, 48), Region(0, 45, 160, 3)),  # the agenda's foot and the footer
        ((60, 20), Region(40, 18, 20, 2)),  # a footer key cut off by the screen's edge
    ],
    ids=["digit", "panels", "middle", "foot", "cut-off"],
)
async def test_a_partial_repaint_sends_the_terminal_what_textual_would(
    config: TeamConfig, store: Store, clock: FakeClock, size: tuple[int, int], region: Region
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = meeting_screen(app)
        assert isinstance(screen._compositor, PartialPaintCompositor)
        sent = []
        for compositor in (Compositor(), PartialPaintCompositor()):
            compositor.reflow(screen, screen.size)
            compositor._dirty_regions.add(region)
            update = compositor.render_update()
            assert update is not None
            sent.append(update.render_segments(app.console))
    textual, narrowed = sent
    assert narrowed == textual
    assert narrowed.strip()
