"""The facilitator's meeting screen: the room watches it for three hours.

It shows the current item with its big countdown, the time box, the agenda and what
this item has decided so far, and turns keys into time-box calls and captures. Every
figure comes from `timebox.box_view(meeting, clock())`, recomputed once a second; the
screen never counts ticks. Every store call runs on the app's store thread, in order,
so a slow disk never freezes the clocks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header

from roundtable.domain import timebox
from roundtable.domain.clock import Clock
from roundtable.domain.config import TeamConfig
from roundtable.domain.dates import next_meeting_date
from roundtable.domain.entries import (
    ActionDraft,
    ActionItem,
    BudgetAgreement,
    BudgetDraft,
    Decision,
)
from roundtable.domain.meeting import Attendee, ItemState, Meeting, MeetingState
from roundtable.domain.store import Store
from roundtable.domain.text import single_line
from roundtable.domain.timebox import BoxView
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.ui.format import clock_text
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.banner import Banner
from roundtable.ui.widgets.box_status import BoxStatus
from roundtable.ui.widgets.item_log import ItemLog, LogEntry
from roundtable.ui.widgets.item_panel import ItemPanel
from roundtable.ui.widgets.plain import PlainLabel

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
STORE_POLL_SECONDS = 5.0
"""How often the screen asks the store whether someone else changed it."""


@dataclass(frozen=True)
class UndoStep:
    """One thing ctrl+z can take back: `label` says what, `undo` does it."""

    label: str
    undo: Callable[[], None]


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


def default_due_date(meeting: Meeting, timezone: tzinfo | None) -> date:
    """When a new action item is due unless someone says otherwise: the next meeting."""
    return next_meeting_date(meeting.started_at.astimezone(timezone).date(), meeting.cadence)


class MeetingScreen(Screen[Meeting | None]):
    """Runs one meeting; dismisses with the ended meeting, or None when left running."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_item", _("Next"), id="next-item"),
        Binding("p", "previous_item", _("Previous"), id="previous-item", show=False),
        Binding("space", "toggle_pause", _("Pause"), id="pause", key_display="space"),
        Binding("plus,e", "extend", _("+5 min"), id="extend", key_display="+"),
        Binding("r", "rebalance", _("Rebalance"), id="rebalance"),
        Binding("f", "defer", _("Defer"), id="defer"),
        Binding("o", "restore", _("Restore item"), id="restore", show=False),
        Binding("d", "capture_decision", _("Decision"), id="capture-decision"),
        Binding("a", "capture_action", _("Action"), id="capture-action"),
        Binding("b", "capture_budget", _("Budget"), id="capture-budget"),
        Binding("t", "attendance", _("Attendance"), id="attendance", show=False),
        Binding("enter", "edit_entry", _("Edit entry"), id="edit-entry", show=False),
        Binding("delete", "delete_entry", _("Delete entry"), id="delete-entry", show=False),
        Binding("ctrl+z", "undo", _("Undo"), id="undo", show=False),
        Binding("ctrl+e,x", "end_meeting", _("End"), id="end-meeting"),
        Binding("question_mark,f1", "help", _("Help"), id="help", key_display="?"),
        Binding("escape", "leave", _("Home"), id="home", show=False),
        Binding("q", "quit", _("Quit"), id="quit"),
    ]

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

    def __init__(
        self,
        meeting: Meeting,
        *,
        config: TeamConfig,
        store: Store,
        store_thread: StoreThread,
        clock: Clock,
        timezone: tzinfo | None = None,
    ) -> None:
        super().__init__()
        if meeting.id is None:
            raise ValueError("the meeting screen needs a saved meeting")
        self.meeting = meeting
        self.config = config
        self.store = store
        self.store_thread = store_thread
        self.clock = clock
        self.timezone = timezone
        self.view: BoxView | None = None
        self.undo_steps: list[UndoStep] = []
        self._decisions: dict[int, Decision] = {}
        self._actions: dict[str, ActionItem] = {}
        self._budgets: dict[int, BudgetAgreement] = {}
        self._kept_decision = ""
        """Typed text whose save failed; the next form opens with it."""
        self._kept_action: ActionDraft | None = None
        self._kept_budget: BudgetDraft | None = None
        self._store_version: object = None
        self._timer: Timer | None = None

    @property
    def meeting_id(self) -> int:
        """The store's id of this meeting."""
        assert self.meeting.id is not None  # checked in __init__
        return self.meeting.id

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        with Horizontal(id="top"):
            yield ItemPanel(id="item-panel")
            with Vertical(id="box-panel"):
                yield BoxStatus(id="box")
                yield PlainLabel("", id="attendance")
        yield Banner("", id="banner")
        with Horizontal(id="bottom"):
            yield AgendaList(id="agenda")
            yield ItemLog(self.config.roles, id="log")
        yield Footer()

    def on_mount(self) -> None:
        self.title = single_line(self.meeting.title)
        self.sub_title = _("Meeting {number} · started {time}").format(
            number=self.meeting.number,
            time=clock_text(self.meeting.started_at, self.timezone),
        )
        self.query_one("#item-panel").border_title = Text(_("Now"))
        self.query_one("#box-panel").border_title = Text(_("Time box"))
        self.query_one("#agenda").border_title = Text(_("Agenda"))
        self.query_one("#log").border_title = Text(_("Log of this item"))
        box = self.query_one(BoxStatus)
        box.timebox_minutes = self.meeting.timebox_minutes
        box.timezone = self.timezone
        self._show_meeting(self.meeting, follow=True)
        self._timer = self.set_interval(REFRESH_SECONDS, self.refresh_clocks)
        self.set_interval(STORE_POLL_SECONDS, self._poll_store)
        self.reload_log()
        self.query_one(AgendaList).focus()

    # --- showing ----------------------------------------------------------------------

    def refresh_clocks(self) -> None:
        """Recompute every figure from the store's timestamps and the clock; widgets
        repaint only what changed."""
        meeting = self.meeting
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
        self.query_one(BoxStatus).view = view
        self.query_one(AgendaList).show_meeting(meeting, view)
        banner = self.query_one(Banner)
        if paused and meeting.pauses:
            banner.say(
                _("Break since {time} — the item clocks are stopped. Space resumes.").format(
                    time=clock_text(meeting.pauses[-1].start, self.timezone)
                ),
                "paused",
            )
        elif view.box_over:
            banner.say(
                _(
                    "The three hours are up. Press x to end the meeting; "
                    "what is left is deferred to the next one."
                ),
                "over",
            )
        elif item is None:
            banner.say(_("Every item is done or deferred. Press x to end the meeting."), "done")
        else:
            banner.say("")

    def _show_meeting(self, meeting: Meeting, *, follow: bool) -> None:
        """Show a changed meeting; `follow` moves the agenda cursor to its current item."""
        old_current = self.meeting.current
        self.meeting = meeting
        index = meeting.current
        item = meeting.current_item
        self.query_one(ItemPanel).show_item(
            item, index, len(meeting.items), self.config.role(item.role) if item else None
        )
        present = sum(1 for attendee in meeting.attendees if attendee.present)
        self.query_one("#attendance", PlainLabel).show(
            _("Present: {present} of {count}").format(present=present, count=len(meeting.attendees))
        )
        self.refresh_clocks()
        if index is not None and (follow or index != old_current):
            self.query_one(AgendaList).move_cursor(row=index)
        self._show_log()

    def _log_index(self) -> int:
        """The item whose log is shown and captured into: the current one, else the last
        one that ran."""
        if self.meeting.current is not None:
            return self.meeting.current
        started = [i for i, item in enumerate(self.meeting.items) if item.started_at]
        return started[-1] if started else 0

    def _show_log(self) -> None:
        index = self._log_index()
        entries: list[LogEntry] = [d for d in self._decisions.values() if d.item_index == index]
        entries += [a for a in self._actions.values() if a.item_index == index]
        entries += [b for b in self._budgets.values() if b.item_index == index]
        log = self.query_one(ItemLog)
        log.show_entries(entries)
        title = single_line(self.meeting.items[index].title) if self.meeting.items else ""
        log.border_title = Text(_("Log · {title}").format(title=title))

    # --- reading the store ------------------------------------------------------------

    def _read_entries(
        self,
    ) -> tuple[object, list[Decision], list[ActionItem], list[BudgetAgreement]]:
        store, meeting_id = self.store, self.meeting_id
        version = store.version()
        return (
            version,
            store.decisions(meeting_id),
            store.actions(meeting_id=meeting_id, include_closed=True),
            store.budgets(meeting_id),
        )

    def _entries_read(
        self, read: tuple[object, list[Decision], list[ActionItem], list[BudgetAgreement]]
    ) -> None:
        version, decisions, actions, budgets = read
        self._store_version = version
        self._decisions = {decision.id: decision for decision in decisions}
        self._actions = {action.ref: action for action in actions}
        self._budgets = {budget.id: budget for budget in budgets}
        if self.is_mounted:
            self._show_log()

    def reload_log(self) -> None:
        """Read this meeting's entries from the store again (on its thread)."""
        self.store_thread.submit(self._read_entries, done=self._entries_read)

    def _poll_store(self) -> None:
        # An attendee may close an action from their terminal; show it without a restart.
        if self.store_thread.pending:
            return

        def changed(version: object) -> None:
            if version != self._store_version and not self.store_thread.pending:
                self.reload_log()

        self.store_thread.submit(self.store.version, done=changed, failed=lambda _e: None)

    # --- writing the store ------------------------------------------------------------

    def _failed(self, what: str) -> Callable[[RoundtableError], None]:
        def tell(error: RoundtableError) -> None:
            self.notify(
                _("{what}: {error}").format(what=what, error=error.message),
                title=_("Not saved"),
                severity="error",
                timeout=15,
                markup=False,
            )

        return tell

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
        self.undo_steps.append(UndoStep(label, lambda: self._restore_meeting(before)))
        self._show_meeting(after, follow=after.current != before.current)
        self._save_meeting(after)
        return True

    def _restore_meeting(self, meeting: Meeting) -> None:
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

    # --- captures ---------------------------------------------------------------------

    def action_capture_decision(self) -> None:
        """Type a decision into this item's log."""
        from roundtable.ui.screens.decision_form import DecisionForm

        self.app.push_screen(DecisionForm(initial=self._kept_decision), self.add_decision)

    def add_decision(self, text: str | None) -> None:
        """Save a decision under the current item (None: the form was cancelled)."""
        if not text:
            return
        self._kept_decision = text
        meeting_id, index = self.meeting_id, self._log_index()

        def saved(decision: Decision) -> None:
            self._kept_decision = ""
            self._decisions[decision.id] = decision
            self._show_log()
            self.undo_steps.append(
                UndoStep(_("Decision"), lambda: self._delete_decision(decision, undoable=False))
            )

        self.store_thread.submit(
            lambda: self.store.add_decision(meeting_id, index, text),
            done=saved,
            failed=self._kept_failed(_("The decision was not saved"), "d"),
        )

    def _kept_failed(self, what: str, key: str) -> Callable[[RoundtableError], None]:
        def tell(error: RoundtableError) -> None:
            self.notify(
                _("{what}: {error}. Your text is kept: press {key} to try again.").format(
                    what=what, error=error.message, key=key
                ),
                title=_("Not saved"),
                severity="error",
                timeout=20,
                markup=False,
            )

        return tell

    def action_capture_action(self) -> None:
        """Type an action item: what, who, by when."""
        from roundtable.ui.screens.action_form import ActionForm

        self.app.push_screen(
            ActionForm(
                self.config.roles,
                default_due_date(self.meeting, self.timezone),
                self.clock().astimezone(self.timezone).date(),
                initial=self._kept_action,
            ),
            self.add_action,
        )

    def add_action(self, draft: ActionDraft | None) -> None:
        """Save an action item under the current item (None: the form was cancelled)."""
        if draft is None:
            return
        self._kept_action = draft
        meeting_id, index = self.meeting_id, self._log_index()

        def saved(action: ActionItem) -> None:
            self._kept_action = None
            self._actions[action.ref] = action
            self._show_log()
            self.undo_steps.append(
                UndoStep(_("Action item"), lambda: self._delete_action(action, undoable=False))
            )

        self.store_thread.submit(
            lambda: self.store.add_action(draft.text, draft.owner, draft.due, meeting_id, index),
            done=saved,
            failed=self._kept_failed(_("The action item was not saved"), "a"),
        )

    def action_capture_budget(self) -> None:
        """Type a budget agreement: area, amount, period, kind."""

        self.app.push_screen(self._budget_form(self._kept_budget), self.add_budget)

    def _budget_form(self, initial: BudgetDraft | None) -> Screen[BudgetDraft | None]:
        from roundtable.ui.screens.budget_form import BudgetForm

        today = self.clock().astimezone(self.timezone).date()
        areas = sorted({budget.area for budget in self._budgets.values()})
        return BudgetForm(
            initial,
            areas=areas,
            default_period=f"{today.year}-Q{(today.month - 1) // 3 + 1}",
        )

    def add_budget(self, draft: BudgetDraft | None) -> None:
        """Save a budget agreement under the current item (None: cancelled)."""
        if draft is None:
            return
        self._kept_budget = draft
        meeting_id, index = self.meeting_id, self._log_index()

        def saved(budget: BudgetAgreement) -> None:
            self._kept_budget = None
            self._budgets[budget.id] = budget
            self._show_log()
            self.undo_steps.append(
                UndoStep(_("Budget agreement"), lambda: self._delete_budget(budget, False))
            )

        self.store_thread.submit(
            lambda: self._insert_budget(meeting_id, index, draft),
            done=saved,
            failed=self._kept_failed(_("The budget agreement was not saved"), "b"),
        )

    def _insert_budget(self, meeting_id: int, index: int, draft: BudgetDraft) -> BudgetAgreement:
        return self.store.add_budget(
            meeting_id,
            index,
            area=draft.area,
            amount=draft.amount,
            currency=draft.currency,
            period=draft.period,
            kind=draft.kind,
            from_area=draft.from_area,
            note=draft.note,
            needs_signoff=draft.needs_signoff,
        )

    # --- editing and deleting log entries ---------------------------------------------

    @on(DataTable.RowSelected, "#log")
    def _log_row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_entry()

    @on(DataTable.RowSelected, "#agenda")
    def _agenda_row_chosen(self, event: DataTable.RowSelected) -> None:
        # Enter on the agenda means "that item's entries": the log is where they are.
        event.stop()
        self.query_one(ItemLog).focus()

    def action_edit_entry(self) -> None:
        """Edit the entry selected in the log."""
        entry = self.query_one(ItemLog).selected
        if entry is None:
            self.notify(_("This item's log is empty."), severity="warning")
        elif isinstance(entry, Decision):
            self._edit_decision(entry)
        elif isinstance(entry, ActionItem):
            self._edit_action(entry)
        else:
            self._edit_budget(entry)

    def action_delete_entry(self) -> None:
        """Delete the entry selected in the log (ctrl+z brings it back)."""
        entry = self.query_one(ItemLog).selected
        if entry is None:
            return
        if isinstance(entry, Decision):
            self._delete_decision(entry)
        elif isinstance(entry, ActionItem):
            self._delete_action(entry)
        else:
            self._delete_budget(entry)

    def _edit_decision(self, old: Decision) -> None:
        from roundtable.ui.screens.decision_form import DecisionForm

        def typed(text: str | None) -> None:
            if not text or text == old.text:
                return
            self._kept_decision = text

            def saved(new: Decision) -> None:
                self._kept_decision = ""
                self._decisions[new.id] = new
                self._show_log()
                self.undo_steps.append(
                    UndoStep(_("Edit decision"), lambda: self._write_decision(old))
                )

            self.store_thread.submit(
                lambda: self.store.update_decision(old.id, text),
                done=saved,
                failed=self._kept_failed(_("The decision was not changed"), "d"),
            )

        self.app.push_screen(DecisionForm(initial=old.text), typed)

    def _write_decision(self, decision: Decision) -> None:
        def saved(new: Decision) -> None:
            self._decisions[new.id] = new
            self._show_log()

        self.store_thread.submit(
            lambda: self.store.update_decision(decision.id, decision.text),
            done=saved,
            failed=self._failed(_("Undo")),
        )

    def _delete_decision(self, decision: Decision, undoable: bool = True) -> None:
        def deleted(gone: Decision) -> None:
            self._decisions.pop(gone.id, None)
            self._show_log()
            if undoable:
                self.undo_steps.append(
                    UndoStep(_("Delete decision"), lambda: self._restore_decision(gone))
                )

        self.store_thread.submit(
            lambda: self.store.delete_decision(decision.id),
            done=deleted,
            failed=self._failed(_("The decision was not deleted")),
        )

    def _restore_decision(self, decision: Decision) -> None:
        def restored(back: Decision) -> None:
            self._decisions[back.id] = back
            self._show_log()

        self.store_thread.submit(
            lambda: self.store.restore_decision(decision),
            done=restored,
            failed=self._failed(_("Undo")),
        )

    def _edit_action(self, old: ActionItem) -> None:
        from roundtable.ui.screens.action_form import ActionForm

        initial = ActionDraft(old.text, old.owner, old.due)

        def typed(draft: ActionDraft | None) -> None:
            if draft is None or draft == initial:
                return
            self._kept_action = draft

            def saved(new: ActionItem) -> None:
                self._kept_action = None
                self._actions[new.ref] = new
                self._show_log()
                self.undo_steps.append(
                    UndoStep(_("Edit action item"), lambda: self._replace_action(old))
                )

            self.store_thread.submit(
                lambda: self._write_action(
                    replace(old, text=draft.text, owner=draft.owner, due=draft.due)
                ),
                done=saved,
                failed=self._kept_failed(_("The action item was not changed"), "a"),
            )

        self.app.push_screen(
            ActionForm(
                self.config.roles,
                default_due_date(self.meeting, self.timezone),
                self.clock().astimezone(self.timezone).date(),
                initial=initial,
            ),
            typed,
        )

    def _write_action(self, action: ActionItem) -> ActionItem:
        """Give the stored action `action`'s text, owner and due date (store thread)."""
        if action.owner is None or action.due is None:
            # update_action reads None as "unchanged"; clearing a field takes a rewrite.
            self.store.delete_action(action.ref)
            return self.store.restore_action(action)
        return self.store.update_action(
            action.ref,
            text=action.text,
            owner=action.owner,
            due=action.due,
            meeting_id=self.meeting_id,
        )

    def _replace_action(self, action: ActionItem) -> None:
        def saved(new: ActionItem) -> None:
            self._actions[new.ref] = new
            self._show_log()

        self.store_thread.submit(
            lambda: self._write_action(action), done=saved, failed=self._failed(_("Undo"))
        )

    def _delete_action(self, action: ActionItem, undoable: bool = True) -> None:
        def deleted(gone: ActionItem) -> None:
            self._actions.pop(gone.ref, None)
            self._show_log()
            if undoable:
                self.undo_steps.append(
                    UndoStep(_("Delete action item"), lambda: self._restore_action(gone))
                )

        self.store_thread.submit(
            lambda: self.store.delete_action(action.ref),
            done=deleted,
            failed=self._failed(_("The action item was not deleted")),
        )

    def _restore_action(self, action: ActionItem) -> None:
        def restored(back: ActionItem) -> None:
            self._actions[back.ref] = back
            self._show_log()

        self.store_thread.submit(
            lambda: self.store.restore_action(action),
            done=restored,
            failed=self._failed(_("Undo")),
        )

    def _edit_budget(self, old: BudgetAgreement) -> None:

        initial = BudgetDraft(
            area=old.area,
            amount=old.amount,
            currency=old.currency,
            period=old.period,
            kind=old.kind,
            from_area=old.from_area,
            note=old.note,
            needs_signoff=old.needs_signoff,
        )

        def typed(draft: BudgetDraft | None) -> None:
            if draft is None or draft == initial:
                return
            self._kept_budget = draft
            meeting_id, index = old.meeting_id, old.item_index

            def swap() -> BudgetAgreement:
                # The store has no update for budgets: the edit replaces the agreement.
                new = self._insert_budget(meeting_id, index, draft)
                self.store.delete_budget(old.id)
                return new

            def saved(new: BudgetAgreement) -> None:
                self._kept_budget = None
                self._budgets.pop(old.id, None)
                self._budgets[new.id] = new
                self._show_log()
                self.undo_steps.append(
                    UndoStep(_("Edit budget agreement"), lambda: self._unswap_budget(new, old))
                )

            self.store_thread.submit(
                swap,
                done=saved,
                failed=self._kept_failed(_("The budget agreement was not changed"), "b"),
            )

        self.app.push_screen(self._budget_form(initial), typed)

    def _unswap_budget(self, new: BudgetAgreement, old: BudgetAgreement) -> None:
        def swap() -> BudgetAgreement:
            back = self.store.restore_budget(old)
            self.store.delete_budget(new.id)
            return back

        def done(back: BudgetAgreement) -> None:
            self._budgets.pop(new.id, None)
            self._budgets[back.id] = back
            self._show_log()

        self.store_thread.submit(swap, done=done, failed=self._failed(_("Undo")))

    def _delete_budget(self, budget: BudgetAgreement, undoable: bool = True) -> None:
        def deleted(gone: BudgetAgreement) -> None:
            self._budgets.pop(gone.id, None)
            self._show_log()
            if undoable:
                self.undo_steps.append(
                    UndoStep(_("Delete budget agreement"), lambda: self._restore_budget(gone))
                )

        self.store_thread.submit(
            lambda: self.store.delete_budget(budget.id),
            done=deleted,
            failed=self._failed(_("The budget agreement was not deleted")),
        )

    def _restore_budget(self, budget: BudgetAgreement) -> None:
        def restored(back: BudgetAgreement) -> None:
            self._budgets[back.id] = back
            self._show_log()

        self.store_thread.submit(
            lambda: self.store.restore_budget(budget),
            done=restored,
            failed=self._failed(_("Undo")),
        )

    # --- the rest ---------------------------------------------------------------------

    def action_undo(self) -> None:
        """Take back the last capture, edit, delete or time-box operation."""
        if not self.undo_steps:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        step = self.undo_steps.pop()
        step.undo()
        self.notify(_("Undone: {what}").format(what=step.label), markup=False)

    def help_bindings(self) -> list[tuple[str, str]]:
        """Every key of this screen and the app, as (keys, description), for the help
        screen. Read from the declared bindings: a focused table's own keys (enter on
        the agenda) must not hide the screen's."""
        return key_help([*self.BINDINGS, *self.app.BINDINGS], self.app)

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
