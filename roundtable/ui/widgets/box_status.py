"""The time box at a glance: used and left of the three hours, planned and projected end."""

from __future__ import annotations

from datetime import tzinfo
from typing import Self

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Grid
from textual.reactive import var
from textual.widget import Widget

from roundtable.domain.box_state import BoxState, box_state, minutes_late
from roundtable.domain.timebox import BoxView
from roundtable.i18n import _
from roundtable.ui.format import clock_text, duration_text
from roundtable.ui.widgets.plain import PlainLabel

__all__ = [
    "BoxStatus",
    "box_classes",
    "projected_text",
    "set_state_class",
    "state_classes",
]

_VALUES = ("#box-used", "#box-left", "#box-planned-end", "#box-projected-end")


class BoxStatus(Grid):
    """Shows a `BoxView`; gets the class `-late` while the projected end is past the
    planned end and `-over` once the box is used up, and one of `-box-ok`,
    `-box-tight`, `-box-over` (`box_state`) that colours the figures."""

    view: var[BoxView | None] = var[BoxView | None](None, init=False)
    timebox_minutes: var[int] = var(180, init=False)
    timezone: var[tzinfo | None] = var[tzinfo | None](None, init=False)
    """The room's wall clock; None for the machine's local time."""

    _shown: tuple[object, ...] | None = None
    """The texts and states `_show` showed last."""

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

    def on_resize(self) -> None:
        # The projected end's words depend on the room its label has.
        self.call_after_refresh(self._show)

    def watch_timezone(self) -> None:
        self._show()

    def _show(self) -> None:
        view = self.view
        if view is None or not self.is_mounted:
            return
        box = duration_text_minutes(self.timebox_minutes)
        values = (
            _("{used} of {box}").format(used=duration_text(view.used), box=box),
            duration_text(view.left),
            clock_text(view.planned_end, self.timezone),
            projected_text(
                view, self.timezone, self.query_one("#box-projected-end", PlainLabel).size.width
            ),
        )
        shown = (values, view.projected_end > view.planned_end, view.box_over, box_state(view))
        # The figures are in minutes: 59 seconds of 60 nothing here changes.
        if shown == self._shown:
            return
        self._shown = shown
        for selector, text in zip(_VALUES, values, strict=True):
            self.query_one(selector, PlainLabel).show(text)
        # One batch: the figures and their labels are restyled once, not per class.
        self.update_classes(box_classes(view))

    def start_in(self, view: BoxView) -> Self:
        """Before it is mounted: start with `view`'s classes, so the first frame's
        styles are worked out once (showing `view` after mounting sets the same)."""
        self.update_classes(box_classes(view), update=False)
        return self


def duration_text_minutes(minutes: int) -> str:
    """`3:00` for 180 minutes."""
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"


def projected_text(view: BoxView, timezone: tzinfo | None, width: int | None = None) -> str:
    """`11:58`, or `12:17 ▲ 17 min late` once the projected end is past the box; where
    that does not fit in `width` cells, `12:17 ▲ +17` (the number is what matters)."""
    projected = clock_text(view.projected_end, timezone)
    late = minutes_late(view)
    if not late:
        return projected
    text = _("{time} ▲ {minutes} min late").format(time=projected, minutes=late)
    if width is not None and 0 < width < cell_len(text):
        text = _("{time} ▲ +{minutes}").format(time=projected, minutes=late)
    return text


def box_classes(view: BoxView) -> dict[str, bool]:
    """`BoxStatus`'s classes for `view`."""
    return {
        "-late": view.projected_end > view.planned_end,
        "-over": view.box_over,
        **state_classes(view),
    }


def state_classes(view: BoxView) -> dict[str, bool]:
    """Which of `-box-ok`, `-box-tight`, `-box-over` a widget has for `view`: the one
    its box is in."""
    state = box_state(view)
    return {f"-box-{candidate.value}": state is candidate for candidate in BoxState}


def set_state_class(widget: Widget, view: BoxView, *, update: bool = True) -> None:
    """Give `widget` the one of `-box-ok`, `-box-tight`, `-box-over` that `view` is in
    (`update=False`: before it is mounted, no restyle)."""
    widget.update_classes(state_classes(view), update=update)
