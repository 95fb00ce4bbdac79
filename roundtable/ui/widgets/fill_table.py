"""A DataTable whose one flexible column takes the width the others leave."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.events import Resize
from textual.widgets import DataTable

__all__ = ["FillTable"]


class FillTable(DataTable[Any]):
    """A `DataTable` that widens `FILL_COLUMN` to the table's width on every resize, so a
    title column neither wastes the projector's width nor scrolls at 80 columns."""

    FILL_COLUMN: ClassVar[str] = ""
    MIN_FILL_WIDTH: ClassVar[int] = 8

    def on_resize(self, event: Resize) -> None:
        self.fit_columns()
        # A vertical scrollbar may come or go with the new size; fit again once it has.
        self.call_after_refresh(self.fit_columns)

    def fit_columns(self) -> bool:
        """Give the fill column what the region has left; True if its width changed."""
        fill = next((c for k, c in self.columns.items() if k.value == self.FILL_COLUMN), None)
        if fill is None or not self.size.width:
            return False
        others = sum(
            column.get_render_width(self) for column in self.columns.values() if column is not fill
        )
        # Leave room for a vertical scrollbar so a long list never scrolls sideways.
        scrollbar = self.styles.scrollbar_size_vertical if self.show_vertical_scrollbar else 0
        width = max(
            self.MIN_FILL_WIDTH, self.size.width - others - 2 * self.cell_padding - scrollbar
        )
        if fill.width != width or fill.auto_width:
            fill.width = width
            fill.auto_width = False
            # DataTable has no public call to re-measure after a column width changes.
            self._require_update_dimensions = True
            self.refresh(layout=True)
            return True
        return False
