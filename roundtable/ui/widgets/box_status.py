"""The time box at a glance: used and left of the three hours, planned and projected end."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult
from textual.containers import Grid
from textual.reactive import var

from roundtable.domain.timebox import BoxView
from roundtable.i18n import _
from roundtable.ui.format import clock_text, duration_text
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["BoxStatus"]


class BoxStatus(Grid):
    """Shows a `BoxView`; gets the class `-late` while the projected end is past the
    planned end and `-over` once the box is used up."""

    view: var[BoxView | None] = var[BoxView | None](None, init=False)
    timebox_minutes: var[int] = var(180, init=False)
    timezone: var[tzinfo | None] = var[tzinfo | None](None, init=False)
    """The room's wall clock; None for the machine's local time."""

    def compose(self) -> ComposeResult:
        yield PlainLabel(_("Used"), classes="box-label")
        yield PlainLabel("", id="box-used", classes="box-value")
        yield PlainLabel(_("Left"), classes="box-label")
        yield PlainLabel("", id="box-left", classes="box-value")
        yield PlainLabel(_("Planned end"), classes="box-label")
        yield PlainLabel("", id="box-planned-end", classes="box-value")
        yield PlainLabel(_("Projected end"), classes="box-label")
        yield PlainLabel("", id="box-projected-end", classes="box-value")

    def watch_view(self) -> None:
        self._show()

    def watch_timezone(self) -> None:
        self._show()

    def _show(self) -> None:
        view = self.view
        if view is None or not self.is_mounted:
            return
        box = duration_text_minutes(self.timebox_minutes)
        self._value(
            "#box-used", _("{used} of {box}").format(used=duration_text(view.used), box=box)
        )
        self._value("#box-left", duration_text(view.left))
        self._value("#box-planned-end", clock_text(view.planned_end, self.timezone))
        late = view.projected_end > view.planned_end
        projected = clock_text(view.projected_end, self.timezone)
        if late:
            late_minutes = int((view.projected_end - view.planned_end).total_seconds() // 60)
            projected = _("{time} ▲ {minutes} min late").format(
                time=projected, minutes=late_minutes
            )
        self._value("#box-projected-end", projected)
        self.set_class(late, "-late")
        self.set_class(view.box_over, "-over")

    def _value(self, selector: str, text: str) -> None:
        self.query_one(selector, PlainLabel).show(text)


def duration_text_minutes(minutes: int) -> str:
    """`3:00` for 180 minutes."""
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"
