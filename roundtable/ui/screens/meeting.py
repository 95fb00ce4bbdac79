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
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import DataTable, Header

from roundtable.domain import timebox
from roundtable.domain.carry_over import group_by_owner, read_carry_over, review_index
from roundtable.domain.clock import Clock
from roundtable.domain.config import Cadence, TeamConfig
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.l10n import format_day
from roundtable.domain.meeting import Attendee, ItemState, Meeting, MeetingState
from roundtable.domain.statistics.forecast import rebalance_by_history
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _, ngettext, pgettext
from roundtable.store.store import Store
from roundtable.ui.action_changes import ActionChanges, UndoStep
from roundtable.ui.live import StoreChanged
from roundtable.ui.screens.board import Entries, read_entries
from roundtable.ui.screens.meeting_log import LogScreen, default_due_date
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.forecast import ForecastLine

if TYPE_CHECKING:
    from roundtable.ui.screens.scoreboard import BoardData

__all__ = [
    "EXTEND_MINUTES",
    "MeetingScreen",
    "UndoStep",
    "default_due_date",
    "key_help",
]

EXTEND_MINUTES = 5
"""How much one press of `+` gives the current item."""

REFRESH_SECONDS = 1.0
CARRY_OVER_DELAY = 0.15
"""Seconds after the screen shows before the carry-over is read and built."""


def key_help(bindings: Sequence[BindingType], app: App[object]) -> list[tuple[str, str]]:
    """(keys, description) for each described binding; several keys joined with " / "."""
    rows = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        keys = [
            app.get_key_display(Binding(key.strip(), binding.action))
            for key in binding.key.split(",")
        ]
        rows.append((" / ".join(keys), binding.description))
    return rows


class MeetingScreen(LogScreen):
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
        Binding("escape", "leave", _("Home"), id="home", show=False),
        Binding("q", "quit", _("Quit"), id="quit"),
    ]

    def __init__(
        self,
        meeting: Meeting,
        *,
        config: TeamConfig,
        store: Store,
        store_thread: StoreThread,
        clock: Clock,
        timezone: tzinfo | None = None,
        entries: Entries | None = None,
    ) -> None:
        """`entries` is the meeting's log if the caller has read it already."""
        super().__init__(
            meeting,
            config=config,
            store=store,
            store_thread=store_thread,
            clock=clock,
            timezone=timezone,
        )
        self._timer: Timer | None = None
        self._meeting_changes = 0
        """Counts changes made here, so a re-read that was under way cannot undo one."""
        self._carried: list[ActionItem] | None = None
        """The carry-over as last read; None until it is first needed."""
        self._carry_choice: bool | None = None
        """Carry-over shown (True) or hidden (False) by the key; None: while the review
        item runs."""
        self._carry_reading = False
        self._carry_ready = False
        """False until the first frame is out (see on_mount)."""
        self._resumed = False
        self._campaigns: BoardData | None = None
        """The campaigns as last read while sales controlling's item runs."""
        self._entries_given = entries is not None
        if entries is not None:
            self.set_entries(entries)
        self.action_changes = ActionChanges(
            store=self.store,
            store_thread=self.store_thread,
            meeting_id=lambda: self.meeting_id,
            changed=self._carried_changed,
            remember=self.remember,
            failed=self.tell_failed,
        )

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        yield from self.compose_board()
        yield Footer()

    def on_mount(self) -> None:
        self.show_titles(self.meeting)
        self.set_up_board(self.meeting)
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
            self._carry_choice = None  # the carry-over follows the review item again
        self.paint_meeting(meeting, move_cursor=follow or moved)
        self._paint_forecast()
        if self._carry_ready and (moved or follow):
            self._sync_carry_over()
            self._sync_campaigns()

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
                self._show_log()

        self.store_thread.submit(read, done=got, failed=lambda _error: None)
        if self._carried is not None:
            self._load_carry_over()
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
            failed=self._failed(_("The meeting's clocks could not be saved")),
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
        self.remember(UndoStep(label, lambda: self._restore_meeting(before)))
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
        self.mount(line, before="#bottom")
        line.load(self.store, self.store_thread, self.meeting.agenda_id)

    def _paint_forecast(self) -> None:
        for line in self.query(ForecastLine):
            line.show_forecast(self.meeting, self.clock())

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
        """Take the selected deferred item back into this meeting."""
        index = self._selected_index()
        if index is None or self.meeting.items[index].state is not ItemState.DEFERRED:
            self.notify(
                _("Select a deferred item in the agenda to take it back."), severity="warning"
            )
            return
        self.change_meeting(
            lambda meeting, now: timebox.restore_deferred(meeting, index, now),
            _("Restore {title}").format(title=single_line(self.meeting.items[index].title)),
        )

    @on(DataTable.RowSelected, "#agenda")
    def _agenda_row_chosen(self, event: DataTable.RowSelected) -> None:
        # Enter on the agenda means "that item's entries": the log is where they are.
        event.stop()
        self.query_one("#log").focus()

    def action_end_meeting(self) -> None:
        """Ask, then end the meeting; what is left is deferred."""
        from roundtable.ui.screens.confirm import ConfirmModal

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
        """End the meeting now (no question asked), save it and leave the screen."""
        ended = timebox.end(self.meeting, self.clock())
        self._meeting_changes += 1
        self.meeting = ended

        def saved(_result: None) -> None:
            self.notify(_("The meeting has ended."), title=single_line(ended.title))
            self.dismiss(ended)

        self.store_thread.submit(
            lambda: self.store.save_meeting(ended),
            done=saved,
            failed=self._failed(_("The end of the meeting could not be saved")),
        )

    def action_attendance(self) -> None:
        """Change who is present."""
        from roundtable.ui.screens.attendance import AttendanceScreen

        def chosen(attendees: tuple[Attendee, ...] | None) -> None:
            if attendees is not None:
                self.change_meeting(
                    lambda meeting, _now: replace(meeting, attendees=tuple(attendees)),
                    _("Attendance"),
                )

        self.app.push_screen(AttendanceScreen(self.meeting.attendees, self.config.roles), chosen)

    def action_change_cadence(self) -> None:
        """Change how often the round table meets, from this meeting on."""
        from roundtable.ui.screens.cadence import CadenceModal, cadence_text

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

    def _today(self) -> date:
        return self.clock().astimezone(self.timezone).date()

    def _on_review_item(self) -> bool:
        current = self.meeting.current
        return current is not None and current == review_index(self.meeting)

    def _carry_over_wanted(self) -> bool:
        if self._carry_choice is not None:
            return self._carry_choice
        # While the review item runs, and only if something was carried over: a first
        # meeting keeps its agenda in view.
        return self._on_review_item() and bool(self._carried)

    def _sync_carry_over(self) -> None:
        """Show the carry-over in the agenda's place while it is wanted (building it the
        first time), the agenda otherwise; read it first when it may be wanted."""
        from roundtable.ui.widgets.carry_over import CarryOverTable

        if self._carried is None and (self._on_review_item() or self._carry_choice):
            self._load_carry_over()
            if not self._carry_choice:
                return  # shown once read, if there is anything
        wanted = self._carry_over_wanted()
        tables = self.query(CarryOverTable)
        if not wanted and not tables:
            return
        if tables:
            table = tables.first()
        else:
            table = CarryOverTable(id="carry-over")
            self.query_one("#bottom").mount(table, before=self.query_one("#agenda"))
            table.border_title = Text(_("Open action items from earlier meetings · reading …"))
        agenda = self.query_one(AgendaList)
        had_focus = self.focused in (agenda, table)
        table.display = wanted
        agenda.display = not wanted
        self.set_class(wanted, "-carry-over")
        if had_focus or self.focused is None:
            (table if wanted else agenda).focus()
        self._show_carry_over()
        self._place_campaigns()

    def _load_carry_over(self) -> None:
        if self._carry_reading:
            return
        self._carry_reading = True
        meeting = self.meeting

        def failed(error: RoundtableError) -> None:
            self._carry_reading = False
            self._failed(_("The open action items could not be read"))(error)

        self.store_thread.submit(
            lambda: read_carry_over(self.store, meeting),
            done=self._carry_over_read,
            failed=failed,
        )

    def _carry_over_read(self, actions: list[ActionItem]) -> None:
        if not self.showing:
            return
        first = self._carried is None
        self._carried = actions
        self._carry_reading = False
        if first:
            self._sync_carry_over()
        else:
            self._show_carry_over()

    def _show_carry_over(self) -> None:
        from roundtable.ui.widgets.carry_over import CarryOverTable

        tables = self.query(CarryOverTable)
        if not tables or self._carried is None:
            return
        table = tables.first()
        today = self._today()
        groups = group_by_owner(self._carried, self.config.roles, today)
        table.show_groups(groups, today)
        still_open = sum(1 for a in self._carried if a.status is ActionStatus.OPEN)
        overdue = sum(1 for a in self._carried if a.is_overdue(today))
        if not self._carried:
            table.border_title = Text(_("No open action items from earlier meetings"))
            return
        title = ngettext(
            "{count} open from earlier meetings",
            "{count} open from earlier meetings",
            still_open,
        ).format(count=still_open)
        if overdue:
            title += " · " + _("{count} overdue").format(count=overdue)
        table.border_title = Text(title)
        table.border_subtitle = Text(_("enter done · w owner · u due · del drop"))

    def _carried_changed(self, action: ActionItem) -> None:
        if not self.showing:
            return
        if self._carried is not None:
            self._carried = [action if a.ref == action.ref else a for a in self._carried]
            self._show_carry_over()
        if action.ref in self._actions:
            self._actions[action.ref] = action
            self._show_log()

    def _carried_selected(self) -> ActionItem | None:
        from roundtable.ui.widgets.carry_over import CarryOverTable

        tables = self.query(CarryOverTable)
        action = tables.first().selected if tables and tables.first().display else None
        if action is None:
            self.notify(_("Select an action item in the carry-over first."), severity="warning")
        return action

    def action_carry_over(self) -> None:
        """Show or hide the open action items from earlier meetings."""
        self._carry_choice = not self._carry_over_wanted()
        self._sync_carry_over()

    @on(DataTable.RowSelected, "#carry-over")
    def _carried_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        action = self._carried_selected()
        if action is None:
            return
        status = ActionStatus.OPEN if action.status is not ActionStatus.OPEN else ActionStatus.DONE
        self.action_changes.set_status(action, status)

    def action_carry_drop(self) -> None:
        """Drop the selected carried-over item (ctrl+z takes it back)."""
        action = self._carried_selected()
        if action is not None:
            self.action_changes.set_status(action, ActionStatus.DROPPED)

    def action_carry_owner(self) -> None:
        """Give the selected carried-over item to someone else."""
        from roundtable.ui.screens.action_edit import OwnerChange, OwnerModal

        action = self._carried_selected()
        if action is None:
            return

        def chosen(change: OwnerChange | None) -> None:
            if change is not None:
                self.action_changes.reassign(action, change.owner)

        self.app.push_screen(OwnerModal(action, self.config.roles), chosen)

    def action_carry_due(self) -> None:
        """Give the selected carried-over item another due date."""
        from roundtable.ui.screens.action_edit import DueChange, DueModal

        action = self._carried_selected()
        if action is None:
            return

        def chosen(change: DueChange | None) -> None:
            if change is not None:
                self.action_changes.redate(action, change.due)

        self.app.push_screen(
            DueModal(action, self._today(), default_due_date(self.meeting, self.timezone)),
            chosen,
        )

    def action_action_items(self) -> None:
        """Every action item, to filter, search and change."""
        from roundtable.ui.screens.actions import ActionItemsScreen

        self.app.push_screen(
            ActionItemsScreen(
                config=self.config,
                store=self.store,
                store_thread=self.store_thread,
                clock=self.clock,
                timezone=self.timezone,
                meeting=self.meeting,
            )
        )

    # --- the campaign results ----------------------------------------------------------

    def _sync_campaigns(self) -> None:
        """While sales controlling's item runs (`shows_campaigns`), read the campaigns
        (store thread) for the compact scoreboard; otherwise put the agenda back."""
        from roundtable.ui.widgets.scoreboard import shows_campaigns

        if not shows_campaigns(self.meeting.current_item):
            self._campaigns = None
            self._place_campaigns()
            return
        from roundtable.ui.screens.scoreboard import read_board

        store = self.store

        def read(data: BoardData) -> None:
            if self.showing:
                self._campaigns = data
                self._place_campaigns()

        self.store_thread.submit(lambda: read_board(store), done=read, failed=lambda _e: None)

    def _place_campaigns(self) -> None:
        """Show the compact scoreboard in the agenda's place while there are campaigns to
        show (running, or reported in this meeting) and the carry-over is not there."""
        from roundtable.ui.widgets.carry_over import CarryOverTable
        from roundtable.ui.widgets.scoreboard import (
            CampaignScoreboard,
            campaigns_in_meeting,
            shows_campaigns,
        )

        data = self._campaigns
        boards = self.query(CampaignScoreboard)
        wanted = (
            data is not None
            and shows_campaigns(self.meeting.current_item)
            and bool(campaigns_in_meeting(data.board, self.meeting_id))
            and not self._carry_over_wanted()
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
        from roundtable.ui.widgets.carry_over import CarryOverTable

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
        from roundtable.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_bindings()))

    def action_leave(self) -> None:
        """Back to the home screen; the meeting keeps running."""
        self.dismiss(None)

    async def action_quit(self) -> None:
        """Quit the app once every write is on disk; the meeting keeps running."""
        await self.store_thread.drain()
        self.app.exit()

    def attendee_names(self) -> Sequence[str]:
        """Who is present, for tests and the header."""
        return [attendee.name for attendee in self.meeting.attendees if attendee.present]
