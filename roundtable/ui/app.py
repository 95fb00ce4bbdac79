"""The app: home screen, the meeting screen on top, global keys and themes.

`make_app` builds it the same way for the command line, the tests and the benches. The
app owns the store, its thread and the watch on it (`live.StoreWatcher`: one stat a
second, and every screen told when another process, or this one, changed the store);
screens get them handed down and report back with messages. Starting a meeting happens
here: attendance, the items the last meeting deferred, then the first item's clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import replace
from datetime import tzinfo
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import SystemCommand
from textual.screen import Screen

from roundtable.domain import timebox
from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.config import Agenda, TeamConfig
from roundtable.domain.meeting import Attendee, Meeting
from roundtable.domain.text import single_line, terminal_safe
from roundtable.errors import NotFoundError, RoundtableError
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.key_names import textual_descriptions
from roundtable.ui.live import POLL_SECONDS
from roundtable.ui.preferences import Preferences
from roundtable.ui.screens.meeting.opening import Opening, read_opening, read_running
from roundtable.ui.screens.meeting.screen import MeetingScreen
from roundtable.ui.store_app import DARK_THEME, LIGHT_THEME, StoreApp
from roundtable.ui.store_thread import ran_now

# The screens keys open are imported by the key, and preloaded once the meeting screen is
# up (`roundtable.ui.preload`): a reinstall meanwhile cannot break a key.
if TYPE_CHECKING:
    from roundtable.domain.deferred import AgendaPlan
    from roundtable.ui.screens.home.home import HomeScreen

__all__ = [
    "DARK_THEME",
    "LIGHT_THEME",
    "RoundtableApp",
    "default_attendees",
    "make_app",
]

OFFERED_ABOVE = frozenset(
    {"action_items", "app.action_items", "campaigns", "app.campaigns", "app.statistics"}
)
"""Screen keys whose command `get_system_commands` names itself, so they are not listed
twice."""


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


class RoundtableApp(StoreApp):
    """The round table in the terminal: home screen, meeting screen, capture forms."""

    TITLE = "roundtable"

    def __init__(
        self,
        config: TeamConfig,
        store: Store,
        clock: Clock = system_clock,
        start_agenda: str | None = None,
        *,
        start: bool = False,
        timezone: tzinfo | None = None,
        poll_seconds: float = POLL_SECONDS,
        preferences: Preferences | None = None,
    ) -> None:
        super().__init__(
            config,
            store,
            clock,
            timezone=timezone,
            poll_seconds=poll_seconds,
            preferences=preferences,
        )
        self.start_agenda = start_agenda
        self.start_requested = start or start_agenda is not None
        # Straight into a meeting: the running one is read now, before Textual starts
        # (on the store thread meanwhile, both competed for the interpreter: ~2 % later).
        self._running_read: Future[Opening | None] | None = (
            ran_now(partial(read_running, store)) if self.start_requested else None
        )

    def get_default_screen(self) -> Screen[None]:
        if self.start_requested:
            # Straight into the meeting: home is built only when someone leaves it, so
            # the room sees its clocks sooner.
            return Screen()
        return self._home()

    def _home(self) -> HomeScreen:
        # Imported when needed: `roundtable start` paints the meeting without it.
        from roundtable.ui.screens.home.home import HomeScreen

        return HomeScreen(self.context)

    def _home_shown(self) -> HomeScreen | None:
        from roundtable.ui.screens.home.home import HomeScreen

        return self.screen if isinstance(self.screen, HomeScreen) else None

    def show_home(self, select: str | None = None) -> None:
        """Show the home screen (built now if the app started straight in a meeting),
        with the agenda `select` selected."""
        from roundtable.ui.screens.home.home import HomeScreen

        home = self._home_shown()
        if home is not None:
            home.refresh_running()
        elif not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(self._home())
        if select is not None:
            self.call_after_refresh(self._select_agenda, select)

    def _select_agenda(self, agenda_id: str) -> None:
        home = self._home_shown()
        if home is not None:
            home.select_agenda(agenda_id)

    def _last_agenda_id(self) -> str | None:
        """The agenda of the latest meeting (store thread)."""
        meetings = self.store.meetings()
        return meetings[-1].agenda_id if meetings else None

    def on_mount(self) -> None:
        self.watcher.start()
        if self.start_requested:
            self.open_meeting(self.start_agenda, at_start=True)

    async def on_unmount(self) -> None:
        # Whatever the way out (q, ctrl+q, a crash in a screen): writes reach the disk.
        await self.store_thread.drain()

    # --- meetings ---------------------------------------------------------------------

    # Handlers by name, not `@on(HomeScreen....)`: home is imported only when shown.

    def on_home_screen_start_requested(self, event: HomeScreen.StartRequested) -> None:
        self.open_meeting(event.agenda_id)

    def on_home_screen_resume_requested(self, event: HomeScreen.ResumeRequested) -> None:
        self.open_meeting(None)

    @work(exclusive=True, group="open-meeting")
    async def open_meeting(self, agenda_id: str | None, at_start: bool = False) -> None:
        """Resume the running meeting, or start one from `agenda_id`, attendance first.

        Without an id: the only agenda, or (with several) the home screen's list with
        the agenda used last selected. At startup a store error ends the app."""
        try:
            # Read before the screen is built: no store work competes with its first paint.
            read_ahead, self._running_read = self._running_read, None
            if at_start and read_ahead is not None:
                running = await self.store_thread.result(read_ahead)
            else:
                running = await self.store_thread.call(lambda: read_running(self.store))
            if running is not None:
                if agenda_id is not None and running.meeting.agenda_id != agenda_id:
                    self.notify(
                        _("Meeting {number} is still running; it is resumed instead.").format(
                            number=running.meeting.number
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
            # A new meeting only: resuming one (`roundtable start` most mornings) paints
            # the meeting without these.
            from roundtable.domain.cadence import cadence_for_new_meeting
            from roundtable.domain.chair import present_holder
            from roundtable.domain.deferred import deferred_items

            agenda = self._agenda(agenda_id)
            present = await self.push_screen_wait(self._attendance(default_attendees(self.config)))
            if present is None:
                self.call_after_refresh(self.show_home)
                return
            number, latest = await self.store_thread.call(self._latest_meeting)
            planned = agenda
            deferred = deferred_items(latest)
            if latest is not None and deferred:
                plan = await self.push_screen_wait(self._deferred_offer(agenda, latest))
                if plan is None:
                    self.call_after_refresh(self.show_home)
                    return
                planned = replace(agenda, items=plan.items)
            meeting = timebox.new_meeting(
                planned,
                present,
                present_holder(self.config, agenda.facilitator, present),
                number,
                self.clock(),
                minute_taker=present_holder(self.config, agenda.minute_taker, present),
            )
            meeting = replace(meeting, cadence=cadence_for_new_meeting(agenda, latest, self.config))
            opening = await self.store_thread.call(
                lambda: read_opening(self.store, self.store.add_meeting(meeting))
            )
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
        self.show_meeting(opening)

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
        from roundtable.ui.screens.dialogs.attendance import AttendanceScreen

        return AttendanceScreen(attendees, self.config.roles)

    def _latest_meeting(self) -> tuple[int, Meeting | None]:
        """The next meeting's number and the latest meeting, if any (store thread)."""
        with self.store.reading():
            number = self.store.next_meeting_number()
            latest = self.store.meeting_by_number(number - 1) if number > 1 else None
        return number, latest

    def _deferred_offer(self, agenda: Agenda, latest: Meeting) -> Screen[AgendaPlan | None]:
        from roundtable.domain.deferred import deferred_items
        from roundtable.ui.screens.dialogs.deferred_offer import DeferredOffer

        return DeferredOffer(agenda, deferred_items(latest), latest.number, self.config.roles)

    def show_meeting(self, opening: Opening) -> None:
        """Put the screen of the meeting `opening` holds on top of the home screen."""
        screen = MeetingScreen(opening.meeting, self.context, opening=opening)
        self.push_screen(screen, self._meeting_left)

    def _meeting_left(self, meeting: Meeting | None) -> None:
        # Runs while the meeting screen is still being popped: look once it is gone.
        self.call_after_refresh(self.show_home)

    def action_action_items(self) -> None:
        """Every action item, to filter, search and change."""
        from roundtable.ui.screens.actions.action_items import ActionItemsScreen

        running = next(
            (s.meeting for s in reversed(self.screen_stack) if isinstance(s, MeetingScreen)),
            None,
        )
        self.push_screen(ActionItemsScreen(self.context, meeting=running))

    def action_campaigns(self) -> None:
        """The campaign scoreboard: what each campaign cost and brought, and the trend.
        From the meeting, figures recorded there go on the meeting's undo stack."""
        from roundtable.ui.screens.campaigns.scoreboard import ScoreboardScreen

        if isinstance(self.screen, ScoreboardScreen):
            return
        meeting_screen = next(
            (s for s in reversed(self.screen_stack) if isinstance(s, MeetingScreen)), None
        )
        self.push_screen(
            ScoreboardScreen(
                self.context,
                meeting=None if meeting_screen is None else meeting_screen.meeting,
            )
        )

    def action_statistics(self) -> None:
        """How long the agenda items really take, and what to plan instead."""
        from roundtable.ui.screens.statistics import StatisticsScreen

        if not isinstance(self.screen, StatisticsScreen):
            self.push_screen(StatisticsScreen(store=self.store, store_thread=self.store_thread))

    # --- themes and commands ----------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from roundtable.ui.screens.actions.action_items import ActionItemsScreen
        from roundtable.ui.screens.campaigns.scoreboard import ScoreboardScreen

        yield from super().get_system_commands(screen)
        yield SystemCommand(
            _("Light or dark theme"),
            _("Switch between the dark and the light theme (ctrl+t)"),
            self.action_toggle_theme,
        )
        if not isinstance(screen, ActionItemsScreen):
            yield SystemCommand(
                _("Action items"),
                _("Every action item: filter, search, close, re-assign, re-date"),
                self.action_action_items,
            )
        if not isinstance(screen, ScoreboardScreen):
            yield SystemCommand(
                _("Campaigns"),
                _("What each campaign cost and brought, estimate against actual ($)"),
                self.action_campaigns,
            )
        yield SystemCommand(
            _("Statistics"),
            _("How long each agenda item really takes, and what to plan instead"),
            self.action_statistics,
        )
        # Every key of the screen is also a command, for whoever forgot the key: ours
        # (they carry an id), not Textual's cursor and copy keys, and not the ones the
        # commands above already offer.
        seen: set[str] = set(OFFERED_ABOVE)
        for active in screen.active_bindings.values():
            binding = active.binding
            if (
                not binding.description
                or binding.id is None
                or binding.action in seen
                or active.node is self
            ):
                continue
            if binding.description in textual_descriptions(type(active.node)):
                # Textual's own moves ("Cursor down", "Focus next"): not ours to offer,
                # and in English whatever the reader's language.
                continue
            seen.add(binding.action)
            yield SystemCommand(
                # Translated where shown: see `roundtable.ui.widgets.footer`.
                _(binding.description),
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
    poll_seconds: float = POLL_SECONDS,
    preferences: Preferences | None = None,
) -> RoundtableApp:
    """The app on `config` and an open `store`, every clock read from `clock`.

    `start_agenda` (or `start=True`) goes straight into a meeting, resuming the running
    one if there is one (`start=True` alone with several agendas offers them, the one
    used last selected); `timezone` fixes the wall clock shown
    (default: the machine's local time); `poll_seconds` is how often the store is asked
    whether another process changed it; `preferences` are what the user chose before
    (the theme), remembered again when changed.
    """
    return RoundtableApp(
        config,
        store,
        clock,
        start_agenda,
        start=start,
        timezone=timezone,
        poll_seconds=poll_seconds,
        preferences=preferences,
    )
