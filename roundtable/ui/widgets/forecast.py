"""The cut line at the usual pace, one line under the clocks of the meeting screen.

It reads the team's latest ended meetings once, off the event loop (with the meeting,
before the screen's first frame: `screens.meeting.opening`), and from then on only
recomputes `statistics.forecast` from the meeting and the clock.
The plain plan's end stays beside the forecast. Without history it stays hidden: the
time box already shows the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from rich.text import Text
from textual.reactive import var

from roundtable.domain.meeting import Meeting
from roundtable.domain.statistics.forecast import RECENT, forecast, forecast_text, usual_minutes
from roundtable.domain.statistics.timing import item_key, timing_report
from roundtable.domain.timebox import BoxView
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.format import clock_text
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["ForecastLine", "read_usual_minutes"]

HISTORY_MEETINGS = 30
"""The ended meetings of the agenda that say what the usual pace is."""

FIRST_READ = RECENT + 2
"""The latest meetings read first: each item's `RECENT` runs, and the running meeting
and one discarded, if any, among them."""

FURTHER_READ = 8
"""Meetings read at a time after the first, back to `HISTORY_MEETINGS`."""


def read_usual_minutes(store: Store, meeting: Meeting) -> dict[str, float]:
    """What each item of `meeting` usually takes (by `timing.item_key`), from the latest
    ended meetings of its agenda (`HISTORY_MEETINGS` at most).

    Newest first, a few meetings at a time: once each of its items has its `RECENT`
    latest held runs in what was read, older meetings cannot change its figure, so the
    screen does not wait for a month of meetings it does not need decoded."""
    agenda_id = meeting.agenda_id
    wanted = {item_key(item.title) for item in meeting.items}
    with store.reading():
        read = store.latest_meetings(agenda_id, FIRST_READ)
        asked = FIRST_READ
        while True:
            report = timing_report(read, agenda_id=agenda_id, last=HISTORY_MEETINGS)
            held = {item_key(stats.title): len(stats.held) for stats in report.items}
            known = all(held.get(key, 0) >= RECENT for key in wanted)
            # The running meeting (and one discarded, if any) may be among the latest.
            if known or len(read) < asked or asked >= HISTORY_MEETINGS + 2 or not read:
                break
            more = min(FURTHER_READ, HISTORY_MEETINGS + 2 - asked)
            read = store.latest_meetings(agenda_id, more, before=_oldest_id(read)) + read
            asked += more
    return {key: value for key, value in usual_minutes(report).items() if key in wanted}


def _oldest_id(meetings: list[Meeting]) -> int | None:
    return min((m.id for m in meetings if m.id is not None), default=None)


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

    def load(self, store: Store, store_thread: StoreThread, meeting: Meeting) -> None:
        """Read the history on the store thread; a store that cannot be read leaves the
        line hidden (the plan still shows)."""

        def got(usual: dict[str, float]) -> None:
            self.usual = usual

        store_thread.submit(
            lambda: read_usual_minutes(store, meeting), done=got, failed=lambda _e: None
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
