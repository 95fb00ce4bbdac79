"""The current agenda item: what it is, who owns it, and its countdown."""

from __future__ import annotations

from datetime import timedelta
from typing import Self

from textual.app import ComposeResult
from textual.containers import Vertical

from roundtable.domain.config import Role
from roundtable.domain.meeting import MeetingItem
from roundtable.domain.text import single_line
from roundtable.domain.timebox import ItemPhase
from roundtable.i18n import _
from roundtable.ui.format import kind_text, role_line
from roundtable.ui.widgets.countdown import Countdown, phase_classes
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["ItemPanel"]


class ItemPanel(Vertical):
    """Shows an item (title, owning role and its holders, kind, position in the agenda)
    above the big countdown; `-warning` / `-overrun` classes follow the phase."""

    _time_shown: tuple[ItemPhase | None, int | None, bool] | None = None
    """The phase, planned minutes and pause `show_time` showed last: every second but
    a few only the countdown moves."""

    _first_phase: ItemPhase | None = None

    def start_in(self, phase: ItemPhase | None, paused: bool) -> Self:
        """Before it is mounted: start with the classes of `phase` (its countdown too),
        so the first frame's styles are worked out once, not again when `show_time`
        sets the same phase after mounting."""
        self._first_phase = phase
        self.update_classes(phase_classes(phase, paused), update=False)
        return self

    def compose(self) -> ComposeResult:
        yield PlainLabel("", id="item-position")
        yield PlainLabel("", id="item-title")
        yield PlainLabel("", id="item-owner")
        yield Countdown(id="countdown").start_in(self._first_phase)
        yield PlainLabel("", id="item-caption")
        yield PlainLabel("", id="item-notes")

    def show_item(
        self,
        item: MeetingItem | None,
        index: int | None,
        count: int,
        role: Role | None,
        *,
        hint: bool = True,
    ) -> None:
        """Show `item` (number `index` of `count`); None when no item is left to run.
        `hint` tells how to end the meeting then (not in a read-only view)."""
        if item is None or index is None:
            self._label("#item-position", _("No item running"))
            self._label("#item-title", _("Every item is done or deferred"))
            self._label("#item-owner", _("Press x to end the meeting.") if hint else "")
            self._label("#item-notes", "")
            return
        self._label(
            "#item-position",
            _("Item {number} of {count} · {kind}").format(
                number=index + 1, count=count, kind=kind_text(item.kind)
            ),
        )
        self._label("#item-title", single_line(item.title))
        self._label("#item-owner", role_line(role, item.role))
        self._label("#item-notes", single_line(item.notes))

    def show_time(
        self,
        remaining: timedelta | None,
        phase: ItemPhase | None,
        planned_minutes: int | None,
        paused: bool,
    ) -> None:
        """Show the countdown of the current item and a caption under it."""
        countdown = self.query_one(Countdown)
        countdown.remaining = remaining
        shown = (phase, planned_minutes, paused)
        if shown == self._time_shown:
            return
        self._time_shown = shown
        countdown.phase = phase
        # One batch: the panel's labels and countdown are restyled once, not per class.
        self.update_classes(phase_classes(phase, paused))
        if planned_minutes is None:
            caption = ""
        elif paused:
            caption = _("{minutes} min planned · paused").format(minutes=planned_minutes)
        elif phase is ItemPhase.OVERRUN:
            caption = _("{minutes} min planned · over time").format(minutes=planned_minutes)
        elif phase is ItemPhase.WARNING:
            caption = _("{minutes} min planned · time to wrap up").format(minutes=planned_minutes)
        else:
            caption = _("{minutes} min planned").format(minutes=planned_minutes)
        self._label("#item-caption", caption)

    @property
    def countdown_text(self) -> str:
        """What the big digits show."""
        return self.query_one(Countdown).text

    def _label(self, selector: str, text: str) -> None:
        self.query_one(selector, PlainLabel).show(text)
