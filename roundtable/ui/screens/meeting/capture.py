"""The meeting screen's capture keys: what the room decides, owes, agrees and notes.

Decisions, action items, budget agreements and notes go into the current item's log
(the steps live in `log.MeetingLog`); the log's entries are edited, deleted and undone
from here; the carry-over's keys and attendance change what the room brought along.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.widgets import DataTable

from roundtable.domain.meeting import Attendee
from roundtable.i18n import _
from roundtable.ui.screens.meeting.base import MeetingBase
from roundtable.ui.screens.meeting.display import log_index

# The forms and screens these keys open are imported when a key opens them, and
# preloaded once the meeting screen is up (`roundtable.ui.preload`).

__all__ = ["CaptureActions"]


class CaptureActions(MeetingBase):
    """The keys that write the meeting's log, its carry-over and its attendance."""

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

    def action_note(self) -> None:
        """Note what was reported or discussed under the current item (`o`)."""
        from roundtable.ui.screens.forms.note_form import capture_note

        def tell(message: str, failed: bool) -> None:
            self.notify(message, severity="error" if failed else "information", markup=False)

        capture_note(
            self.app.push_screen,
            self.store,
            self.store_thread,
            lambda: (self.meeting_id, log_index(self.meeting)),
            tell,
        )

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

    # --- attendance ---------------------------------------------------------------------

    def action_attendance(self) -> None:
        """Change who is present."""
        from roundtable.ui.screens.dialogs.attendance import AttendanceScreen

        def chosen(attendees: tuple[Attendee, ...] | None) -> None:
            if attendees is not None:
                self.change_meeting(
                    lambda meeting, _now: replace(meeting, attendees=tuple(attendees)),
                    _("Attendance"),
                )

        self.app.push_screen(AttendanceScreen(self.meeting.attendees, self.config.roles), chosen)

    # --- the carry-over ---------------------------------------------------------------

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
        from roundtable.ui.screens.actions.action_items import ActionItemsScreen

        self.app.push_screen(ActionItemsScreen(self.context, meeting=self.meeting))
