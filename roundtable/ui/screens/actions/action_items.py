"""The action-items screen: every action item, filtered, searched and changed.

Reached from home (`o`), from the meeting (`i`) and from the command palette. Filters:
owner (roles, people, and owners the roles file no longer knows, shown as such), status,
overdue only, the meeting that opened an item; the search narrows as you type
(case-insensitive, every word). The whole list is read once per store change (fifteen
thousand items in a few dozen milliseconds) and filtered in memory; the table draws only
what is on screen, so a keystroke never rebuilds it.

Changes (done, reopen, drop, owner, due date) are recorded in the running meeting when
there is one, like `roundtable done`, and ctrl+z takes them back one by one. An item
changed here stays listed until a filter changes, so its new state can be seen.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Checkbox, Header, Input, Select

from roundtable.domain.action_query import (
    ActionQuery,
    OwnerChoice,
    SearchIndex,
    StatusFilter,
    owner_choices,
    owner_label,
)
from roundtable.domain.cadence import upcoming_meeting_date
from roundtable.domain.config import Cadence
from roundtable.domain.dates import next_meeting_date
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.meeting import Meeting
from roundtable.errors import RoundtableError
from roundtable.i18n import N_, _, ngettext
from roundtable.ui.action_changes import ActionChanges, status_text
from roundtable.ui.context import AppContext
from roundtable.ui.live import StoreChanged
from roundtable.ui.screens.actions.loading import Loaded, load_actions
from roundtable.ui.screens.actions.record_hits import RecordHits
from roundtable.ui.screens.forms.action_edit import ask_due, ask_owner
from roundtable.ui.undo import Place, UndoStep
from roundtable.ui.widgets.action_table import ActionRow, ActionTable
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["SEARCH_DEBOUNCE_SECONDS", "ActionItemsScreen", "Loaded"]

SEARCH_DEBOUNCE_SECONDS = 0.15
"""Typing pauses this long before the list narrows: a fast typist costs one filter."""

_EVERYONE = "everyone"


class ActionItemsScreen(Screen[None]):
    """Every action item with filters and search; change the one under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="actions-back"),
        Binding("slash", "focus_search", N_("Search"), id="actions-search", key_display="/"),
        Binding("ctrl+o", "reopen", N_("Reopen"), id="actions-reopen", show=False),
        Binding("ctrl+z", "undo", N_("Undo"), id="actions-undo", show=False),
        Binding("f1", "help", N_("Help"), id="actions-help"),
    ]

    def __init__(
        self,
        context: AppContext,
        *,
        meeting: Meeting | None = None,
    ) -> None:
        """`meeting` is the running meeting changes are recorded in, if known already."""
        super().__init__()
        self.context = context
        self.config = context.config
        self.store = context.store
        self.store_thread = context.store_thread
        self.clock = context.clock
        self.timezone = context.timezone
        self.running = meeting
        self.latest = meeting
        self.query_now = ActionQuery()
        self._all: list[ActionItem] = []
        self._rows: list[ActionRow] = []
        self._index = SearchIndex([], ())
        self._numbers: dict[int, int] = {}
        self._by_number: dict[int, int] = {}
        self._owners: dict[str, OwnerChoice] = {}
        self._pinned: set[str] = set()
        """Refs changed here, shown until a filter changes even if they no longer match."""
        self._search_timer: Timer | None = None
        self._loaded = False
        self.changes = ActionChanges(
            store=self.store,
            store_thread=self.store_thread,
            meeting_id=lambda: self.running.id if self.running is not None else None,
            changed=self._changed,
            remember=self._remember,
            failed=lambda message: self.notify(
                message, title=_("Not saved"), severity="error", timeout=15, markup=False
            ),
        )

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        with Horizontal(id="action-filters"):
            yield Input(placeholder=_("Search ref, text or owner"), id="search", compact=True)
            yield Select(
                [
                    (_("Open"), StatusFilter.OPEN),
                    (_("Done"), StatusFilter.DONE),
                    (_("Dropped"), StatusFilter.DROPPED),
                    (_("All"), StatusFilter.ALL),
                ],
                value=StatusFilter.OPEN,
                allow_blank=False,
                id="status",
                compact=True,
            )
            yield Checkbox(_("Overdue only"), id="overdue", compact=True)
        with Horizontal(id="action-filters-2"):
            yield Select(
                [(_("Everyone"), _EVERYONE)],
                value=_EVERYONE,
                allow_blank=False,
                id="owner",
                compact=True,
            )
            yield Input(placeholder=_("Meeting no."), id="meeting", type="integer", compact=True)
        yield PlainLabel(_("Reading the action items …"), id="action-summary")
        yield ActionTable(id="action-table")
        yield RecordHits(timezone=self.timezone, id="record-hits")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Action items")
        self.sub_title = self.config.team
        self.query_one(ActionTable).focus()
        self.reload()

    # --- reading ----------------------------------------------------------------------

    def _today(self) -> date:
        return self.clock().astimezone(self.timezone).date()

    def reload(self) -> None:
        """Read every action item again (store thread) and show them, filters kept."""

        def failed(error: RoundtableError) -> None:
            self.query_one("#action-summary", PlainLabel).show(error.message)

        self.store_thread.submit(
            lambda: load_actions(self.store), done=self._loaded_now, failed=failed
        )

    @on(StoreChanged)
    def _store_changed(self) -> None:
        self.reload()
        self.query_one(RecordHits).forget(self.store, self.store_thread)

    def _loaded_now(self, loaded: Loaded) -> None:
        if not (self.is_attached and self.is_mounted):
            return
        self.running = loaded.running
        self.latest = loaded.latest
        self._all = loaded.actions
        self._numbers = loaded.meeting_numbers
        self._by_number = {number: meeting_id for meeting_id, number in self._numbers.items()}
        roles = self.config.roles
        known_roles = {role.id for role in roles} | {h for role in roles for h in role.holders}
        # Years of items name a few owners and meetings: each word is made once and
        # shared by the rows, not one string per row.
        owners: dict[str | None, str] = {}
        meetings: dict[int | None, str] = {}
        self._rows = []
        for action in self._all:
            owner = owners.get(action.owner)
            if owner is None:
                owner = owners[action.owner] = owner_label(action.owner, roles)
            meeting = meetings.get(action.meeting_id)
            if meeting is None:
                opened_in = self._numbers.get(action.meeting_id or 0, "")
                meeting = meetings[action.meeting_id] = str(opened_in) if action.meeting_id else ""
            row = ActionRow(
                action, owner, action.owner is None or action.owner in known_roles, meeting
            )
            self._rows.append(row)
        self._index = SearchIndex(self._all, roles)
        self._fill_owner_filter({a.owner for a in self._all if a.owner is not None})
        self._loaded = True
        self._apply()

    def _fill_owner_filter(self, known: set[str]) -> None:
        choices = owner_choices(self.config.roles, known)
        keys = [choice.key for choice in choices]
        if keys == list(self._owners):
            return
        self._owners = {choice.key: choice for choice in choices}
        select: Select[str] = self.query_one("#owner", Select)
        current = select.value
        select.set_options(
            [(_("Everyone"), _EVERYONE), *((choice.label, choice.key) for choice in choices)]
        )
        select.value = current if isinstance(current, str) and current in keys else _EVERYONE

    # --- filtering --------------------------------------------------------------------

    def _apply(self) -> None:
        """Show the items the filters and the search select."""
        if not self._loaded:
            return
        today = self._today()
        table = self.query_one(ActionTable)
        chosen = self.query_now.select(self._all, self._index, today)
        if self._pinned:
            shown = set(chosen)
            extra = [i for i, a in enumerate(self._all) if a.ref in self._pinned and i not in shown]
            chosen = sorted([*chosen, *extra])
        keep = table.selected.action.ref if table.selected else None
        table.empty_text = (
            _("No action items yet.")
            if not self._all
            else _("No action item matches; change a filter or the search.")
        )
        table.show([self._rows[i] for i in chosen], today, keep=keep)
        self._summarise(len(chosen), today)

    def _summarise(self, shown: int, today: date) -> None:
        query = self.query_now
        words = ngettext(
            "{shown} of {total} action item", "{shown} of {total} action items", len(self._all)
        ).format(shown=shown, total=len(self._all))
        overdue = sum(1 for a in self._all if a.is_overdue(today))
        parts = [words]
        if query.status is not StatusFilter.ALL:
            parts.append(status_text(ActionStatus(query.status.value)))
        if query.meeting_id is not None:
            parts.append(
                _("opened in meeting {number}").format(
                    number=self._numbers.get(query.meeting_id, "?")
                )
            )
        parts.append(_("{count} overdue in all").format(count=overdue))
        self.query_one("#action-summary", PlainLabel).show(" · ".join(parts))

    def _refilter(self, query: ActionQuery) -> None:
        self.query_now = query
        self._pinned.clear()
        self._apply()

    @on(Input.Changed, "#search")
    def _search_typed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE_SECONDS, self._search_now)

    def _search_now(self) -> None:
        self._search_timer = None
        text = self.query_one("#search", Input).value
        # The search reaches decisions, notes and budget agreements too (below the table).
        self.query_one(RecordHits).search(text, self.store, self.store_thread)
        if text != self.query_now.text:
            self._refilter(replace(self.query_now, text=text))

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self._search_now()
        self.query_one(ActionTable).focus()

    @on(Select.Changed, "#status")
    def _status_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, StatusFilter) and event.value is not self.query_now.status:
            self._refilter(replace(self.query_now, status=event.value))

    @on(Checkbox.Changed, "#overdue")
    def _overdue_toggled(self, event: Checkbox.Changed) -> None:
        self._refilter(replace(self.query_now, overdue_only=event.value))

    @on(Select.Changed, "#owner")
    def _owner_chosen(self, event: Select.Changed) -> None:
        choice = self._owners.get(event.value) if isinstance(event.value, str) else None
        owners = None if choice is None else choice.owners
        if owners != self.query_now.owners:
            self._refilter(replace(self.query_now, owners=owners))

    @on(Input.Changed, "#meeting")
    def _meeting_typed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        meeting_id: int | None = None
        if text.isdigit():
            # An unknown number matches nothing, which the empty list then says.
            meeting_id = self._by_number.get(int(text), -1)
        if meeting_id != self.query_now.meeting_id:
            self._refilter(replace(self.query_now, meeting_id=meeting_id))

    # --- changing ---------------------------------------------------------------------

    def _selected(self) -> ActionItem | None:
        row = self.query_one(ActionTable).selected
        if row is None:
            self.notify(_("No action item is selected."), severity="warning")
            return None
        return row.action

    def _changed(self, action: ActionItem) -> None:
        if not (self.is_attached and self.is_mounted):
            return
        self._pinned.add(action.ref)
        for index, old in enumerate(self._all):
            if old.ref == action.ref:
                self._all[index] = action
                self._rows[index] = replace(self._rows[index], action=action)
        self.query_one(ActionTable).update_action(action)

    def action_toggle_done(self) -> None:
        """Mark the selected item done, or reopen it if it is closed."""
        action = self._selected()
        if action is not None:
            self.changes.toggle_done(action)

    def action_reopen(self) -> None:
        """Open the selected item again."""
        action = self._selected()
        if action is not None:
            self.changes.set_status(action, ActionStatus.OPEN)

    def action_drop(self) -> None:
        """Drop the selected item (ctrl+z takes it back)."""
        action = self._selected()
        if action is not None:
            self.changes.set_status(action, ActionStatus.DROPPED)

    def action_reassign(self) -> None:
        """Give the selected item to someone else."""
        action = self._selected()
        if action is not None:
            ask_owner(self.app, action, self.config.roles, self.changes)

    def _next_meeting(self) -> date:
        today = self._today()
        if self.running is not None:
            start = self.running.started_at.astimezone(self.timezone).date()
            return next_meeting_date(start, self.running.cadence)
        if self.latest is not None:
            last = self.latest.started_at.astimezone(self.timezone).date()
            return upcoming_meeting_date(last, self.latest.cadence, today)
        # No meeting yet: a cadence from now, the first agenda's (weekly without one).
        cadence = self.config.agendas[0].cadence if self.config.agendas else Cadence.WEEKLY
        return next_meeting_date(today, cadence)

    def action_redate(self) -> None:
        """Give the selected item another due date."""
        action = self._selected()
        if action is not None:
            ask_due(self.app, action, self._today(), self._next_meeting(), self.changes)

    def _remember(self, step: UndoStep) -> None:
        self.context.undo.push(step._replace(place=Place.ACTION_ITEMS))

    def action_undo(self) -> None:
        """Take back the last change made here (the meeting screen undoes its own)."""
        step = self.context.undo.peek()
        if step is None or step.place is not Place.ACTION_ITEMS:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        self.context.undo.pop()
        step.undo()
        self.notify(_("Undone: {what}").format(what=step.label), markup=False)

    # --- the rest ---------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Type to search."""
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        """Back to where the list was opened from."""
        self.dismiss(None)

    def action_help(self) -> None:
        """Show every key."""
        from roundtable.ui.keys import key_help
        from roundtable.ui.screens.dialogs.help import HelpScreen

        keys = key_help([*self.BINDINGS, *ActionTable.BINDINGS, *self.app.BINDINGS], self.app)
        self.app.push_screen(HelpScreen(keys))
