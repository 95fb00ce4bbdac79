"""The agenda: every item with its planned and actual minutes and its state."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.theme import Theme

from roundtable.domain.meeting import ItemState, Meeting
from roundtable.domain.text import single_line
from roundtable.domain.timebox import BoxView, running_order
from roundtable.i18n import _
from roundtable.ui.format import item_state_text, minutes_text
from roundtable.ui.widgets.fill_table import FillTable
from roundtable.ui.widgets.theme_follower import ThemeFollower

__all__ = ["AgendaList", "AgendaRow"]

_COLUMNS = ("number", "title", "planned", "actual", "state")


class AgendaRow(NamedTuple):
    """What one agenda row shows; rows are redrawn only when this changes."""

    number: int
    title: str
    planned: int
    actual: str
    state: ItemState
    is_next: bool
    is_current: bool
    late: bool
    """The item no longer fits before the box ends."""


def agenda_rows(
    meeting: Meeting, view: BoxView | None, forecast_late: Collection[int] = ()
) -> list[AgendaRow]:
    """The rows for `meeting` as `view` sees it; `forecast_late` are the items that do
    not fit at the usual pace (`statistics.forecast`), marked like those the plan no
    longer fits."""
    current = meeting.current
    upcoming = running_order(meeting)
    next_index = upcoming[0] if upcoming and current is not None else None
    rows = []
    for index, item in enumerate(meeting.items):
        started = item.started_at is not None
        actual = "–"
        if started and view is not None and index < len(view.item_elapsed):
            actual = minutes_text(view.item_elapsed[index])
        rows.append(
            AgendaRow(
                number=index + 1,
                title=item.title,
                planned=item.planned_minutes,
                actual=actual,
                state=item.state,
                is_next=index == next_index,
                is_current=index == current,
                late=(view is not None and index in view.not_fitting) or index in forecast_late,
            )
        )
    return rows


class AgendaList(FillTable, ThemeFollower):
    """The meeting's agenda as a table with a row cursor (the "selected" item).

    Set `show_meeting(meeting, view)` once a second; only cells whose text changed are
    redrawn. Row keys are the item indexes as strings.
    """

    FILL_COLUMN = "title"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "agenda--done",
        "agenda--running",
        "agenda--deferred",
        "agenda--late",
        "agenda--next",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            id=id, classes=classes, cursor_type="row", zebra_stripes=False, show_cursor=True
        )
        self._rows: list[AgendaRow] = []
        self._forecast_late: frozenset[int] = frozenset()
        self._shown: tuple[Meeting, BoxView | None] | None = None

    def on_mount(self) -> None:
        labels = (_("#"), _("Item"), _("Plan"), _("Used"), _("State"))
        # As wide as the longest state in the reader's language ("ausstehend"); an item
        # still to come may carry the forecast's "⚠ " as well.
        to_come = (
            item_state_text(ItemState.PENDING, False),
            item_state_text(ItemState.PENDING, True),
        )
        others = [item_state_text(state, False) for state in ItemState]
        state_width = max(
            9, *(cell_len(text) + 2 for text in to_come), *(cell_len(text) for text in others)
        )
        widths = (2, 20, 4, 4, state_width)
        for key, label, width in zip(_COLUMNS, labels, widths, strict=True):
            self.add_column(Text(label), key=key, width=width)
        self.follow_theme(self._on_theme_changed)
        self.fit_columns()

    @property
    def rows_shown(self) -> list[AgendaRow]:
        """The rows as shown now."""
        return list(self._rows)

    @property
    def selected_index(self) -> int | None:
        """The item index under the cursor, if any."""
        if not self.row_count:
            return None
        return self.cursor_row

    def show_meeting(self, meeting: Meeting, view: BoxView | None) -> None:
        """Show `meeting`'s items; redraw only the rows that changed."""
        self._shown = (meeting, view)
        rows = agenda_rows(meeting, view, self._forecast_late)
        if len(rows) != len(self._rows):
            self.clear()
            for row in rows:
                self.add_row(*self._cells(row), key=str(row.number - 1))
        else:
            for old, new in zip(self._rows, rows, strict=True):
                if old != new:
                    for column, cell in zip(_COLUMNS, self._cells(new), strict=True):
                        self.update_cell(str(new.number - 1), column, cell)
        self._rows = rows

    def show_forecast_late(self, indexes: Collection[int]) -> None:
        """Mark `indexes` as not fitting at the usual pace (the forecast), besides those
        the plan no longer fits; rows are redrawn only when that changes."""
        late = frozenset(indexes)
        if late == self._forecast_late:
            return
        self._forecast_late = late
        if self._shown is not None:
            self.show_meeting(*self._shown)

    def _on_theme_changed(self, _theme: Theme) -> None:
        # Cell styles come from the stylesheet's component classes, which follow the theme.
        self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        for row in self._rows:
            for column, cell in zip(_COLUMNS, self._cells(row), strict=True):
                self.update_cell(str(row.number - 1), column, cell)

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def _cells(self, row: AgendaRow) -> tuple[Text, ...]:
        style = Style()
        if row.state is ItemState.DONE:
            style = self._style("agenda--done")
        elif row.state is ItemState.DEFERRED:
            style = self._style("agenda--deferred")
        elif row.is_current:
            style = self._style("agenda--running")
        elif row.is_next:
            style = self._style("agenda--next")
        state = item_state_text(row.state, row.is_next)
        state_cell = Text(state, style=style, end="")
        if row.late:
            # Marked in the state column so it survives 80 columns: "⚠ pending".
            state_cell = Text.assemble(("⚠ ", self._style("agenda--late")), (state, style))
            state_cell.stylize(self._style("agenda--late"))
        return (
            Text(str(row.number), style=style, end=""),
            Text(single_line(row.title), style=style, end="", no_wrap=True, overflow="ellipsis"),
            Text(str(row.planned), style=style, justify="right", end=""),
            Text(row.actual, style=style, justify="right", end=""),
            state_cell,
        )
