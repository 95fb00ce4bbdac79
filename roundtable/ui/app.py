"""The app: home screen, the meeting screen on top, global keys and themes.

`make_app` builds it the same way for the command line, the tests and the benches. The
app owns the store and its thread; screens get them handed down and report back with
messages. Starting a meeting (attendance, then the first item's clock) happens here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from roundtable.domain import timebox
from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.config import Agenda, TeamConfig
from roundtable.domain.meeting import Attendee, Meeting
from roundtable.domain.store import Store
from roundtable.domain.text import single_line, terminal_safe
from roundtable.errors import NotFoundError, RoundtableError
from roundtable.i18n import _
from roundtable.ui.screens.home import HomeScreen
from roundtable.ui.screens.meeting import MeetingScreen
from roundtable.ui.store_thread import StoreThread

__all__ = [
    "DARK_THEME",
    "LIGHT_THEME",
    "RoundtableApp",
    "default_attendees",
    "make_app",
]

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def default_attendees(config: TeamConfig) -> tuple[Attendee, ...]:
    """Everyone who holds a role, present, each once (under their first role)."""
    seen: set[str] = set()
    attendees = []
    for role in config.roles:
        for name in role.holders:
            if name not in seen:
                seen.add(name)
                attendees.append(Attendee(name=name, role=role.id, present=True))
    return tuple(attendees)


def facilitator_name(config: TeamConfig, agenda: Agenda) -> str:
    """The first holder of the agenda's facilitator role, or nobody."""
    role = config.role(agenda.facilitator) if agenda.facilitator else None
    return role.holders[0] if role and role.holders else ""


class RoundtableApp(App[None]):
    """The round table in the terminal: home screen, meeting screen, capture forms."""

    # Absolute, so subclasses defined elsewhere (benches, tests) find it too.
    CSS_PATH = Path(__file__).parent / "roundtable.tcss"
    TITLE = "roundtable"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_theme", _("Light/dark"), id="toggle-theme"),
    ]

    def __init__(
        self,
        config: TeamConfig,
        store: Store,
        clock: Clock = system_clock,
        start_agenda: str | None = None,
        *,
        start: bool = False,
        timezone: tzinfo | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.store = store
        self.clock = clock
        self.timezone = timezone
        """The room's wall clock for times shown; None for the machine's local time."""
        self.start_agenda = start_agenda
        self.start_requested = start or start_agenda is not None
        self.store_thread = StoreThread()
        self.theme = DARK_THEME

    def get_default_screen(self) -> Screen[None]:
        if self.start_requested:
            # Straight into the meeting: home is built only when someone leaves it, so
            # the room sees its clocks sooner.
            return Screen()
        return self._home()

    def _home(self) -> HomeScreen:
        return HomeScreen(
            config=self.config,
            store=self.store,
            store_thread=self.store_thread,
            timezone=self.timezone,
        )

    def show_home(self, select: str | None = None) -> None:
        """Show the home screen (built now if the app started straight in a meeting),
        with the agenda `select` selected."""
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_running()
        elif not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(self._home())
        if select is not None:
            self.call_after_refresh(self._select_agenda, select)

    def _select_agenda(self, agenda_id: str) -> None:
        if isinstance(self.screen, HomeScreen):
            self.screen.select_agenda(agenda_id)

    def _last_agenda_id(self) -> str | None:
        """The agenda of the latest meeting (store thread)."""
        meetings = self.store.meetings()
        return meetings[-1].agenda_id if meetings else None

    def on_mount(self) -> None:
        if self.start_requested:
            self.open_meeting(self.start_agenda, at_start=True)

    async def on_unmount(self) -> None:
        # Whatever the way out (q, ctrl+q, a crash in a screen): writes reach the disk.
        await self.store_thread.drain()

    # --- meetings ---------------------------------------------------------------------

    @on(HomeScreen.StartRequested)
    def _start_requested(self, event: HomeScreen.StartRequested) -> None:
        self.open_meeting(event.agenda_id)

    @on(HomeScreen.ResumeRequested)
    def _resume_requested(self) -> None:
        self.open_meeting(None)

    @work(exclusive=True, group="open-meeting")
    async def open_meeting(self, agenda_id: str | None, at_start: bool = False) -> None:
        """Resume the running meeting, or start one from `agenda_id`, attendance first.

        Without an id: the only agenda, or (with several) the home screen's list with
        the agenda used last selected. At startup a store error ends the app."""
        try:
            running = await self.store_thread.call(self.store.running_meeting)
            if running is not None:
                if agenda_id is not None and running.agenda_id != agenda_id:
                    self.notify(
                        _("Meeting {number} is still running; it is resumed instead.").format(
                            number=running.number
                        ),
                        severity="warning",
                    )
                self.show_meeting(running)
                return
            if agenda_id is None and len(self.config.agendas) > 1:
                # Which agenda is today's is the facilitator's call: offer the list, the
                # one used last time selected.
                last = await self.store_thread.call(self._last_agenda_id)
                self.show_home(select=last)
                self.notify(_("Choose the agenda and press enter to start the meeting."))
                return
            agenda = self._agenda(agenda_id)
            present = await self.push_screen_wait(self._attendance(default_attendees(self.config)))
            if present is None:
                self.call_after_refresh(self.show_home)
                return
            number = await self.store_thread.call(self.store.next_meeting_number)
            meeting = timebox.new_meeting(
                agenda, present, facilitator_name(self.config, agenda), number, self.clock()
            )
            saved = await self.store_thread.call(lambda: self.store.add_meeting(meeting))
        except RoundtableError as error:
            if at_start:
                self.exit(
                    return_code=error.exit_code,
                    message=Text(terminal_safe(f"roundtable: {error.message}")),
                )
            else:
                self.notify(error.message, title=_("Cannot start"), severity="error", markup=False)
                self.show_home()
            return
        self.show_meeting(saved)

    def _agenda(self, agenda_id: str | None) -> Agenda:
        if agenda_id is None:
            if not self.config.agendas:
                raise NotFoundError(_("There is no agenda to start a meeting from."))
            return self.config.agendas[0]
        agenda = self.config.agenda(agenda_id)
        if agenda is None:
            raise NotFoundError(
                _("No agenda {id}. Available: {ids}").format(
                    id=single_line(agenda_id),
                    ids=", ".join(a.id for a in self.config.agendas) or _("none"),
                )
            )
        return agenda

    def _attendance(self, attendees: tuple[Attendee, ...]) -> Screen[tuple[Attendee, ...] | None]:
        from roundtable.ui.screens.attendance import AttendanceScreen

        return AttendanceScreen(attendees, self.config.roles)

    def show_meeting(self, meeting: Meeting) -> None:
        """Put the meeting screen for `meeting` on top of the home screen."""
        screen = MeetingScreen(
            meeting,
            config=self.config,
            store=self.store,
            store_thread=self.store_thread,
            clock=self.clock,
            timezone=self.timezone,
        )
        self.push_screen(screen, self._meeting_left)

    def _meeting_left(self, meeting: Meeting | None) -> None:
        # Runs while the meeting screen is still being popped: look once it is gone.
        self.call_after_refresh(self.show_home)

    # --- themes and commands ----------------------------------------------------------

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.theme != LIGHT_THEME else DARK_THEME

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            _("Light or dark theme"),
            _("Switch between the dark and the light theme (ctrl+t)"),
            self.action_toggle_theme,
        )
        # Every key of the screen is also a command, for whoever forgot the key.
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or active.node is self:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                _("Key: {key}").format(key=self.get_key_display(binding)),
                partial(self.run_action, binding.action, active.node),
            )


def make_app(
    config: TeamConfig,
    store: Store,
    clock: Clock = system_clock,
    start_agenda: str | None = None,
    *,
    start: bool = False,
    timezone: tzinfo | None = None,
) -> RoundtableApp:
    """The app on `config` and an open `store`, every clock read from `clock`.

    `start_agenda` (or `start=True`) goes straight into a meeting, resuming the running
    one if there is one (`start=True` alone with several agendas offers them, the one
    used last selected); `timezone` fixes the wall clock shown
    (default: the machine's local time).
    """
    return RoundtableApp(config, store, clock, start_agenda, start=start, timezone=timezone)
