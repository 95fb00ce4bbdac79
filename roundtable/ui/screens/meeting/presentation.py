"""The presentation view: the current item and its countdown over the whole screen.

For the room, as a projector's presenter mode shows it: the item, its owner, the
countdown as large as the terminal allows, and what is left of the time box in the
box's colour. It is a screen over the meeting screen, never instead of it: the meeting
keeps running underneath, `v` (or Esc) goes back, and next, break and more time work
from here too (the meeting screen does them). Every figure comes from
`timebox.box_view(meeting, clock())`, recomputed once a second.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from roundtable.domain import timebox
from roundtable.domain.meeting import Meeting, MeetingState
from roundtable.i18n import N_, _
from roundtable.ui.context import AppContext
from roundtable.ui.format import duration_text
from roundtable.ui.live import Tick
from roundtable.ui.screens.meeting.banner_text import banner_text
from roundtable.ui.widgets.banner import Banner
from roundtable.ui.widgets.box_status import projected_text, set_state_class
from roundtable.ui.widgets.countdown import BigClock
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.item_panel import ItemPanel
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["BoxFigure", "PresentationScreen"]

REFRESH_SECONDS = 1.0


# Here, not beside BoxStatus in widgets/box_status.py: only this screen shows it, and the
# meeting screen's first frame need not define a widget class it does not draw.
class BoxFigure(Horizontal):
    """What is left of the box as a big figure, with the projected end beside it, for
    the presentation view; coloured by the box's state like `BoxStatus`."""

    def compose(self) -> ComposeResult:
        with Vertical(id="box-figure-words"):
            yield PlainLabel(_("Left in the box"), id="box-figure-label")
            yield PlainLabel("", id="box-figure-end")
        yield BigClock(id="box-figure-left")

    def show_view(self, view: timebox.BoxView, timezone: tzinfo | None) -> None:
        """Show `view`'s box: left, projected end, state."""
        self.query_one("#box-figure-left", BigClock).value = duration_text(view.left)
        self.query_one("#box-figure-end", PlainLabel).show(
            _("Projected end {time}").format(time=projected_text(view, timezone))
        )
        set_state_class(self, view)


class PresentationScreen(Screen[None]):
    """The running meeting for the room: `meeting` reads it as the meeting screen has
    it now, `act` runs one of the meeting screen's actions (`next_item`, ...)."""

    CSS_PATH = Path(__file__).parent / "presentation.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v,f5,escape", "back", N_("Back to the board"), id="present-back", key_display="v"),
        Binding("n", "act('next_item')", N_("Next"), id="present-next"),
        Binding("space", "act('toggle_pause')", N_("Pause"), id="present-pause"),
        Binding("space", "act('toggle_pause', 'resume')", N_("Resume"), id="present-resume"),
        Binding("plus,e", "act('extend')", N_("+5 min"), id="present-extend", key_display="+"),
    ]

    def __init__(
        self,
        context: AppContext,
        meeting: Callable[[], Meeting],
        act: Callable[[str], object],
    ) -> None:
        super().__init__()
        self.context = context
        self._meeting = meeting
        self._act = act
        self._shown: Meeting | None = None
        self._tick: Tick | None = None

    def compose(self) -> ComposeResult:
        yield ItemPanel(id="present-item")
        yield BoxFigure(id="present-box")
        yield Banner(id="present-banner")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_clocks()
        # The meeting screen's clock waits meanwhile; this one asks the store instead.
        self._tick = Tick(self, REFRESH_SECONDS, self.refresh_clocks)

    def on_unmount(self) -> None:
        if self._tick is not None:
            self._tick.stop()

    @property
    def meeting(self) -> Meeting:
        """The meeting as the meeting screen has it now."""
        return self._meeting()

    def refresh_clocks(self) -> None:
        """Show the item (when it changed) and every figure as of now."""
        meeting = self.meeting
        panel = self.query_one(ItemPanel)
        if meeting != self._shown:
            if self._shown is None or meeting.state is not self._shown.state:
                self.refresh_bindings()  # space says "Resume" during a break
            self._shown = meeting
            item = meeting.current_item
            panel.show_item(
                item,
                meeting.current,
                len(meeting.items),
                self.context.config.role(item.role) if item else None,
            )
        view = timebox.box_view(meeting, self.context.clock())
        item = meeting.current_item
        panel.show_time(
            view.current_remaining,
            view.current_phase,
            item.planned_minutes if item else None,
            meeting.state is MeetingState.PAUSED,
        )
        self.query_one(BoxFigure).show_view(view, self.context.timezone)
        said = banner_text(meeting, view, self.context.timezone, facilitating=True)
        # The way out of a late box is on the board, not here: only the break's key.
        keys = said.keys if said.kind == "paused" else ()
        self.query_one(Banner).say(said.text, said.kind, keys)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "act" and parameters[:1] == ("toggle_pause",):
            paused = self.meeting.state is MeetingState.PAUSED
            return paused == (parameters[1:] == ("resume",))
        return super().check_action(action, parameters)

    def action_act(self, action: str, *_word: str) -> None:
        """Run the meeting screen's `action` and show its result at once."""
        self._act(action)
        self.refresh_clocks()

    def action_back(self) -> None:
        """Back to the board; the meeting never stopped."""
        self.dismiss(None)

    @property
    def countdown_text(self) -> str:
        """What the big digits show."""
        return self.query_one(ItemPanel).countdown_text
