"""The cut line at the usual pace, one line under the clocks of the meeting screen.

It reads the team's ended meetings once (on the store thread, after the first frame)
and from then on only recomputes `statistics.forecast` from the meeting and the clock.
The plain plan's end stays beside the forecast. Without history it stays hidden: the
time box already shows the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from rich.text import Text
from textual.reactive import var

from roundtable.domain.meeting import Meeting
from roundtable.domain.statistics.forecast import forecast, forecast_text, usual_minutes
from roundtable.domain.statistics.timing import timing_report
from roundtable.domain.timebox import BoxView
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.format import clock_text
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["ForecastLine", "read_usual_minutes"]

HISTORY_MEETINGS = 30
"""The ended meetings of the agenda that say what the usual pace is."""


def read_usual_minutes(store: Store, agenda_id: str) -> dict[str, float]:
    """What each item of `agenda_id` usually takes, from its latest ended meetings."""
    # The running meeting (and one discarded, if any) may be among the latest: a little
    # more than the history needed, and no decade of meetings decoded.
    meetings = store.latest_meetings(agenda_id, HISTORY_MEETINGS + 2)
    report = timing_report(meetings, agenda_id=agenda_id, last=HISTORY_MEETINGS)
    return usual_minutes(report)


class ForecastLine(PlainLabel):
    """ "Plan: ends 12:00 · usual pace: 12:12 · At the usual pace Budgets and Wrap-up
    will not fit (about 12 minutes over)." Gets the class `-late` when items will not
    fit and `-known` once there is history to show. Its styles are in
    screens/meeting/meeting.tcss, beside the screen that mounts it."""

    usual: var[Mapping[str, float] | None] = var[Mapping[str, float] | None](None, init=False)
    """What each item usually takes (by `timing.item_key`); None until read."""

    def __init__(self, *, timezone: tzinfo | None = None, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.timezone = timezone
        self._last: tuple[Meeting, datetime, BoxView | None] | None = None
        self._line: tuple[str, bool] | None = None
        """The sentence and lateness shown last (None while hidden): recomputed every
        second, the line changes about once a minute."""
        self.not_fitting: tuple[int, ...] = ()
        """The items that do not fit at the usual pace, as last computed (none while
        the line is hidden)."""

    def load(self, store: Store, store_thread: StoreThread, agenda_id: str) -> None:
        """Read the history on the store thread; a store that cannot be read leaves the
        line hidden (the plan still shows)."""

        def got(usual: dict[str, float]) -> None:
            self.usual = usual

        store_thread.submit(
            lambda: read_usual_minutes(store, agenda_id), done=got, failed=lambda _e: None
        )

    def watch_usual(self) -> None:
        if self._last is not None:
            self.show_forecast(*self._last)

    def show_forecast(self, meeting: Meeting, now: datetime, view: BoxView | None = None) -> None:
        """Recompute for `meeting` as of `now` (`view`: its box as of `now`, if known)."""
        self._last = (meeting, now, view)
        self.not_fitting = ()
        usual = self.usual
        if not usual or meeting.ended_at is not None:
            self._hide()
            return
        result = forecast(meeting, now, usual, view)
        if not result.from_history:
            self._hide()
            return
        self.not_fitting = result.not_fitting
        plan = _("Plan: ends {plan} · usual pace: {usual}").format(
            plan=clock_text(result.plan_end, self.timezone),
            usual=clock_text(result.usual_end, self.timezone),
        )
        # The sentence first: on a narrow screen the plan's end is the part cut off, and
        # the time box beside shows it anyway.
        line = (f"{forecast_text(meeting, result)} · {plan}", bool(result.not_fitting))
        if line == self._line:
            return
        self._line = line
        self.show(Text(line[0]))
        self.set_class(line[1], "-late")
        self.set_class(True, "-known")

    def _hide(self) -> None:
        self._line = None
        self.set_class(False, "-known")
