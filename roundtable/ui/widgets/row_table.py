"""The app's DataTable: Home and End go to the first and last row, as in a list; rows of
a known height are added in one go.

Textual's DataTable moves Home/End along the columns of the cursor's row, which in
tables of one row per entry (agenda, log, carry-over, statistics) does nothing
visible; ctrl+home/ctrl+end keep going to the top and bottom as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey, Row, RowKey

__all__ = ["RowTable"]


class RowTable(DataTable[Any]):
    """A `DataTable` whose Home and End move the cursor to the first and last row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]

    def add_sized_rows(self, rows: Iterable[tuple[str, Sequence[object], int]]) -> None:
        """Add `rows` (key, cells, height in lines) at the bottom, as `add_row` adds each.

        `add_row` re-sorts the columns, sets the cursor and counts a change for every
        row; hundreds of rows (a decade's carry-over) are one change here.
        """
        had_rows = bool(self.rows)
        columns = [column.key for column in self.ordered_columns]
        locations, data, table_rows, new_rows = (
            self._row_locations,
            self._data,
            self.rows,
            self._new_rows,
        )
        for key, cells, height in rows:
            row_key = RowKey(key)
            if row_key in locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            locations[row_key] = len(table_rows)
            data[row_key] = dict(zip_longest(columns, cells))
            table_rows[row_key] = Row(row_key, height)
            new_rows.add(row_key)
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        visible_cursor = self.show_cursor and self.cursor_type != "none"
        if not had_rows and self.rows and columns and visible_cursor:
            self._highlight_cursor()  # as add_row: the cursor has a row to highlight now
        self._update_count += 1
        self.check_idle()
