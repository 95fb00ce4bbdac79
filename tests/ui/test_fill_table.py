"""A fill table's first frame: the fill column takes its width in the first layout.

The first layout draws the screen's first frame before the tables hear of their size (the
Resize event comes after it). A fill column fitted only then would draw every table twice
and lay out the whole screen again at startup; fitted in that layout, the first frame
shows the table as it stays. Rows whose height depends on the width (wrapped text) are
still fitted on the Resize event, where they are measured again.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.events import Resize

from roundtable.ui.widgets.fill_table import FillTable


class Titles(FillTable):
    """Two columns, the title one filling the width; what its fill column had when the
    first Resize event arrived."""

    FILL_COLUMN = "title"

    def __init__(self, *, wrapped: bool = False) -> None:
        super().__init__()
        self.wrapped = wrapped
        self.at_first_resize: tuple[int, bool] | None = None

    def on_mount(self) -> None:
        self.add_column("#", key="number", width=2)
        self.add_column("Item", key="title", width=20)
        if self.wrapped:
            self.add_row("1", "Opening and welcome", height=None)
        else:
            self.add_row("1", "Opening")

    def on_resize(self, event: Resize) -> None:
        fill = self.fill_column()
        if self.at_first_resize is None and fill is not None:
            self.at_first_resize = (fill.width, fill.auto_width)
        super().on_resize(event)


class Host(App[None]):
    def __init__(self, table: Titles) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield self.table


async def test_fill_column_has_its_width_in_the_first_frame() -> None:
    table = Titles()
    async with Host(table).run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        fill = table.fill_column()
        assert fill is not None
        # Fitted: the two columns take the table's width (one cell of padding each side).
        assert fill.width == 60 - (2 + 2) - 2
        assert table.at_first_resize == (fill.width, False)


async def test_rows_of_wrapped_text_are_fitted_on_the_resize() -> None:
    table = Titles(wrapped=True)
    async with Host(table).run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        fill = table.fill_column()
        assert fill is not None
        assert fill.width == 60 - (2 + 2) - 2
        # Its row's height depends on the width: measured again once fitted, on the Resize.
        assert table.at_first_resize is not None
        assert table.at_first_resize[0] != fill.width
