"""The home screen: resume the running meeting, start one from an agenda, or look back.

It only shows and asks: starting and resuming are requested from the app with
messages, because the app owns the store and the attendance step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header

from roundtable.domain.config import Agenda, Cadence
from roundtable.domain.meeting import Meeting
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import N_, _
from roundtable.ui.context import AppContext
from roundtable.ui.format import clock_text
from roundtable.ui.keys import key_help
from roundtable.ui.live import StoreChanged
from roundtable.ui.screens.dialogs.cadence import cadence_text
from roundtable.ui.widgets.fill_table import FillTable
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["AgendaTable", "HomeScreen", "cadence_text"]


class AgendaTable(FillTable):
    """The agendas to start a meeting from; row keys are agenda ids."""

    FILL_COLUMN = "title"

    def show_agendas(self, agendas: tuple[Agenda, ...]) -> None:
        """One row per agenda: title, items, planned of box minutes, cadence."""
        self.clear(columns=True)
        # Headers and cadences are as wide as the language needs (German is longer).
        items, minutes, cadence = _("Items"), _("Time"), _("Cadence")
        cadences = [cadence_text(every) for every in Cadence]
        self.add_column(Text(_("Agenda")), key="title", width=20)
        self.add_column(Text(items), key="items", width=max(5, cell_len(items)))
        self.add_column(Text(minutes), key="minutes", width=max(9, cell_len(minutes)))
        cadence_width = max(15, cell_len(cadence), *(cell_len(text) for text in cadences))
        self.add_column(Text(cadence), key="cadence", width=cadence_width)
        for agenda in agendas:
            self.add_row(
                Text(single_line(agenda.title)),
                Text(str(len(agenda.items)), justify="right"),
                Text(f"{agenda.planned_minutes} / {agenda.timebox_minutes}", justify="right"),
                Text(cadence_text(agenda.cadence)),
                key=agenda.id,
            )
        self.fit_columns()

    @property
    def selected_id(self) -> str | None:
        """The id of the agenda under the cursor."""
        if not self.row_count:
            return None
        row_key, _column = self.coordinate_to_cell_key(self.cursor_coordinate)
        return str(row_key.value)


class HomeScreen(Screen[None]):
    """Start, resume, or open the action items and the past meetings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", N_("Start meeting"), id="home-start"),
        Binding("r", "resume", N_("Resume"), id="home-resume"),
        Binding("o", "open_actions", N_("Action items"), id="home-actions"),
        Binding("m", "past_meetings", N_("Past meetings"), id="home-meetings"),
        Binding("dollar_sign", "app.campaigns", N_("Campaigns"), id="home-campaigns"),
        Binding("w", "roles", N_("Roles"), id="home-roles"),
        Binding("g", "app.statistics", N_("Statistics"), id="home-statistics", show=False),
        Binding("question_mark,f1", "help", N_("Help"), id="home-help", key_display="?"),
        Binding("q", "app.quit", N_("Quit"), id="home-quit"),
    ]

    @dataclass
    class StartRequested(Message):
        """Start a new meeting from this agenda (attendance comes first)."""

        agenda_id: str

    class ResumeRequested(Message):
        """Open the running meeting."""

    def __init__(
        self,
        context: AppContext,
    ) -> None:
        super().__init__()
        self.context = context
        self.config = context.config
        self.store = context.store
        self.store_thread = context.store_thread
        self.clock = context.clock
        self.running: Meeting | None = None
        self._agenda_offered = False
        """True once the agenda used last has been selected (only the first time)."""
        self.timezone = context.timezone

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        with VerticalScroll(id="home"):
            with Vertical(id="resume-panel"):
                yield PlainLabel("", id="resume-text")
                yield Button(_("Resume meeting"), id="resume", variant="success")
            yield AgendaTable(id="agendas", cursor_type="row")
            with Horizontal(id="home-buttons"):
                yield Button(_("Start meeting"), id="start", variant="primary")
                yield Button(_("Action items"), id="open-actions")
                yield Button(_("Past meetings"), id="past-meetings")
                yield Button(_("Campaigns"), id="campaigns")
        yield Footer()

    def on_mount(self) -> None:
        self.title = single_line(self.config.team)
        self.sub_title = _("Round table")
        self.query_one("#agendas", AgendaTable).border_title = Text(
            _("Start a meeting from an agenda")
        )
        self.query_one(AgendaTable).show_agendas(self.config.agendas)
        self.show_running(None)
        self.query_one(AgendaTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_running()

    @on(StoreChanged)
    def _store_changed(self) -> None:
        # A meeting started or ended elsewhere (another terminal) shows up here too.
        self.refresh_running()

    def refresh_running(self) -> None:
        """Ask the store (on its thread) whether a meeting runs, and show it."""

        def failed(error: RoundtableError) -> None:
            self.notify(error.message, title=_("Store"), severity="error", markup=False)

        store = self.store

        def read() -> tuple[Meeting | None, str | None]:
            with store.reading():
                numbers = store.meeting_numbers()
                latest = store.meeting_by_number(max(numbers.values())) if numbers else None
                return store.running_meeting(), latest.agenda_id if latest else None

        def got(result: tuple[Meeting | None, str | None]) -> None:
            running, last_agenda = result
            self.show_running(running)
            if not self._agenda_offered:
                # Enter, enter starts today's meeting: the agenda used last time, not
                # whichever file sorts first.
                self._agenda_offered = True
                if running is None and last_agenda is not None:
                    self.select_agenda(last_agenda)

        self.store_thread.submit(read, done=got, failed=failed)

    def select_agenda(self, agenda_id: str) -> None:
        """Put the agenda cursor on `agenda_id` (if it is one) and focus the list."""
        table = self.query_one(AgendaTable)
        ids = [agenda.id for agenda in self.config.agendas]
        if agenda_id in ids:
            table.move_cursor(row=ids.index(agenda_id))
        table.focus()

    def show_running(self, meeting: Meeting | None) -> None:
        """Show (or hide) the running meeting, and make resuming the obvious next step."""
        self.running = meeting
        self.refresh_bindings()
        panel = self.query_one("#resume-panel")
        panel.display = meeting is not None
        if meeting is None:
            return
        item = meeting.current_item
        text = _("Meeting {number} is running: {title}, started {time}.").format(
            number=meeting.number,
            title=single_line(meeting.title),
            time=clock_text(meeting.started_at, self.timezone),
        )
        if item is not None and meeting.current is not None:
            text += " " + _("Now: item {number} of {count}, {item}.").format(
                number=meeting.current + 1, count=len(meeting.items), item=single_line(item.title)
            )
        panel.border_title = Text(_("Running meeting"))
        self.query_one("#resume-text", PlainLabel).show(text)
        self.query_one("#resume", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Resume is offered only while there is a meeting to resume; a key in the footer
        # that only answers "no meeting is running" misleads the room.
        if action == "resume":
            return self.running is not None
        return True

    # --- actions ----------------------------------------------------------------------

    def action_start(self) -> None:
        """Start a meeting from the selected agenda."""
        agenda_id = self.query_one(AgendaTable).selected_id
        if agenda_id is None:
            self.notify(_("There is no agenda to start from."), severity="warning")
            return
        self.post_message(self.StartRequested(agenda_id))

    def action_resume(self) -> None:
        """Open the running meeting."""
        if self.running is None:
            self.notify(_("No meeting is running."), severity="warning")
            return
        self.post_message(self.ResumeRequested())

    def action_open_actions(self) -> None:
        """Every action item, open ones first shown: filter, search, close, re-assign."""
        from roundtable.ui.screens.actions.action_items import ActionItemsScreen

        self.app.push_screen(ActionItemsScreen(self.context, meeting=self.running))

    def action_past_meetings(self) -> None:
        """Show the past meetings."""
        from roundtable.ui.screens.home.past_meetings import PastMeetingsScreen

        self.app.push_screen(PastMeetingsScreen(self.context))

    def action_roles(self) -> None:
        """Roles and players: who is responsible for what."""
        from roundtable.ui.screens.roles.roles import RolesScreen

        self.app.push_screen(RolesScreen(self.context))

    def action_help(self) -> None:
        """Show every key."""
        from roundtable.ui.screens.dialogs.help import HelpScreen

        keys = key_help([*self.BINDINGS, *self.app.BINDINGS], self.app)
        self.app.push_screen(HelpScreen(keys))

    @on(DataTable.RowSelected, "#agendas")
    def _agenda_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#resume")
    def _resume_pressed(self) -> None:
        self.action_resume()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#open-actions")
    def _actions_pressed(self) -> None:
        self.action_open_actions()

    @on(Button.Pressed, "#past-meetings")
    def _meetings_pressed(self) -> None:
        self.action_past_meetings()

    @on(Button.Pressed, "#campaigns")
    async def _campaigns_pressed(self) -> None:
        await self.run_action("app.campaigns")
