"""The carry-over's rows are as tall as their cells draw: heights counted from the plain
text (not drawn) match Rich's wrap of each cell as the table draws it, for texts that are
hard to wrap, at the projector's width and at 80 columns, and after a resize."""

from __future__ import annotations

from datetime import UTC, date, datetime

from rich.text import Text
from textual.app import App, ComposeResult

from roundtable.domain import timebox
from roundtable.domain.carry_over import OwnerGroup
from roundtable.domain.config import TeamConfig
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.store.store import Store
from roundtable.ui.store_app import StoreApp
from roundtable.ui.widgets.carry_over import CarryOverTable
from roundtable.ui.widgets.table_cell import Cell
from tests.ui.conftest import (
    FakeClock,
    app_for,
    meeting_screen,
    running_meeting,
    table_settled,
    wait_until,
)

TRICKY = [
    "TextualはPythonの高速アプリケーション開発フレームワークです、見積もりを更新する",
    "Launch 🚀 party 🎉🎉🎉 with the team 👍🏽 and 👨‍👩‍👧 for the kick-off 🚀🚀🚀🚀 and more",
    "Cafe\u0301 re\u0301sume\u0301 nai\u0308ve co\u0308operation Zu\u0308rich Mu\u0308nchen",
    "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellerverband prüfen",
    "https://example.com/a/very/long/path/that/never/breaks/anywhere/at/all/and/on",
    "Owner:\tMonika\tdue\tFriday\nplease check the figures\tagain",
    "bell \x07 escape \x1b[31m red \x1b[0m and bidi \u202e override in the text",
    "Leadliste Frühjahrskampagne an den Vertrieb",
]


def drawn_lines(table: CarryOverTable, cells: list[object]) -> int:
    """The lines the row's tallest cell wraps to as the table draws it."""
    widths = [
        column.get_render_width(table) - 2 * table.cell_padding for column in table.ordered_columns
    ]
    lines = []
    for cell, width in zip(cells, widths, strict=True):
        assert isinstance(cell, Cell)
        text = cell.__rich__()
        assert isinstance(text, Text) and text.plain == cell.plain
        lines.append(len(text.wrap(table.app.console, width)))
    return max(lines)


async def test_rows_are_as_tall_as_their_cells_draw(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    clock.advance(days=-14)
    earlier = running_meeting(store, config, clock)
    assert earlier.id is not None
    owners = ["dialog-marketing", "Jürgen Weber-Schönfeld-Überlingen", None, "sales-marketing"]
    for number, text in enumerate(TRICKY):
        store.add_action(text, owners[number % len(owners)], None, earlier.id, 1)
    clock.advance(minutes=170)
    store.save_meeting(timebox.end(earlier, clock()))
    clock.advance(days=14, minutes=-170)
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: bool(meeting_screen(app).query(CarryOverTable)))
        table = meeting_screen(app).query_one(CarryOverTable)
        await wait_until(pilot, lambda: table.row_count == len(TRICKY))
        for size in ((160, 48), (80, 24), (100, 30)):
            await pilot.resize_terminal(*size)
            await table_settled(pilot, table)
            heights = [row.height for row in table.ordered_rows]
            drawn = [drawn_lines(table, table.get_row_at(i)) for i in range(table.row_count)]
            assert heights == drawn, size
            # Somewhere a text wraps (else this would show nothing).
            assert max(heights) > 1


class OneTable(App[None]):
    CSS_PATH = StoreApp.CSS_PATH

    def compose(self) -> ComposeResult:
        yield CarryOverTable()


async def test_a_ref_is_shown_whole_however_many_items_came_before() -> None:
    # After years of meetings refs outgrow the column's five cells ("A-2350" wrapped
    # to "A-235" and "0" on the projector).
    opened = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    actions = tuple(
        ActionItem(
            number, ref, "Leadliste an den Vertrieb", "sales", None, ActionStatus.OPEN, 1, 1, opened
        )
        for number, ref in ((12, "A-12"), (2350, "A-2350"), (123456, "A-123456"))
    )
    group = OwnerGroup("sales", None, False, actions, 0)
    app = OneTable()
    async with app.run_test(size=(120, 20)) as pilot:
        table = app.query_one(CarryOverTable)
        table.show_groups([group], date(2026, 12, 2))
        await wait_until(pilot, lambda: table.row_count == len(actions))
        await pilot.pause()
        ref = next(c for k, c in table.columns.items() if k.value == "ref")
        assert ref.get_render_width(table) - 2 * table.cell_padding == len("A-123456")
        # The first row is two lines high for its owner ("sales (not in roles)") only.
        assert [row.height for row in table.ordered_rows][1:] == [1, 1]
        lines = [table.render_line(y).text for y in range(table.size.height)]
        for action in actions:
            assert any(action.ref in line for line in lines), lines
