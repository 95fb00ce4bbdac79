"""The follow view: the running meeting, read-only, for a second screen or an attendee.

It shows what the facilitator's screen shows (the board: item and countdown, time box,
agenda with what no longer fits, the current item's log; the open action items of
earlier meetings by owner while the review item runs; the campaign results while sales
controlling's item runs), re-read whenever the store changes and with every clock
computed from the stored timestamps and the clock, so it agrees with the projector to
the second. Its keys only look: `o` opens the action items (read-only) to pick one
owner's, `m` hands over the minutes of the last ended meeting as a Markdown file (a
download in the browser). It never writes: the app opens the store read-only. With no
meeting running it says so and waits for the next one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header

from roundtable.domain.carry_over import group_by_owner, read_carry_over, review_index
from roundtable.domain.config import TeamConfig
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.l10n import format_day
from roundtable.domain.meeting import Meeting
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import N_, _, ngettext
from roundtable.store.store import Store
from roundtable.ui.context import AppContext
from roundtable.ui.format import clock_text
from roundtable.ui.live import StoreChanged, Tick
from roundtable.ui.screens.meeting.display import Entries, MeetingDisplay, read_entries
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.plain import PlainLabel

if TYPE_CHECKING:
    from roundtable.ui.screens.campaigns.scoreboard import BoardData

__all__ = ["FOLLOW_CSS", "FollowScreen", "Followed", "MinutesFile", "read_last_minutes"]

FOLLOW_CSS = Path(__file__).parent / "follow.tcss"
"""The follow view's own styles; the app loads them (Textual loads a screen's CSS_PATH
only for pushed screens, not for the app's default one)."""


@dataclass(frozen=True)
class Followed:
    """One read of the store: the running meeting and its log, or the latest meeting."""

    running: Meeting | None
    entries: Entries | None
    latest: Meeting | None
    carried: list[ActionItem] | None = None
    """The action items open from earlier meetings, while the review item runs."""
    board: BoardData | None = None
    """The campaign results, while sales controlling's item runs."""


def _read(store: Store) -> Followed:
    from roundtable.ui.widgets.scoreboard import shows_campaigns

    with store.reading():
        running = store.running_meeting()
        if running is not None and running.id is not None:
            on_review = running.current is not None and running.current == review_index(running)
            board = None
            if shows_campaigns(running.current_item):
                from roundtable.ui.screens.campaigns.scoreboard import read_meeting_board

                board = read_meeting_board(store, running.id)
            return Followed(
                running,
                read_entries(store, running.id),
                running,
                read_carry_over(store, running) if on_review else None,
                board,
            )
        numbers = store.meeting_numbers()
        latest = store.meeting_by_number(max(numbers.values())) if numbers else None
        return Followed(None, None, latest)


@dataclass(frozen=True)
class MinutesFile:
    """The minutes of one ended meeting, as the file an attendee takes away."""

    number: int
    file_name: str
    markdown: str


def read_last_minutes(
    store: Store, config: TeamConfig, timezone: tzinfo | None = None
) -> MinutesFile | None:
    """The minutes of the last meeting that has ended (store thread); None if none has.
    The file is named by the meeting's number and its day in `timezone`."""
    from roundtable.domain.minutes import gather_minutes, render_minutes

    with store.reading():
        for number in sorted(store.meeting_numbers().values(), reverse=True):
            meeting = store.meeting_by_number(number)
            if meeting.ended_at is None or meeting.id is None:
                continue
            markdown = render_minutes(gather_minutes(store, meeting.id, config))
            day = meeting.started_at.astimezone(timezone).date().isoformat()
            return MinutesFile(number, f"minutes-{number}-{day}.md", markdown)
    return None


class FollowScreen(MeetingDisplay[None]):
    """The running meeting as the room sees it, without a single key that changes it."""

    FACILITATING = False
    REFRESH_SECONDS = 1.0

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "action_items", N_("Action items"), id="follow-actions"),
        Binding("m", "minutes", N_("Last minutes"), id="follow-minutes"),
        Binding("question_mark,f1", "help", N_("Help"), id="follow-help", key_display="?"),
        Binding("q", "app.quit", N_("Quit"), id="follow-quit"),
    ]

    def __init__(
        self,
        context: AppContext,
    ) -> None:
        super().__init__(context)
        self.store = context.store
        self.store_thread = context.store_thread
        self.meeting: Meeting | None = None
        self.latest: Meeting | None = None
        self.read_once = False
        """True once the store has been read (tests wait for it)."""
        self._timer: Tick | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        with Vertical(id="follow-waiting"):
            yield PlainLabel(_("Reading the store …"), id="follow-message")
            yield PlainLabel("", id="follow-detail")
        with Vertical(id="follow-board"):
            yield from self.compose_display()
        yield Footer()

    def on_mount(self) -> None:
        self.title = single_line(self.config.team)
        self.sub_title = _("Following the round table")
        self.query_one("#follow-board").display = False
        self._timer = Tick(self, self.REFRESH_SECONDS, self.refresh_clocks)
        self.reload()

    def on_unmount(self) -> None:
        # The store watcher asks again itself once the clock that asked for it is gone.
        if self._timer is not None:
            self._timer.stop()

    def reload(self) -> None:
        """Read the running meeting (or the latest one) again, on the store thread."""

        def failed(error: RoundtableError) -> None:
            self.read_once = True
            self.query_one("#follow-message", PlainLabel).show(error.message)

        self.store_thread.submit(lambda: _read(self.store), done=self.show_followed, failed=failed)

    @on(StoreChanged)
    def _store_changed(self) -> None:
        self.reload()

    def refresh_clocks(self) -> None:
        """Recompute the clocks from the timestamps and the clock (once a second)."""
        if self.meeting is not None:
            self.paint_clocks(self.meeting)

    def show_followed(self, followed: Followed) -> None:
        """Show what `_read` found."""
        if not self.showing:
            return
        self.read_once = True
        self.latest = followed.latest
        board = self.query_one("#follow-board")
        if followed.running is None or followed.entries is None:
            self.meeting = None
            board.display = False
            self.query_one("#follow-waiting").display = True
            self.title = single_line(self.config.team)
            self.sub_title = _("Following the round table")
            self._say_waiting(followed.latest)
            return
        first = self.meeting is None or self.meeting.id != followed.running.id
        moved = self.meeting is None or self.meeting.current != followed.running.current
        self.meeting = followed.running
        self.query_one("#follow-waiting").display = False
        board.display = True
        if first:
            self.set_up_display(followed.running)
            self.show_titles(followed.running)
        self.set_entries(followed.entries)
        self.paint_meeting(followed.running, move_cursor=first or moved)
        self._place_beside(followed.running, followed.carried, followed.board)

    def _place_beside(
        self, meeting: Meeting, carried: list[ActionItem] | None, board: BoardData | None
    ) -> None:
        """The carry-over, else the campaign results, in the agenda's place while their
        item runs, as on the projector; built the first time they are wanted."""
        from roundtable.ui.widgets.carry_over import CarryOverTable
        from roundtable.ui.widgets.scoreboard import CampaignScoreboard, campaigns_in_meeting

        carry_wanted = bool(carried)
        board_wanted = (
            not carry_wanted
            and board is not None
            and bool(campaigns_in_meeting(board.board, meeting.id))
        )
        bottom = self.query_one("#bottom")
        agenda = self.query_one(AgendaList)
        tables = self.query(CarryOverTable)
        if carry_wanted and carried is not None:
            if tables:
                table = tables.first()
            else:
                table = CarryOverTable(id="carry-over")
                table.can_focus = False  # nothing to do with a row here: only to read
                bottom.mount(table, before=agenda)
            today = self.clock().astimezone(self.timezone).date()
            table.show_groups(group_by_owner(carried, self.config.roles, today), today)
            table.border_title = Text(_carry_over_title(carried, today))
        for table in self.query(CarryOverTable):
            table.display = carry_wanted
        boards = self.query(CampaignScoreboard)
        if board_wanted and board is not None:
            if boards:
                scoreboard = boards.first()
            else:
                scoreboard = CampaignScoreboard(id="campaigns")
                bottom.mount(scoreboard, before=agenda)
            scoreboard.show_board(board.board, board.numbers, meeting.id)
        for scoreboard in self.query(CampaignScoreboard):
            scoreboard.display = board_wanted
        agenda.display = not (carry_wanted or board_wanted)
        self.set_class(carry_wanted, "-carry-over")
        self.set_class(board_wanted, "-campaigns")

    def _say_waiting(self, latest: Meeting | None) -> None:
        self.query_one("#follow-message", PlainLabel).show(
            _("No meeting is running. This view shows it as soon as the facilitator starts it.")
        )
        detail = ""
        if latest is not None and latest.ended_at is not None:
            detail = _("The last meeting, {number} ({title}), ended at {time} on {day}.").format(
                number=latest.number,
                title=single_line(latest.title),
                time=clock_text(latest.ended_at, self.timezone),
                day=format_day(latest.ended_at.astimezone(self.timezone).date()),
            )
        self.query_one("#follow-detail", PlainLabel).show(detail)

    def action_action_items(self) -> None:
        """The action items, read-only, the owner filter ready to pick one."""
        from roundtable.ui.screens.follow_actions import FollowActionItemsScreen

        self.app.push_screen(FollowActionItemsScreen(self.context, meeting=self.meeting))

    def action_minutes(self) -> None:
        """Hand over the minutes of the last ended meeting as a Markdown file: a download
        in the browser, a file in the downloads folder in a terminal."""

        def got(minutes: MinutesFile | None) -> None:
            if minutes is None:
                self.notify(_("No meeting has ended yet: there are no minutes."), markup=False)
                return
            self.app.deliver_text(
                io.StringIO(minutes.markdown),
                save_filename=minutes.file_name,
                mime_type="text/markdown",
                encoding="utf-8",
            )
            self.notify(
                _("The minutes of meeting {number} are on their way: {file}").format(
                    number=minutes.number, file=minutes.file_name
                ),
                markup=False,
            )

        def failed(error: RoundtableError) -> None:
            self.notify(error.message, severity="error", markup=False)

        self.store_thread.submit(
            lambda: read_last_minutes(self.store, self.config, self.timezone),
            done=got,
            failed=failed,
        )

    def action_help(self) -> None:
        """Show every key."""
        from roundtable.ui.keys import key_help
        from roundtable.ui.screens.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(key_help([*self.BINDINGS, *self.app.BINDINGS], self.app)))


def _carry_over_title(carried: list[ActionItem], today: date) -> str:
    """The carry-over's title as the projector shows it: how many are open, how many
    overdue."""
    still_open = sum(1 for action in carried if action.status is ActionStatus.OPEN)
    overdue = sum(1 for action in carried if action.is_overdue(today))
    title = ngettext(
        "{count} open from earlier meetings",
        "{count} open from earlier meetings",
        still_open,
    ).format(count=still_open)
    if overdue:
        title += " · " + _("{count} overdue").format(count=overdue)
    return title
