"""The follow view: the running meeting, read-only, for a second screen or an attendee.

It shows what the facilitator's screen shows (the board: item and countdown, time box,
agenda, the current item's log), re-read whenever the store changes and with every clock
computed from the stored timestamps and the clock, so it agrees with the projector to
the second. It has no keys that change anything, and it never writes: the app opens the
store read-only. With no meeting running it says so and waits for the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Footer, Header

from roundtable.domain.l10n import format_day
from roundtable.domain.meeting import Meeting
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.context import AppContext
from roundtable.ui.format import clock_text
from roundtable.ui.live import StoreChanged
from roundtable.ui.screens.meeting.display import Entries, MeetingDisplay, read_entries
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["FollowScreen", "Followed"]


@dataclass(frozen=True)
class Followed:
    """One read of the store: the running meeting and its log, or the latest meeting."""

    running: Meeting | None
    entries: Entries | None
    latest: Meeting | None


def _read(store: Store) -> Followed:
    with store.reading():
        running = store.running_meeting()
        if running is not None and running.id is not None:
            return Followed(running, read_entries(store, running.id), running)
        numbers = store.meeting_numbers()
        latest = store.meeting_by_number(max(numbers.values())) if numbers else None
        return Followed(None, None, latest)


class FollowScreen(MeetingDisplay[None]):
    """The running meeting as the room sees it, without a single key that changes it."""

    FACILITATING = False
    REFRESH_SECONDS = 1.0

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", _("Help"), id="follow-help", key_display="?"),
        Binding("q", "app.quit", _("Quit"), id="follow-quit"),
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
        self._timer: Timer | None = None

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
        self._timer = self.set_interval(self.REFRESH_SECONDS, self.refresh_clocks)
        self.reload()

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

    def action_help(self) -> None:
        """Show every key."""
        from roundtable.ui.keys import key_help
        from roundtable.ui.screens.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(key_help([*self.BINDINGS, *self.app.BINDINGS], self.app)))
