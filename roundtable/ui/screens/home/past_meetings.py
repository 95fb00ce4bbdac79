"""Read-only lists reached from the home screen: the past meetings.

(The action items have their own screen, `actions.py`.) A list reads the store on its
thread and shows a table; Enter on a meeting opens its minutes, read-only (as of its
end, or of now while it runs) and written nowhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header

from roundtable.domain.l10n import format_date
from roundtable.domain.meeting import Meeting
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.ui.context import AppContext
from roundtable.ui.format import clock_text, date_width
from roundtable.ui.screens.home.minutes_preview import MinutesPreview
from roundtable.ui.screens.meeting.ending import Ended, meeting_minutes
from roundtable.ui.widgets.fill_table import FillTable
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["PastMeetingsScreen"]

T = TypeVar("T")


class _ListTable(FillTable):
    FILL_COLUMN = "text"


class _ListScreen(Screen[None]):
    """A header, a table filled from one store read, and a way back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", _("Back"), id="list-back"),
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.store = context.store
        self.store_thread = context.store_thread

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        yield PlainLabel(_("Loading …"), id="list-empty")
        yield _ListTable(id="list", cursor_type="row")
        yield Footer()

    def _read(self, read: Callable[[], T], show: Callable[[T], None]) -> None:
        def failed(error: RoundtableError) -> None:
            self.query_one("#list-empty", PlainLabel).show(error.message)

        self.store_thread.submit(read, done=show, failed=failed)

    def _empty(self, text: str) -> None:
        self.query_one("#list-empty", PlainLabel).show(text)
        self.query_one("#list-empty").display = bool(text)


class PastMeetingsScreen(_ListScreen):
    """Every meeting, newest first; Enter opens a meeting's minutes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_minutes", _("Open minutes"), id="list-minutes", key_display="enter"),
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.timezone = context.timezone

    def on_mount(self) -> None:
        self.title = _("Past meetings")
        self._read(self.store.meetings, self._show)

    def _show(self, meetings: list[Meeting]) -> None:
        table = self.query_one(_ListTable)
        table.add_column(Text(_("No.")), key="number", width=4)
        table.add_column(Text(_("Meeting")), key="text", width=20)
        table.add_column(Text(_("Date")), key="date", width=date_width())
        table.add_column(Text(_("From – to")), key="times")
        for meeting in reversed(meetings):
            start = meeting.started_at
            end = clock_text(meeting.ended_at, self.timezone) if meeting.ended_at else _("running")
            table.add_row(
                Text(str(meeting.number), justify="right"),
                Text(single_line(meeting.title)),
                Text(format_date(start.astimezone(self.timezone).date())),
                Text(f"{clock_text(start, self.timezone)} – {end}"),
                key=str(meeting.id),
            )
        table.fit_columns()
        self._empty("" if meetings else _("No meetings yet."))
        table.focus()

    @on(DataTable.RowSelected, "#list")
    def _meeting_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_minutes()

    def action_open_minutes(self) -> None:
        """The minutes of the meeting under the cursor, read-only."""
        table = self.query_one(_ListTable)
        if not table.row_count:
            return
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        if row_key.value is None:
            return
        meeting_id = int(row_key.value)
        store, config, timezone = self.store, self.context.config, self.timezone

        def show(minutes: Ended) -> None:
            self.call_later(
                self.app.push_screen,
                MinutesPreview(
                    minutes.markdown,
                    None,
                    title=_("Minutes of meeting {number}").format(number=minutes.number),
                ),
            )

        def failed(error: RoundtableError) -> None:
            self.notify(error.message, title=_("Minutes"), severity="error", markup=False)

        self.store_thread.submit(
            lambda: meeting_minutes(store, meeting_id, config, timezone), done=show, failed=failed
        )
