"""A running meeting on the board: what the meeting screen holds, reads and writes.

The meeting screen is built in layers, one idea each: this one keeps the meeting and
its log, shows a changed meeting, reads the store again when it changed (on the store
thread, in order) and saves each time-box step with its undo. The captures
(`capture.CaptureActions`), the time-box keys (`timing.TimingActions`) and the screen's
layout and keys (`screen.MeetingScreen`) build on it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.widget import Widget

from roundtable.domain.entries import ActionItem
from roundtable.domain.meeting import Meeting
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.ui.context import AppContext
from roundtable.ui.live import StoreChanged, Tick
from roundtable.ui.screens.meeting.carry_over import CarryOver
from roundtable.ui.screens.meeting.display import Entries, MeetingDisplay, read_entries
from roundtable.ui.undo import UndoStep
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.forecast import ForecastLine

if TYPE_CHECKING:
    from roundtable.ui.screens.campaigns.scoreboard import BoardData
    from roundtable.ui.screens.meeting.log import MeetingLog
    from roundtable.ui.screens.meeting.opening import Opening

__all__ = ["MeetingBase"]


class MeetingBase(MeetingDisplay[Meeting | None]):
    """One saved meeting on the board, kept in step with the store; dismisses with the
    ended meeting, or None when left running."""

    def __init__(
        self, meeting: Meeting, context: AppContext, *, opening: Opening | None = None
    ) -> None:
        """`opening` is what the screen shows at once, if the caller has read it already
        (`opening.read_opening`); else the screen reads it after its first frame."""
        super().__init__(context)
        if meeting.id is None:
            raise ValueError("the meeting screen needs a saved meeting")
        self.meeting = meeting
        self.store = context.store
        self.store_thread = context.store_thread
        self._entries_log: MeetingLog | None = None
        self._timer: Tick | None = None
        """The once-a-second clock, which also asks the store for changes (`live.Tick`)."""
        self._meeting_changes = 0
        """Counts changes made here, so a re-read that was under way cannot undo one."""
        self._carry_ready = False
        """False until the carry-over may be shown (see `MeetingScreen.on_mount`)."""
        self.forecast_line: ForecastLine | None = None
        """The forecast at the usual pace, once mounted (held: a query walks the whole
        screen, every second)."""
        self._resumed = False
        self._campaigns: BoardData | None = None
        """The campaigns as last read while sales controlling's item runs."""
        self.opening = opening
        """What was read before the screen was built (None: nothing)."""
        if opening is not None:
            self.set_entries(opening.entries)
        self.carry_over = CarryOver(self, context)
        """The open action items from earlier meetings, in the agenda's place."""
        if opening is not None and opening.carried is not None:
            self.carry_over.carried = opening.carried

    @property
    def entries_log(self) -> MeetingLog:
        """Captures, edits, deletes and undoes this meeting's entries; built when first
        used (by then preloaded, `roundtable.ui.preload`): the first frame needs none of it."""
        if self._entries_log is None:
            from roundtable.ui.screens.meeting.log import MeetingLog

            self._entries_log = MeetingLog(self, self.context)
        return self._entries_log

    @property
    def meeting_id(self) -> int:
        """The store's id of this meeting."""
        assert self.meeting.id is not None  # checked in __init__
        return self.meeting.id

    # --- showing ----------------------------------------------------------------------

    def refresh_clocks(self) -> None:
        """Recompute every figure from the store's timestamps and the clock; widgets
        repaint only what changed."""
        self.paint_clocks(self.meeting)
        self.paint_forecast()

    def _show_meeting(self, meeting: Meeting, *, follow: bool) -> None:
        """Show a changed meeting; `follow` moves the agenda cursor to its current item."""
        old_current, old_state = self.meeting.current, self.meeting.state
        self.meeting = meeting
        if meeting.state is not old_state:
            self.refresh_bindings()  # space says "Resume" during a break
        moved = meeting.current != old_current
        if moved:
            # Only a move to another item may offer the roles: not loaded for the first frame.
            from roundtable.ui.screens.roles.offer import offer_roles

            self.carry_over.choice = None  # the carry-over follows the review item again
            offer_roles(self, meeting)
        self.paint_meeting(meeting, move_cursor=follow or moved)
        self.paint_forecast()
        if self._carry_ready and (moved or follow):
            self.carry_over.sync()
            self.sync_campaigns()

    def paint_forecast(self) -> None:
        """Say which items will not fit at the usual pace (statistics)."""
        line = self.forecast_line
        if line is None or not line.is_attached:
            return
        # At the instant the board was just painted for: its box is worked out already.
        view = self.view
        line.show_forecast(self.meeting, view.now if view else self.clock(), view)
        # The agenda's "does not fit" marks follow the usual pace too, not only the plan.
        self.query_one(AgendaList).show_forecast_late(line.not_fitting)

    def sync_campaigns(self) -> None:
        """Show the campaign results where they belong (the screen knows where)."""

    def place_campaigns(self) -> None:
        """Show or hide the campaign results (the screen knows where)."""

    def show_log(self) -> None:
        self.paint_log(self.meeting)

    def failed(self, what: str) -> Callable[[RoundtableError], None]:
        """A store failure handler that says `what` did not happen."""
        return self.entries_log.failed(what)

    def entry_changed(self, action: ActionItem) -> None:
        """Show `action` as changed elsewhere on the screen, if this meeting logged it."""
        if action.ref in self._actions:
            self.put_entry(action)

    def bottom_row(self) -> Widget:
        """The row the agenda, the carry-over and the campaign results share."""
        return self.query_one("#bottom")

    def agenda(self) -> AgendaList:
        """The agenda list."""
        return self.query_one(AgendaList)

    # --- reading the store ------------------------------------------------------------

    def reload_log(self) -> None:
        """Read this meeting and its entries from the store again (on its thread); the
        carry-over too once it has been shown."""
        changes = self._meeting_changes
        store, meeting_id = self.store, self.meeting_id

        def read() -> tuple[Meeting, Entries]:
            with store.reading():
                return store.meeting(meeting_id), read_entries(store, meeting_id)

        def got(result: tuple[Meeting, Entries]) -> None:
            if not self.showing:
                return
            meeting, entries = result
            self.set_entries(entries)
            if changes == self._meeting_changes and meeting != self.meeting:
                # Only another process changes the stored meeting behind our back.
                self._show_meeting(meeting, follow=False)
            else:
                self.show_log()

        self.store_thread.submit(read, done=got, failed=lambda _error: None)
        if self.carry_over.carried is not None:
            self.carry_over.load()
        if self._carry_ready:
            self.sync_campaigns()

    @on(StoreChanged)
    def _store_changed(self) -> None:
        self.reload_log()

    def on_unmount(self) -> None:
        # The store watcher asks again itself once the clock that asked for it is gone.
        if self._timer is not None:
            self._timer.stop()

    def on_screen_resume(self) -> None:
        # Back from the action-items screen (or a form): show its changes at once.
        if self._resumed:
            self.reload_log()
        self._resumed = True

    # --- writing the meeting ----------------------------------------------------------

    def _save_meeting(self, meeting: Meeting) -> None:
        self.store_thread.submit(
            lambda: self.store.save_meeting(meeting),
            failed=self.failed(_("The meeting's clocks could not be saved")),
        )

    def change_meeting(self, change: Callable[[Meeting, datetime], Meeting], label: str) -> bool:
        """Apply a time-box operation now, show and save the result, and remember how to
        undo it. False (and a notice) when the operation does not apply."""
        before = self.meeting
        try:
            after = change(before, self.clock())
        except (RoundtableError, ValueError, IndexError) as error:
            message = error.message if isinstance(error, RoundtableError) else str(error)
            self.notify(message, title=label, severity="warning", markup=False)
            return False
        if after == before:
            return False
        self._meeting_changes += 1
        self.context.undo.push(UndoStep(label, lambda: self._restore_meeting(before)))
        self._show_meeting(after, follow=after.current != before.current)
        self._save_meeting(after)
        return True

    def _restore_meeting(self, meeting: Meeting) -> None:
        self._meeting_changes += 1
        self._show_meeting(meeting, follow=True)
        self._save_meeting(meeting)
