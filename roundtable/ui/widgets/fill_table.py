"""A DataTable whose one flexible column takes the width the others leave."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.events import Resize
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets.data_table import Column, RowKey

from roundtable.ui.widgets.row_table import RowTable

__all__ = ["FillTable"]


class FillTable(RowTable):
    """A `DataTable` that widens `FILL_COLUMN` to the table's width on every resize, so a
    title column neither wastes the projector's width nor scrolls at 80 columns.

    The other columns may size themselves to their content. DataTable measures that
    content only when idle, after rows or cells were added or changed, so the fill
    column is sized after that measurement (`_update_dimensions`), never before it.
    Its first width comes with the first layout, before the table is first drawn
    (`_size_updated`).
    """

    FILL_COLUMN: ClassVar[str] = ""
    MIN_FILL_WIDTH: ClassVar[int] = 8

    _fitted_size: Size | None = None
    """The size its first layout fitted it to (see `_size_updated`)."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # In its first layout, before it is first drawn: the fill column gets its width
        # now, so the first frame shows the table as it stays (fitting on the Resize
        # event that follows would draw it twice and lay out the whole screen again for
        # the new widths). Later sizes are fitted on their Resize events, once the layout
        # (and the scroll position with it) has settled.
        changed, first = size != self._size, not self._size
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if changed:
            self._fitted_size = None
        if changed and first and self.size.width and self._fit_first_size():
            self._fitted_size = size
            # Set as the layout sets it (no second layout for it); the scrollbars follow.
            self.set_reactive(Widget.virtual_size, self._data_size())
            self._scroll_update(self.virtual_size)
            self.refresh()
        return resized

    def _fit_first_size(self) -> bool:
        """Fit the columns to the table's first size, in the layout that gives it; False
        leaves the fit to the Resize event (rows not measured yet, or rows whose height
        depends on the width and must be measured again)."""
        fill = self.fill_column()
        if fill is None or self._new_rows or self._updated_cells:
            return False
        if any(row.auto_height for row in self.rows.values()):
            return False
        fill.width = self.fill_width(self.scrollbar_shown())
        fill.auto_width = False
        self._clear_caches()
        return True

    def _data_size(self) -> Size:
        """The virtual size DataTable gives its rows and columns as they are now."""
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        return Size(width + self._row_label_column_width, self._total_row_height + header)

    def on_resize(self, event: Resize) -> None:
        if event.size == self._fitted_size:
            # Fitted in the layout that gave it this size, its drawn rows kept: DataTable's
            # own handler would count a change and draw them all again.
            self._fitted_size = None
            event.prevent_default()
        self.fit_columns()
        # A vertical scrollbar may come or go with the new size; fit again once it has.
        self.call_after_refresh(self.fit_columns)

    def fit_columns(self) -> bool:
        """Give the fill column what the region has left; True if its width changed.

        With rows or cells not measured yet it changes nothing: the other columns' widths
        are not known, and the fit follows their measurement by itself."""
        fill = self.fill_column()
        if fill is None or not self.size.width:
            return False
        if self._new_rows or self._updated_cells:
            # A fit from the header widths alone would leave the later columns too little
            # room once the cells are measured, and they would be cut at the right edge.
            self._require_update_dimensions = True
            self.check_idle()
            return False
        width = self.fill_width(self.scrollbar_shown())
        if fill.width != width or fill.auto_width:
            fill.width = width
            fill.auto_width = False
            self._widths_changed()
            return True
        return False

    def scrollbar_shown(self) -> bool:
        """Whether the vertical scrollbar takes room from the columns."""
        return self.show_vertical_scrollbar

    def fill_column(self) -> Column | None:
        """The column that takes the width the others leave."""
        return next((c for k, c in self.columns.items() if k.value == self.FILL_COLUMN), None)

    def fill_width(self, scrollbar: bool) -> int:
        """The width the fill column gets beside the others as they are now, with or
        without a vertical `scrollbar`."""
        fill = self.fill_column()
        others = sum(
            column.get_render_width(self) for column in self.columns.values() if column is not fill
        )
        # Leave room for a vertical scrollbar so a long list never scrolls sideways.
        room = self.styles.scrollbar_size_vertical if scrollbar else 0
        return max(self.MIN_FILL_WIDTH, self.size.width - others - 2 * self.cell_padding - room)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # DataTable's one place where new and changed cells are measured (when idle):
        # only now are the other columns' widths known, so fit the fill column to them.
        before = self._render_widths()
        new_rows = list(new_rows)
        if not self._measures(new_rows):
            # DataTable measures every new cell for the widths of columns that size to
            # their content and renders rows of automatic height to find it: with neither,
            # that would draw a decade's carry-over off screen for nothing. Its size stays.
            new_rows = []
        super()._update_dimensions(new_rows)
        if self._render_widths() != before:
            # Lines drawn before the measurement are cached with the old widths.
            self._clear_caches()
            self.refresh()
        # Textual decides on scrollbars when the size changes, not when the rows shrink:
        # a bar shown while wrapped rows were measured taller would stay (and keep its
        # two columns from the fill column) once they all fit. Decide again first.
        self._refresh_scrollbars()
        self.fit_columns()

    def _measures(self, new_rows: list[RowKey]) -> bool:
        """Whether measuring `new_rows` can change anything: a column sizes to its
        content, or a row has a label or an automatic height."""
        if any(column.auto_width for column in self.columns.values()):
            return True
        rows = self.rows
        return any(
            (row := rows.get(key)) is not None and (row.auto_height or row.label is not None)
            for key in new_rows
        )

    def _render_widths(self) -> tuple[int, ...]:
        return tuple(column.get_render_width(self) for column in self.ordered_columns)

    def _widths_changed(self) -> None:
        # DataTable caches drawn cells and lines by its update count, not by column width,
        # and has no public call to re-measure after a width changes.
        self._clear_caches()
        self._require_update_dimensions = True
        self.refresh(layout=True)
        self.check_idle()
