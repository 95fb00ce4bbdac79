"""The carry-over: open action items from earlier meetings, grouped by owner.

Shown in the meeting screen while its review item runs (and on a key at any time). It
only shows what it is handed; its keys ask the screen to close, re-assign, re-date or
drop the item under the cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.theme import Theme

from roundtable.domain.carry_over import OwnerGroup
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.l10n import format_date
from roundtable.domain.text import single_line
from roundtable.i18n import N_, _
from roundtable.ui.action_changes import status_text
from roundtable.ui.format import date_width
from roundtable.ui.widgets.fill_table import FillTable
from roundtable.ui.widgets.table_cell import Cell
from roundtable.ui.widgets.theme_follower import ThemeFollower

__all__ = ["CarryOverTable", "group_label"]


def group_label(group: OwnerGroup) -> str:
    """Who a group belongs to, in words: a role's title, a person's name, nobody."""
    if group.owner is None:
        return _("nobody yet")
    if group.is_role and group.role is not None:
        return single_line(group.role.title)
    if group.role is None:
        return _("{name} (not in roles)").format(name=single_line(group.owner))
    return single_line(group.owner)


class CarryOverTable(FillTable, ThemeFollower):
    """One row per carried-over item, the owner named on the first row of each group.

    The action's text gets the width: the owner column stays narrow, and a text (or an
    owner's name) longer than its column wraps onto more lines of its row instead of
    being cut. Row keys are the items' refs; the cursor stays on its item when the rows
    change.
    """

    FILL_COLUMN = "text"
    MAX_OWNER_WIDTH: ClassVar[int] = 18
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "carry-over--owner",
        "carry-over--overdue",
        "carry-over--closed",
        "carry-over--unknown",
    }
    # Not in the footer: the table's border names them where the cursor is, and the
    # meeting's own keys need the footer's whole width (German on the projector).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", N_("Done/reopen"), id="carry-over-done", show=False),
        Binding("w", "screen.carry_owner", N_("Owner"), id="carry-over-owner", show=False),
        Binding("u", "screen.carry_due", N_("Due"), id="carry-over-due", show=False),
        Binding("delete", "screen.carry_drop", N_("Drop"), id="carry-over-drop", show=False),
    ]

    REF_WIDTH: ClassVar[int] = 5
    """The ref column's width unless a ref shown is longer ("A-12")."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self._groups: list[OwnerGroup] = []
        self._today: date | None = None
        self._rows: list[ActionItem] = []
        self._cells_shown: list[tuple[Cell, ...]] = []
        """Each row's cells, as added (their lines are counted again at a new width)."""
        self._line_counts: dict[tuple[str, int, bool], int] = {}
        """Lines a cell's text wraps to, by (text, width, folded), at the column widths
        last counted for: a rebuild after one item changed counts only its lines."""
        self._counted_widths: tuple[int, ...] = ()

    def on_mount(self) -> None:
        labels = (_("Owner"), _("Ref"), _("Action"), _("Due"), _("State"))
        # As wide as the longest state in the language shown ("überfällig" in German).
        states = (_("overdue"), *(status_text(status) for status in ActionStatus))
        widths = (14, self.REF_WIDTH, 20, date_width(), max(8, *map(cell_len, states)))
        for key, label, width in zip(
            ("owner", "ref", "text", "due", "state"), labels, widths, strict=True
        ):
            self.add_column(Text(label), key=key, width=width)
        self.follow_theme(self._on_theme_changed)
        self.fit_columns()
        if self._groups:
            # Handed its rows before it was mounted (it is built when first needed).
            self._rebuild()

    @property
    def groups(self) -> list[OwnerGroup]:
        """The groups shown now."""
        return list(self._groups)

    @property
    def selected(self) -> ActionItem | None:
        """The item under the cursor, if any."""
        if not self._rows:
            return None
        return self._rows[min(self.cursor_row, len(self._rows) - 1)]

    def show_groups(self, groups: Sequence[OwnerGroup], today: date) -> None:
        """Show `groups`; nothing is redrawn when they are what is shown already."""
        groups = list(groups)
        if groups == self._groups and today == self._today:
            return
        selected = self.selected
        self._groups, self._today = groups, today
        self._rows = [action for group in groups for action in group.actions]
        if not self.columns:
            return  # not mounted yet: on_mount shows them
        self._rebuild()
        refs = [action.ref for action in self._rows]
        if selected is not None and selected.ref in refs:
            self.move_cursor(row=refs.index(selected.ref))

    def _fit_owner_column(self) -> int:
        """Make the owner column as wide as the longest name shown (within limits)."""
        width = max((cell_len(group_label(g)) for g in self._groups), default=0)
        # Narrow on a narrow table too: a longer name wraps, the action keeps the room.
        widest = min(self.MAX_OWNER_WIDTH, max(10, self.size.width // 6))
        width = max(min(width, widest), 10)
        column = next((c for k, c in self.columns.items() if k.value == "owner"), None)
        if column is not None and column.width != width:
            column.width = width
            column.auto_width = False
        return width

    def _fit_ref_column(self) -> None:
        """Make the ref column as wide as the longest ref shown: a ref is read as a whole
        ("A-2350" after years of meetings), never wrapped."""
        width = max((cell_len(single_line(action.ref)) for action in self._rows), default=0)
        width = max(width, self.REF_WIDTH)
        column = next((c for k, c in self.columns.items() if k.value == "ref"), None)
        if column is not None and column.width != width:
            column.width = width
            column.auto_width = False

    def _rebuild(self) -> None:
        if not self.columns:
            return  # not mounted yet: on_mount builds it
        row = self.cursor_row
        self.clear()
        today = self._today or date.min
        self._cells_shown = [
            self._cells(group, action, first=number == 0, today=today)
            for group in self._groups
            for number, action in enumerate(group.actions)
        ]
        self._fit_ref_column()
        # Before its first layout the width is unknown: the rows go in one line high (the
        # first layout gives them the scrollbar they need) and that layout gives them
        # their heights before they are drawn (`_fit_first_size`).
        heights = self._fit_rows() if self.size.width else [1] * len(self._rows)
        self.add_sized_rows(
            (action.ref, cells, height)
            for action, cells, height in zip(self._rows, self._cells_shown, heights, strict=True)
        )
        if self._rows:
            self.move_cursor(row=min(row, len(self._rows) - 1))
        self.call_after_refresh(self.fit_columns)

    def _fit_rows(self) -> list[int]:
        """Fit the owner and text columns to the table's width: each row's height there.

        The text column's width first, so each row's height is known as it is added: rows
        of a known height are not drawn to be measured (hundreds of them in a decade's
        carry-over). Every row is at least one line high: more rows than lines means a
        scrollbar, and so may rows that wrap."""
        self._fit_owner_column()
        lines = self._lines()
        rows = self._cells_shown
        scrollbar = len(rows) > lines
        heights = self._fit_text_column(rows, scrollbar)
        if not scrollbar and sum(heights) > lines:
            heights = self._fit_text_column(rows, scrollbar=True)
        return heights

    def _fit_first_size(self) -> bool:
        # Every row gets its height at the table's first width, so the first frame
        # shows the rows as they stay.
        if len(self._cells_shown) != self.row_count:
            return False
        for row, height in zip(self.rows.values(), self._fit_rows(), strict=True):
            row.height = height
        self._clear_caches()
        return True

    def _lines(self) -> int:
        """The lines the rows have on screen."""
        return self.size.height - (self.header_height if self.show_header else 0)

    def scrollbar_shown(self) -> bool:
        # Known from the rows' heights before Textual's next layout shows the bar: the
        # text column is fitted once, not once without the bar and again with it.
        return self.styles.overflow_y == "scroll" or (
            self.styles.overflow_y == "auto" and self._total_row_height > self._lines()
        )

    def _fit_text_column(self, rows: Sequence[Sequence[Cell]], scrollbar: bool) -> list[int]:
        """Give the text column its width beside a `scrollbar` or not; the heights of
        `rows` (their cells) at that width."""
        fill = self.fill_column()
        if fill is not None:
            fill.width = self.fill_width(scrollbar)
            fill.auto_width = False
        widths = self._cell_widths()
        return [self._height(cells, widths) for cells in rows]

    def _cell_widths(self) -> tuple[int, ...]:
        """The width each column gives its cells' text now."""
        widths = tuple(
            max(column.get_render_width(self) - 2 * self.cell_padding, 1)
            for column in self.ordered_columns
        )
        if widths != self._counted_widths:
            # Counts at other widths are of no more use (a resize changes them all).
            self._line_counts.clear()
            self._counted_widths = widths
        return widths

    def _height(self, cells: Sequence[Cell], widths: Sequence[int]) -> int:
        """The lines a row of `cells` needs at the cells' `widths`: the lines its tallest
        cell wraps to, as the table draws it (counted, not drawn)."""
        height = 1
        counts = self._line_counts
        for cell, width in zip(cells, widths, strict=True):
            key = (cell.plain, width, cell.fold)
            lines = counts.get(key)
            if lines is None:
                lines = counts[key] = cell.lines(width)
            height = max(height, lines)
        return height

    def on_resize(self, event: Resize) -> None:
        self._fit_owner_column()
        super().on_resize(event)
        if self._rows and not self.row_count:
            self._rebuild()  # handed its rows before its first layout

    def on_show(self) -> None:
        # Built while hidden or before its first layout (the review item shows it at
        # once): fit again once it is on screen with its real width.
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        self._fit_owner_column()
        self.fit_columns()

    def _widths_changed(self) -> None:
        # The text column got another width: every row gets the height its text now
        # wraps to.
        widths = self._cell_widths()
        if len(self._cells_shown) == self.row_count:
            for row, cells in zip(self.rows.values(), self._cells_shown, strict=True):
                row.height = self._height(cells, widths)
        super()._widths_changed()

    def _on_theme_changed(self, _theme: Theme) -> None:
        self.call_after_refresh(self._rebuild)

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def _cells(
        self, group: OwnerGroup, action: ActionItem, *, first: bool, today: date
    ) -> tuple[Cell, ...]:
        closed = action.status is not ActionStatus.OPEN
        overdue = action.is_overdue(today)
        style = self._style("carry-over--closed") if closed else Style()
        owner_style = self._style("carry-over--owner" if group.in_roles else "carry-over--unknown")
        # A name too long for its lines is cut with an ellipsis, the action's text folds.
        owner = Cell(group_label(group) if first else "", owner_style, fold=False)
        due_style = self._style("carry-over--overdue") if overdue else style
        state = _("overdue") if overdue else status_text(action.status)
        return (
            owner,
            Cell(single_line(action.ref), style),
            Cell(single_line(action.text), style),
            Cell(format_date(action.due) if action.due else "–", due_style),
            Cell(state, due_style if overdue else style),
        )
