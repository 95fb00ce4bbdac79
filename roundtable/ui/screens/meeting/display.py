"""What the room sees of a running meeting: item and countdown, time box, agenda, log.

Shared by the facilitator's meeting screen and the read-only `roundtable follow` view:
both show a meeting the same way, only the keys differ. Every figure comes from
`timebox.box_view(meeting, clock())`; nothing here counts ticks or writes the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

from roundtable.domain import timebox
from roundtable.domain.entries import ActionItem, BudgetAgreement, Decision
from roundtable.domain.meeting import Meeting, MeetingState
from roundtable.domain.text import single_line
from roundtable.domain.timebox import BoxView
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.context import AppContext
from roundtable.ui.format import clock_text, duration_text
from roundtable.ui.partial_paint import use_partial_paint
from roundtable.ui.screens.meeting.banner_text import banner_text
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.attendance_line import attendance_line
from roundtable.ui.widgets.banner import Banner
from roundtable.ui.widgets.box_status import BoxStatus, set_state_class
from roundtable.ui.widgets.countdown import BigClock
from roundtable.ui.widgets.item_log import ItemLog, LogEntry
from roundtable.ui.widgets.item_panel import ItemPanel
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["Entries", "MeetingDisplay", "log_index", "read_entries"]

ResultT = TypeVar("ResultT")

Entries = tuple[list[Decision], list[ActionItem], list[BudgetAgreement]]
"""A meeting's log as read from the store: decisions, action items, budget agreements."""


def log_index(meeting: Meeting) -> int:
    """The item whose log is shown and captured into: the current one, else the last one
    that ran."""
    if meeting.current is not None:
        return meeting.current
    started = [i for i, item in enumerate(meeting.items) if item.started_at]
    return started[-1] if started else 0


def read_entries(store: Store, meeting_id: int) -> Entries:
    """Everything meeting `meeting_id` has logged, read in one go (store thread)."""
    with store.reading():
        return (
            store.decisions(meeting_id),
            store.actions(meeting_id=meeting_id, include_closed=True),
            store.budgets(meeting_id),
        )


class MeetingDisplay(Screen[ResultT]):
    """A screen showing one meeting on the shared widgets (`compose_display`).

    Subclasses decide which meeting and when; `FACILITATING` says whether the banner may
    tell the keys that change the meeting (the follow view has none).
    """

    FACILITATING = True

    # Textual types these as instance attributes, so no ClassVar here (mypy would object).
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (80, "-normal"),
        (140, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-short"),
        (24, "-tall"),
        (40, "-very-tall"),
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.config = context.config
        self.clock = context.clock
        self.timezone = context.timezone
        self.view: BoxView | None = None
        self._decisions: dict[int, Decision] = {}
        self._actions: dict[str, ActionItem] = {}
        self._budgets: dict[int, BudgetAgreement] = {}
        self._preset_breakpoints()
        # Once a second a few cells of the countdown change: only the widgets under them
        # are asked to paint.
        use_partial_paint(self)

    def _preset_breakpoints(self) -> None:
        # Textual adds the size classes on the screen's first resize and then restyles
        # the whole board; with them there from the start its widgets are styled once.
        try:
            width, height = self.app.size
        except RuntimeError:  # Textual's NoActiveAppError: built outside an app
            return
        for dimension, breakpoints in (
            (width, self.HORIZONTAL_BREAKPOINTS),
            (height, self.VERTICAL_BREAKPOINTS),
        ):
            for threshold, name in sorted(breakpoints, reverse=True):
                if dimension >= threshold:
                    self.add_class(name, update=False)
                    break

    @property
    def showing(self) -> bool:
        """True while the screen is on the app (a store result that arrives after the
        app closed, or after the screen left, has nothing to show)."""
        return self.is_attached and self.is_mounted

    def compose_display(
        self,
        beside_agenda: Iterable[Widget] = (),
        *,
        above_bottom: Iterable[Widget] = (),
        instead_of_agenda: Widget | None = None,
        meeting: Meeting | None = None,
    ) -> ComposeResult:
        """The meeting's widgets; `beside_agenda` are more widgets for the bottom row,
        `above_bottom` more between the banner and that row; `instead_of_agenda` is
        shown in the agenda's place (the agenda hidden behind it).

        With the `meeting` the first frame shows, the widgets start with the classes its
        clocks give them (over time, box over, the banner's warning): styled once as
        they mount, not again when the first `paint_meeting` sets the same classes."""
        item_panel, box, big_left, banner = (
            ItemPanel(id="item-panel"),
            BoxStatus(id="box"),
            BigClock(id="box-left-big"),
            Banner(id="banner"),
        )
        if meeting is not None:
            view = timebox.box_view(meeting, self.clock())
            item_panel.start_in(view.current_phase, meeting.state is MeetingState.PAUSED)
            box.start_in(view)
            set_state_class(big_left, view, update=False)
            said = banner_text(meeting, view, self.timezone, facilitating=self.FACILITATING)
            banner.start_with(said.text, said.kind)
        with Horizontal(id="top"):
            yield item_panel
            with Vertical(id="box-panel"):
                yield box
                yield PlainLabel("", id="attendance")
                # On the projector, what is left of the box in figures the room reads.
                yield PlainLabel(_("Left in the box"), id="box-left-caption")
                yield big_left
        yield banner
        yield from above_bottom
        with Horizontal(id="bottom"):
            agenda = AgendaList(id="agenda")
            if instead_of_agenda is not None:
                yield instead_of_agenda
                agenda.display = False
            yield agenda
            yield from beside_agenda
            yield ItemLog(self.config.roles, id="log")

    def set_up_display(self, meeting: Meeting) -> None:
        """Titles and fixed figures; call once the board is mounted."""
        self.query_one("#item-panel").border_title = Text(_("Now"))
        self.query_one("#box-panel").border_title = Text(_("Time box"))
        self.query_one("#agenda").border_title = Text(_("Agenda"))
        self.query_one("#log").border_title = Text(_("Log of this item"))
        box = self.query_one(BoxStatus)
        box.timebox_minutes = meeting.timebox_minutes
        box.timezone = self.timezone

    def show_titles(self, meeting: Meeting) -> None:
        """The header: the meeting's title, number and start."""
        self.title = single_line(meeting.title)
        self.sub_title = _("Meeting {number} · started {time}").format(
            number=meeting.number,
            time=clock_text(meeting.started_at, self.timezone),
        )

    # --- showing ----------------------------------------------------------------------

    def paint_clocks(self, meeting: Meeting) -> BoxView:
        """Recompute every figure from the meeting's timestamps and the clock; widgets
        repaint only what changed."""
        view = timebox.box_view(meeting, self.clock())
        self.view = view
        item = meeting.current_item
        paused = meeting.state is MeetingState.PAUSED
        self.query_one(ItemPanel).show_time(
            view.current_remaining,
            view.current_phase,
            item.planned_minutes if item else None,
            paused,
        )
        box = self.query_one(BoxStatus)
        box.timebox_minutes = meeting.timebox_minutes
        box.view = view
        big_left = self.query_one("#box-left-big", BigClock)
        big_left.value = duration_text(view.left)
        set_state_class(big_left, view)
        self.query_one(AgendaList).show_meeting(meeting, view)
        self._say_banner(meeting, view)
        return view

    def _say_banner(self, meeting: Meeting, view: BoxView) -> None:
        said = banner_text(meeting, view, self.timezone, facilitating=self.FACILITATING)
        self.query_one(Banner).say(said.text, said.kind, said.keys)

    def paint_meeting(self, meeting: Meeting, *, move_cursor: bool) -> None:
        """Show `meeting`'s item, attendance, clocks and log; `move_cursor` puts the
        agenda cursor on its current item."""
        index = meeting.current
        item = meeting.current_item
        self.query_one(ItemPanel).show_item(
            item,
            index,
            len(meeting.items),
            self.config.role(item.role) if item else None,
            hint=self.FACILITATING,
        )
        self.query_one("#attendance", PlainLabel).show(attendance_line(meeting))
        self.paint_clocks(meeting)
        if index is not None and move_cursor:
            self.query_one(AgendaList).move_cursor(row=index)
        self.paint_log(meeting)

    def set_entries(self, entries: Entries) -> None:
        """Replace the log entries held for the meeting (as read from the store)."""
        decisions, actions, budgets = entries
        self._decisions = {decision.id: decision for decision in decisions}
        self._actions = {action.ref: action for action in actions}
        self._budgets = {budget.id: budget for budget in budgets}

    def put_entry(self, entry: LogEntry) -> None:
        """Show `entry` as the store now has it."""
        if isinstance(entry, Decision):
            self._decisions[entry.id] = entry
        elif isinstance(entry, ActionItem):
            self._actions[entry.ref] = entry
        else:
            self._budgets[entry.id] = entry
        self.show_log()

    def drop_entry(self, entry: LogEntry) -> None:
        """Stop showing `entry`: the store deleted it."""
        if isinstance(entry, Decision):
            self._decisions.pop(entry.id, None)
        elif isinstance(entry, ActionItem):
            self._actions.pop(entry.ref, None)
        else:
            self._budgets.pop(entry.id, None)
        self.show_log()

    def selected_entry(self) -> LogEntry | None:
        """The entry selected in the item's log, if any."""
        return self.query_one(ItemLog).selected

    def budget_areas(self) -> list[str]:
        """The budget areas this meeting's agreements name, sorted."""
        return sorted({budget.area for budget in self._budgets.values()})

    def show_log(self) -> None:
        """Show the log of the item `log_index` picks for the meeting shown (the follow
        view shows none while no meeting runs)."""

    def paint_log(self, meeting: Meeting) -> None:
        """Show the entries of the item `log_index` picks."""
        index = log_index(meeting)
        entries: list[LogEntry] = [d for d in self._decisions.values() if d.item_index == index]
        entries += [a for a in self._actions.values() if a.item_index == index]
        entries += [b for b in self._budgets.values() if b.item_index == index]
        log = self.query_one(ItemLog)
        log.show_entries(entries)
        title = single_line(meeting.items[index].title) if meeting.items else ""
        log.border_title = Text(_("Log · {title}").format(title=title))
