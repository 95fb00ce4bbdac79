"""Read-only lists reached from the home screen: the past meetings.

(The action items have their own screen, `actions.py`.) A list reads the store on its
thread and shows a table, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header

from roundtable.domain.l10n import format_date
from roundtable.domain.meeting import Meeting
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import N_, _
from roundtable.ui.context import AppContext
from roundtable.ui.format import clock_text, date_width
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
        Binding("escape,q", "app.pop_screen", N_("Back"), id="list-back"),
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
    """Every meeting, newest first."""

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
