"""The carry-over on the meeting screen: open action items from earlier meetings.

While the review item runs (or when the facilitator asks with `c`), the action items
carried over from earlier meetings take the agenda's place, to be closed, re-assigned,
re-dated or dropped right there. The meeting screen owns one `CarryOver` and hands it
the keys; every change goes through `ActionChanges` onto the app's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from rich.text import Text
from textual.app import App
from textual.css.query import DOMQuery
from textual.notifications import SeverityLevel
from textual.widget import Widget

from roundtable.domain.carry_over import group_by_owner, read_carry_over, review_index
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.meeting import Meeting
from roundtable.domain.minutes.changes import action_changes_since_last_meeting
from roundtable.errors import RoundtableError
from roundtable.i18n import _, ngettext
from roundtable.ui.action_changes import ActionChanges
from roundtable.ui.context import AppContext
from roundtable.ui.keys import key_hint
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.carry_over import CarryOverTable

__all__ = ["CarryOver", "CarryOverHost"]


class CarryOverHost(Protocol):
    """What the carry-over needs of the meeting screen that shows it."""

    @property
    def meeting(self) -> Meeting: ...
    @property
    def meeting_id(self) -> int: ...
    @property
    def showing(self) -> bool: ...
    @property
    def app(self) -> App[object]: ...
    @property
    def focused(self) -> Widget | None: ...

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True) -> None: ...

    def query(self, selector: type[CarryOverTable]) -> DOMQuery[CarryOverTable]: ...
    def bottom_row(self) -> Widget: ...
    def agenda(self) -> AgendaList: ...
    def set_class(self, add: bool, *class_names: str, update: bool = True) -> object: ...
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...
    def entry_changed(self, action: ActionItem) -> None: ...
    def place_campaigns(self) -> None: ...
    def failed(self, what: str) -> Callable[[RoundtableError], None]: ...


class CarryOver:
    """The open action items from earlier meetings, read when first needed."""

    def __init__(self, screen: CarryOverHost, context: AppContext) -> None:
        self.screen = screen
        self.context = context
        self.carried: list[ActionItem] | None = None
        """The carry-over as last read; None until it is first needed."""
        self.choice: bool | None = None
        """Shown (True) or hidden (False) by the key; None: while the review item runs."""
        self._reading = False
        self.changed_since = 0
        """Action items changed between the meetings (for the title; `g` lists them)."""
        self.changes = ActionChanges(
            store=context.store,
            store_thread=context.store_thread,
            meeting_id=lambda: self.screen.meeting_id,
            changed=self._changed,
            remember=context.undo.push,
            failed=self._tell_failed,
        )

    def _tell_failed(self, message: str) -> None:
        self.screen.notify(
            message, title=_("Not saved"), severity="error", timeout=15, markup=False
        )

    def _on_review_item(self) -> bool:
        meeting = self.screen.meeting
        return meeting.current is not None and meeting.current == review_index(meeting)

    def wanted(self) -> bool:
        """True while the carry-over should stand in the agenda's place."""
        if self.choice is not None:
            return self.choice
        # While the review item runs, and only if something was carried over: a first
        # meeting keeps its agenda in view.
        return self._on_review_item() and bool(self.carried)

    def compose_table(self) -> CarryOverTable | None:
        """The table, if the first frame shows it (read with the meeting): composed
        with the board, it is styled once and takes the focus before that frame is
        drawn; a table mounted later would be drawn again with the focus."""
        if self.carried is None or not self.wanted():
            return None
        self.screen.set_class(True, "-carry-over", update=False)
        return CarryOverTable(id="carry-over")

    def sync(self) -> None:
        """Show the carry-over in the agenda's place while it is wanted (building it the
        first time), the agenda otherwise; read it first when it may be wanted."""
        screen = self.screen
        if self.carried is None and (self._on_review_item() or self.choice):
            self.load()
            if not self.choice:
                return  # shown once read, if there is anything
        wanted = self.wanted()
        tables = screen.query(CarryOverTable)
        if not wanted and not tables:
            return
        if tables:
            table = tables.first()
        else:
            table = CarryOverTable(id="carry-over")
            agenda = screen.agenda()
            screen.bottom_row().mount(table, before=agenda)
            table.border_title = Text(_("Open action items from earlier meetings · reading …"))
        agenda = screen.agenda()
        had_focus = screen.focused in (agenda, table)
        table.display = wanted
        agenda.display = not wanted
        screen.set_class(wanted, "-carry-over")
        if had_focus or screen.focused is None:
            # At once, not after the next frame (`Widget.focus`): the focus changes the
            # table's border and cursor, and the frame drawn without it would be drawn
            # again (the whole carry-over, and the screen laid out once more).
            screen.set_focus(table if wanted else agenda)
        self.show()
        screen.place_campaigns()

    def load(self) -> None:
        """Read the carry-over again (store thread); shown when it arrives."""
        if self._reading:
            return
        self._reading = True
        meeting = self.screen.meeting
        store = self.context.store

        def failed(error: RoundtableError) -> None:
            self._reading = False
            self.screen.failed(_("The open action items could not be read"))(error)

        self.context.store_thread.submit(
            lambda: read_carry_over(store, meeting), done=self._read, failed=failed
        )
        self.count_changes()

    def count_changes(self) -> None:
        """Count the action items changed between the meetings (store thread): said in
        the title, `g` shows them."""
        store, meeting_id = self.context.store, self.screen.meeting.id
        if meeting_id is not None:
            self.context.store_thread.submit(
                lambda: len(action_changes_since_last_meeting(store, meeting_id)),
                done=self._counted,
            )

    def _counted(self, changed: int) -> None:
        self.changed_since = changed
        if self.screen.showing:
            self.show()

    def _read(self, actions: list[ActionItem]) -> None:
        if not self.screen.showing:
            return
        first = self.carried is None
        self.carried = actions
        self._reading = False
        if first:
            self.sync()
        else:
            self.show()

    def show(self) -> None:
        """Fill the table with the carry-over as last read."""
        tables = self.screen.query(CarryOverTable)
        if not tables or self.carried is None:
            return
        table = tables.first()
        today = self.context.today()
        groups = group_by_owner(self.carried, self.context.config.roles, today)
        table.show_groups(groups, today)
        still_open = sum(1 for a in self.carried if a.status is ActionStatus.OPEN)
        overdue = sum(1 for a in self.carried if a.is_overdue(today))
        if not self.carried:
            table.border_title = Text(_("No open action items from earlier meetings"))
            return
        title = ngettext(
            "{count} open from earlier meetings",
            "{count} open from earlier meetings",
            still_open,
        ).format(count=still_open)
        if overdue:
            title += " · " + _("{count} overdue").format(count=overdue)
        if self.changed_since:
            title += " · " + ngettext(
                "{count} changed since the last meeting (g)",
                "{count} changed since the last meeting (g)",
                self.changed_since,
            ).format(count=self.changed_since)
        table.border_title = Text(title)
        table.border_subtitle = Text(key_hint(CarryOverTable.BINDINGS, self.screen.app))

    def _changed(self, action: ActionItem) -> None:
        if not self.screen.showing:
            return
        if self.carried is not None:
            self.carried = [action if a.ref == action.ref else a for a in self.carried]
            self.show()
        self.screen.entry_changed(action)

    def _selected(self) -> ActionItem | None:
        tables = self.screen.query(CarryOverTable)
        action = tables.first().selected if tables and tables.first().display else None
        if action is None:
            self.screen.notify(
                _("Select an action item in the carry-over first."), severity="warning"
            )
        return action

    # --- the keys ---------------------------------------------------------------------

    def toggle(self) -> None:
        """Show the carry-over if hidden, hide it if shown."""
        self.choice = not self.wanted()
        self.sync()

    def toggle_done(self) -> None:
        """Close the selected item, or reopen it if closed."""
        action = self._selected()
        if action is not None:
            self.changes.toggle_done(action)

    def drop(self) -> None:
        """Drop the selected item (ctrl+z takes it back)."""
        action = self._selected()
        if action is not None:
            self.changes.set_status(action, ActionStatus.DROPPED)

    def change_owner(self) -> None:
        """Give the selected item to someone else."""
        action = self._selected()
        if action is not None:
            from roundtable.ui.screens.forms.action_edit import ask_owner

            ask_owner(self.screen.app, action, self.context.config.roles, self.changes)

    def change_due(self) -> None:
        """Give the selected item another due date."""
        action = self._selected()
        if action is not None:
            from roundtable.ui.screens.forms.action_edit import ask_due
            from roundtable.ui.screens.meeting.log_kinds import default_due_date

            next_meeting = default_due_date(self.screen.meeting, self.context.timezone)
            ask_due(self.screen.app, action, self.context.today(), next_meeting, self.changes)
