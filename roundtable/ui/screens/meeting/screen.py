"""The facilitator's meeting screen: the room watches it for three hours.

It shows the current item with its big countdown, the time box, the agenda and what
this item has decided so far (the board, shared with `roundtable follow`), and turns
keys into time-box calls and captures. While the review item runs, the action items
carried over from earlier meetings take the agenda's place, to be closed, re-assigned,
re-dated or dropped right there; while sales controlling's item runs, the campaign
results take it (`widgets.scoreboard`).

The screen is built in layers, one idea each: `base` keeps the meeting in step with the
store, `capture` writes its log, `timing` moves its clocks; this module lays the board
out, names the keys and places the campaign results.

Every figure comes from `timebox.box_view(meeting, clock())`, recomputed once a second.
Every store call runs on the app's store thread, in order. When the store changes (an
attendee's `roundtable done A-42` too) the app says so and the screen re-reads what it
shows; nothing beyond the meeting and its log is read before the first paint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header

from roundtable.i18n import _, pgettext
from roundtable.ui.keys import key_help
from roundtable.ui.screens.campaigns.scoreboard import BoardData, read_board
from roundtable.ui.screens.dialogs.confirm import ConfirmModal
from roundtable.ui.screens.dialogs.help import HelpScreen
from roundtable.ui.screens.meeting.discard import ask_to_discard
from roundtable.ui.screens.meeting.display import log_index
from roundtable.ui.screens.meeting.log import default_due_date
from roundtable.ui.screens.meeting.timing import EXTEND_MINUTES, TimingActions
from roundtable.ui.screens.roles.roles import RolesScreen
from roundtable.ui.undo import UndoStep
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.carry_over import CarryOverTable
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.scoreboard import (
    CampaignScoreboard,
    campaigns_in_meeting,
    shows_campaigns,
)

__all__ = [
    "CARRY_OVER_DELAY",
    "EXTEND_MINUTES",
    "MeetingScreen",
    "UndoStep",
    "default_due_date",
]

REFRESH_SECONDS = 1.0
CARRY_OVER_DELAY = 0.15
"""Seconds after the screen shows before the carry-over is read and built."""


class MeetingScreen(TimingActions):
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
        Binding("w", "roles", _("Roles"), id="roles", show=False),
        Binding("t", "attendance", _("Attendance"), id="attendance", show=False),
        Binding("enter", "edit_entry", _("Edit entry"), id="edit-entry", show=False),
        Binding("delete", "delete_entry", _("Delete entry"), id="delete-entry", show=False),
        Binding("ctrl+z", "undo", _("Undo"), id="undo", show=False),
        Binding("ctrl+e,x", "end_meeting", pgettext("key", "End"), id="end-meeting"),
        Binding("ctrl+d", "discard_meeting", _("Discard meeting"), id="discard", show=False),
        Binding("question_mark,f1", "help", _("Help"), id="help", key_display="?"),
        Binding("h", "leave", _("Home"), id="home", show=False),
        # Escape closes forms; one press too many must not take the clock off the wall.
        Binding("escape", "stay", "", id="stay", show=False),
        Binding("q", "quit", _("Quit"), id="quit"),
    ]

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
        self.mount_forecast()
        if not self._entries_given:
            self.reload_log()
        self.query_one(AgendaList).focus()
        # The carry-over waits until the first frame is out: the room sees its clocks
        # first, and reading and building the list do not hold that frame up.
        self.set_timer(CARRY_OVER_DELAY, self._carry_over_ready)

    def _carry_over_ready(self) -> None:
        self._carry_ready = True
        self.carry_over.sync()
        self.sync_campaigns()

    # --- the campaign results ----------------------------------------------------------

    def sync_campaigns(self) -> None:
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

    def action_roles(self) -> None:
        """Roles and players; `c` there records that the managers committed them."""
        self.app.push_screen(
            RolesScreen(self.context, meeting=self.meeting, item_index=log_index(self.meeting))
        )

    def action_discard_meeting(self) -> None:
        """Discard a meeting started by mistake, while nothing is logged in it."""
        ask_to_discard(self.app, self.context, self.meeting, lambda: self.dismiss(None))

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
