"""A table of action items that stays fast with fifteen thousand of them.

Textual's `DataTable` measures and stores every row as it is added (over half a second
for fifteen thousand items), which an incremental search cannot pay on each keystroke.
This table draws only the lines on screen (the line API): `show(rows)` swaps the list
in constant time, and a line is rendered when it scrolls into view. The header stays
on the first line; the "What" column takes the width the others leave.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.theme import Theme

from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.l10n import format_date
from roundtable.domain.text import single_line
from roundtable.i18n import N_, _
from roundtable.ui.action_changes import status_text
from roundtable.ui.format import date_width
from roundtable.ui.widgets.theme_follower import ThemeFollower

__all__ = ["ActionRow", "ActionTable"]


_CACHE_LIMIT = 1000
"""Rendered lines kept; a screenful is a few dozen."""


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action item as the table shows it; the words are worked out by the screen."""

    action: ActionItem
    owner: str
    """The owner in words (a role's title, a name, nobody yet)."""
    owner_known: bool
    """False for an owner the roles file no longer knows."""
    meeting: str
    """The number of the meeting that opened it, or "" if none did."""


def _status_width() -> int:
    """Room for the widest status word of the current language (`überfällig`)."""
    words = [_("Status"), _("overdue"), *(status_text(status) for status in ActionStatus)]
    return max(8, *(cell_len(word) for word in words))


@dataclass(frozen=True)
class _Column:
    key: str
    label: str
    width: int


class ActionTable(ScrollView, ThemeFollower, can_focus=True):
    """Action items, one a line, with a row cursor; `selected` is the item under it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "action-table--header",
        "action-table--cursor",
        "action-table--cursor-blurred",
        "action-table--overdue",
        "action-table--closed",
        "action-table--unknown",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home,ctrl+home", "first", show=False),
        Binding("end,ctrl+end", "last", show=False),
        Binding("enter", "screen.toggle_done", N_("Done/reopen"), id="actions-done"),
        Binding("w", "screen.reassign", N_("Owner"), id="actions-owner"),
        Binding("u", "screen.redate", N_("Due"), id="actions-due"),
        Binding("delete", "screen.drop", N_("Drop"), id="actions-drop"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[ActionRow] = []
        self._today = date.min
        self._cache: dict[tuple[int, int, bool], Strip] = {}
        self._header: Strip | None = None
        self.empty_text = ""
        """Said on the first line while no row is shown."""

    def on_mount(self) -> None:
        self.follow_theme(self._on_theme_changed)

    # --- what is shown --------------------------------------------------------------

    @property
    def rows(self) -> list[ActionRow]:
        """The rows shown, in order."""
        return list(self._rows)

    @property
    def row_count(self) -> int:
        """How many rows are shown."""
        return len(self._rows)

    @property
    def selected(self) -> ActionRow | None:
        """The row under the cursor, if any."""
        return self._rows[self.cursor] if self._rows else None

    def show(self, rows: Sequence[ActionRow], today: date, keep: str | None = None) -> None:
        """Show `rows` (nothing is rendered until it scrolls into view); the cursor goes
        to the item with ref `keep` if it is among them, else stays where it was."""
        self._rows = list(rows)
        self._today = today
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        target = self.cursor
        if keep is not None:
            target = next((i for i, r in enumerate(self._rows) if r.action.ref == keep), target)
        self.cursor = max(0, min(target, len(self._rows) - 1))
        self.refresh()

    def update_action(self, action: ActionItem) -> bool:
        """Show `action`'s new state where it is listed; False if it is not listed."""
        for index, row in enumerate(self._rows):
            if row.action.ref == action.ref:
                self._rows[index] = ActionRow(action, row.owner, row.owner_known, row.meeting)
                self._cache = {k: v for k, v in self._cache.items() if k[0] != index}
                self.refresh()
                return True
        return False

    # --- cursor -----------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def watch_cursor(self, old: int, new: int) -> None:
        self._cache = {k: v for k, v in self._cache.items() if k[0] not in (old, new)}
        top = round(self.scroll_y)
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + self._page:
            self.scroll_to(y=new - self._page + 1, animate=False)
        self.refresh()

    def _move(self, to: int) -> None:
        if self._rows:
            self.cursor = max(0, min(to, len(self._rows) - 1))

    def action_cursor_up(self) -> None:
        """One row up."""
        self._move(self.cursor - 1)

    def action_cursor_down(self) -> None:
        """One row down."""
        self._move(self.cursor + 1)

    def action_page_up(self) -> None:
        """A page up."""
        self._move(self.cursor - self._page)

    def action_page_down(self) -> None:
        """A page down."""
        self._move(self.cursor + self._page)

    def action_first(self) -> None:
        """To the first row."""
        self._move(0)

    def action_last(self) -> None:
        """To the last row."""
        self._move(len(self._rows) - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self._move(round(self.scroll_y) + event.y - 1)

    # --- drawing ----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self._header = None
        self.virtual_size = Size(event.size.width, len(self._rows) + 1)

    def _on_theme_changed(self, _theme: Theme) -> None:
        self._cache.clear()
        self._header = None
        self.refresh()

    def _columns(self, width: int) -> list[_Column]:
        wide = width >= 100
        fixed = [
            _Column("ref", _("Ref"), 7),
            _Column("owner", _("Owner"), 24 if wide else 18),
            _Column("due", _("Due"), date_width()),
            _Column("status", _("Status"), _status_width()),
        ]
        if wide:
            meeting = _("Mtg")
            fixed.append(_Column("meeting", meeting, max(5, cell_len(meeting))))
        taken = sum(column.width + 1 for column in fixed)
        what = _Column("text", _("What"), max(width - taken - 1, 8))
        return [fixed[0], what, *fixed[1:]]

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def _strip(
        self,
        cells: Sequence[tuple[str, Style]],
        width: int,
        style: Style,
        *,
        columns: bool = True,
    ) -> Strip:
        line = Text(end="", no_wrap=True)
        line.append(" ")
        layout = self._columns(width) if columns else [_Column("all", "", width - 2)]
        for (text, cell_style), column in zip(cells, layout, strict=True):
            cell = Text(text, style=cell_style, end="", no_wrap=True)
            if cell_len(text) > column.width:
                cell.truncate(column.width, overflow="ellipsis")
            cell.pad_right(column.width - cell.cell_len)
            line.append_text(cell)
            line.append(" ")
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in line.render(self.app.console)
        ]
        return Strip(segments).adjust_cell_length(width, style)

    def _header_strip(self, width: int) -> Strip:
        if self._header is None or self._header.cell_length != width:
            style = self.rich_style + self._style("action-table--header")
            cells = [(column.label, Style()) for column in self._columns(width)]
            self._header = self._strip(cells, width, style)
        return self._header

    def _row_strip(self, index: int, width: int) -> Strip:
        selected = index == self.cursor and self.has_focus
        key = (index, width, selected)
        strip = self._cache.get(key)
        if strip is not None:
            return strip
        row = self._rows[index]
        action = row.action
        base = self.rich_style
        if selected:
            base = base + self._style("action-table--cursor")
        elif index == self.cursor:
            base = base + self._style("action-table--cursor-blurred")
        closed = (
            self._style("action-table--closed")
            if action.status is not ActionStatus.OPEN
            else Style()
        )
        overdue = action.is_overdue(self._today)
        late = self._style("action-table--overdue") if overdue else closed
        owner_style = closed if row.owner_known else self._style("action-table--unknown")
        owner = row.owner if row.owner_known else _("{name} (not in roles)").format(name=row.owner)
        cells: list[tuple[str, Style]] = [
            (single_line(action.ref), closed),
            (single_line(action.text), closed),
            (owner, owner_style),
            (format_date(action.due) if action.due else "–", late),
            (_("overdue") if overdue else status_text(action.status), late),
        ]
        if width >= 100:
            cells.append((row.meeting, closed))
        strip = self._strip(cells, width, base)
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()  # scrolled far: keep only what is drawn from now on
        self._cache[key] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header_strip(width)
        index = round(self.scroll_y) + y - 1
        if 0 <= index < len(self._rows):
            return self._row_strip(index, width)
        if y == 1 and not self._rows and self.empty_text:
            style = self.rich_style + self._style("action-table--closed")
            return self._strip([(self.empty_text, Style())], width, style, columns=False)
        return Strip.blank(width, self.rich_style)

    def on_focus(self) -> None:
        self._cache = {k: v for k, v in self._cache.items() if k[0] != self.cursor}
        self.refresh()

    def on_blur(self) -> None:
        self.on_focus()
