"""The facilitator's meeting screen: the room watches it for three hours.

It shows the current item with its big countdown, the time box, the agenda and what
this item has decided so far (the board, shared with `roundtable follow`), and turns
keys into time-box calls and captures (the log half lives in `meeting_log`). While the
review item runs, the action items carried over from earlier meetings take the agenda's
place, to be closed, re-assigned, re-dated or dropped right there; while sales
controlling's item runs, the campaign results take it (`widgets.scoreboard`).

Every figure comes from `timebox.box_view(meeting, clock())`, recomputed once a second.
Every store call runs on the app's store thread, in order. When the store changes (an
attendee's `roundtable done A-42` too) the app says so and the screen re-reads what it
shows; nothing beyond the meeting and its log is read before the first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, Header

from roundtable.domain import timebox
from roundtable.domain.config import Cadence
from roundtable.domain.entries import ActionItem
from roundtable.domain.l10n import format_day
from roundtable.domain.meeting import Attendee, ItemState, Meeting, MeetingState
from roundtable.domain.statistics.forecast import rebalance_by_history
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _, pgettext
from roundtable.ui.context import AppContext
from roundtable.ui.keys import key_help
from roundtable.ui.live import StoreChanged
from roundtable.ui.screens.actions.action_items import ActionItemsScreen
from roundtable.ui.screens.campaigns.scoreboard import BoardData, read_board
from roundtable.ui.screens.dialogs.attendance import AttendanceScreen
from roundtable.ui.screens.dialogs.cadence import CadenceModal, cadence_text
from roundtable.ui.screens.dialogs.confirm import ConfirmModal
from roundtable.ui.screens.dialogs.help import HelpScreen
from roundtable.ui.screens.forms.note_form import capture_note
from roundtable.ui.screens.home.minutes_preview import MinutesPreview
from roundtable.ui.screens.meeting.carry_over import CarryOver
from roundtable.ui.screens.meeting.display import Entries, MeetingDisplay, log_index, read_entries
from roundtable.ui.screens.meeting.ending import Ended, summary_text, write_ended
from roundtable.ui.screens.meeting.log import MeetingLog, default_due_date
from roundtable.ui.undo import UndoStep
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.carry_over import CarryOverTable
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.forecast import ForecastLine
from roundtable.ui.widgets.scoreboard import (
    CampaignScoreboard,
    campaigns_in_meeting,
    shows_campaigns,
)

__all__ = [
    "EXTEND_MINUTES",
    "MeetingScreen",
    "UndoStep",
    "default_due_date",
]

EXTEND_MINUTES = 5
"""How much one press of `+` gives the current item."""

REFRESH_SECONDS = 1.0
CARRY_OVER_DELAY = 0.15
"""Seconds after the screen shows before the carry-over is read and built."""


class MeetingScreen(MeetingDisplay[Meeting | None]):
    """Runs one meeting; dismisses with the ended meeting, or None when left running."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_item", _("Next"), id="next-item"),
        Binding("p", "previous_item", _("Previous"), id="previous-item", show=False),
        Binding("space", "toggle_pause", _("Pause"), id="pause", key_display="space"),
        Binding("plus,e", "extend", _("+5 min"), id="extend", key_display="+"),
        Binding("r", "rebalance", _("Rebalance"), id="rebalance"),
        Binding(
            "R",
            "rebalance_by_history",
            _("Rebalance by history"),
            id="rebalance-history",
            show=False,
        ),
        Binding("f", "defer", _("Defer"), id="defer"),
        Binding("o", "restore", _("Restore item"), id="restore", show=False),
        Binding("d", "capture_decision", _("Decision"), id="capture-decision"),
        Binding("a", "capture_action", _("Action"), id="capture-action"),
        Binding("b", "capture_budget", _("Budget"), id="capture-budget"),
        Binding("c", "carry_over", _("Carry-over"), id="carry-over"),
        Binding("i", "action_items", _("Action items"), id="action-items", show=False),
        Binding("dollar_sign", "app.campaigns", _("Campaigns"), id="campaigns", show=False),
        Binding("k", "change_cadence", _("Change cadence"), id="cadence", show=False),
        Binding("t", "attendance", _("Attendance"), id="attendance", show=False),
        Binding("enter", "edit_entry", _("Edit entry"), id="edit-entry", show=False),
        Binding("delete", "delete_entry", _("Delete entry"), id="delete-entry", show=False),
        Binding("ctrl+z", "undo", _("Undo"), id="undo", show=False),
        Binding("ctrl+e,x", "end_meeting", pgettext("key", "End"), id="end-meeting"),
        Binding("question_mark,f1", "help", _("Help"), id="help", key_display="?"),
        Binding("h", "leave", _("Home"), id="home", show=False),
        # Escape closes forms; one press too many must not take the clock off the wall.
        Binding("escape", "stay", "", id="stay", show=False),
        Binding("q", "quit", _("Quit"), id="quit"),
    ]

    def __init__(
        self, meeting: Meeting, context: AppContext, *, entries: Entries | None = None
    ) -> None:
        """`entries` is the meeting's log if the caller has read it already."""
        super().__init__(context)
        if meeting.id is None:
            raise ValueError("the meeting screen needs a saved meeting")
        self.meeting = meeting
        self.store = context.store
        self.store_thread = context.store_thread
        self.entries_log = MeetingLog(self, context)
        """Captures, edits, deletes and undoes this meeting's entries."""
        self._timer: Timer | None = None
        self._meeting_changes = 0
        """Counts changes made here, so a re-read that was under way cannot undo one."""
        self._carry_ready = False
        """False until the first frame is out (see on_mount)."""
        self._forecast_line: ForecastLine | None = None
        self._resumed = False
        self._campaigns: BoardData | None = None
        """The campaigns as last read while sales controlling's item runs."""
        self._entries_given = entries is not None
        if entries is not None:
            self.set_entries(entries)
        self.carry_over = CarryOver(self, context)
        """The open action items from earlier meetings, in the agenda's place."""

    @property
    def meeting_id(self) -> int:
        """The store's id of this meeting."""
        assert self.meeting.id is not None  # checked in __init__
        return self.meeting.id

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        yield from self.compose_display()
        yield Footer()

    def on_mount(self) -> None:
        self.show_titles(self.meeting)
        self.set_up_display(self.meeting)
        self._show_meeting(self.meeting, follow=True)
        self._timer = self.set_interval(REFRESH_SECONDS, self.refresh_clocks)
        self._mount_forecast()
        if not self._entries_given:
            self.reload_log()
        self.query_one(AgendaList).focus()
        # The carry-over waits until the first frame is out: the room sees its clocks
        # first, and reading and building the list do not hold that frame up.
        self.set_timer(CARRY_OVER_DELAY, self._carry_over_ready)

    def _carry_over_ready(self) -> None:
        self._carry_ready = True
        self._sync_carry_over()
        self._sync_campaigns()

    # --- showing ----------------------------------------------------------------------

    def refresh_clocks(self) -> None:
        """Recompute every figure from the store's timestamps and the clock; widgets
        repaint only what changed."""
        self.paint_clocks(self.meeting)
        self._paint_forecast()

    def _show_meeting(self, meeting: Meeting, *, follow: bool) -> None:
        """Show a changed meeting; `follow` moves the agenda cursor to its current item."""
        old_current = self.meeting.current
        self.meeting = meeting
        moved = meeting.current != old_current
        if moved:
            self.carry_over.choice = None  # the carry-over follows the review item again
        self.paint_meeting(meeting, move_cursor=follow or moved)
        self._paint_forecast()
        if self._carry_ready and (moved or follow):
            self._sync_carry_over()
            self._sync_campaigns()

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

    # --- the log: captures, edits, deletes, undo --------------------------------------

    def action_capture_decision(self) -> None:
        """Type a decision into this item's log."""
        self.entries_log.capture_decision()

    def action_capture_action(self) -> None:
        """Type an action item: what, who, by when."""
        self.entries_log.capture_action()

    def action_capture_budget(self) -> None:
        """Type a budget agreement: area, amount, period, kind."""
        self.entries_log.capture_budget()

    @on(DataTable.RowSelected, "#log")
    def _log_row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_entry()

    def action_edit_entry(self) -> None:
        """Edit the entry selected in the log."""
        self.entries_log.edit_entry()

    def action_delete_entry(self) -> None:
        """Delete the entry selected in the log (ctrl+z brings it back)."""
        self.entries_log.delete_entry()

    def action_undo(self) -> None:
        """Take back the last capture, edit, delete, carry-over change or time-box step
        (or figures recorded on the scoreboard opened from here)."""
        if not self.context.undo:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        step = self.context.undo.pop()
        step.undo()
        self.notify(_("Undone: {what}").format(what=step.label), markup=False)

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
            self._sync_campaigns()

    @on(StoreChanged)
    def _store_changed(self) -> None:
        self.reload_log()

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

    # --- time-box actions -------------------------------------------------------------

    def action_next_item(self) -> None:
        """Close the current item and start the next pending one."""
        self.change_meeting(timebox.next_item, _("Next item"))

    def action_previous_item(self) -> None:
        """Go back to the previous item."""
        self.change_meeting(timebox.previous_item, _("Previous item"))

    def action_toggle_pause(self) -> None:
        """Start or end a break."""
        if self.meeting.state is MeetingState.PAUSED:
            self.change_meeting(timebox.resume, _("Resume"))
        else:
            self.change_meeting(timebox.pause, _("Break"))

    def action_extend(self) -> None:
        """Give the current item five more minutes, taken from the items still to come."""
        if self.meeting.current is None:
            self.notify(_("No item is running."), severity="warning")
            return
        self.change_meeting(
            lambda meeting, now: timebox.extend(meeting, EXTEND_MINUTES, now),
            _("Extend by {minutes} minutes").format(minutes=EXTEND_MINUTES),
        )

    def action_rebalance(self) -> None:
        """Fit the items still to come into what is left of the box."""
        if self.change_meeting(timebox.rebalance, _("Rebalance")):
            self.notify(_("The items still to come now fit into the time box."))

    # --- the forecast at the usual pace (statistics) ----------------------------------

    def _mount_forecast(self) -> None:
        line = ForecastLine(timezone=self.timezone, id="forecast")
        # Known before the history arrives, so the line paints the moment it does.
        line.show_forecast(self.meeting, self.clock())
        self.mount(line, before="#bottom")
        line.load(self.store, self.store_thread, self.meeting.agenda_id)
        self._forecast_line = line

    def _paint_forecast(self) -> None:
        # Held, not queried: a query walks the whole screen, every second.
        line = self._forecast_line
        if line is None or not line.is_attached:
            return
        line.show_forecast(self.meeting, self.clock())
        # The agenda's "does not fit" marks follow the usual pace too, not only the plan.
        self.query_one(AgendaList).show_forecast_late(line.not_fitting)

    def action_rebalance_by_history(self) -> None:
        """Plan the items still to come by what they usually take, inside the box."""
        usual = self.query_one(ForecastLine).usual or {}
        if self.change_meeting(
            lambda meeting, now: rebalance_by_history(meeting, now, usual),
            _("Rebalance by history"),
        ):
            self.notify(_("The items still to come are planned by what they usually take."))

    def _selected_index(self) -> int | None:
        return self.query_one(AgendaList).selected_index

    def action_defer(self) -> None:
        """Defer the item selected in the agenda (the current one unless another row is
        selected) to the next meeting."""
        index = self._selected_index()
        if index is None:
            index = self.meeting.current
        if index is None:
            return
        item = self.meeting.items[index]
        if item.state not in (ItemState.PENDING, ItemState.RUNNING):
            self.notify(
                _("Only an item still to come or running can be deferred."), severity="warning"
            )
            return
        title = single_line(item.title)
        if self.change_meeting(
            lambda meeting, now: timebox.defer(meeting, index, now),
            _("Defer {title}").format(title=title),
        ):
            self.notify(
                _("Deferred to the next meeting: {title}. ctrl+z takes it back.").format(
                    title=title
                ),
                markup=False,
            )

    def action_restore(self) -> None:
        """Take the selected deferred item back into this meeting; on any other item,
        `o` notes what was reported or discussed."""
        index = self._selected_index()
        if index is None or self.meeting.items[index].state is not ItemState.DEFERRED:
            self.action_note()
            return
        self.change_meeting(
            lambda meeting, now: timebox.restore_deferred(meeting, index, now),
            _("Restore {title}").format(title=single_line(self.meeting.items[index].title)),
        )

    def action_note(self) -> None:
        """Note what was reported or discussed under the current item (`o`)."""

        def tell(message: str, failed: bool) -> None:
            self.notify(message, severity="error" if failed else "information", markup=False)

        capture_note(
            self.app.push_screen,
            self.store,
            self.store_thread,
            lambda: (self.meeting_id, log_index(self.meeting)),
            tell,
        )

    @on(DataTable.RowSelected, "#agenda")
    def _agenda_row_chosen(self, event: DataTable.RowSelected) -> None:
        # Enter on the agenda means "that item's entries": the log is where they are.
        event.stop()
        self.query_one("#log").focus()

    def action_end_meeting(self) -> None:
        """Ask, then end the meeting; what is left is deferred."""
        # The current item counts as done; only the ones not yet started are deferred.
        left = sum(1 for item in self.meeting.items if item.state is ItemState.PENDING)
        message = (
            _("{count} items not yet started will be deferred to the next meeting.").format(
                count=left
            )
            if left
            else _("Nothing is left to defer.")
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.end_meeting()

        self.app.push_screen(
            ConfirmModal(_("End the meeting?"), message, _("End meeting")), answered
        )

    def end_meeting(self) -> None:
        """End the meeting now (no question asked), save it, write its minutes and show
        them with a summary; closing them leaves the screen."""
        ended = timebox.end(self.meeting, self.clock())
        self._meeting_changes += 1
        self.meeting = ended
        store, config, timezone, meeting_id = (
            self.store,
            self.config,
            self.timezone,
            self.meeting_id,
        )
        assert ended.ended_at is not None  # `timebox.end` sets it
        summary = summary_text(
            ended.ended_at - ended.started_at,
            len(self._decisions),
            len(self._actions),
            len(self._budgets),
        )

        def save() -> Ended:
            store.save_meeting(ended)
            return write_ended(store, meeting_id, config, timezone)

        def saved(minutes: Ended) -> None:
            self.notify(_("The meeting has ended."), title=single_line(ended.title))
            if minutes.path is not None:
                where = _("The minutes are written to {path}.").format(path=minutes.path)
            else:
                where = _("The minutes could not be written: {reason}").format(
                    reason=minutes.problem
                )
            preview = MinutesPreview(
                minutes.markdown,
                minutes.path,
                title=_("Minutes of meeting {number}").format(number=minutes.number),
                summary=f"{summary}\n{where}",
            )
            # Through the screen's own queue: this runs in the store thread's report,
            # outside the app's context, and a screen must be built inside it.
            self.call_later(self.app.push_screen, preview, closed)

        def closed(_result: None) -> None:
            self.dismiss(ended)

        self.store_thread.submit(
            save,
            done=saved,
            failed=self.failed(_("The end of the meeting could not be saved")),
        )

    def action_attendance(self) -> None:
        """Change who is present."""

        def chosen(attendees: tuple[Attendee, ...] | None) -> None:
            if attendees is not None:
                self.change_meeting(
                    lambda meeting, _now: replace(meeting, attendees=tuple(attendees)),
                    _("Attendance"),
                )

        self.app.push_screen(AttendanceScreen(self.meeting.attendees, self.config.roles), chosen)

    def action_change_cadence(self) -> None:
        """Change how often the round table meets, from this meeting on."""

        def chosen(cadence: Cadence | None) -> None:
            if cadence is None or cadence is self.meeting.cadence:
                return
            if self.change_meeting(
                lambda meeting, _now: replace(meeting, cadence=cadence), _("Change cadence")
            ):
                self.notify(
                    _("From now on the team meets {cadence}; the next meeting is on {day}.").format(
                        cadence=cadence_text(cadence),
                        day=format_day(default_due_date(self.meeting, self.timezone)),
                    ),
                    markup=False,
                )

        self.app.push_screen(
            CadenceModal(self.meeting.cadence, self.meeting.started_at.astimezone(self.timezone)),
            chosen,
        )

    # --- the carry-over ---------------------------------------------------------------

    def _sync_carry_over(self) -> None:
        self.carry_over.sync()

    def action_carry_over(self) -> None:
        """Show or hide the open action items from earlier meetings."""
        self.carry_over.toggle()

    @on(DataTable.RowSelected, "#carry-over")
    def _carried_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.carry_over.toggle_done()

    def action_carry_drop(self) -> None:
        """Drop the selected carried-over item (ctrl+z takes it back)."""
        self.carry_over.drop()

    def action_carry_owner(self) -> None:
        """Give the selected carried-over item to someone else."""
        self.carry_over.change_owner()

    def action_carry_due(self) -> None:
        """Give the selected carried-over item another due date."""
        self.carry_over.change_due()

    def action_action_items(self) -> None:
        """Every action item, to filter, search and change."""
        self.app.push_screen(ActionItemsScreen(self.context, meeting=self.meeting))

    # --- the campaign results ----------------------------------------------------------

    def _sync_campaigns(self) -> None:
        """While sales controlling's item runs (`shows_campaigns`), read the campaigns
        (store thread) for the compact scoreboard; otherwise put the agenda back."""
        if not shows_campaigns(self.meeting.current_item):
            self._campaigns = None
            self.place_campaigns()
            return
        store = self.store

        def read(data: BoardData) -> None:
            if self.showing:
                self._campaigns = data
                self.place_campaigns()

        self.store_thread.submit(lambda: read_board(store), done=read, failed=lambda _e: None)

    def place_campaigns(self) -> None:
        """Show the compact scoreboard in the agenda's place while there are campaigns to
        show (running, or reported in this meeting) and the carry-over is not there."""
        data = self._campaigns
        boards = self.query(CampaignScoreboard)
        wanted = (
            data is not None
            and shows_campaigns(self.meeting.current_item)
            and bool(campaigns_in_meeting(data.board, self.meeting_id))
            and not self.carry_over.wanted()
        )
        if not wanted and not boards:
            return
        if boards:
            board = boards.first()
        else:
            board = CampaignScoreboard(id="campaigns")
            self.query_one("#bottom").mount(board, before=self.query_one("#agenda"))
        if data is not None:
            board.show_board(data.board, data.numbers, self.meeting_id, key="$")
        board.display = wanted
        self.set_class(wanted, "-campaigns")
        carried = self.query(CarryOverTable)
        carry_shown = bool(carried) and carried.first().display
        agenda = self.query_one(AgendaList)
        agenda.display = not wanted and not carry_shown
        # The board is for the room to read, not to type into: the screen's keys work
        # without focus, and the agenda takes it back when it returns.
        if wanted and self.focused is agenda:
            self.set_focus(None)
        elif agenda.display and self.focused is None:
            agenda.focus()

    # --- the rest ---------------------------------------------------------------------

    def help_bindings(self) -> list[tuple[str, str]]:
        """Every key of this screen and the app, as (keys, description), for the help
        screen. Read from the declared bindings: a focused table's own keys (enter on
        the agenda) must not hide the screen's."""
        carry_over = [
            (keys, _("In the carry-over: {what}").format(what=what))
            for keys, what in key_help(CarryOverTable.BINDINGS, self.app)
        ]
        return [
            *key_help(self.BINDINGS, self.app),
            *carry_over,
            *key_help(self.app.BINDINGS, self.app),
        ]

    def action_help(self) -> None:
        """Show every key."""
        self.app.push_screen(HelpScreen(self.help_bindings()))

    def action_stay(self) -> None:
        """Escape on the meeting screen: nothing to close, the meeting stays in view."""
        self.notify(
            _("The meeting stays on screen. h goes to the home screen, q quits."),
            markup=False,
        )

    def action_leave(self) -> None:
        """Back to the home screen; the meeting keeps running."""
        self.app.notify(
            _("Meeting {number} keeps running; resume it from the home screen.").format(
                number=self.meeting.number
            ),
            markup=False,
        )
        self.dismiss(None)

    def action_quit(self) -> None:
        """Ask, then quit the app once every write is on disk; the meeting keeps
        running and `roundtable start` resumes it."""

        async def answered(confirmed: bool | None) -> None:
            if confirmed:
                await self.store_thread.drain()
                self.app.exit()

        self.app.push_screen(
            ConfirmModal(
                _("Quit roundtable?"),
                _(
                    "Meeting {number} keeps running and its clocks go on; "
                    "roundtable start resumes it."
                ).format(number=self.meeting.number),
                _("Quit"),
            ),
            answered,
        )

    def attendee_names(self) -> Sequence[str]:
        """Who is present, for tests and the header."""
        return [attendee.name for attendee in self.meeting.attendees if attendee.present]
