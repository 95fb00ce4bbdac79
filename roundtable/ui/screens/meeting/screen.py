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
shows. What the first frame shows (the log, the carry-over, the usual pace) is read
with the meeting before the screen is built (`opening`); what the keys open is imported
after it (`roundtable.ui.preload`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header

from roundtable.domain.carry_over import review_index
from roundtable.domain.meeting import MeetingState
from roundtable.i18n import N_, NP_, _
from roundtable.ui.keys import key_help
from roundtable.ui.live import Tick
from roundtable.ui.preload import PRELOAD_AFTER_SECONDS, preload
from roundtable.ui.screens.meeting.display import log_index
from roundtable.ui.screens.meeting.timing import EXTEND_MINUTES, TimingActions
from roundtable.ui.undo import UndoStep
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.campaign_item import shows_campaigns
from roundtable.ui.widgets.carry_over import CarryOverTable
from roundtable.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from roundtable.ui.screens.campaigns.scoreboard import BoardData

# What a key opens (dialogs, screens, the campaign results) is imported when needed and
# preloaded once the screen is up (`roundtable.ui.preload`): the first frame waits for
# none of it.

__all__ = [
    "EXTEND_MINUTES",
    "MeetingScreen",
    "UndoStep",
]

REFRESH_SECONDS = 1.0


class MeetingScreen(TimingActions):
    """Runs one meeting; dismisses with the ended meeting, or None when left running."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_item", N_("Next"), id="next-item"),
        Binding("p", "previous_item", N_("Previous"), id="previous-item", show=False),
        # One key, two words: the footer says what space does now (`check_action`).
        Binding("space", "toggle_pause", N_("Pause"), id="pause"),
        Binding("space", "toggle_pause('resume')", N_("Resume"), id="resume"),
        Binding("plus,e", "extend", N_("+5 min"), id="extend", key_display="+"),
        # Rebalance and defer are offered beside the box warning when they are needed
        # (the banner's key chips); the footer keeps room for every other key, even in
        # German at 160 columns.
        Binding("r", "rebalance", N_("Rebalance"), id="rebalance", show=False),
        Binding(
            "R",
            "rebalance_by_history",
            N_("Rebalance by history"),
            id="rebalance-history",
            show=False,
        ),
        Binding("f", "defer", N_("Defer"), id="defer", show=False),
        Binding("o", "restore", N_("Restore item"), id="restore", show=False),
        Binding("d", "capture_decision", N_("Decision"), id="capture-decision"),
        Binding("a", "capture_action", N_("Action"), id="capture-action"),
        Binding("b", "capture_budget", N_("Budget"), id="capture-budget"),
        Binding("c", "carry_over", N_("Carry-over"), id="carry-over"),
        Binding("i", "action_items", N_("Action items"), id="action-items", show=False),
        Binding("dollar_sign", "app.campaigns", N_("Campaigns"), id="campaigns", show=False),
        Binding("k", "change_cadence", N_("Change cadence"), id="cadence", show=False),
        Binding("w", "roles", N_("Roles"), id="roles", show=False),
        Binding("t", "attendance", N_("Attendance"), id="attendance", show=False),
        Binding("g", "review_record", N_("Minutes"), id="review-record"),
        Binding("B", "budget_picture", N_("Budget picture"), id="budget-picture", show=False),
        Binding("enter", "edit_entry", N_("Edit entry"), id="edit-entry", show=False),
        Binding("delete", "delete_entry", N_("Delete entry"), id="delete-entry", show=False),
        Binding("ctrl+z", "undo", N_("Undo"), id="undo", show=False),
        Binding("ctrl+e,x", "end_meeting", NP_("key", "End"), id="end-meeting"),
        Binding("v,f5", "present", N_("Present"), id="present", key_display="v"),
        Binding("ctrl+d", "discard_meeting", N_("Discard meeting"), id="discard", show=False),
        Binding("question_mark,f1", "help", N_("Help"), id="help", key_display="?"),
        Binding("h", "leave", N_("Home"), id="home", show=False),
        # Escape closes forms; one press too many must not take the clock off the wall.
        Binding("escape", "stay", "", id="stay", show=False),
        Binding("q", "quit", N_("Quit"), id="quit"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_pause":
            # The footer shows "Pause" while the clocks run and "Resume" during a break.
            paused = self.meeting.state is MeetingState.PAUSED
            return paused == (parameters == ("resume",))
        if action == "review_record":
            # Approving the last minutes belongs to the review item; elsewhere the key
            # would only crowd the footer (the German one fills 160 columns).
            current = self.meeting.current
            return current is not None and current == review_index(self.meeting)
        return super().check_action(action, parameters)

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        # The forecast line is mounted with the board: one mount, one styling pass.
        usual = None if self.opening is None else self.opening.usual
        forecast = self.compose_forecast(usual)
        yield from self.compose_display(
            above_bottom=(forecast,),
            instead_of_agenda=self.carry_over.compose_table(),
            meeting=self.meeting,
        )
        yield Footer()

    def on_mount(self) -> None:
        opening = self.opening
        self.show_titles(self.meeting)
        self.set_up_display(self.meeting)
        self._show_meeting(self.meeting, follow=True)
        self._timer = Tick(self, REFRESH_SECONDS, self.refresh_clocks)
        self.start_forecast()
        if opening is None:
            self.reload_log()
        if opening is not None and opening.carried is not None:
            # Read with the meeting: the carry-over is in the first frame, rather than
            # replacing the agenda a moment after it (and takes the focus from it).
            self._carry_ready = True
            self.carry_over.sync()
        if not isinstance(self.focused, CarryOverTable):
            # At once, so the first frame is drawn with the focus where it stays.
            self.set_focus(self.query_one(AgendaList))
        self.call_after_refresh(self._after_first_frame)
        self.set_timer(PRELOAD_AFTER_SECONDS, preload)

    def _after_first_frame(self) -> None:
        # What the first frame need not wait for: a carry-over not read yet, the count
        # of changes in its title and the campaign results (only while their item runs).
        if not self._carry_ready:
            self._carry_ready = True
            self.carry_over.sync()
        elif self.carry_over.carried:
            self.carry_over.count_changes()
        self.sync_campaigns()

    # --- the campaign results ----------------------------------------------------------

    def sync_campaigns(self) -> None:
        """While sales controlling's item runs (`shows_campaigns`), read the campaigns
        (store thread) for the compact scoreboard; otherwise put the agenda back."""
        if not shows_campaigns(self.meeting.current_item):
            self._campaigns = None
            self.place_campaigns()
            return
        from roundtable.ui.screens.campaigns.scoreboard import read_meeting_board

        store, meeting_id = self.store, self.meeting_id

        def read(data: BoardData) -> None:
            if self.showing:
                self._campaigns = data
                self.place_campaigns()

        self.store_thread.submit(
            lambda: read_meeting_board(store, meeting_id), done=read, failed=lambda _e: None
        )

    def place_campaigns(self) -> None:
        """Show the compact scoreboard in the agenda's place while there are campaigns to
        show (running, or reported in this meeting) and the carry-over is not there."""
        data = self._campaigns
        if data is None and not self.query("#campaigns"):
            return  # nothing read, nothing shown: the scoreboard need not even be loaded
        from roundtable.ui.widgets.scoreboard import CampaignScoreboard, campaigns_in_meeting

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
        # The carry-over, hidden now, must not keep the focus (and its keys in the footer).
        if wanted and (self.focused is agenda or isinstance(self.focused, CarryOverTable)):
            self.set_focus(None)
        elif agenda.display and self.focused is None:
            agenda.focus()

    # --- the presentation view --------------------------------------------------------

    def action_present(self) -> None:
        """The item and its countdown over the whole screen; the meeting keeps running."""
        from roundtable.ui.screens.meeting.presentation import PresentationScreen

        if self._timer is not None:
            self._timer.pause()  # the presentation shows the clocks meanwhile

        def back(_result: None) -> None:
            self.refresh_clocks()
            if self._timer is not None:
                self._timer.resume()

        self.app.push_screen(
            PresentationScreen(self.context, lambda: self.meeting, self._run_from_presentation),
            back,
        )

    def _run_from_presentation(self, action: str) -> None:
        keys = {
            "next_item": self.action_next_item,
            "toggle_pause": self.action_toggle_pause,
            "extend": self.action_extend,
        }
        keys[action]()

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
        from roundtable.ui.screens.roles.roles import RolesScreen

        self.app.push_screen(
            RolesScreen(self.context, meeting=self.meeting, item_index=log_index(self.meeting))
        )

    def action_review_record(self) -> None:
        """What changed since the last meeting, and approve its minutes (`g`)."""
        from roundtable.ui.screens.record.review import open_review

        open_review(
            self.app.push_screen,
            self.store,
            self.store_thread,
            self.meeting_id,
            self.config.roles,
            self._tell,
            self.call_later,
        )

    def action_budget_picture(self) -> None:
        """Fixed budgets, what is left, what waits for management (`B`)."""
        from roundtable.ui.screens.record.budgets import open_budget_picture

        open_budget_picture(
            self.app.push_screen,
            self.store,
            self.store_thread,
            self.config,
            self.meeting_id,
            self._tell,
            self.call_later,
        )

    def _tell(self, message: str, failed: bool) -> None:
        self.notify(message, severity="error" if failed else "information", markup=False)

    def action_discard_meeting(self) -> None:
        """Discard a meeting started by mistake, while nothing is logged in it."""
        from roundtable.ui.screens.meeting.discard import ask_to_discard

        ask_to_discard(self.app, self.context, self.meeting, lambda: self.dismiss(None))

    def action_help(self) -> None:
        """Show every key."""
        from roundtable.ui.screens.dialogs.help import HelpScreen

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
        from roundtable.ui.screens.dialogs.confirm import ConfirmModal

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
