"""The app's DataTable: Home and End go to the first and last row, as in a list.

Textual's DataTable moves Home/End along the columns of the cursor's row, which in
tables of one row per entry (agenda, log, carry-over, statistics) does nothing
visible; ctrl+home/ctrl+end keep going to the top and bottom as before.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable

__all__ = ["RowTable"]


class RowTable(DataTable[Any]):
    """A `DataTable` whose Home and End move the cursor to the first and last row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]
