"""The meeting screen's time-box keys: next, break, more time, rebalance, defer, end.

Each key is one `timebox` operation applied at the clock's now through
`MeetingBase.change_meeting`, which shows it, saves it and puts its undo on the stack.
Ending the meeting writes its minutes and shows them with a summary.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.widgets import DataTable

from roundtable.domain import timebox
from roundtable.domain.config import Cadence
from roundtable.domain.l10n import format_day
from roundtable.domain.meeting import ItemState, MeetingState
from roundtable.domain.statistics.forecast import rebalance_by_history
from roundtable.domain.text import single_line
from roundtable.i18n import _, ngettext
from roundtable.ui.screens.meeting.capture import CaptureActions
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.forecast import ForecastLine

if TYPE_CHECKING:
    from roundtable.ui.screens.meeting.ending import Ended

# The dialogs and the minutes preview are imported when a key opens them, and preloaded
# once the meeting screen is up (`roundtable.ui.preload`).

__all__ = ["EXTEND_MINUTES", "TimingActions"]

EXTEND_MINUTES = 5
"""How much one press of `+` gives the current item."""


class TimingActions(CaptureActions):
    """The keys that move the meeting's clocks."""

    def action_next_item(self) -> None:
        """Close the current item and start the next pending one."""
        self.change_meeting(timebox.next_item, _("Next item"))

    def action_previous_item(self) -> None:
        """Go back to the previous item."""
        self.change_meeting(timebox.previous_item, _("Previous item"))

    def action_toggle_pause(self, _word: str = "pause") -> None:
        """Start or end a break (`_word` only picks the footer's word for space)."""
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

    def compose_forecast(self, usual: dict[str, float] | None) -> ForecastLine:
        """The forecast line for the screen's compose (above the bottom row), given what
        the items `usual`ly take; None: it reads that itself once mounted
        (`start_forecast`)."""
        line = ForecastLine(timezone=self.timezone, id="forecast")
        if usual is not None:
            line.set_reactive(ForecastLine.usual, usual)
        # The first paint (`paint_forecast`, as the screen mounts) gives it the meeting,
        # so it paints the moment the history arrives.
        self.forecast_line = line
        return line

    def start_forecast(self) -> None:
        """Once mounted: read the history if the forecast line was not given it."""
        line = self.forecast_line
        if line is not None and line.usual is None:
            line.load(self.store, self.store_thread, self.meeting)

    def action_rebalance_by_history(self) -> None:
        """Plan the items still to come by what they usually take, inside the box."""
        usual = self.query_one(ForecastLine).usual or {}
        if self.change_meeting(
            lambda meeting, now: rebalance_by_history(meeting, now, usual),
            _("Rebalance by history"),
        ):
            self.notify(_("The items still to come are planned by what they usually take."))

    # --- deferring ----------------------------------------------------------------------

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
        """Take the selected deferred item back into this meeting; on any other item,
        `o` notes what was reported or discussed."""
        index = self._selected_index()
        if index is None or self.meeting.items[index].state is not ItemState.DEFERRED:
            self.action_note()
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

    # --- the cadence ----------------------------------------------------------------------

    def action_change_cadence(self) -> None:
        """Change how often the round table meets, from this meeting on."""
        from roundtable.ui.screens.dialogs.cadence import CadenceModal, cadence_text
        from roundtable.ui.screens.meeting.log_kinds import default_due_date

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

    # --- the end --------------------------------------------------------------------------

    def action_end_meeting(self) -> None:
        """Ask, then end the meeting; what is left is deferred."""
        from roundtable.ui.screens.dialogs.confirm import ConfirmModal

        # The current item counts as done; only the ones not yet started are deferred.
        left = sum(1 for item in self.meeting.items if item.state is ItemState.PENDING)
        message = (
            ngettext(
                "{count} item not yet started will be deferred to the next meeting.",
                "{count} items not yet started will be deferred to the next meeting.",
                left,
            ).format(count=left)
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
        """End the meeting now (no question asked), save it, write its minutes and show
        them with a summary; closing them leaves the screen."""
        from roundtable.ui.screens.home.minutes_preview import MinutesPreview
        from roundtable.ui.screens.meeting.ending import summary_text, write_ended

        ended = timebox.end(self.meeting, self.clock())
        self._meeting_changes += 1
        self.meeting = ended
        store, config, timezone, meeting_id = (
            self.store,
            self.config,
            self.timezone,
            self.meeting_id,
        )
        assert ended.ended_at is not None  # `timebox.end` sets it
        summary = summary_text(
            ended.ended_at - ended.started_at,
            len(self._decisions),
            len(self._actions),
            len(self._budgets),
        )

        def save() -> Ended:
            store.save_meeting(ended)
            return write_ended(store, meeting_id, config, timezone)

        def saved(minutes: Ended) -> None:
            self.notify(_("The meeting has ended."), title=single_line(ended.title))
            if minutes.path is not None:
                where = _("The minutes are written to {path}.").format(path=minutes.path)
            else:
                where = _("The minutes could not be written: {reason}").format(
                    reason=minutes.problem
                )
            preview = MinutesPreview(
                minutes.markdown,
                minutes.path,
                title=_("Minutes of meeting {number}").format(number=minutes.number),
                summary=f"{summary}\n{where}",
            )
            # Through the screen's own queue: this runs in the store thread's report,
            # outside the app's context, and a screen must be built inside it.
            self.call_later(self.app.push_screen, preview, closed)

        def closed(_result: None) -> None:
            self.dismiss(ended)

        self.store_thread.submit(
            save,
            done=saved,
            failed=self.failed(_("The end of the meeting could not be saved")),
        )
